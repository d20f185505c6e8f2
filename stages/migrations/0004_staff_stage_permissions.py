"""Let the staff group (« Équipe ») manage host organisations, places, stage weeks and stage requests in the admin."""

from django.db import migrations

from home.permission_migrations import grant_staff_permissions, model_codenames

MODELS = ["hostorganisation", "place", "placeweek", "stageweek", "stagerequest"]


class Migration(migrations.Migration):
    dependencies = [
        ("stages", "0003_hosts_places_requests"),
        ("accounts", "0002_roles"),
    ]

    operations = [grant_staff_permissions("stages", model_codenames(MODELS))]
