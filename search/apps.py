from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Recherche")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from metiers import names

        from . import signals  # noqa: F401
        from .terms import sheet_matcher

        # Métier names typed outside search (a host's stage place) are found with the term dictionary.
        names.set_matcher(sheet_matcher)
