"""Behind a reverse proxy, rate limits and login throttling count each visitor, not the proxy."""

from django.test import override_settings

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _hourly_limit(settings):
    # The real limit counts 30 per 10 s: on a busy machine 40 requests can take longer, and the count restarts.
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "search_autocomplete": "30/h"}


def autocomplete(client, **headers):
    return client.get("/fr/recherche/autocomplete/", {"q": "boulanger"}, **headers)


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_visitors_behind_the_same_proxy_are_limited_separately(client):
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for _ in range(40):
        last = autocomplete(client, HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy)
    assert last.status_code == 429

    # Another visitor through the same proxy is not blocked by the first one's requests.
    assert autocomplete(client, HTTP_X_FORWARDED_FOR="198.51.100.4", **proxy).status_code == 200


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_a_forged_forwarded_entry_does_not_escape_the_limit(client):
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for attempt in range(40):
        # The client writes a new fake address each time; the proxy appends the real one.
        last = autocomplete(client, HTTP_X_FORWARDED_FOR=f"192.0.2.{attempt}, 203.0.113.7", **proxy)
    assert last.status_code == 429


def test_without_trusted_proxies_the_header_is_ignored(client):
    for attempt in range(40):
        last = autocomplete(client, HTTP_X_FORWARDED_FOR=f"192.0.2.{attempt}")
    assert last.status_code == 429
