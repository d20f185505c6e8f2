"""Let the staff group (« Équipe ») keep the glossary (snippet « Lexique »). The group is found or created by
name, as accounts/migrations/0002_roles.py does, so that `home` keeps depending on no other app of ours."""

from django.db import migrations

from home.permission_migrations import grant_staff_permissions, model_codenames

MODELS = ["glossaryterm"]


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0005_glossary"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [grant_staff_permissions("home", model_codenames(MODELS))]
