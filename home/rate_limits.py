"""One rate limiter for every view: named limits in `settings.RATE_LIMITS`, counted by django-ratelimit.

Each limit is a name mapped to a rate such as "20/h" or "30/10s" (a count per period: s, m, h or d,
optionally with a multiplier). Counts live in the default cache: local memory on a single server, Redis
when `REDIS_URL` is set (shared by every app server). By default a limit counts per client address
(`REMOTE_ADDR`, set from X-Forwarded-For by `home.middleware` behind trusted proxies); a view may count
per another value instead, such as an email address (hashed into the cache key, never stored as is).

Two ways to use it, both one line:

* refuse with HTTP 429 past the limit: decorate the view, ``@rate_limit("search_autocomplete", json=True)``
  (a class-based view: ``method_decorator(rate_limit("name"), name="dispatch")``); ``per_user=True`` counts
  per logged-in account rather than per address (a whole class shares its collège's address; put it under
  ``@login_required``), ``methods=("POST",)`` counts only the form's submissions, not the page's display;
* a django-ninja API: ``api.throttle.RateLimitThrottle("api")`` (calls ``retry_after``);
* answer as usual but skip the costly or abusable part: ``if over_limit(request, "password_reset_client"):``
  (the password reset shows the same page and sends no email, so nobody learns whether it was sent).

django-ratelimit is not in INSTALLED_APPS on purpose: its only use there is a system check that refuses
the local-memory cache, which is right for a single server (see the cache settings).
"""

from functools import wraps

from django.conf import settings
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from django_ratelimit.core import get_usage


def over_limit(request, name, value=None):
    """Count one use of limit `name` by this client (or by `value`) and say whether it went over."""
    return _usage(request, name, value)["should_limit"]


def retry_after(request, name):
    """Count one use of limit `name` by this client: 0 within the limit, else the seconds to wait (the JSON
    API's throttle, `api.throttle`, answers 429 with this as Retry-After)."""
    usage = _usage(request, name)
    return max(1, usage["time_left"]) if usage["should_limit"] else 0


def rate_limit(name, json=False, per_user=False, methods=None, message=None):
    """Decorator: past limit `name` for this client address (or this account if `per_user`), answer 429 (a
    JSON error if `json`) with `message` or the generic one. Only `methods` are counted when given."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if methods is None or request.method in methods:
                value = f"user:{request.user.pk}" if per_user and request.user.is_authenticated else None
                usage = _usage(request, name, value)
                if usage["should_limit"]:
                    return too_many_requests(request, usage["time_left"], json=json, message=message)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def too_many_requests(request, retry_after, json=False, message=None):
    """The 429 answer, in French, telling the browser when to try again (seconds)."""
    message = str(message or _("Trop de requêtes : attends quelques secondes avant de réessayer."))
    if json:
        response = JsonResponse({"error": message}, status=429)
    else:
        context = {"message": message, "back_url": _page_before(request)}
        response = TemplateResponse(request, "429.html", context, status=429)
    response["Retry-After"] = str(max(1, retry_after))
    return response


def _page_before(request):
    """The page the refused form was sent from (its Referer), when it is a page of this site: the 429 page
    links back to it (the session a pupil was signing up for, say)."""
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(referer, {request.get_host()}, request.is_secure()):
        return referer
    return ""


def _usage(request, name, value=None):
    if value is None:
        value = request.META.get("REMOTE_ADDR") or "unknown"
    usage = get_usage(
        request,
        group=f"rate-limit:{name}",
        key=lambda group, request: value,
        rate=settings.RATE_LIMITS[name],
        increment=True,
    )
    # None only when RATELIMIT_ENABLE is False: nothing is limited then.
    return usage or {"should_limit": False, "time_left": 0}
