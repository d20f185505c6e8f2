from django.db import migrations

from home.permission_migrations import grant_staff_permissions, model_codenames


class Migration(migrations.Migration):
    """Staff manage the requests (read, a room changed; states move through the workflow) and the pool."""

    dependencies = [("interventions", "0001_workshop_requests_and_speakers"), ("accounts", "0002_roles")]

    operations = [
        grant_staff_permissions(
            "interventions",
            model_codenames(["speaker"]) + model_codenames(["workshoprequest"], actions=("change", "view")),
        ),
    ]
