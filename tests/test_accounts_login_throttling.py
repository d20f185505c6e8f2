"""Login throttling (django-axes): five failures lock the email and IP address pair."""

import pytest

from accounts.factories import DEFAULT_PASSWORD, UserFactory
from accounts.roles import Role

pytestmark = pytest.mark.django_db

LOGIN_URL = "/fr/compte/connexion/"


def log_in(client, email, password):
    return client.post(LOGIN_URL, {"username": email, "password": password})


@pytest.fixture
def parent():
    return UserFactory(email="aminata.diallo@example.org", role=Role.PARENT)


def test_sixth_attempt_is_refused_even_with_the_right_password(client, parent):
    for _attempt in range(5):
        log_in(client, "aminata.diallo@example.org", "pas-le-bon")

    response = log_in(client, "aminata.diallo@example.org", DEFAULT_PASSWORD)

    assert response.status_code == 429
    assert "Trop de tentatives de connexion" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_changing_the_email_case_does_not_escape_the_lockout(client, parent):
    # Login ignores the case of the email, so the lockout must too.
    for _attempt in range(5):
        log_in(client, "aminata.diallo@example.org", "pas-le-bon")

    response = log_in(client, "Aminata.Diallo@Example.org", DEFAULT_PASSWORD)

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
