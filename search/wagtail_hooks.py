"""Admin wiring of the search: staff's « mots des élèves » and the reports of searches without results and of
searches with few clicks."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet

from .models import PupilWord


class PupilWordCreateView(CreateView):
    """The form opened from the report « Recherches sans résultat du mois »: the query is filled in (?word=)."""

    def get_initial(self):
        initial = super().get_initial()
        word = str(self.request.GET.get("word", "")).strip()[: PupilWord._meta.get_field("word").max_length]
        if word:
            initial["word"] = word
            initial["note"] = _("Recherche sans résultat (rapport du mois).")
        return initial


class PupilWordViewSet(SnippetViewSet):
    """Words pupils use for jobs, each pointing to sheets: used by the search and autocomplete once saved."""

    model = PupilWord
    add_view_class = PupilWordCreateView
    icon = "openquote"
    menu_label = _("Mots des élèves")
    menu_name = "pupil_words"
    add_to_admin_menu = True
    menu_order = 250
    list_display = ["word", "sheet_titles", "meaning", "note"]
    search_fields = ["word", "meaning", "note"]
    ordering = ["word"]


register_snippet(PupilWordViewSet)


@hooks.register("register_admin_urls")
def register_unanswered_report_urls():
    from .admin_views import FewClicksSearchesView, UnansweredSearchesView, UnansweredThisMonthView

    return [
        path(
            "rapports/recherches-sans-resultat-du-mois/",
            UnansweredThisMonthView.as_view(),
            name="search_unanswered_month",
        ),
        path(
            "rapports/recherches-sans-resultat-du-mois/resultats/",
            UnansweredThisMonthView.as_view(results_only=True),
            name="search_unanswered_month_results",
        ),
        path("rapports/recherches-sans-resultat/", UnansweredSearchesView.as_view(), name="search_unanswered"),
        path(
            "rapports/recherches-sans-resultat/resultats/",
            UnansweredSearchesView.as_view(results_only=True),
            name="search_unanswered_results",
        ),
        path("rapports/recherches-peu-cliquees/", FewClicksSearchesView.as_view(), name="search_few_clicks"),
        path(
            "rapports/recherches-peu-cliquees/resultats/",
            FewClicksSearchesView.as_view(results_only=True),
            name="search_few_clicks_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_unanswered_report_menu_item():
    return MenuItem(_("Recherches sans résultat"), reverse("search_unanswered"), icon_name="search", order=720)


@hooks.register("register_reports_menu_item")
def register_few_clicks_report_menu_item():
    return MenuItem(_("Recherches peu cliquées"), reverse("search_few_clicks"), icon_name="search", order=721)


@hooks.register("register_reports_menu_item")
def register_unanswered_month_report_menu_item():
    return MenuItem(
        _("Recherches sans résultat du mois"), reverse("search_unanswered_month"), icon_name="search", order=719
    )
