"""Admin wiring of the base app: the glossary snippet, and images kept out of private collections (see
`home.media`)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.images import get_image_model
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .caching import depends_on, page_key
from .media import PRIVATE_COLLECTION_MESSAGE, is_private_collection
from .models import GlossaryTerm
from .restrictions import served_page_restrictions


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


@hooks.register("before_bulk_action")
def refuse_images_in_private_collections(request, action_type, objects, action_class_instance):
    if action_type != "add_to_collection" or get_image_model() not in action_class_instance.models:
        return None
    collection = action_class_instance.cleaned_form.cleaned_data.get("collection")
    if is_private_collection(collection):
        messages.error(request, PRIVATE_COLLECTION_MESSAGE % {"name": collection.name})
        return redirect(action_class_instance.next_url or "wagtailimages:index")
    return None


# Before Wagtail's own check (order 0): the served page's view restrictions come from the cache.
hooks.register("before_serve_page", served_page_restrictions, order=-1)


@hooks.register("before_serve_page", order=-2)
def depend_on_the_served_page(page, request, serve_args, serve_kwargs):
    """The page cache keeps this page's copy until this page changes (home.caching.page_changed) or the
    content generation does."""
    depends_on(request, page_key(page.pk))
