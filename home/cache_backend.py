"""Django's Redis cache, made to degrade instead of fail: when Redis cannot be reached, the cache is empty.

Everything the portal keeps in the cache is an accelerator or a counter that may be lost (the anonymous page
cache, the content generation, routing, navigation, `cached_db` sessions, rate limits): losing Redis must
cost speed, not pages. Django's `RedisCache` raises on a connection error or a timeout; this subclass turns
them into what an empty cache answers:

- reads (`get`, `get_many`, `has_key`) miss, writes (`set`, `add`, `touch`, `delete`…) do nothing and say
  so (`add` and `touch` answer False), `incr` raises ValueError as for a missing key (django-ratelimit then
  counts nothing: `RATELIMIT_FAIL_OPEN` lets the request through);
- after a failure, Redis is left alone for `retry_interval` seconds (every call misses at once: a hung Redis
  would otherwise cost each request its socket timeout), then the next call tries again;
- one warning is logged when the outage starts and one when it ends, per process, not one per request;
- `cache_recovered` is sent when Redis answers again, so that the content generation is renewed
  (`home.caching`: content changed during the outage could not forget its cached copies).

`cache_unavailable()` tells callers that must refuse rather than go on without their counter (the attempt
limits on activation and consent codes, `accounts.throttling`) whether the cache is down right now.
"""

import logging
import time

from django.core.cache import cache
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from django.dispatch import Signal

import redis

logger = logging.getLogger(__name__)

# Sent (without arguments) when Redis answers again after an outage.
cache_recovered = Signal()

UNREACHABLE = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError)
_RAISE_VALUE_ERROR = object()  # `default` of incr: raise as for a missing key


class ResilientRedisCache(RedisCache):
    """RedisCache whose connection errors and timeouts count as misses (see the module's docstring)."""

    retry_interval = 2.0

    def __init__(self, server, params):
        super().__init__(server, params)
        self.down_since = None  # time.monotonic() of the first failure of the current outage
        self._retry_at = 0.0

    @property
    def unavailable(self):
        return self.down_since is not None

    def _call(self, method, *args, default=None, **kwargs):
        if self.down_since is not None and time.monotonic() < self._retry_at:
            if default is _RAISE_VALUE_ERROR:
                raise ValueError("cache unavailable")
            return default
        try:
            result = getattr(super(), method)(*args)
        except UNREACHABLE as error:
            now = time.monotonic()
            if self.down_since is None:
                self.down_since = now
                logger.warning(
                    "Redis cache unreachable (%s): pages are served without the cache until it answers again",
                    type(error).__name__,
                )
            self._retry_at = now + self.retry_interval
            if default is _RAISE_VALUE_ERROR:
                raise ValueError("cache unavailable") from None
            return default
        if self.down_since is not None:
            seconds = time.monotonic() - self.down_since
            self.down_since = None
            logger.warning("Redis cache reachable again after %.0f s", seconds)
            cache_recovered.send(sender=type(self))
        return result

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", key, value, timeout, version=version, default=False)

    def get(self, key, default=None, version=None):
        return self._call("get", key, default, version=version, default=default)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", key, value, timeout, version=version, default=None)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", key, timeout, version=version, default=False)

    def delete(self, key, version=None):
        return self._call("delete", key, version=version, default=False)

    def get_many(self, keys, version=None):
        return self._call("get_many", keys, version=version, default={})

    def has_key(self, key, version=None):
        return self._call("has_key", key, version=version, default=False)

    def incr(self, key, delta=1, version=None):
        return self._call("incr", key, delta, version=version, default=_RAISE_VALUE_ERROR)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        # Django's contract: the keys that could not be set.
        return self._call("set_many", data, timeout, version=version, default=list(data))

    def delete_many(self, keys, version=None):
        return self._call("delete_many", keys, version=version, default=None)

    def clear(self):
        return self._call("clear", default=False)


def cache_unavailable(backend=None):
    """Whether the (default) cache is a Redis cache that is down right now."""
    return bool(getattr(backend or cache, "unavailable", False))
