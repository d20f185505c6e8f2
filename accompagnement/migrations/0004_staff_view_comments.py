"""Let the staff group (« Équipe ») read the volunteers' comments and their moderation in the admin (read
only: publishing or removing one goes through the console)."""

from django.db import migrations

from home.permission_migrations import grant_staff_permissions


class Migration(migrations.Migration):
    dependencies = [
        ("accompagnement", "0003_states_as_fsm_english_values"),
    ]

    operations = [grant_staff_permissions("accompagnement", ["view_comment"])]
