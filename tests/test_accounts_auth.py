"""Logging in with an email address, logging out, resetting a forgotten password, login throttling."""

import re

from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.urls import reverse

import pytest

from accounts.factories import DEFAULT_PASSWORD, UserFactory
from accounts.roles import Role

pytestmark = pytest.mark.django_db

LOGIN_URL = "/fr/compte/connexion/"
DASHBOARD_URL = "/fr/compte/mon-espace/"
WRONG_LOGIN = "Adresse e-mail, identifiant ou mot de passe incorrect. Vérifiez les majuscules et réessayez."
NEW_PASSWORD = "un-nouveau-mot-de-passe-solide"


@pytest.fixture
def parent():
    return UserFactory(email="aminata.diallo@example.org", first_name="Aminata", role=Role.PARENT)


def log_in(client, email, password):
    return client.post(LOGIN_URL, {"username": email, "password": password})


def logged_in_user_pk(client):
    return client.session.get(SESSION_KEY)


def test_urls_are_french_and_under_the_language_prefix():
    assert reverse("accounts:login") == LOGIN_URL
    assert reverse("accounts:dashboard") == DASHBOARD_URL


def test_login_page_is_in_french(client):
    response = client.get(LOGIN_URL)
    assert response.status_code == 200
    content = response.content.decode()
    assert "<h1>Se connecter</h1>" in content
    assert "Adresse e-mail" in content
    assert "Mot de passe oublié ?" in content


def test_login_with_email_whatever_its_case_leads_to_my_space(client, parent):
    response = log_in(client, "  Aminata.DIALLO@Example.org ", DEFAULT_PASSWORD)

    assert response.status_code == 302
    assert response.url == DASHBOARD_URL
    assert str(logged_in_user_pk(client)) == str(parent.pk)


def test_wrong_password_shows_a_french_error_and_keeps_the_typed_email(client, parent):
    response = log_in(client, "aminata.diallo@example.org", "pas-le-bon")

    assert response.status_code == 200
    content = response.content.decode()
    assert WRONG_LOGIN in content
    assert 'value="aminata.diallo@example.org"' in content
    assert logged_in_user_pk(client) is None


def test_unknown_email_gets_the_same_error_as_a_wrong_password(client, parent):
    response = log_in(client, "inconnu@example.org", DEFAULT_PASSWORD)
    assert response.status_code == 200
    assert WRONG_LOGIN in response.content.decode()
    assert logged_in_user_pk(client) is None


def test_inactive_account_cannot_log_in(client):
    UserFactory(email="eleve@example.org", is_active=False)
    response = log_in(client, "eleve@example.org", DEFAULT_PASSWORD)
    assert response.status_code == 200
    assert logged_in_user_pk(client) is None


def test_logout_is_a_post_and_ends_the_session(client, parent):
    client.force_login(parent)

    assert client.get("/fr/compte/deconnexion/").status_code == 405
    assert logged_in_user_pk(client) is not None

    response = client.post("/fr/compte/deconnexion/")
    assert response.status_code == 302
    assert logged_in_user_pk(client) is None
    assert client.get(DASHBOARD_URL).status_code == 302


def test_pages_offer_a_logout_button_to_logged_in_people(client, parent, home_page):
    client.force_login(parent)
    content = client.get("/fr/").content.decode()
    assert 'action="/fr/compte/deconnexion/"' in content
    assert "Se déconnecter" in content


class TestPasswordReset:
    @pytest.fixture(autouse=True)
    def _capture(self, django_capture_on_commit_callbacks):
        self.capture = django_capture_on_commit_callbacks

    def request_reset(self, client, email):
        with self.capture(execute=True):
            return client.post("/fr/compte/mot-de-passe/", {"email": email}, follow=True)

    def test_reset_email_goes_to_the_account_in_french_and_its_link_sets_a_new_password(self, client, parent):
        response = self.request_reset(client, "Aminata.Diallo@example.org")

        assert "Vérifiez votre boîte e-mail" in response.content.decode()
        assert len(mail.outbox) == 1
        message = mail.outbox[0]
        assert message.to == ["aminata.diallo@example.org"]
        assert message.subject == "Choisir un nouveau mot de passe"
        assert "Bonjour," in message.body
        assert "Ouvrez ce lien" in message.body
        link = re.search(r"https?://[^/\s]+(/fr/compte/mot-de-passe/[^\s]+/[^\s]+/)", message.body).group(1)

        form_page = client.get(link, follow=True)
        assert "Enregistrer le mot de passe" in form_page.content.decode()
        set_password_url = form_page.redirect_chain[-1][0]
        done = client.post(
            set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}, follow=True
        )
        assert "Mot de passe enregistré" in done.content.decode()

        assert log_in(client, "aminata.diallo@example.org", DEFAULT_PASSWORD).status_code == 200
        assert log_in(client, "aminata.diallo@example.org", NEW_PASSWORD).url == DASHBOARD_URL

        # The link works once only.
        client.post("/fr/compte/deconnexion/")
        reused = client.get(link, follow=True)
        assert "Ce lien n'est plus valable" in reused.content.decode()

    def test_unknown_email_shows_the_same_page_and_sends_nothing(self, client, parent):
        response = self.request_reset(client, "personne@example.org")

        assert response.redirect_chain[-1][0] == "/fr/compte/mot-de-passe/envoye/"
        assert "Vérifiez votre boîte e-mail" in response.content.decode()
        assert mail.outbox == []


class TestLoginThrottling:
    """Five failures lock the (email, IP address) pair (see AXES_* in config/settings/base.py)."""

    def test_fifth_failure_shows_the_lockout_page_in_french(self, client, parent, settings):
        assert settings.AXES_FAILURE_LIMIT == 5
        for _attempt in range(4):
            assert WRONG_LOGIN in log_in(client, "aminata.diallo@example.org", "pas-le-bon").content.decode()

        response = log_in(client, "aminata.diallo@example.org", "pas-le-bon")

        assert response.status_code == 429
        content = response.content.decode()
        assert "Trop de tentatives de connexion" in content
        assert 'href="/fr/compte/mot-de-passe/"' in content

    def test_four_failures_still_let_the_right_password_in(self, client, parent):
        for _attempt in range(4):
            log_in(client, "aminata.diallo@example.org", "pas-le-bon")

        response = log_in(client, "aminata.diallo@example.org", DEFAULT_PASSWORD)

        assert response.status_code == 302
        assert str(logged_in_user_pk(client)) == str(parent.pk)

    def test_lockout_of_one_account_leaves_others_free(self, client, parent):
        other = UserFactory(email="julien.moreau@example.org", role=Role.TEACHER)
        for _attempt in range(5):
            log_in(client, "aminata.diallo@example.org", "pas-le-bon")

        response = log_in(client, "julien.moreau@example.org", DEFAULT_PASSWORD)

        assert response.status_code == 302
        assert str(logged_in_user_pk(client)) == str(other.pk)
