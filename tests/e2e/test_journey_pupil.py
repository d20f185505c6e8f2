"""A pupil on a phone: home page, logging in, « Mon espace », logging out; and the wrong-password path."""

import re

import pytest
from playwright.sync_api import expect

from accounts.factories import DEFAULT_PASSWORD, PupilFactory

from .conftest import assert_no_axe_violations, login, open_menu

pytestmark = pytest.mark.e2e


@pytest.fixture
def pupil(demo_content):
    return PupilFactory(
        email="ines.diallo@example.org",
        first_name="Inès",
        school_class__name="3e B",
        school_class__school__name="Collège Paul-Éluard",
    )


def test_pupil_logs_in_sees_their_class_and_logs_out(mobile_page, base_url, pupil):
    page = mobile_page

    page.goto(base_url + "/")
    expect(page).to_have_url(f"{base_url}/fr/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_have_text("Découvre des métiers, trouve ton stage de 3e")
    assert_no_axe_violations(page)

    open_menu(page)
    page.get_by_role("banner").get_by_role("link", name="Se connecter").click()
    expect(page).to_have_url(f"{base_url}/fr/compte/connexion/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Se connecter")
    assert_no_axe_violations(page)

    login(page, base_url, pupil.email, DEFAULT_PASSWORD)
    expect(page).to_have_url(f"{base_url}/fr/compte/mon-espace/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon espace")
    expect(page.get_by_text("Bonjour Inès !")).to_be_visible()
    parcours = page.get_by_role("region", name="Mon parcours")
    expect(parcours).to_contain_text("Tu es en 3e B")
    expect(parcours).to_contain_text("Collège Paul-Éluard")
    assert_no_axe_violations(page)

    open_menu(page)
    page.get_by_role("button", name="Se déconnecter").click()
    expect(page).to_have_url(f"{base_url}/fr/")
    open_menu(page)
    header = page.get_by_role("banner")
    expect(header.get_by_role("link", name="Se connecter")).to_be_visible()
    expect(header.get_by_role("button", name="Se déconnecter")).to_have_count(0)
    assert_no_axe_violations(page)

    # Logged out for real: « Mon espace » now asks to log in again.
    page.goto(base_url + "/fr/compte/mon-espace/")
    expect(page).to_have_url(re.compile(r"/fr/compte/connexion/\?next="))


def test_wrong_password_keeps_the_email_and_explains_in_french(mobile_page, base_url, pupil):
    page = mobile_page

    login(page, base_url, pupil.email, "pas-le-bon-mot-de-passe")

    expect(page).to_have_url(f"{base_url}/fr/compte/connexion/")
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Le formulaire contient des erreurs")
    expect(summary).to_contain_text(
        "Adresse e-mail, identifiant ou mot de passe incorrect. Vérifiez les majuscules et réessayez."
    )
    # The summary sits right above the fields and takes the focus, so screen readers announce it first.
    expect(page.locator("form.form .error-summary")).to_be_focused()
    expect(page.get_by_label("Adresse e-mail")).to_have_value(pupil.email)
    expect(page.get_by_label("Mot de passe")).to_have_value("")
    expect(page.get_by_role("banner").get_by_role("button", name="Se déconnecter")).to_have_count(0)
    assert_no_axe_violations(page)


def test_a_field_error_is_read_with_its_field(mobile_page, base_url, pupil):
    """A screen reader landing on the field hears what is wrong with it, not only the summary above."""
    page = mobile_page

    login(page, base_url, "", "un-mot-de-passe")

    email = page.get_by_label("Adresse e-mail")
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(email).to_have_accessible_description("Champ requis.")
    expect(page.get_by_label("Mot de passe")).not_to_have_attribute("aria-invalid", "true")
    assert_no_axe_violations(page)


def test_arabic_home_page_reads_right_to_left(mobile_page, base_url, demo_content):
    page = mobile_page

    page.goto(base_url + "/ar/")

    html = page.locator("html")
    expect(html).to_have_attribute("lang", "ar")
    expect(html).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("heading", level=1)).to_have_text("اكتشف المهن وابحث عن تدريبك في السنة الثالثة")
    assert_no_axe_violations(page)
