"""Let the staff group (« Équipe ») record volunteers' charter and attestation dates and change the CV help's
settings in the admin."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

STAFF_GROUP = "Équipe"
CODENAMES = [
    "add_volunteerprofile",
    "change_volunteerprofile",
    "view_volunteerprofile",
    "change_helpsettings",
    "view_helpsettings",
]


def ensure_permissions(apps):
    # Permissions are normally created after all migrations; create this app's now so they can be granted.
    app_config = apps.get_app_config("accompagnement")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None


def grant(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    staff, _created = Group.objects.get_or_create(name=STAFF_GROUP)
    staff.permissions.add(*Permission.objects.filter(content_type__app_label="accompagnement", codename__in=CODENAMES))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    staff = Group.objects.filter(name=STAFF_GROUP).first()
    if staff is not None:
        staff.permissions.remove(
            *Permission.objects.filter(content_type__app_label="accompagnement", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("accompagnement", "0001_documents_versions_comments_assignments"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
