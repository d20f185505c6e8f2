"""Staff (« Équipe ») read the audit log and erase a person's data on request."""

from django.db import migrations

from accounts.roles import STAFF_PRIVACY_PERMISSIONS, Role


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    staff = Group.objects.get(name=Role.STAFF.value)
    for app_label, codename in STAFF_PRIVACY_PERMISSIONS:
        staff.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    staff = Group.objects.filter(name=Role.STAFF.value).first()
    if staff is not None:
        for app_label, codename in STAFF_PRIVACY_PERMISSIONS:
            staff.permissions.remove(*Permission.objects.filter(content_type__app_label=app_label, codename=codename))


class Migration(migrations.Migration):
    dependencies = [("accounts", "0004_pupil_activation_and_consent"), ("auditlog", "__latest__")]

    operations = [migrations.RunPython(grant, revoke)]
