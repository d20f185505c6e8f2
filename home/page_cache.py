"""Anonymous page cache: a public page seen by a visitor without a session is served from the shared cache.

At a job forum, 300 pupils open the same sheet within a minute; each render costs 30–100 ms of a server's
CPU, a copy from the cache 1–3 ms. The rules, all of which must hold:

A copy is *served* (and a miss may be stored) only for a GET or HEAD request
- without a session cookie (so never to a logged-in person, nor to anyone whose session holds messages or
  a password-restricted page's pass) and without a messages cookie;
- outside the admin, Django's admin and documents (their own access checks).

A response is *stored* only if, moreover,
- it is a 200 HTML response, rendered for an anonymous user, not a preview;
- it sets no cookie and used no CSRF token (no form with a token in it: login, sign-ups, contact…);
- it does not say `Cache-Control: private`, `no-store` or `no-cache` (a view opts out with `never_cache`),
  and does not vary on the `Accept-Language` header (the pages outside the /fr/ /en/ /ar/ prefixes).

Private pages answer anonymous visitors with a redirect to the login page (never stored); « Mon espace »
and every personal page require a login (a session). A stored copy is forgotten when the content
generation changes (`home.caching`: publish, unpublish, move, delete, snippet and settings changes) or
after `PAGE_CACHE["TIMEOUT"]` seconds (pages that show dates, such as upcoming workshops). A page that
shows seats left declares it (`home.caching.depends_on`): its copy is kept with the seats' key and served
only while that key is unchanged, so a sign-up forgets the agenda and its event's pages, nothing else.

Stored copies carry `Cache-Control: public, max-age=0, must-revalidate` (browsers and proxies ask again each
time, so a publication shows at once) and keep the `Vary: Cookie` the session middleware added. The
`X-Page-Cache` header says `hit` or `miss` (stored now).

The middleware sits right after whitenoise in MIDDLEWARE: a hit costs two cache reads and no database
query, session or template. Enabled by `PAGE_CACHE["ENABLED"]` (on by default when REDIS_URL is set: the
cache must be shared by every worker, or a publish would only reach the worker that handled it).
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.utils.cache import cc_delim_re, patch_cache_control

from .caching import PAGES_KEY, depends_on, generation, live_keys, live_values, request_generation

EXCLUDED_PREFIXES = ("/admin/", "/django-admin/", "/documents/")
MESSAGES_COOKIE = "messages"
REFUSED_CACHE_CONTROL = {"private", "no-store", "no-cache"}
KEPT_HEADERS_EXCLUDED = {"set-cookie", "x-page-cache"}


def _config():
    return {"ENABLED": False, "TIMEOUT": 300, **getattr(settings, "PAGE_CACHE", {})}


def may_serve(request):
    """Whether this request may get a cached copy (and its answer be stored)."""
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path.startswith(EXCLUDED_PREFIXES):
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or MESSAGES_COOKIE in cookies:
        return False
    return "HTTP_AUTHORIZATION" not in request.META


def may_store(request, response):
    """Whether this answer to an anonymous request may be kept for other visitors."""
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    user = getattr(request, "user", None)
    if user is None or user.is_authenticated or getattr(request, "is_preview", False):
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    cache_control = {
        part.split("=")[0].strip().lower() for part in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    if cache_control & REFUSED_CACHE_CONTROL:
        return False
    vary = {part.strip().lower() for part in cc_delim_re.split(response.get("Vary", ""))}
    if "accept-language" in vary or "*" in vary:
        return False
    return b"csrfmiddlewaretoken" not in response.content


def cache_key(request):
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    url = f"{request.scheme}://{host}{request.get_full_path()}"
    digest = hashlib.sha256(url.encode()).hexdigest()[:32]
    return f"page:{request_generation(request)}:{digest}"


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        config = _config()
        if not config["ENABLED"] or not may_serve(request):
            return self.get_response(request)
        key = cache_key(request)
        if key is None:
            return self.get_response(request)
        stored = cache.get(key)
        if stored is not None and self._still_live(stored):
            return self._replay(stored, head=request.method == "HEAD")
        # A view that is not a page (the search) shows pages: its copy is forgotten whenever one page is. A
        # page declares its own key instead (home.wagtail_hooks); the key is read before the render.
        depends_on(request, PAGES_KEY)
        response = self.get_response(request)
        # Content changed while the page was rendered (a publish, or a setting created on first use): the
        # page may show either version, so it is not kept.
        if may_store(request, response) and generation() == request_generation(request):
            if "Cache-Control" not in response:
                patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
            headers = [(name, value) for name, value in response.items() if name.lower() not in KEPT_HEADERS_EXCLUDED]
            live = dict(live_keys(request))
            if any(name.startswith("page:") for name in live):
                live.pop(PAGES_KEY, None)
            cache.set(key, (response.status_code, headers, response.content, live), config["TIMEOUT"])
            response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def _still_live(stored):
        """Whether the figures the page declared (`home.caching.depends_on`: seats left) are unchanged since
        it was rendered; a page that declared none is always live (no extra cache read)."""
        live = stored[3] if len(stored) > 3 else None
        return not live or live_values(live) == live

    @staticmethod
    def _replay(stored, head=False):
        status, headers, content = stored[:3]
        response = HttpResponse(b"" if head else content, status=status)
        for name, value in headers:
            response[name] = value
        response["X-Page-Cache"] = "hit"
        return response
