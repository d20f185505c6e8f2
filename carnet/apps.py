from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CarnetConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "carnet"
    verbose_name = _("Carnet d'orientation")
