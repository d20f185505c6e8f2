"""Phones of 320 and 375 px: no page scrolls sideways, the métiers' first result is within two screens, the
filters fold into a disclosure and focus lands on the results after filtering; a parent who reads Arabic goes
from the home page to the translated guidance article; a professional sends a proposal. axe on every page."""

import re

import pytest
from playwright.sync_api import expect

from demo.orientation_translations import PARENTS_ARTICLE

from .conftest import assert_no_axe_violations, assert_no_horizontal_scroll, login, open_menu

pytestmark = pytest.mark.e2e

PHONES = [{"width": 320, "height": 640}, {"width": 375, "height": 667}]


@pytest.fixture(params=PHONES, ids=lambda viewport: f"{viewport['width']}px")
def phone(request, new_context):
    context = new_context(viewport=request.param, device_scale_factor=2, is_mobile=True, has_touch=True)
    return context.new_page()


def check(page):
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page)


def test_pupil_on_a_small_phone_reaches_results_first(phone, base_url, demo_content):
    page = phone

    page.goto(base_url + "/fr/")
    check(page)
    # The header is two lines: the brand and the « Menu » button, then search and log-in, reachable without
    # opening the menu.
    banner = page.get_by_role("banner")
    header_height = banner.bounding_box()["height"]
    assert header_height <= 130, f"header {header_height} px high"
    expect(banner.get_by_role("combobox", name="Rechercher un métier, un article")).to_be_visible()
    expect(banner.get_by_role("button", name="Rechercher")).to_be_visible()
    expect(banner.get_by_role("link", name="Se connecter")).to_be_visible()
    expect(page.get_by_role("navigation", name="Navigation principale")).to_be_hidden()
    open_menu(page)
    expect(page.get_by_role("navigation", name="Navigation principale")).to_be_visible()
    check(page)

    page.get_by_role("link", name="Explorer les métiers").click()
    expect(page).to_have_url(f"{base_url}/fr/metiers/")
    check(page)
    first = page.locator(".metier-card").first
    top = first.bounding_box()["y"] + page.evaluate("window.scrollY")
    assert top <= 2 * page.viewport_size["height"], f"first result at {top} px"
    # Filters are folded above the results: one tap away, within the first screen.
    filters = page.locator("details.metiers-filters")
    expect(filters).not_to_have_attribute("open", "")
    summary_box = filters.locator("summary").bounding_box()
    assert summary_box["y"] + summary_box["height"] <= page.viewport_size["height"], (
        "« Filtrer » below the first screen"
    )
    assert summary_box["y"] < first.bounding_box()["y"], "« Filtrer » after the first result"
    filters.locator("summary").click()
    page.get_by_label("Niveau d'études minimum").select_option(index=1)
    page.get_by_role("button", name="Afficher les métiers").click()
    expect(page).to_have_url(re.compile(r"/fr/metiers/\?.*niveau=\d"))
    # Focus is on the results, and the active filter is summed up above them.
    expect(page.locator("#results-title")).to_be_focused()
    expect(page.locator(".active-filters")).to_contain_text("Niveau d'études minimum")
    check(page)

    page.locator(".metier-card a").first.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    check(page)

    page.goto(base_url + "/fr/recherche/?q=boulanger")
    # One search box on the search page, and the first result within the first screen.
    expect(page.get_by_role("searchbox")).to_have_count(1)
    result = page.locator(".search-result").first
    assert result.bounding_box()["y"] < page.viewport_size["height"]
    check(page)


LAYOUT_SHIFT = """() => new Promise((resolve) => {
    let total = 0;
    new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) { if (!entry.hadRecentInput) { total += entry.value; } }
    }).observe({type: "layout-shift", buffered: true});
    setTimeout(() => resolve(total), 500);
})"""


def test_from_a_sheet_the_next_action_is_in_the_first_two_screens(phone, base_url, demo_content):
    """A pupil opens a métier sheet: « Et maintenant ? » (ask for a stage in this métier, the coming
    workshops) is in the jump links and within two screens, and nothing moves while the page loads."""
    page = phone
    page.goto(base_url + "/fr/metiers/boulanger/")
    check(page)
    assert page.evaluate(LAYOUT_SHIFT) <= 0.02
    block = page.get_by_role("region", name="Et maintenant ?")
    expect(block).to_be_visible()
    ask = block.get_by_role("link", name="Demander un stage dans ce métier")
    top = ask.bounding_box()["y"] + page.evaluate("window.scrollY")
    assert top + ask.bounding_box()["height"] <= 2 * page.viewport_size["height"], f"next action at {top} px"
    expect(block.get_by_role("region", name="Rencontrer ce métier : prochains ateliers")).to_be_visible()
    # The jump links name it, first.
    toc = page.get_by_role("navigation", name="Sur cette fiche")
    expect(toc.get_by_role("link").first).to_have_text("Et maintenant ?")
    ask.click()
    expect(page).to_have_url(re.compile(r"next=/fr/stages/ma-demande/"))

    # No late class folds the header on the other page types either.
    for path in ("/fr/metiers/", "/fr/recherche/?q=boulanger"):
        page.goto(base_url + path)
        assert page.evaluate(LAYOUT_SHIFT) <= 0.02, path


def test_arabic_parent_reaches_the_translated_article_from_the_home_page(phone, base_url, demo_content):
    page = phone

    page.goto(base_url + "/ar/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    check(page)

    page.get_by_role("link", name="مقالات للأولياء").click()
    expect(page).to_have_url(f"{base_url}/ar/orientation/?audience=parents")
    check(page)

    page.get_by_role("link", name="كيف تساعد طفلك على إيجاد تدريب").click()
    expect(page).to_have_url(f"{base_url}/ar/orientation/{PARENTS_ARTICLE}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("كيف تساعد طفلك على إيجاد تدريب")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    check(page)

    # The catalogue is not translated: its menu name in Arabic, the catalogue shown in French, marked so, under /ar/.
    open_menu(page)
    page.get_by_role("navigation").get_by_role("link", name="المهن").click()
    expect(page).to_have_url(f"{base_url}/ar/metiers/")
    expect(page.locator("main [lang=fr]").first).to_be_visible()
    check(page)


def test_professional_sends_a_proposal(phone, base_url, demo_content):
    page = phone

    page.goto(base_url + "/fr/")
    page.get_by_role("link", name="Proposer un stage ou intervenir").click()
    expect(page).to_have_url(f"{base_url}/fr/stages/proposer/")
    check(page)

    page.get_by_label("Entreprise ou organisme").fill("Boulangerie du Marché")
    page.get_by_role("button", name="Envoyer ma proposition").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Choisissez ce que vous proposez.")
    expect(page.get_by_label("Entreprise ou organisme")).to_have_value("Boulangerie du Marché")
    check(page)

    page.get_by_label("Accueillir un élève en stage").check()
    page.get_by_label("Nom et prénom").fill("Nadia Kaci")
    page.get_by_role("textbox", name="Métier (obligatoire)").fill("Boulangère")
    page.get_by_label("Adresse e-mail").fill("nadia@example.org")
    page.get_by_label("Code postal du lieu de travail").fill("93200")
    page.get_by_role("button", name="Envoyer ma proposition").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Merci, votre proposition est envoyée")
    check(page)


def test_teacher_and_staff_tables_scroll_in_their_own_region(phone, base_url, demo_content):
    """The teacher's classes table and the staff's stage console are wider than a small phone: the table
    scrolls inside its labelled region, the page does not."""
    page = phone
    login(page, base_url, "professeur@demo.unstageetapres.fr", "demo-professeur-2026")
    page.goto(base_url + "/fr/compte/mon-espace/")
    expect(page.get_by_role("region", name="Classes", exact=True)).to_contain_text("3e A")
    check(page)
    page.context.clear_cookies()
    login(page, base_url, "equipe@demo.unstageetapres.fr", "demo-equipe-2026")
    page.goto(base_url + "/fr/stages/console/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    check(page)
