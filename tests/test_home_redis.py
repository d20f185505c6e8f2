"""Redis for real: with REDIS_URL set, the cache, the sessions and the rate limits live in Redis, shared by
every app server. CI runs this module (and the cache, session, rate-limit and page-cache tests) with
REDIS_URL pointing at the machine's Redis; without it, only the settings test runs."""

import json
import os
import subprocess
import sys

from django.conf import settings
from django.core.cache import cache
from django.urls import reverse

import pytest

from accounts.factories import PupilFactory
from home.rate_limits import over_limit

uses_redis = pytest.mark.skipif(
    "RedisCache" not in settings.CACHES["default"]["BACKEND"], reason="REDIS_URL is not set (see .ci/run)"
)


def settings_with(env):
    """CACHES, SESSION_ENGINE and PAGE_CACHE of the base settings under `env`, read in a fresh process."""
    code = (
        "import json; from config.settings import base; "
        "print(json.dumps({'caches': base.CACHES if hasattr(base, 'CACHES') else None, "
        "'sessions': getattr(base, 'SESSION_ENGINE', None), 'page_cache': base.PAGE_CACHE}))"
    )
    environment = {key: value for key, value in os.environ.items() if key not in ("REDIS_URL", "PAGE_CACHE")}
    environment.update(env)
    output = subprocess.run(  # noqa: S603 (our own interpreter and code)
        [sys.executable, "-c", code], env=environment, cwd=settings.BASE_DIR, capture_output=True, text=True, check=True
    )
    return json.loads(output.stdout)


def test_redis_url_puts_cache_sessions_and_page_cache_on_redis():
    on_redis = settings_with({"REDIS_URL": "redis://127.0.0.1:6379/7"})
    assert on_redis["caches"]["default"]["BACKEND"] == "home.cache_backend.ResilientRedisCache"  # a RedisCache
    assert on_redis["caches"]["default"]["LOCATION"] == "redis://127.0.0.1:6379/7"
    assert on_redis["sessions"] == "django.contrib.sessions.backends.cached_db"
    assert on_redis["page_cache"]["ENABLED"] is True

    alone = settings_with({})
    # Local memory, with room for the sheet table (metiers/facts.py: an entry per sheet) and the fragments.
    assert alone["caches"]["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert alone["caches"]["default"]["OPTIONS"]["MAX_ENTRIES"] >= 5000
    assert alone["page_cache"]["ENABLED"] is False


@uses_redis
def test_the_cache_is_shared_through_redis():
    import redis

    cache.set("redis-check", "partagé", 30)
    client = redis.Redis.from_url(os.environ["REDIS_URL"])
    keys = [key.decode() for key in client.keys("*redis-check*")]
    assert keys, "the value is not in Redis"
    assert cache.get("redis-check") == "partagé"


@uses_redis
@pytest.mark.django_db
def test_a_login_session_is_kept_in_redis_and_survives_its_loss(client):
    pupil = PupilFactory()
    client.force_login(pupil)
    session_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert cache.get(f"django.contrib.sessions.cached_db{session_key}") is not None
    assert client.get(reverse("accounts:dashboard")).status_code == 200
    # Redis restarted or emptied: the session is read back from the database (cached_db).
    cache.clear()
    assert client.get(reverse("accounts:dashboard")).status_code == 200


@uses_redis
@pytest.mark.django_db
def test_rate_limits_are_counted_in_redis(settings, rf):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "redis_check": "2/h"}
    request = rf.get("/fr/", REMOTE_ADDR="10.9.9.9")
    assert [over_limit(request, "redis_check") for _ in range(3)] == [False, False, True]
    import redis

    client = redis.Redis.from_url(os.environ["REDIS_URL"])
    assert client.keys("*rl:*"), "the rate limit counter is not in Redis"
