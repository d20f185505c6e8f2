"""Let the staff group (« Équipe ») record volunteers' charter and attestation dates and change the CV help's
settings in the admin."""

from django.db import migrations

from home.permission_migrations import grant_staff_permissions

CODENAMES = [
    "add_volunteerprofile",
    "change_volunteerprofile",
    "view_volunteerprofile",
    "change_helpsettings",
    "view_helpsettings",
]


class Migration(migrations.Migration):
    dependencies = [
        ("accompagnement", "0001_documents_versions_comments_assignments"),
        ("accounts", "0002_roles"),
    ]

    operations = [grant_staff_permissions("accompagnement", CODENAMES)]
