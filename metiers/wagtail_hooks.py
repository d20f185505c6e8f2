"""Admin wiring: the classifications of the sheets, grouped under one « Métiers » menu."""

from django.utils.translation import gettext_lazy as _

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
