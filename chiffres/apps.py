from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChiffresConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "chiffres"
    verbose_name = _("Chiffres du projet")
