"""A parent on a phone, without an account: home page → guidance section → filtered list → article."""

import pytest
from playwright.sync_api import expect

from .conftest import assert_no_axe_violations, open_menu

pytestmark = pytest.mark.e2e


def test_parent_finds_an_article_for_parents(mobile_page, base_url, demo_content):
    page = mobile_page

    page.goto(base_url + "/fr/")
    open_menu(page)
    page.get_by_role("navigation", name="Navigation principale").get_by_role("link", name="Orientation").click()
    expect(page).to_have_url(f"{base_url}/fr/orientation/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Orientation")
    assert_no_axe_violations(page)

    page.get_by_label("Pour qui ?").select_option(label="Parents")
    page.get_by_role("button", name="Afficher les articles").click()
    expect(page).to_have_url(f"{base_url}/fr/orientation/?audience=parents&topic=")
    expect(page.get_by_role("main").get_by_role("status")).to_have_text("1 article")
    expect(page.get_by_label("Pour qui ?")).to_have_value("parents")
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Comment aider votre enfant à trouver un stage").click()
    expect(page).to_have_url(f"{base_url}/fr/orientation/aider-votre-enfant-a-trouver-un-stage/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Comment aider votre enfant à trouver un stage")
    expect(page.get_by_text("Pour : Parents")).to_be_visible()
    expect(page.get_by_role("heading", name="À lire aussi")).to_be_visible()
    # The FAQ opens on a tap.
    page.get_by_text("Mon enfant est-il assuré pendant le stage ?").click()
    expect(page.get_by_text("la convention prévoit l'assurance")).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Tous les articles d'orientation").click()
    expect(page).to_have_url(f"{base_url}/fr/orientation/")
