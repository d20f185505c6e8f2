"""Let the staff group (« Équipe ») manage host organisations, places, stage weeks and stage requests in the admin."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

STAFF_GROUP = "Équipe"
MODELS = ["hostorganisation", "place", "placeweek", "stageweek", "stagerequest"]
ACTIONS = ["add", "change", "view", "delete"]


def ensure_permissions(apps):
    # Permissions are normally created after all migrations; create this app's now so they can be granted.
    app_config = apps.get_app_config("stages")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None


def grant(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    staff, _created = Group.objects.get_or_create(name=STAFF_GROUP)
    codenames = [f"{action}_{model}" for model in MODELS for action in ACTIONS]
    staff.permissions.add(*Permission.objects.filter(content_type__app_label="stages", codename__in=codenames))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    staff = Group.objects.filter(name=STAFF_GROUP).first()
    if staff is not None:
        codenames = [f"{action}_{model}" for model in MODELS for action in ACTIONS]
        staff.permissions.remove(*Permission.objects.filter(content_type__app_label="stages", codename__in=codenames))


class Migration(migrations.Migration):
    dependencies = [
        ("stages", "0003_hosts_places_requests"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
