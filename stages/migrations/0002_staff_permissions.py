"""Let the staff group (« Équipe ») read the professionals' proposals and mark them handled."""

from django.db import migrations

from home.permission_migrations import grant_staff_permissions, model_codenames

MODELS = ["professionalproposal"]
ACTIONS = ("change", "view")


class Migration(migrations.Migration):
    dependencies = [
        ("stages", "0001_professional_proposals"),
        ("accounts", "0002_roles"),
    ]

    operations = [grant_staff_permissions("stages", model_codenames(MODELS, ACTIONS))]
