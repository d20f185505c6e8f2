"""Login limits per client address across accounts (a short growing delay, never a lock), the address read
from X-Forwarded-For only when the request comes from a configured proxy, and the search page limited."""

import time

from django.core.cache import cache
from django.test import override_settings

import pytest

from accounts.factories import DEFAULT_PASSWORD, UserFactory
from accounts.roles import Role
from accounts.security import login_delay

pytestmark = pytest.mark.django_db

LOGIN_URL = "/fr/compte/connexion/"
ADMIN_LOGIN_URL = "/admin/login/"


@pytest.fixture
def accounts():
    return [UserFactory(email=f"parent{number}@example.org", role=Role.PARENT) for number in range(15)]


def spray(client, accounts, url=LOGIN_URL, **headers):
    """One wrong password tried against each account, from one address."""
    return [client.post(url, {"username": user.email, "password": "Soleil2026"}, **headers) for user in accounts]


def test_spraying_one_password_over_many_accounts_is_slowed_down(client, accounts):
    responses = spray(client, accounts)
    assert [response.status_code for response in responses[:10]] == [200] * 10  # wrong password, form again
    assert responses[-1].status_code == 429
    assert "Réessayez dans" in responses[-1].content.decode()
    assert int(responses[-1]["Retry-After"]) >= 1


def test_the_admin_login_shares_the_delay(client, accounts):
    spray(client, accounts[:11])
    response = client.post(ADMIN_LOGIN_URL, {"username": accounts[12].email, "password": "Soleil2026"})
    assert response.status_code == 429


def test_it_is_a_delay_not_a_lock(client, accounts, monkeypatch):
    """Once the delay is over, a teacher of the same collège (same address) logs in with the right password."""
    spray(client, accounts[:11])
    teacher = UserFactory(email="professeur@example.org", role=Role.TEACHER)
    assert client.post(LOGIN_URL, {"username": teacher.email, "password": DEFAULT_PASSWORD}).status_code == 429
    later = time.time() + 3
    monkeypatch.setattr(time, "time", lambda: later)
    response = client.post(LOGIN_URL, {"username": teacher.email, "password": DEFAULT_PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(teacher.pk)


def test_the_delay_grows_and_is_capped(rf, settings):
    request = rf.post(LOGIN_URL, REMOTE_ADDR="203.0.113.9")
    key = "login-delay:203.0.113.9"
    now = 1_000_000.0
    waits = []
    for failures in (10, 11, 12, 13, 20, 40):
        cache.set(key, (failures, now))
        waits.append(login_delay(request, now=now))
    assert waits == [1, 2, 4, 8, 30, 30]
    cache.set(key, (9, now))
    assert login_delay(request, now=now) == 0


def test_another_address_is_not_slowed(client, accounts):
    spray(client, accounts, REMOTE_ADDR="203.0.113.9")
    response = client.post(
        LOGIN_URL, {"username": accounts[0].email, "password": DEFAULT_PASSWORD}, REMOTE_ADDR="198.51.100.4"
    )
    assert response.status_code == 302


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_a_client_reaching_the_app_server_directly_cannot_forge_its_address(client, accounts):
    """With TRUSTED_PROXY_COUNT set, X-Forwarded-For from a public address (not a configured proxy) is ignored:
    a new fake address on each try does not escape the delay."""
    responses = [
        client.post(
            LOGIN_URL,
            {"username": user.email, "password": "Soleil2026"},
            REMOTE_ADDR="203.0.113.50",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{number}",
        )
        for number, user in enumerate(accounts)
    ]
    assert responses[-1].status_code == 429


@override_settings(TRUSTED_PROXY_COUNT=1, TRUSTED_PROXIES=["10.0.0.0/8"])
def test_the_configured_proxy_is_trusted(client, accounts):
    spray(client, accounts, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    response = client.post(
        LOGIN_URL,
        {"username": accounts[0].email, "password": DEFAULT_PASSWORD},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.4",
    )
    assert response.status_code == 302


@pytest.mark.usefixtures("stopped_clock")  # counted in a fixed window: a slow run must not cross its end
def test_the_search_page_is_rate_limited(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "search_page": "30/h"}
    responses = [client.get("/fr/recherche/", {"q": "boulanger"}) for _ in range(31)]
    assert responses[0].status_code == 200
    assert responses[-1].status_code == 429
    assert "attends quelques secondes" in responses[-1].content.decode()
    assert responses[-1]["Retry-After"]
