"""The search page and its autocomplete endpoint."""

import hashlib

from django.core.cache import cache
from django.http import HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from wagtail.models import Locale, Page

from home.rate_limits import rate_limit
from home.text import fold

from . import clicks, concepts, terms, unanswered
from .engine import LETTERS_ONLY_SCORE, TYPES_BY_KEY, SiteSearch, audience_key, visible_pages
from .signals import generation
from .text import clean_query, search_words_of

# Autocomplete answers are cached CACHE seconds; its rate limit is RATE_LIMITS["search_autocomplete"].
AUTOCOMPLETE_CACHE = 60
AUTOCOMPLETE_SIZE = 8
# The sheets found by meaning (search.concepts) are offered down to this share of the best one's score.
AUTOCOMPLETE_CONCEPT_SCORE = 0.5


def current_locale():
    try:
        return Locale.get_active()
    except Locale.DoesNotExist:
        return Locale.get_default()


@require_GET
@rate_limit("search_page")  # a long worst-case query costs about a second
def search(request):
    site_search = SiteSearch(request.GET, request.user, current_locale())
    response = TemplateResponse(
        request,
        "search/search.html",
        # The token lets the browser count this search and the opening of a result (search.clicks); it is
        # the same for every visitor, so the page stays in the anonymous page cache.
        {"search": site_search, "search_query": site_search.query, "click_token": clicks.token_for(site_search.typed)},
    )
    if site_search.found_nothing and not request.GET.get("page"):
        # Counted once per search (not per page of results), anonymously: see search.unanswered. Not kept
        # in the anonymous page cache (home.page_cache), so that each such search reaches the count.
        # The filters look at what was typed: the cleaned query has lost the « @ » of an e-mail address.
        unanswered.record(site_search.typed)
        patch_cache_control(response, no_cache=True)
    return response


@csrf_exempt  # the page of results may come from the anonymous page cache, which holds no CSRF token
@require_POST
@rate_limit("search_beacon", json=True)
def beacon(request):
    """The browser's anonymous count of a search with results, or of a result opened from it (search.clicks)."""
    clicks.record(request.POST.get("t", ""), request.POST.get("e", ""))
    return HttpResponse(status=204)


@require_GET
@rate_limit("search_autocomplete", json=True)
def autocomplete(request):
    """JSON suggestions for the header search box: [{title, url, type}], visible pages only."""
    return JsonResponse(suggestions_for(request, request.GET.get("q", ""), current_locale()), safe=False)


def suggestions_for(request, typed, locale):
    """The autocomplete's suggestions for what was typed, cached per kind of visitor (the JSON API's too)."""
    folded = fold(clean_query(typed))
    if len(folded) < 2 or not search_words_of(folded):
        return []
    digest = hashlib.sha256(folded.encode()).hexdigest()[:32]
    key = f"search:ac:{generation()}:{locale.language_code}:{audience_key(request.user)}:{digest}"
    suggestions = cache.get(key)
    if suggestions is None:
        suggestions = suggest(request, folded, locale)
        cache.set(key, suggestions, AUTOCOMPLETE_CACHE)
    return suggestions


def suggest(request, folded, locale):
    visible = visible_pages(request.user, locale)
    # As on the search page: a name that shares letters only with what is typed is not offered.
    matches = terms.match(folded, set(visible), limit=AUTOCOMPLETE_SIZE * 2, prefix=True)
    ids = [
        match.page_id
        for match in matches
        if match.score >= LETTERS_ONLY_SCORE or concepts.more_than_letters(folded, match.label)
    ][:AUTOCOMPLETE_SIZE]
    # A wish or everyday words (« travailler avec les ordis », « bagnole »): the sheets whose texts say so.
    if len(ids) < AUTOCOMPLETE_SIZE and (len(search_words_of(folded)) > 1 or concepts.read(folded).read_as):
        sheets = {page_id for page_id, kind in visible.items() if kind == "metier"}
        for page_id, score in concepts.search(folded, sheets, limit=AUTOCOMPLETE_SIZE):
            if score >= AUTOCOMPLETE_CONCEPT_SCORE and page_id not in ids and len(ids) < AUTOCOMPLETE_SIZE:
                ids.append(page_id)
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
