from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MetiersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "metiers"
    verbose_name = _("Fiches métiers")
