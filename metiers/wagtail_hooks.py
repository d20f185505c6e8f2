"""Admin wiring: the classifications of the sheets, grouped under one « Métiers » menu."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import CentreInteret, DomaineProfessionnel, GrandDomaine, Secteur


class GrandDomaineViewSet(SnippetViewSet):
    model = GrandDomaine
    icon = "folder-open-inverse"
    menu_label = _("Grands domaines")
    list_display = ["code", "name"]
    search_fields = ["code", "name"]
    ordering = ["code"]


class DomaineProfessionnelViewSet(SnippetViewSet):
    model = DomaineProfessionnel
    icon = "folder-inverse"
    menu_label = _("Domaines professionnels")
    list_display = ["code", "name", "grand_domaine"]
    list_filter = ["grand_domaine"]
    search_fields = ["code", "name"]
    ordering = ["code"]


class SecteurViewSet(SnippetViewSet):
    model = Secteur
    icon = "site"
    menu_label = _("Secteurs d'activité")
    list_display = ["name", "code", "parent"]
    search_fields = ["code", "name"]
    ordering = ["name"]


class CentreInteretViewSet(SnippetViewSet):
    model = CentreInteret
    icon = "tag"
    menu_label = _("Centres d'intérêt")
    list_display = ["name", "slug", "rome_code", "onisep_id"]
    search_fields = ["name"]
    ordering = ["name"]


class MetiersGroup(SnippetViewSetGroup):
    items = (GrandDomaineViewSet, DomaineProfessionnelViewSet, SecteurViewSet, CentreInteretViewSet)
    menu_icon = "folder-open-1"
    menu_label = _("Métiers")
    menu_name = "metiers"


register_snippet(MetiersGroup)


@hooks.register("register_admin_urls")
def register_en_bref_report_urls():
    from .views import SheetsWithoutEnBrefView

    return [
        path("rapports/fiches-sans-en-bref/", SheetsWithoutEnBrefView.as_view(), name="metiers_without_en_bref"),
        path(
            "rapports/fiches-sans-en-bref/resultats/",
            SheetsWithoutEnBrefView.as_view(results_only=True),
            name="metiers_without_en_bref_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_en_bref_report_menu_item():
    return MenuItem(_("Fiches sans « En bref »"), reverse("metiers_without_en_bref"), icon_name="doc-full", order=710)


@hooks.register("register_admin_urls")
def register_doubtful_openings_report_urls():
    from .views import SheetsWithDoubtfulOpeningView

    return [
        path(
            "rapports/fiches-texte-douteux/",
            SheetsWithDoubtfulOpeningView.as_view(),
            name="metiers_doubtful_openings",
        ),
        path(
            "rapports/fiches-texte-douteux/resultats/",
            SheetsWithDoubtfulOpeningView.as_view(results_only=True),
            name="metiers_doubtful_openings_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_doubtful_openings_report_menu_item():
    return MenuItem(
        _("Fiches au texte d'ouverture douteux"), reverse("metiers_doubtful_openings"), icon_name="doc-full", order=711
    )
