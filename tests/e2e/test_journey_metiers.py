"""A pupil on a phone explores occupations: home → métiers → filter by an interest → a sheet → a related sheet."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import assert_no_axe_violations, open_menu

pytestmark = pytest.mark.e2e


@pytest.fixture
def catalogue(imported, metiers_index):
    metiers_index.show_in_menus = True
    metiers_index.save_revision().publish()
    return metiers_index


def test_pupil_browses_by_interest_and_follows_a_related_sheet(mobile_page, base_url, catalogue):
    page = mobile_page

    page.goto(base_url + "/fr/")
    open_menu(page)
    page.get_by_role("navigation", name="Navigation principale").get_by_role("link", name=catalogue.title).click()
    expect(page).to_have_url(f"{base_url}{catalogue.url}")
    expect(page.get_by_role("heading", level=1)).to_have_text(catalogue.title)
    assert_no_axe_violations(page)

    # Results come first on a phone: the interests are in the folded « Filtrer les métiers » disclosure.
    page.get_by_role("main").locator("summary", has_text="Filtrer les métiers").click()
    page.get_by_role("main").get_by_role("link", name=re.compile("sens du contact")).first.click()
    expect(page).to_have_url(re.compile(re.escape(catalogue.url) + r"\?.*interet="))
    results = page.get_by_role("main")
    expect(results.get_by_role("link", name="Boulanger / Boulangère")).to_be_visible()
    expect(results.get_by_role("link", name="Développeur / Développeuse informatique")).to_have_count(0)
    assert_no_axe_violations(page)

    results.get_by_role("link", name="Boulanger / Boulangère").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Boulanger / Boulangère")
    assert_no_axe_violations(page)

    related = page.get_by_role("heading", name="Métiers proches").locator("xpath=ancestor::section[1]")
    related.get_by_role("link", name="Pâtissier / Pâtissière").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pâtissier / Pâtissière")
    assert_no_axe_violations(page)
