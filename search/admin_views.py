"""The admin report « Recherches sans résultat »: what pupils typed that found nothing, counted per week, so
that staff add the missing words (Métiers › Mots des élèves). Admin users only (the admin URLs require access
to the admin); the log holds no personal data (search.unanswered)."""

import datetime

from django.utils.translation import gettext_lazy as _

from wagtail.admin.views.reports import ReportView

from home.exports import SafeCsvExportMixin

from .models import UnansweredSearch


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
