"""The admin reports « Recherches sans résultat » (what pupils typed that found nothing) and « Recherches peu
cliquées » (found results, but a result was seldom opened), counted per week, so that staff add the missing words
(Métiers › Mots des élèves). Admin users only (the admin URLs require access to the admin); the logs hold no
personal data (search.unanswered, search.clicks)."""

import datetime

from django.conf import settings
from django.db.models import F, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from wagtail.admin.views.reports import ReportView

from home.exports import SafeCsvExportMixin

from .models import AnsweredSearch, PupilWord, UnansweredSearch, week_of


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


def month_start_week(today=None):
    """The first week counted in « this month »: the week of the month's first day (the log keeps weeks only)."""
    today = today or timezone.localdate()
    return week_of(today.replace(day=1))


class UnansweredThisMonthView(SafeCsvExportMixin, ReportView):
    """The queries that found nothing most often this month, each with one click to give it a meaning: open the
    « mot des élèves » form with the query filled in, to point it at sheets or say what it means in the sheets'
    words (a concept); a word already in the list is opened for editing instead."""

    page_title = _("Recherches sans résultat du mois")
    header_icon = "search"
    results_template_name = "search/admin/unanswered_month_results.html"
    index_url_name = "search_unanswered_month"
    index_results_url_name = "search_unanswered_month_results"
    model = UnansweredSearch
    paginate_by = 50
    list_export = ["query", "total"]
    export_headings = {"query": _("Recherche"), "total": _("Nombre de fois ce mois-ci")}

    def get_filename(self):
        return f"recherches-sans-resultat-du-mois-{datetime.date.today():%Y-%m}"

    def get_queryset(self):
        return (
            UnansweredSearch.objects.filter(week__gte=month_start_week())
            .values("query")
            .annotate(total=Sum("count"))
            .order_by("-total", "query")
        )

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        rows = list(context["object_list"])
        known = {word.lower(): word for word in PupilWord.objects.values_list("word", flat=True)}
        words = {word.word.lower(): word.pk for word in PupilWord.objects.filter(word__in=known.values())}
        add_url = reverse("wagtailsnippets_search_pupilword:add")
        for row in rows:
            pk = words.get(row["query"].lower())
            if pk:
                row["map_url"] = reverse("wagtailsnippets_search_pupilword:edit", args=[pk])
                row["mapped"] = True
            else:
                row["map_url"] = f"{add_url}?{urlencode({'word': row['query']})}"
                row["mapped"] = False
        context["object_list"] = rows
        context["since"] = month_start_week()
        return context
