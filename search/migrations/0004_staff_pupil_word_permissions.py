"""Let the staff group (« Équipe ») keep the « mots des élèves » of the search. The group is found or created by
name, as accounts/migrations/0002_roles.py does, so that `search` keeps depending on no other app of ours."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

STAFF_GROUP = "Équipe"
MODELS = ["pupilword", "pupilwordsheet"]
ACTIONS = ["add", "change", "delete", "view"]


def ensure_permissions(apps):
    # Permissions are normally created after all migrations; create this app's now so they can be granted.
    app_config = apps.get_app_config("search")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None


def grant(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    staff, _created = Group.objects.get_or_create(name=STAFF_GROUP)
    codenames = [f"{action}_{model}" for model in MODELS for action in ACTIONS]
    staff.permissions.add(*Permission.objects.filter(content_type__app_label="search", codename__in=codenames))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    staff = Group.objects.filter(name=STAFF_GROUP).first()
    if staff is not None:
        codenames = [f"{action}_{model}" for model in MODELS for action in ACTIONS]
        staff.permissions.remove(*Permission.objects.filter(content_type__app_label="search", codename__in=codenames))


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_pupil_words_concepts_unanswered_searches"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
