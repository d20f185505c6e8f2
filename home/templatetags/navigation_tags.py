"""Header navigation, breadcrumbs and the language switcher."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation

from wagtail.models import Locale, Page, Site

register = template.Library()


def _site_root(request):
    site = Site.find_for_request(request) if request else None
    if site is None:
        return None
    return site.root_page.localized


@register.inclusion_tag("includes/main_nav.html", takes_context=True)
def main_nav(context):
    request = context.get("request")
    root = _site_root(request)
    current = context.get("page")
    items = []
    if root is not None:
        items = list(root.get_children().live().in_menu().public().only("id", "title", "url_path", "path", "depth"))
        current_path = getattr(current, "path", "")
        for item in items:
            item.is_current = current is not None and item.pk == current.pk
            item.is_ancestor = not item.is_current and current_path.startswith(item.path)
    return {"root": root, "items": items, "current": current, "request": request}


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    ancestors = []
    if isinstance(page, Page) and page.depth > 2:
        ancestors = list(
            page.get_ancestors().filter(depth__gte=2).live().only("id", "title", "url_path", "path", "depth")
        )
    return {"ancestors": ancestors, "page": page, "request": context.get("request")}


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to the current page in each language; the language's home page when no translation exists."""
    request = context.get("request")
    page = context.get("page")
    current_code = translation.get_language()
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    translations = {}
    if isinstance(page, Page) and page.pk:
        for translated in page.get_translations(inclusive=True).live().select_related("locale"):
            translations[translated.locale.language_code] = translated
    root = _site_root(request)
    links = []

    for code, name in settings.LANGUAGES:
        url = None
        if isinstance(page, Page):
            if code in translations:
                url = translations[code].get_url(request)
            elif root is not None and code in locales:
                home = root.get_translations(inclusive=True).filter(locale=locales[code]).live().first()
                url = home.get_url(request) if home else None
        if url is None and request is not None:
            url = translate_url(request.path, code)
        links.append({"code": code, "name": name, "url": url, "current": code == current_code})
    return {"links": links}


@register.simple_tag
def page_numbers(page_obj):
    """The page numbers to link around the current page (1 … 4 5 6 … 23): `Paginator.ELLIPSIS` marks a gap."""
    return list(page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1))
