"""Let the staff group (« Équipe ») set the collèges' orientation calendars in the admin."""

from django.db import migrations

from home.permission_migrations import grant_staff_permissions, model_codenames


class Migration(migrations.Migration):
    dependencies = [
        ("carnet", "0002_orientation_calendar"),
        ("accounts", "0002_roles"),
    ]

    operations = [grant_staff_permissions("carnet", model_codenames(["step"]))]
