"""Let the staff group (« Équipe ») edit the classifications of the sheets: grands domaines, domaines
professionnels, sectors and centres d'intérêt (snippets). Page permissions already come from the root
page (accounts/migrations/0002_roles.py)."""

from django.db import migrations

from home.permission_migrations import grant_staff_permissions, model_codenames

MODELS = ["granddomaine", "domaineprofessionnel", "secteur", "centreinteret"]


class Migration(migrations.Migration):
    dependencies = [
        ("metiers", "0001_initial"),
        ("accounts", "0002_roles"),
    ]

    operations = [grant_staff_permissions("metiers", model_codenames(MODELS))]
