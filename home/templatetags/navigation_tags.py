"""Header navigation, breadcrumbs and the language switcher.

Each is computed once per content generation and kept in the cache (`home.caching.cached`): once warm, the
header and breadcrumbs cost no SQL query. What depends on the request only (which item is the current page)
is worked out on the cached data.
"""

from django import template
from django.conf import settings
from django.db.models import Count
from django.urls import translate_url
from django.utils import translation

from wagtail.models import Page

from home.caching import cached
from home.i18n import real_urls, with_language_prefix
from home.routing import public_root_url, site_for_request

register = template.Library()


@register.inclusion_tag("includes/main_nav.html", takes_context=True)
def main_nav(context):
    """The home page's children shown in menus, in the visitor's language where translated, else in French
    (marked `lang="fr"`, at their address under the visitor's language: see `home.i18n`)."""
    request = context.get("request")
    site = site_for_request(request) if request else None
    current = context.get("page")
    items = []
    if site is not None:
        key = f"main-nav:{site.pk}:{translation.get_language()}:{_host(request)}"
        items = [dict(item) for item in cached(request, key, lambda: _menu_items(site, request))]
        current_path = getattr(current, "path", "")
        current_key = getattr(current, "translation_key", None)
        for item in items:
            item["is_current"] = current is not None and (
                item["pk"] == current.pk or item["translation_key"] == current_key
            )
            item["is_ancestor"] = not item["is_current"] and current_path.startswith(item["path"])
    return {"items": items, "current": current, "request": request}


def _host(request):
    """Page URLs are relative with one site, absolute with several: cached links depend on the host."""
    return request.get_host() if request is not None else ""


def _menu_items(site, request):
    source_root = site.root_page
    root = source_root.localized
    pages = list(source_root.get_children().live().in_menu().public().specific(defer=True))
    if root.pk != source_root.pk:
        translated = {page.translation_key: page for page in root.get_children().live().public().specific(defer=True)}
        pages = [translated.get(page.translation_key, page) for page in pages]
    items = []
    for page in pages:
        content_language = page.locale.language_code if page.locale_id != root.locale_id else None
        title, hreflang = page.title, None
        # A page not translated into the visitor's language: its page type's menu label, in that language
        # (`menu_label`, gettext), when it has one; the link says the page is in French (hreflang).
        label = getattr(type(page), "menu_label", None) if content_language else None
        if label:
            title, hreflang, content_language = str(label), content_language, None
        items.append(
            {
                "pk": page.pk,
                "translation_key": page.translation_key,
                "path": page.path,
                "url": page.get_url(request),
                "title": title,
                "content_language": content_language,
                "hreflang": hreflang,
            }
        )
    return items


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    request = context.get("request")
    crumbs = {"ancestors": [], "language": None}
    if isinstance(page, Page) and page.depth > 2 and page.pk:
        # The ancestors are the parent's: one copy for all the sheets of the catalogue (a sheet seen for the
        # first time reads no query for its breadcrumbs).
        parent_path = page.path[: -Page.steplen]
        key = f"breadcrumbs:{parent_path}:{page.locale_id}:{translation.get_language()}:{_host(request)}"
        crumbs = cached(request, key, lambda: _breadcrumbs(page, request))
    content_language = None
    if crumbs["ancestors"] and crumbs["language"] != translation.get_language():
        content_language = crumbs["language"]
    return {"ancestors": crumbs["ancestors"], "page": page, "content_language": content_language, "request": request}


def _breadcrumbs(page, request):
    ancestors = page.get_ancestors().filter(depth__gte=2).live().specific(defer=True)
    return {
        "ancestors": [{"url": ancestor.get_url(request), "title": ancestor.title} for ancestor in ancestors],
        "language": page.locale.language_code,
    }


def _translations(page, request=None):
    """{language code: live translation} of `page`, itself included; read once per request (the language
    links and the `hreflang` alternates of a page seen for the first time both need them)."""
    if not isinstance(page, Page) or not page.pk:
        return {}
    memo = request.__dict__.setdefault("_page_translations", {}) if request is not None else {}
    if page.pk not in memo and page.translation_key not in cached(request, "translated-keys", _translated_keys):
        # Not translated (every sheet today): itself, if live, without a query.
        memo[page.pk] = {page.locale.language_code: page} if page.live else {}
    if page.pk not in memo:
        memo[page.pk] = {
            translated.locale.language_code: translated
            for translated in page.get_translations(inclusive=True).live().select_related("locale")
        }
    return memo[page.pk]


def _translated_keys():
    """The translation keys shared by more than one page (the pages that have a translation), for the content
    generation: few, read in one query."""
    rows = Page.objects.order_by().values("translation_key").annotate(pages=Count("pk")).filter(pages__gt=1)
    return {row["translation_key"] for row in rows}


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to the current page in each language: its translation when it exists, else the French page
    under that language's prefix (shown in French with a notice, see `home.i18n`). A view whose address
    takes only POST gives the address to link instead as `language_switch_path`."""
    request = context.get("request")
    page = context.get("page")
    current_code = translation.get_language()
    urls = {}
    if isinstance(page, Page) and page.pk:
        urls = cached(request, f"language-links:{page.pk}:{_host(request)}", lambda: _language_urls(page, request))
    links = []
    for code, name in settings.LANGUAGES:
        url = urls.get(code)
        if url is None and request is not None:
            # A page shown in answer to a POST (a printed sheet, a form sent back with its errors) names the
            # address of its GET page: the same address in another language would answer 405.
            url = translate_url(context.get("language_switch_path") or request.path, code)
        links.append({"code": code, "name": name, "url": url, "current": code == current_code})
    return {"links": links}


def _language_urls(page, request):
    translations = _translations(page, request)
    source = translations.get(settings.LANGUAGE_CODE)
    urls = {}
    with real_urls():
        for code, _name in settings.LANGUAGES:
            if code in translations:
                urls[code] = translations[code].get_url(request)
            elif source is not None:
                urls[code] = with_language_prefix(source.get_url(request), code)
    return urls


@register.inclusion_tag("includes/page_alternates.html", takes_context=True)
def page_alternates(context):
    """The canonical address of the page and its `hreflang` alternates: only real translations (a French
    page shown under /ar/ is the French page: its canonical address is the French one)."""
    request = context.get("request")
    page = context.get("page")
    if not isinstance(page, Page) or not page.pk:
        return {}
    return cached(
        request,
        f"alternates:{page.pk}:{request.scheme if request else ''}:{_host(request)}",
        lambda: _alternates(page, request),
    )


def _full_url(page, request):
    """The page's absolute address from the site's configured root URL (`home.routing.public_root_url`)."""
    parts = page.get_url_parts(request)
    if parts is None:
        return None
    _site_id, root_url, page_path = parts
    return public_root_url(root_url) + page_path


def _alternates(page, request):
    translations = _translations(page, request)
    with real_urls():
        canonical = _full_url(page, request)
        alternates = [
            {"code": code, "url": _full_url(translations[code], request)}
            for code, _name in settings.LANGUAGES
            if code in translations
        ]
    default = next((item["url"] for item in alternates if item["code"] == settings.LANGUAGE_CODE), None)
    return {"canonical": canonical, "alternates": alternates, "x_default": default}


@register.simple_tag(takes_context=True)
def content_generation(context):
    """The current content generation, for `{% cache %}` keys (see home.caching)."""
    from home.caching import request_generation

    return request_generation(context.get("request"))


@register.simple_tag
def page_numbers(page_obj):
    """The page numbers to link around the current page (1 … 4 5 6 … 23): `Paginator.ELLIPSIS` marks a gap."""
    return list(page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1))
