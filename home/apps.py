from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Accueil et pages communes")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import media  # noqa: F401 (connects the private documents' file naming)
