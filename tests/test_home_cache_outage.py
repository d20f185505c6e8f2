"""Redis down costs speed, not pages (home/cache_backend.py).

The cache settings point at a Redis address where nothing listens (a closed loopback port), as in
production when Redis has stopped: sessions cached_db, the anonymous page cache and the rate limits on.
Pages, log-in, « Mon espace », the API and rate-limited forms still answer; the codes of activation cards
are refused (their attempt counters are out of reach); the outage is logged once, not once per request.
No Redis server is needed; the recovery test (a real Redis) runs in CI's Redis step.
"""

import datetime
import logging
import socket
import time

from django.conf import settings as django_settings
from django.core.cache import cache, caches
from django.urls import reverse
from django.utils import timezone

import pytest

from accounts import activation
from accounts.factories import DEFAULT_PASSWORD, ConsentedPupilFactory, NewPupilFactory, SchoolClassFactory, UserFactory
from accounts.roles import Role
from ateliers.factories import AgendaIndexPageFactory, EventPageFactory, SessionFactory
from ateliers.models import SignUp
from home.cache_backend import ResilientRedisCache
from home.caching import generation

pytestmark = pytest.mark.django_db

uses_redis = pytest.mark.skipif(
    "Redis" not in django_settings.CACHES["default"]["BACKEND"], reason="REDIS_URL is not set (see .ci/run)"
)


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "home.cache_backend.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/3",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    settings.PAGE_CACHE = {"ENABLED": True, "TIMEOUT": 300}
    yield caches["default"]


def test_anonymous_pages_are_served_and_the_outage_logged_once(redis_down, imported, client, caplog):
    redis_down.down_since = None  # the fixtures' own cache calls already met the outage: start afresh
    with caplog.at_level(logging.WARNING, logger="home.cache_backend"):
        for url in ["/fr/", "/fr/", "/fr/metiers/", "/fr/recherche/?q=boulanger"]:
            response = client.get(url)
            assert response.status_code == 200, url
            assert "X-Page-Cache" not in response  # nothing stored, nothing served from the cache
        # Past the pause between two tries, Redis is tried again and found down again: still one warning.
        redis_down._retry_at = 0
        assert client.get("/fr/").status_code == 200
    warnings = [record for record in caplog.records if record.name == "home.cache_backend"]
    assert len(warnings) == 1
    assert "unreachable" in warnings[0].getMessage()


def test_log_in_my_space_and_log_out_work_without_redis(redis_down, client):
    UserFactory(email="parent@example.org", role=Role.PARENT)
    response = client.post(reverse("accounts:login"), {"username": "parent@example.org", "password": DEFAULT_PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("accounts:dashboard")).status_code == 200  # the session, read from the database
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert client.get(reverse("accounts:dashboard")).status_code == 302  # logged out: to the login page


def test_a_wrong_password_is_still_counted_by_axes_in_the_database(redis_down, client, settings):
    UserFactory(email="parent@example.org", role=Role.PARENT)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": "parent@example.org", "password": "pas-le-bon"})
    locked = client.post(reverse("accounts:login"), {"username": "parent@example.org", "password": DEFAULT_PASSWORD})
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_api_answers_without_redis(redis_down, imported, client):
    response = client.get("/api/v3/metiers/")
    assert response.status_code == 200
    assert response.json()


def test_a_rate_limited_sign_up_goes_through_without_redis(redis_down, home_page, client):
    event = EventPageFactory(parent=AgendaIndexPageFactory(parent=home_page), title="Les métiers du soin")
    session = SessionFactory(page=event, starts_at=timezone.now() + datetime.timedelta(days=10))
    pupil = ConsentedPupilFactory()
    client.force_login(pupil)
    response = client.post(reverse("ateliers:signup", args=[session.pk]))
    assert response.status_code == 302
    assert SignUp.objects.filter(pupil=pupil, session=session, status=SignUp.Status.CONFIRMED).exists()
    assert client.get(response.url).status_code == 200


def test_activation_codes_are_refused_while_their_counters_are_out_of_reach(redis_down, client):
    pupil = NewPupilFactory(school_class=SchoolClassFactory(name="3e B"), first_name="Inès")
    (card,) = activation.issue_cards([pupil])
    password = "xylophone-kiwi-wombat-8431"
    data = {"identifier": card.identifier, "code": card.activation_code, "password1": password, "password2": password}
    response = client.post(reverse("accounts:activate"), data)
    assert response.status_code == 200
    assert "momentanément indisponible" in response.content.decode()
    pupil.refresh_from_db()
    assert not pupil.has_usable_password() or not pupil.check_password(password)


def test_reads_miss_and_writes_do_nothing(redis_down):
    started = time.monotonic()
    assert cache.get("clé") is None
    assert cache.get("clé", "défaut") == "défaut"
    assert cache.set("clé", 1) is None
    assert cache.add("clé", 1) is False
    assert cache.get_many(["a", "b"]) == {}
    assert cache.set_many({"a": 1}) == ["a"]
    assert "clé" not in cache
    with pytest.raises(ValueError):
        cache.incr("clé")
    assert time.monotonic() - started < 2


@uses_redis
def test_content_changed_during_an_outage_is_forgotten_when_redis_answers_again():
    backend = caches["default"]
    assert isinstance(backend, ResilientRedisCache)
    before = generation()
    backend.down_since, backend._retry_at = time.monotonic(), 0  # as after a failed call
    assert cache.get("anything") is None  # Redis answers: the outage is over
    assert not backend.unavailable
    assert generation() != before
