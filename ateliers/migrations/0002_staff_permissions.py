"""Let the staff group (« Équipe ») read and manage workshop sessions, sign-ups and feedback in the admin."""

from django.db import migrations

from home.permission_migrations import grant_staff_permissions, model_codenames

MODELS = ["session", "signup", "feedback"]
ACTIONS = ("change", "view")


class Migration(migrations.Migration):
    dependencies = [
        ("ateliers", "0001_parcours_decouverte"),
        ("accounts", "0002_roles"),
    ]

    operations = [grant_staff_permissions("ateliers", model_codenames(MODELS, ACTIONS))]
