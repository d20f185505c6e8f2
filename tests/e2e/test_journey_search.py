"""A pupil types a misspelt job in the header search box, picks a suggestion with the keyboard and lands on the
sheet; without picking, the form opens the search page, and opening a result is counted anonymously; on a 375 px phone, a phrase of intent finds the sheet and
a search that finds nothing still offers interests and a way to ask; a wish in everyday words (« travailler avec
les ordis ») is suggested computing, never sheets that share letters only, and a search that fits no sheet says so
and offers the domains that fit; staff map this month's most frequent unanswered query in one click. axe-core on
every step."""

import pytest
from playwright.sync_api import expect

from accounts.factories import DEFAULT_PASSWORD, StaffFactory
from search.models import AnsweredSearch, UnansweredSearch

from .conftest import assert_no_axe_violations, login

pytestmark = pytest.mark.e2e


def test_misspelt_job_in_header_box_then_suggestion_then_sheet(desktop_page, base_url, imported):
    page = desktop_page
    page.goto(base_url + "/fr/")
    box = page.get_by_role("combobox", name="Rechercher un métier, un article")
    expect(box).to_have_attribute("aria-expanded", "false")
    box.press_sequentially("boulangé", delay=30)

    listbox = page.get_by_role("listbox")
    option = listbox.get_by_role("option").first
    expect(option).to_contain_text("Boulanger / Boulangère")
    expect(box).to_have_attribute("aria-expanded", "true")
    assert_no_axe_violations(page)

    box.press("ArrowDown")
    expect(option).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", option.get_attribute("id"))
    box.press("Enter")

    expect(page).to_have_url(f"{base_url}/fr/metiers/boulanger/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Boulanger")
    assert_no_axe_violations(page)


def test_submitting_the_header_box_opens_the_search_page(desktop_page, base_url, imported):
    page = desktop_page
    page.goto(base_url + "/fr/")
    box = page.get_by_role("combobox", name="Rechercher un métier, un article")
    box.fill("patissiere")
    page.get_by_role("search").first.get_by_role("button", name="Rechercher").click()
    expect(page).to_have_url(f"{base_url}/fr/recherche/?q=patissiere")
    expect(page.get_by_role("heading", level=1)).to_have_text("Rechercher")
    expect(page.locator(".search-result__title").first).to_contain_text("Pâtissier")
    assert_no_axe_violations(page)

    # The browser counts the search and the result opened, anonymously (search.clicks).
    page.locator(".search-result__title a").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Pâtissier")
    counts = None
    for _ in range(50):
        counts = AnsweredSearch.objects.values_list("query", "searches", "opens").first()
        if counts and counts[2]:
            break
        page.wait_for_timeout(100)
    assert counts == ("patissiere", 1, 1)


def test_on_a_phone_an_intent_phrase_finds_the_sheet_and_nothing_found_is_never_an_empty_page(
    new_context, base_url, imported
):
    page = new_context(viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True).new_page()
    page.goto(base_url + "/fr/recherche/?q=je+veux+faire+du+pain")
    expect(page.locator(".search-result__title").first).to_contain_text("Boulanger")
    assert_no_axe_violations(page)

    page.goto(base_url + "/fr/recherche/?q=zorglubeur")
    expect(page.get_by_role("heading", name="Demander à l'association")).to_be_visible()
    expect(page.get_by_role("heading", name="Chercher par centre d'intérêt")).to_be_visible()
    assert_no_axe_violations(page)


def test_a_wish_in_everyday_words_then_a_plain_fallback_then_staff_map_the_word(new_context, base_url, imported):
    page = new_context().new_page()
    page.goto(base_url + "/fr/")
    box = page.get_by_role("combobox", name="Rechercher un métier, un article")
    box.press_sequentially("travailler avec les ordis", delay=20)
    option = page.get_by_role("listbox").get_by_role("option").first
    expect(option).to_contain_text("Développeur / Développeuse informatique")
    assert_no_axe_violations(page)
    box.press("Enter")
    expect(page.locator(".search-result__title").first).to_contain_text("Développeur")
    expect(page.get_by_text("Tu voulais dire")).to_have_count(0)
    assert_no_axe_violations(page)

    page.goto(base_url + "/fr/recherche/?q=p%C3%AAche")
    expect(page.get_by_text("Aucune fiche ne correspond vraiment à ces mots", exact=False)).to_be_visible()
    expect(page.get_by_role("heading", name="Les domaines qui y ressemblent")).to_be_visible()
    expect(page.get_by_role("link", name="Agriculture et Pêche", exact=False)).to_be_visible()
    assert_no_axe_violations(page)
    assert UnansweredSearch.objects.filter(query="peche").exists()

    StaffFactory(email="equipe-recherche@example.org")
    staff = new_context().new_page()
    login(staff, base_url, "equipe-recherche@example.org", DEFAULT_PASSWORD)
    staff.goto(base_url + "/admin/rapports/recherches-sans-resultat-du-mois/")
    expect(staff.get_by_role("cell", name="peche", exact=True)).to_be_visible()
    assert_no_axe_violations(staff)
    staff.get_by_role("link", name="Relier à des fiches ou à un sens").first.click()
    expect(staff.get_by_role("textbox", name="Mot ou expression")).to_have_value("peche")
