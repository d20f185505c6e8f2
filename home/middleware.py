"""Rules applied to every request and response: client address behind a proxy, caches, admin CSP."""

import ipaddress

from django.conf import settings
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers


def _networks(values):
    networks = []
    for value in values:
        try:
            networks.append(ipaddress.ip_network(value, strict=False))
        except ValueError:
            continue
    return networks


def _is_trusted(address, networks):
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


class TrustedProxyMiddleware:
    """Set REMOTE_ADDR to the client's address when the portal runs behind `TRUSTED_PROXY_COUNT` proxies.

    Behind a load balancer every request comes from the proxy's address: login throttling and the
    autocomplete rate limit would then treat all visitors as one. Each trusted proxy appends the address
    it received the request from to X-Forwarded-For, so the client is the entry that many places from
    the right; entries further left are written by the client and cannot be trusted.

    The header is only read when the request comes from one of `TRUSTED_PROXIES` (and each proxy hop
    before it is one too): a client that reaches the app server directly keeps its own address, whatever
    X-Forwarded-For it sends.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.networks = _networks(getattr(settings, "TRUSTED_PROXIES", []))

    def __call__(self, request):
        proxy_count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
        if proxy_count:
            forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
            chain = [part for part in forwarded if part] + [request.META.get("REMOTE_ADDR", "")]
            hops = chain[-proxy_count:]  # the addresses the proxies received the request from
            if len(chain) > proxy_count and all(_is_trusted(hop, self.networks) for hop in hops):
                request.META["REMOTE_ADDR"] = chain[-proxy_count - 1]
        return self.get_response(request)


class AdminContentSecurityPolicyMiddleware:
    """Let the Wagtail admin run its inline scripts while the public site allows none.

    Placed after django-csp's middleware in MIDDLEWARE, so that it marks the response before django-csp
    writes the header.
    """

    ADMIN_PREFIXES = ("/admin/", "/django-admin/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(self.ADMIN_PREFIXES):
            response._csp_update = {"script-src": ["'unsafe-inline'"]}
        return response


class PrivateResponseCacheMiddleware:
    """One rule for caches: a response to a logged-in person is `Cache-Control: private, no-store`.

    Whatever a logged-in person sees may depend on who they are: « Mon espace », a procedure or its
    attachment, search results and autocomplete answers that include private pages, the header with their
    name. None of it may be kept by a proxy, a CDN or the browser's disk cache of a shared school computer.
    Anonymous visitors only ever get public content (private pages redirect them to the login page with
    their own no-store headers), so their responses stay cacheable.

    Static files never reach this middleware: whitenoise answers them earlier in MIDDLEWARE.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response


class NotAllowedPageMiddleware:
    """A page instead of a blank screen when a form's address is opened as a link (405, empty body).

    Views that only take a form's POST (`require_POST`) answer other methods with an empty 405, which a
    browser shows as a blank page after a reload or an old link. A GET for HTML gets `405.html` instead, with
    the same status and Allow header; other answers (the JSON API's, a 405 with a body) are left as they are.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 405 or request.method not in ("GET", "HEAD") or response.content:
            return response
        page = render(request, "405.html", status=405)
        if response.has_header("Allow"):
            page["Allow"] = response["Allow"]
        return page
