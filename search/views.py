"""The search page and its autocomplete endpoint."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from wagtail.models import Locale, Page

from . import terms
from .engine import TYPES_BY_KEY, SiteSearch, audience_key, visible_pages
from .signals import generation
from .text import clean_query, fold, search_words_of

# Autocomplete: at most RATE requests per WINDOW seconds per client address; answers cached CACHE seconds.
AUTOCOMPLETE_RATE = getattr(settings, "SEARCH_AUTOCOMPLETE_RATE", 30)
AUTOCOMPLETE_WINDOW = getattr(settings, "SEARCH_AUTOCOMPLETE_WINDOW", 10)
AUTOCOMPLETE_CACHE = 60
AUTOCOMPLETE_SIZE = 8


def current_locale():
    try:
        return Locale.get_active()
    except Locale.DoesNotExist:
        return Locale.get_default()


@require_GET
def search(request):
    if rate_limited(request):  # a long worst-case query costs about a second: the autocomplete's limit
        response = TemplateResponse(request, "search/too_many_requests.html", status=429)
        response["Retry-After"] = str(AUTOCOMPLETE_WINDOW)
        return response
    site_search = SiteSearch(request.GET, request.user, current_locale())
    return TemplateResponse(
        request,
        "search/search.html",
        {"search": site_search, "search_query": site_search.query},
    )


def rate_limited(request):
    """Fixed window per client address, in the shared cache (Redis in production)."""
    address = request.META.get("REMOTE_ADDR", "unknown")
    key = f"search:rate:{address}"
    cache.add(key, 0, AUTOCOMPLETE_WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, AUTOCOMPLETE_WINDOW)
        count = 1
    return count > AUTOCOMPLETE_RATE


@require_GET
def autocomplete(request):
    """JSON suggestions for the header search box: [{title, url, type}], visible pages only."""
    if rate_limited(request):
        response = JsonResponse(
            {"error": _("Trop de requêtes : attends quelques secondes avant de réessayer.")}, status=429
        )
        response["Retry-After"] = str(AUTOCOMPLETE_WINDOW)
        return response
    query = clean_query(request.GET.get("q", ""))
    folded = fold(query)
    if len(folded) < 2 or not search_words_of(folded):
        return JsonResponse([], safe=False)
    locale = current_locale()
    digest = hashlib.sha256(folded.encode()).hexdigest()[:32]
    key = f"search:ac:{generation()}:{locale.language_code}:{audience_key(request.user)}:{digest}"
    suggestions = cache.get(key)
    if suggestions is None:
        suggestions = suggest(request, folded, locale)
        cache.set(key, suggestions, AUTOCOMPLETE_CACHE)
    return JsonResponse(suggestions, safe=False)


def suggest(request, folded, locale):
    visible = visible_pages(request.user, locale)
    ids = [match.page_id for match in terms.match(folded, set(visible), limit=AUTOCOMPLETE_SIZE, prefix=True)]
    others = [page_id for page_id, kind in visible.items() if kind != "metier"]
    if len(ids) < AUTOCOMPLETE_SIZE and others:
        try:
            found = Page.objects.filter(pk__in=others).autocomplete(folded)[: AUTOCOMPLETE_SIZE - len(ids)]
            ids += [page.pk for page in found if page.pk not in ids]
        except Exception:  # noqa: S110 (a backend error leaves the sheets' suggestions)
            pass
    pages = {page.pk: page for page in Page.objects.filter(pk__in=ids)}
    return [
        {
            "title": pages[pk].title,
            "url": pages[pk].get_url(request),
            "type": str(TYPES_BY_KEY[visible[pk]].label),
        }
        for pk in ids
        if pk in pages
    ]
