"""The API's rate limit: the portal's one limiter (`home.rate_limits`, limit "api" in settings.RATE_LIMITS),
plugged into django-ninja's throttling so that every operation answers 429 with `Retry-After` past it."""

import threading

from ninja.throttling import BaseThrottle

from home.rate_limits import retry_after


class RateLimitThrottle(BaseThrottle):
    """Counts each API request per client address under a named limit."""

    def __init__(self, name):
        self.name = name
        self._last = threading.local()  # one throttle object serves every thread

    def allow_request(self, request):
        self._last.wait = retry_after(request, self.name)
        return not self._last.wait

    def wait(self):
        return getattr(self._last, "wait", None) or None
