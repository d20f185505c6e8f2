"""Wagtail's view restrictions read through the cache: once warm, checking them costs no query.

Two checks run on public pages:

- serving a page, Wagtail's `before_serve_page` hook asks `page.get_view_restrictions()` (the page's and
  its ancestors' restrictions: two queries) and, for a « groups » restriction, its groups (one query each):
  picked instead from the site's whole list, kept once (a page seen for the first time costs nothing);
- `PageQuerySet.public()` (workshops on a sheet, the agenda, listings) reads every restriction of the site
  (one query) to exclude the private sections.

Restrictions change only when staff edit a page's privacy, which changes the content generation
(`home.caching`), so both are kept for the current generation. The check itself still runs on every
request against the visitor (`restriction.accept_request`); only the list of restrictions is cached. The
admin's own uses of `get_view_restrictions()` (privacy dialogs, copies, aliases) are untouched: the cached
list is used only for the page being served.
"""

from django.db.models import F, Q

from wagtail.models import Page, PageViewRestriction
from wagtail.query import PageQuerySet

from .caching import cached

_get_view_restrictions = Page.get_view_restrictions


def _site_restrictions():
    """Every view restriction with its page's path and its groups, and the paths of the alias pages: the
    whole site's in two queries, once per content generation (restrictions are few)."""
    restrictions = list(PageViewRestriction.objects.annotate(page_path=F("page__path")).prefetch_related("groups"))
    aliases = set(Page.objects.filter(alias_of__isnull=False).values_list("path", flat=True))
    return restrictions, aliases


def served_page_restrictions(page, request, *serve_args):
    """Before Wagtail's check: the restrictions of the page being served, with their groups, from the cache.

    The page's and its ancestors' are picked from the site's list by path (no query for a page seen for the
    first time); a page under an alias is left to Wagtail's own lookup (which follows the alias), cached per
    page."""
    restrictions, aliases = cached(request, "site-view-restrictions", _site_restrictions)
    steps = Page.steplen
    paths = {page.path[:end] for end in range(steps, len(page.path) + 1, steps)}
    if paths & aliases:
        page._served_view_restrictions = cached(
            request,
            f"view-restrictions:{page.pk}:{page.path}",
            lambda: list(_get_view_restrictions(page).prefetch_related("groups")),
        )
    else:
        page._served_view_restrictions = [r for r in restrictions if r.page_path in paths]


def _cached_get_view_restrictions(page):
    restrictions = page.__dict__.get("_served_view_restrictions")
    return _get_view_restrictions(page) if restrictions is None else restrictions


def _restricted_sections():
    """(path, depth) of every restricted page: the private sections."""
    return cached(
        None,
        "restricted-sections",
        lambda: list(PageViewRestriction.objects.values_list("page__path", "page__depth").distinct()),
    )


def _cached_private_q(queryset):
    """Wagtail's `PageQuerySet.private_q`, on the cached list of restricted sections."""
    q = Q()
    for path, depth in _restricted_sections():
        q |= Q(path__startswith=path) & Q(depth__gte=depth)
    return q if q else Q(pk__in=[])


def install():
    Page.get_view_restrictions = _cached_get_view_restrictions
    PageQuerySet.private_q = _cached_private_q
