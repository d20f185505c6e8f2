from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Recherche")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from home.caching import register_content_models
        from metiers import names

        from . import signals  # noqa: F401
        from .models import PupilWord, PupilWordSheet, SearchTerm, SheetConcepts, TermDictionaryState
        from .terms import sheet_matcher

        # The term dictionary and the pupils' words change search results; the search log (answered and
        # unanswered searches, written by anonymous visitors) never does.
        register_content_models(SearchTerm, TermDictionaryState, SheetConcepts, PupilWord, PupilWordSheet)

        # Métier names typed outside search (a host's stage place) are found with the term dictionary.
        names.set_matcher(sheet_matcher)
