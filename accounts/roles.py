"""The people who use the portal. Each role is a Django group created by a data migration."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """Group names. The value is the group's name as staff see it in the admin."""

    STAFF = "Équipe", _("Équipe de l'association")
    TEACHER = "Professeur", _("Professeur")
    VOLUNTEER = "Bénévole", _("Bénévole")
    PROFESSIONAL = "Professionnel", _("Professionnel")
    PUPIL = "Élève", _("Élève")
    PARENT = "Parent", _("Parent")
    PARTNER = "Partenaire", _("Partenaire")


# Permissions of the staff group, as (app_label, codename). Other roles have no model permission:
# what they may see on the public site is decided by each view, for the objects that are theirs.
STAFF_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "delete_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "delete_document"),
    ("wagtaildocs", "choose_document"),
    ("wagtailredirects", "add_redirect"),
    ("wagtailredirects", "change_redirect"),
    ("wagtailredirects", "delete_redirect"),
    ("wagtailsearchpromotions", "add_query"),
    ("wagtailsearchpromotions", "change_query"),
    ("wagtailsearchpromotions", "delete_query"),
    ("home", "change_sitesettings"),
    ("accounts", "view_user"),
    ("accounts", "add_user"),
    ("accounts", "change_user"),
    ("accounts", "view_school"),
    ("accounts", "add_school"),
    ("accounts", "change_school"),
    ("accounts", "delete_school"),
    ("accounts", "view_schoolclass"),
    ("accounts", "add_schoolclass"),
    ("accounts", "change_schoolclass"),
    ("accounts", "delete_schoolclass"),
    ("accounts", "import_pupils"),
    ("wagtail_localize", "submit_translation"),
]

# Page permissions given to staff on the root page (so on every page of every locale).
STAFF_PAGE_PERMISSIONS = [
    "add_page",
    "change_page",
    "publish_page",
    "bulk_delete_page",
    "lock_page",
    "unlock_page",
]

# Granted to staff by migration 0005, after the audit log app exists: reading the audit log, erasing a
# person's data on request.
STAFF_PRIVACY_PERMISSIONS = [
    ("auditlog", "view_logentry"),
    ("accounts", "erase_personal_data"),
]
