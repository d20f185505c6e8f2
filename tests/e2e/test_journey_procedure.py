"""A volunteer opens a procedure from a bookmark: the login page first, then the procedure, its print
version and its attachment. A pupil following the same link is refused."""

import re

import pytest
from playwright.sync_api import expect

from demo.content import USERS

from .conftest import assert_no_axe_violations, login

pytestmark = pytest.mark.e2e

ACCOUNTS = {role: (email, password) for role, email, _first, _last, password in USERS}


def test_volunteer_logs_in_reads_a_procedure_and_downloads_its_attachment(desktop_page, base_url, demo_content):
    page = desktop_page
    email, password = ACCOUNTS["Bénévole"]

    page.goto(base_url + "/fr/procedures/")
    expect(page).to_have_url(re.compile(r"/fr/compte/connexion/\?next=/fr/procedures/"))
    login(page, base_url, email, password)
    expect(page).to_have_url(f"{base_url}/fr/procedures/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Procédures internes")
    # The four demo procedures are all written for volunteers (among others).
    expect(page.locator(".procedure-list > li")).to_have_count(4)
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Accueillir un élève en stage").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Accueillir un élève en stage")
    steps = page.get_by_role("region", name="Étapes")
    expect(steps.get_by_role("listitem")).to_have_count(6)
    expect(steps).to_contain_text("Qui s'en charge : Bénévole")
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Version imprimable").click()
    expect(page).to_have_url(re.compile(r"/imprimer/$"))
    expect(page.get_by_role("navigation")).to_have_count(0)
    expect(page.get_by_role("banner")).to_have_count(0)
    assert_no_axe_violations(page)
    page.go_back()

    # PDFs open inline (Wagtail's default), so fetch the link with the volunteer's session.
    link = page.get_by_role("link", name="Convention de stage (modèle vierge, PDF)")
    href = link.get_attribute("href")
    assert href.startswith("/documents/")
    response = page.request.get(base_url + href)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF-1.4")

    # The same address, without the session, leads to the login page.
    anonymous = page.context.browser.new_context()
    refused = anonymous.request.get(base_url + href, max_redirects=0)
    assert refused.status == 302
    assert "/fr/compte/connexion/" in refused.headers["location"]
    anonymous.close()


def test_pupil_following_the_link_is_refused(desktop_page, base_url, demo_content):
    page = desktop_page
    email, password = ACCOUNTS["Élève"]
    login(page, base_url, email, password)

    response = page.goto(base_url + "/fr/procedures/accueillir-un-eleve-en-stage/")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Accès réservé")
    expect(page.get_by_text("Accueillir un élève en stage")).to_have_count(0)
    assert_no_axe_violations(page)
