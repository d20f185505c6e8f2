"""Let the staff group (« Équipe ») read and manage workshop sessions, sign-ups and feedback in the admin."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

STAFF_GROUP = "Équipe"
MODELS = ["session", "signup", "feedback"]
ACTIONS = ["change", "view"]


def ensure_permissions(apps):
    # Permissions are normally created after all migrations; create this app's now so they can be granted.
    app_config = apps.get_app_config("ateliers")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None


def grant(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    staff, _created = Group.objects.get_or_create(name=STAFF_GROUP)
    codenames = [f"{action}_{model}" for model in MODELS for action in ACTIONS]
    staff.permissions.add(*Permission.objects.filter(content_type__app_label="ateliers", codename__in=codenames))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    staff = Group.objects.filter(name=STAFF_GROUP).first()
    if staff is not None:
        codenames = [f"{action}_{model}" for model in MODELS for action in ACTIONS]
        staff.permissions.remove(*Permission.objects.filter(content_type__app_label="ateliers", codename__in=codenames))


class Migration(migrations.Migration):
    dependencies = [
        ("ateliers", "0001_parcours_decouverte"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
