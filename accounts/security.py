"""Login throttling: per account with django-axes, per client address with a short growing delay.

Two limits work together:

1. **Per account and address** (django-axes, settings `AXES_*`): five failures on one email from one
   address lock that pair for an hour. It stops guessing one account's password.
2. **Per address across accounts** (`LoginDelayMiddleware` below): it stops « spraying », one address
   trying a common password against every account. It is a delay, not a lock, because a whole collège
   shares one public address (NAT): 25 pupils typing passwords in the same minute make many honest
   failures, and one pupil must never lock out the class. The first `LOGIN_DELAY_FREE_FAILURES` failures
   from an address within `LOGIN_DELAY_WINDOW` seconds cost nothing; after that, each new attempt from the
   address must wait 1, 2, 4, 8… seconds after the previous failure, at most `LOGIN_DELAY_MAX` seconds.
   An attempt made too early is answered « réessayez dans N secondes » without checking the password
   (no oracle), and does not count as a failure. The count fades out with the window. A class thus waits a
   few seconds at worst, while spraying falls to about one try per `LOGIN_DELAY_MAX` seconds per address.

The address is `REMOTE_ADDR`, which `home.middleware.TrustedProxyMiddleware` sets from X-Forwarded-For only
for requests that come from a configured proxy.
"""

import time

from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.core.cache import cache
from django.dispatch import receiver
from django.template.response import TemplateResponse

# Views that check a password: the portal's login and Wagtail's admin login.
LOGIN_VIEW_NAMES = {"accounts:login", "wagtailadmin_login"}


def axes_username(request, credentials):
    """The login email as axes counts failures: lower-cased and trimmed, since login ignores case.

    Both the portal's login form and Wagtail's admin login post the email as `username`.
    """
    value = (credentials or {}).get("username") or request.POST.get("username", "")
    return value.strip().lower()


def _setting(name, default):
    return getattr(settings, name, default)


def _key(request):
    return "login-delay:" + request.META.get("REMOTE_ADDR", "unknown")


def login_delay(request, now=None):
    """Seconds the client address of `request` must still wait before its next login attempt (0: none)."""
    record = cache.get(_key(request))
    if not record:
        return 0
    failures, last_failure = record
    extra = failures - _setting("LOGIN_DELAY_FREE_FAILURES", 10)
    if extra < 0:
        return 0
    wait = min(2**extra, _setting("LOGIN_DELAY_MAX", 30))
    remaining = last_failure + wait - (now if now is not None else time.time())
    return max(0, int(remaining + 0.999))


@receiver(user_login_failed)
def record_login_failure(sender, credentials, request=None, **kwargs):
    """Count a failed login against the client address, for `LOGIN_DELAY_WINDOW` seconds."""
    if request is None:
        return
    failures, _last = cache.get(_key(request)) or (0, 0)
    cache.set(_key(request), (failures + 1, time.time()), _setting("LOGIN_DELAY_WINDOW", 15 * 60))


class LoginDelayMiddleware:
    """Refuse a login POST sent before the address's delay is over, with a French page and Retry-After."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST" or request.resolver_match is None:
            return None
        if request.resolver_match.view_name not in LOGIN_VIEW_NAMES:
            return None
        wait = login_delay(request)
        if not wait:
            return None
        response = TemplateResponse(request, "accounts/login_delay.html", {"wait": wait}, status=429)
        response["Retry-After"] = str(wait)
        return response
