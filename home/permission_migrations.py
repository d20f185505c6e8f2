"""The data-migration operation that lets the staff group (« Équipe ») manage an app's models in the admin.

The group is found or created by name, as accounts/migrations/0002_roles.py does, so that an app's
migrations depend on no other app of ours for it.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

STAFF_GROUP = "Équipe"


def model_codenames(models, actions=("add", "change", "delete", "view")):
    """`["add_place", "change_place", …]` for these model names and actions."""
    return [f"{action}_{model}" for model in models for action in actions]


def grant_staff_permissions(app_label, codenames):
    """A RunPython granting these permissions of `app_label` to the staff group (revoking them backwards)."""

    def permissions(apps):
        Permission = apps.get_model("auth.Permission")
        return Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)

    def grant(apps, schema_editor):
        # Permissions are normally created after all migrations; create this app's now so they can be granted.
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
        staff, _created = apps.get_model("auth.Group").objects.get_or_create(name=STAFF_GROUP)
        staff.permissions.add(*permissions(apps))

    def revoke(apps, schema_editor):
        staff = apps.get_model("auth.Group").objects.filter(name=STAFF_GROUP).first()
        if staff is not None:
            staff.permissions.remove(*permissions(apps))

    return migrations.RunPython(grant, revoke)
