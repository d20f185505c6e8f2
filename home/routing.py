"""Page routing and locales read through the cache: once warm, finding the page of a URL costs one query.

Wagtail routes a URL by walking the tree from the site's root: the site, the active locale, then for each
level the child with the slug and its specific page (two queries per level): 6–8 queries before the page
is even rendered. The result of a route (which page, with which arguments, on which site) is the same for
everybody until the content changes, so it is kept per host, language and path for the current content
generation (`home.caching`); the page itself is read fresh (one query), so what is shown is never stale.

Access checks do not move: Wagtail's `serve` still runs the view restriction check (`before_serve_page`)
on the routed page for each request; routing itself does not depend on who asks.

A path seen for the first time (a cold sheet among 532) is found by the pages' `url_path` in two queries
(`direct_route`) when every page on the way routes plainly; Wagtail's walk answers otherwise.

`Locale.get_for_language` (the active locale, the default locale: 2–3 queries per page) is read through the
same cache; locales change only when staff add a language.
"""

from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.utils import translation

from wagtail import views as wagtail_views
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, Site
from wagtail.models.i18n import LocaleManager
from wagtail.url_routing import RouteResult

from .caching import cached, request_generation


class RouteCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, "_route_cache_key", None)
        route = getattr(request, "_wagtail_route_for_request", None)
        if (
            key
            and route is not None
            and response.status_code == 200
            and not getattr(request, "_route_from_cache", False)
        ):
            page = route[0]
            cache.set(
                key,
                (page._meta.label, page.pk, route[1], route[2], getattr(request, "_wagtail_site", None)),
                300,
            )
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is not wagtail_views.serve or request.method not in ("GET", "HEAD"):
            return None
        key = f"route:{request_generation(request)}:{request.get_host()}:{translation.get_language()}:{request.path}"
        stored = cache.get(key)
        if stored is None:
            request._route_cache_key = key
            path = view_kwargs.get("path", view_args[0] if view_args else "")
            route = direct_route(request, path)
            if route is not None:
                request._wagtail_route_for_request = route
            return None
        label, pk, args, kwargs, site = stored
        page = apps.get_model(label).objects.select_related("locale").filter(pk=pk, live=True).first()
        if page is None:
            return None
        if site is not None:
            request._wagtail_site = site
        request._wagtail_route_for_request = RouteResult(page, args, kwargs)
        request._route_from_cache = True
        return None


def _plain_routes():
    from .i18n import LocaleFallbackRouteMixin

    # A page whose `route` is one of these, reached by its exact path, routes to itself: Wagtail's walk and a
    # lookup by `url_path` agree. Any other `route` (the procedures' refusal, a routable page) is walked.
    return {Page.route, LocaleFallbackRouteMixin.route}


def direct_route(request, path):
    """The route of a path seen for the first time, found by the pages' `url_path` in one query (and the page
    in a second) rather than Wagtail's walk down the tree (two queries per level); None when a page on the
    way routes in its own way, is missing (a translation that falls back to French) or the page is not live:
    Wagtail's own routing then answers, as before."""
    site = site_for_request(request)
    if site is None:
        return None
    language = translation.get_language()
    root_path = cached(request, f"root-url-path:{site.pk}:{language}", lambda: site.root_page.localized.url_path)
    components = [component for component in path.split("/") if component]
    prefixes = [root_path + "".join(f"{part}/" for part in components[:depth]) for depth in range(len(components) + 1)]
    rows = {
        url_path: (pk, content_type_id, live)
        for url_path, pk, content_type_id, live in Page.objects.filter(url_path__in=prefixes).values_list(
            "url_path", "pk", "content_type_id", "live"
        )
    }
    if len(rows) != len(prefixes):
        return None
    plain = _plain_routes()
    models = []
    for url_path in prefixes:
        model = ContentType.objects.get_for_id(rows[url_path][1]).model_class()
        if model is None or model.route not in plain:
            return None
        models.append(model)
    pk, _content_type, live = rows[prefixes[-1]]
    if not live:
        return None
    page = models[-1].objects.select_related("locale").filter(pk=pk, live=True).first()
    return RouteResult(page) if page is not None else None


_get_for_language = LocaleManager.get_for_language


def _cached_get_for_language(manager, language_code):
    """Wagtail's `Locale.objects.get_for_language`, read through the cache."""
    code = get_supported_content_language_variant(language_code)  # LookupError as Wagtail's
    locale = cached(None, f"locale:{code}", lambda: manager.filter(language_code=code).first())
    if locale is None:
        return _get_for_language(manager, language_code)  # Locale.DoesNotExist as Wagtail's
    return locale


def install():
    LocaleManager.get_for_language = _cached_get_for_language


def site_for_request(request):
    """Wagtail's `Site.find_for_request` (one query on views that are not pages), read through the cache."""
    if getattr(request, "_wagtail_site", None) is None:
        key = f"site:{request.get_host()}:{request.get_port()}"
        request._wagtail_site = cached(request, key, lambda: Site.find_for_request(request))
    return request._wagtail_site


def parent_url(page, request):
    """The URL of `page`'s parent (a sheet's link to the catalogue), kept per parent for the content generation:
    the 532 sheets share one, so a sheet seen for the first time reads no query for it."""
    if page.depth <= 1:
        return ""
    parent_path = page.path[: -Page.steplen]
    host = request.get_host() if request is not None else ""

    def read():
        parent = Page.objects.filter(path=parent_path).specific(defer=True).first()
        return (parent.get_url(request) or "") if parent is not None else ""

    return cached(request, f"parent-url:{parent_path}:{translation.get_language()}:{host}", read)


# Host names of a Wagtail Site that nobody configured (Wagtail's default site is « localhost », port 80).
UNCONFIGURED_HOSTNAMES = {"", "localhost", "127.0.0.1", "[::1]"}


def public_root_url(site_root_url):
    """The root URL for addresses given to the outside (canonical and hreflang links): the Wagtail Site's
    when staff configured its host name, else WAGTAILADMIN_BASE_URL (the address the deployment sets), never
    Wagtail's default « http://localhost »."""
    hostname = urlsplit(site_root_url or "").hostname or ""
    configured = getattr(settings, "WAGTAILADMIN_BASE_URL", "")
    if hostname.lower() in UNCONFIGURED_HOSTNAMES and configured:
        return configured.rstrip("/")
    return (site_root_url or "").rstrip("/")
