"""Admin wiring of the search: staff's « mots des élèves » and the report of searches without results."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import PupilWord


class PupilWordViewSet(SnippetViewSet):
    """Words pupils use for jobs, each pointing to sheets: used by the search and autocomplete once saved."""

    model = PupilWord
    icon = "openquote"
    menu_label = _("Mots des élèves")
    menu_name = "pupil_words"
    add_to_admin_menu = True
    menu_order = 250
    list_display = ["word", "sheet_titles", "note"]
    search_fields = ["word", "note"]
    ordering = ["word"]


register_snippet(PupilWordViewSet)


@hooks.register("register_admin_urls")
def register_unanswered_report_urls():
    from .admin_views import UnansweredSearchesView

    return [
        path("rapports/recherches-sans-resultat/", UnansweredSearchesView.as_view(), name="search_unanswered"),
        path(
            "rapports/recherches-sans-resultat/resultats/",
            UnansweredSearchesView.as_view(results_only=True),
            name="search_unanswered_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_unanswered_report_menu_item():
    return MenuItem(_("Recherches sans résultat"), reverse("search_unanswered"), icon_name="search", order=720)
