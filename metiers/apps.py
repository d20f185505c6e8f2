from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MetiersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "metiers"
    verbose_name = _("Fiches métiers")

    def ready(self):
        from home.caching import register_content_models

        register_content_models(*self.get_models())  # every model of this app is public content
