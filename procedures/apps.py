from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProceduresConfig(AppConfig):
    name = "procedures"
    verbose_name = _("Procédures internes de l'association")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from home.caching import register_content_models

        from . import signals  # noqa: F401

        # The procedures are pages (private, never in the page cache) with their steps and attachments.
        register_content_models(*self.get_models())
