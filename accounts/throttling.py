"""Attempt throttling for the codes printed on activation cards (pupil activation, a parent's consent).

A code is short enough to be typed by a 13-year-old, so guessing must be slowed down: failures are
counted per identifier (someone trying many codes for one pupil) and per client address (someone trying
many identifiers from one computer). Past either limit every attempt is refused with the same message,
right or wrong, until the window has passed.

The login itself is throttled by django-axes (`accounts.security`), which counts failures in the
database; this helper keeps its counters in the cache (Redis in production, shared by the app servers)
and uses the same client address (`REMOTE_ADDR`, set by `home.middleware.TrustedProxyMiddleware`).
Identifiers are hashed in the cache keys: no personal data in the cache.

When the cache is down (Redis unreachable, `home.cache_backend`), the counters cannot be read: every attempt
is refused (fail closed) with `UNAVAILABLE`, since a short code could otherwise be guessed without limit for
as long as the outage lasts. The login does not depend on it (django-axes counts in the database).
"""

import hashlib

from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from home.cache_backend import cache_unavailable

UNAVAILABLE = _(
    "La vérification des codes est momentanément indisponible. Réessayez dans quelques minutes : le code reste valable."
)


class AttemptLimiter:
    """Count failed attempts of one kind, per identifier and per client address, within a window."""

    def __init__(self, name, *, per_identifier=5, per_address=20, window=60 * 60):
        self.name = name
        self.per_identifier = per_identifier
        self.per_address = per_address
        self.window = window

    def _keys(self, request, identifier):
        digest = hashlib.sha256((identifier or "").strip().lower().encode()).hexdigest()
        address = request.META.get("REMOTE_ADDR", "")
        return (
            (f"attempts:{self.name}:id:{digest}", self.per_identifier),
            (f"attempts:{self.name}:ip:{address}", self.per_address),
        )

    def is_blocked(self, request, identifier):
        """Whether the next attempt must be refused without even checking the code (see `refusal`)."""
        counts = [(cache.get(key) or 0, limit) for key, limit in self._keys(request, identifier)]
        return cache_unavailable() or any(count >= limit for count, limit in counts)

    def refusal(self, too_many):
        """The message for a refused attempt: `too_many`, or `UNAVAILABLE` while the counters are out of reach."""
        return UNAVAILABLE if cache_unavailable() else too_many

    def failed(self, request, identifier):
        for key, _limit in self._keys(request, identifier):
            cache.add(key, 0, self.window)
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.set(key, 1, self.window)

    def succeeded(self, request, identifier):
        """A right code clears the identifier's counter (not the address's: a class shares one address)."""
        key, _limit = self._keys(request, identifier)[0]
        cache.delete(key)


# A class of 28 activates from the same school address in one lesson: the per-address limit leaves room
# for every pupil's typing mistakes.
activation_attempts = AttemptLimiter("activation", per_identifier=5, per_address=60)
consent_code_attempts = AttemptLimiter("consent-code", per_identifier=5, per_address=20)
