"""Refusals a visitor can meet are pages of the site in their language, never a bare technical page: a page
they may not open (403), a form sent after its page expired (CSRF, 403), a form's address opened as a link
(405)."""

from django.test import Client
from django.urls import reverse

import pytest

from accounts.factories import ParentFactory, PupilFactory
from ateliers.factories import AgendaIndexPageFactory, EventPageFactory, SessionFactory

pytestmark = pytest.mark.django_db


def test_a_page_reserved_to_staff_refuses_a_parent_with_a_french_page(client, site):
    client.force_login(ParentFactory())
    response = client.get(reverse("stages:console"))
    assert response.status_code == 403
    page = response.content.decode()
    assert '<html lang="fr"' in page
    assert "Accès refusé" in page and "Retour à l'accueil" in page
    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"


def test_a_form_sent_without_its_security_token_says_to_reload_the_page(site):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(PupilFactory())
    response = browser.post(reverse("accounts:logout"))
    assert response.status_code == 403
    page = response.content.decode()
    assert "Formulaire expiré" in page and "recharge la page" in page


def test_a_forms_address_opened_as_a_link_shows_a_page_not_a_blank_screen(client, home_page):
    session = SessionFactory(page=EventPageFactory(parent=AgendaIndexPageFactory(parent=home_page)))
    client.force_login(PupilFactory())
    response = client.get(reverse("ateliers:signup", args=[session.pk]))
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    page = response.content.decode()
    assert "Cette adresse sert seulement à envoyer un formulaire" in page
    assert "Retour à l'accueil" in page
    assert "private" in response["Cache-Control"]  # the page holds the logged-in person's logout form


def test_the_browsers_default_icon_address_leads_to_the_sites_icon(client):
    from django.contrib.staticfiles import finders

    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("/img/favicon.svg")
    assert finders.find("img/favicon.svg")
