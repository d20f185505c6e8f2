"""A partner reads « Les chiffres du projet » on a 320 px phone: from « Mon espace » to the page, another
school year, the CSV download; every table scrolls inside its own box, never the page, and axe finds
nothing. A pupil following the same address gets « page introuvable »."""

import re

import pytest
from playwright.sync_api import expect

from accounts.factories import ConsentedPupilFactory, SchoolClassFactory
from accounts.models import current_school_year
from demo.content import USERS

from .conftest import assert_no_axe_violations, assert_no_horizontal_scroll, login

pytestmark = pytest.mark.e2e

ACCOUNTS = {role: (email, password) for role, email, _first, _last, password in USERS}
PHONE_320 = {"viewport": {"width": 320, "height": 640}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
YEAR = current_school_year()
PAST_YEAR = f"{int(YEAR[:4]) - 1}-{YEAR[:4]}"


def test_partner_reads_the_figures_on_a_320_px_phone(new_context, base_url, demo_content):
    last_year = SchoolClassFactory(name="3e Z", school_year=PAST_YEAR)
    for _ in range(7):
        ConsentedPupilFactory(school_class=last_year)
    page = new_context(**PHONE_320).new_page()
    email, password = ACCOUNTS["Partenaire"]

    page.goto(base_url + "/fr/chiffres/")
    expect(page).to_have_url(re.compile(r"/fr/compte/connexion/\?next=/fr/chiffres/"))
    login(page, base_url, email, password)
    page.goto(base_url + "/fr/compte/mon-espace/")
    page.get_by_role("link", name="Les chiffres du projet (anonymes)").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Les chiffres du projet")
    levels = page.get_by_role("table", name="Élèves qui participent, par niveau")
    expect(levels.get_by_role("rowheader", name="Ensemble")).to_be_visible()
    # Eight tables of the parcours and the notebooks' wishes after the 3e, by path.
    expect(page.get_by_role("table")).to_have_count(9)
    expect(page.get_by_role("table", name="Vœux d'orientation après la 3e, par voie")).to_be_visible()
    expect(page.get_by_role("cell", name="moins de 5").first).to_be_visible()
    assert_no_horizontal_scroll(page)
    # The widest table scrolls inside its own box, which keyboard users can reach.
    workshops = page.get_by_role("region", name="Ateliers, conférences et forums des métiers tenus")
    assert workshops.evaluate("box => box.scrollWidth > box.clientWidth")
    assert workshops.get_attribute("tabindex") == "0"
    assert_no_axe_violations(page)

    page.get_by_label("Année scolaire").select_option(PAST_YEAR)
    page.get_by_role("button", name="Voir cette année").click()
    expect(page).to_have_url(re.compile(rf"\?annee={PAST_YEAR}$"))
    expect(levels.get_by_role("row", name=re.compile("^Ensemble"))).to_contain_text("7")
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page)

    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Télécharger ces chiffres")).click()
    assert download.value.suggested_filename == f"chiffres-{PAST_YEAR}.csv"

    pupil = new_context(**PHONE_320).new_page()
    email, password = ACCOUNTS["Élève"]
    login(pupil, base_url, email, password)
    response = pupil.goto(base_url + "/fr/chiffres/")
    assert response.status == 404
    expect(pupil.get_by_text("moins de 5")).to_have_count(0)
