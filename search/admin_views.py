"""The admin reports « Recherches sans résultat » (what pupils typed that found nothing) and « Recherches peu
cliquées » (found results, but a result was seldom opened), counted per week, so that staff add the missing words
(Métiers › Mots des élèves). Admin users only (the admin URLs require access to the admin); the logs hold no
personal data (search.unanswered, search.clicks)."""

import datetime

from django.conf import settings
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from wagtail.admin.views.reports import ReportView

from home.exports import SafeCsvExportMixin

from .models import AnsweredSearch, UnansweredSearch


class UnansweredSearchesView(SafeCsvExportMixin, ReportView):
    page_title = _("Recherches sans résultat")
    header_icon = "search"
    results_template_name = "search/admin/unanswered_results.html"
    index_url_name = "search_unanswered"
    index_results_url_name = "search_unanswered_results"
    model = UnansweredSearch
    paginate_by = 100
    list_export = ["week", "query", "count"]
    export_headings = {"week": _("Semaine du"), "query": _("Recherche"), "count": _("Nombre de fois")}

    def get_filename(self):
        return f"recherches-sans-resultat-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        return UnansweredSearch.objects.order_by("-week", "-count", "query")


class FewClicksSearchesView(SafeCsvExportMixin, ReportView):
    """Queries that found results but after which a result was seldom opened (below SEARCH_FEW_CLICKS_PERCENT %
    of at least SEARCH_FEW_CLICKS_MIN_SEARCHES searches in the week): the results probably miss what was meant."""

    page_title = _("Recherches peu cliquées")
    header_icon = "search"
    results_template_name = "search/admin/few_clicks_results.html"
    index_url_name = "search_few_clicks"
    index_results_url_name = "search_few_clicks_results"
    model = AnsweredSearch
    paginate_by = 100
    list_export = ["week", "query", "searches", "opens"]
    export_headings = {
        "week": _("Semaine du"),
        "query": _("Recherche"),
        "searches": _("Recherches"),
        "opens": _("Résultat ouvert"),
    }

    def get_filename(self):
        return f"recherches-peu-cliquees-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        return (
            AnsweredSearch.objects.filter(searches__gte=settings.SEARCH_FEW_CLICKS_MIN_SEARCHES)
            .alias(scaled_opens=F("opens") * 100, scaled_searches=F("searches") * settings.SEARCH_FEW_CLICKS_PERCENT)
            .filter(scaled_opens__lt=F("scaled_searches"))
            .order_by("-week", "-searches", "query")
        )

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["percent"] = settings.SEARCH_FEW_CLICKS_PERCENT
        context["min_searches"] = settings.SEARCH_FEW_CLICKS_MIN_SEARCHES
        return context
