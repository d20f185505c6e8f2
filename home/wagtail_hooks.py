"""Admin wiring of the site-wide snippets: the glossary."""

from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import GlossaryTerm


class GlossaryTermViewSet(SnippetViewSet):
    model = GlossaryTerm
    icon = "help"
    menu_label = _("Lexique")
    add_to_admin_menu = True
    menu_order = 250
    list_display = ["term", "definition"]
    search_fields = ["term", "variants", "definition"]
    ordering = ["term"]


register_snippet(GlossaryTermViewSet)
