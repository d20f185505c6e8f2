"""Let the staff group (« Équipe ») keep the « mots des élèves » of the search. The group is found or created by
name, as accounts/migrations/0002_roles.py does, so that `search` keeps depending on no other app of ours."""

from django.db import migrations

from home.permission_migrations import grant_staff_permissions, model_codenames

MODELS = ["pupilword", "pupilwordsheet"]


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_pupil_words_concepts_unanswered_searches"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [grant_staff_permissions("search", model_codenames(MODELS))]
