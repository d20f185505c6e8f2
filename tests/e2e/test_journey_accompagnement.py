"""CV help: a pupil writes her CV on a 375 px phone and asks for help; the volunteer comments (one comment
with a phone number is held); the pupil accepts a suggestion and downloads the PDF; staff see the held
comment in the moderation queue of the admin's console. No axe violation on the way; the volunteer's pages
and the document do not scroll sideways on a 320 px phone."""

import pytest
from playwright.sync_api import expect

from accompagnement.factories import VolunteerFactory
from accompagnement.models import HelpSettings
from accounts.factories import DEFAULT_PASSWORD, ConsentedPupilFactory, StaffFactory

from .conftest import assert_no_axe_violations, assert_no_horizontal_scroll, login

pytestmark = pytest.mark.e2e

STEPS = [
    ("Ton collège et ta classe", "3e B au collège Jean-Moulin"),
    ("Ce que tu aimes et ce que tu fais en dehors des cours", "Je fais du basket le mercredi."),
    ("Tes qualités, chacune avec un exemple", "Patiente : j'aide mon petit frère."),
    ("Les langues que tu parles ou apprends", "Français, arabe, anglais"),
    ("Ce que tu aimerais découvrir pendant ton stage", "Comment on soigne les animaux."),
]


@pytest.fixture
def people(transactional_db):
    settings = HelpSettings.load()
    settings.auto_assign = True
    settings.save()
    return {
        "pupil": ConsentedPupilFactory(email="lina@example.org", first_name="Lina", last_name="Benali"),
        "volunteer": VolunteerFactory(email="claire@example.org", first_name="Claire"),
        "staff": StaffFactory(email="equipe@example.org"),
    }


def write_cv_on_a_phone(phone, base_url):
    login(phone, base_url, "lina@example.org", DEFAULT_PASSWORD)
    phone.goto(base_url + "/fr/accompagnement/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Mon CV et mes lettres")
    assert_no_axe_violations(phone)
    phone.get_by_role("link", name="Commencer mon CV").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Qui je suis")
    expect(phone.get_by_label("Ton prénom et ton nom")).to_have_value("Lina Benali")
    assert_no_axe_violations(phone)
    assert_no_horizontal_scroll(phone)
    phone.get_by_role("button", name="Étape suivante").click()
    for label, text in STEPS:
        field = phone.get_by_label(label)
        field.fill(text)
        expect(phone.locator(".help-preview")).to_contain_text(text)  # the live preview follows the typing
        last = label == STEPS[-1][0]
        phone.get_by_role("button", name="Enregistrer et voir mon document" if last else "Étape suivante").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Mon CV")
    assert_no_axe_violations(phone)
    assert_no_horizontal_scroll(phone)
    phone.get_by_role("button", name="Demander une relecture").click()
    expect(phone.get_by_text("Version 1 envoyée.", exact=False)).to_be_visible()


NARROW = {"viewport": {"width": 320, "height": 640}, "is_mobile": True, "has_touch": True}


def no_sideways_scroll_at_320_px(new_context, base_url, document_path):
    """The volunteer's space and the document they follow, and the document with its history as staff see it,
    on the narrowest phone (staff's console is in the Wagtail admin, which is not made for phones)."""
    document = (document_path, "CV de Lina")
    for email, pages in [
        ("claire@example.org", [("/fr/accompagnement/benevole/", "Mon espace bénévole"), document]),
        ("equipe@example.org", [document]),
    ]:
        small = new_context(**NARROW).new_page()
        login(small, base_url, email, DEFAULT_PASSWORD)
        for path, heading in pages:
            small.goto(base_url + path)
            expect(small.get_by_role("heading", level=1)).to_have_text(heading)
            assert_no_horizontal_scroll(small)


def test_cv_written_on_a_phone_commented_accepted_and_moderated(new_context, base_url, people):
    phone = new_context(viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True).new_page()
    write_cv_on_a_phone(phone, base_url)

    volunteer = new_context().new_page()
    login(volunteer, base_url, "claire@example.org", DEFAULT_PASSWORD)
    volunteer.goto(base_url + "/fr/accompagnement/benevole/")
    assert_no_axe_violations(volunteer)
    volunteer.get_by_role("link", name="CV de Lina").click()
    document_path = volunteer.url.removeprefix(base_url)
    expect(volunteer.get_by_text("Benali")).to_have_count(0)
    assert_no_axe_violations(volunteer)
    volunteer.get_by_label("Partie commentée").select_option(label="Mes qualités")
    volunteer.get_by_label("Passage commenté").fill("j'aide mon petit frère")
    volunteer.get_by_label("Votre commentaire").fill("Bel exemple : dis quand tu l'aides.")
    volunteer.get_by_label("Proposition de formulation").fill("j'aide mon petit frère chaque soir")
    volunteer.get_by_role("button", name="Publier le commentaire").click()
    expect(volunteer.get_by_text("Commentaire publié.", exact=False)).to_be_visible()
    volunteer.get_by_label("Partie commentée").select_option(label="Ce que j'aime et ce que je fais")
    volunteer.get_by_label("Votre commentaire").fill("Pour en parler, appelle-moi au 06 12 34 56 78.")
    volunteer.get_by_role("button", name="Publier le commentaire").click()
    expect(volunteer.get_by_text("il est gardé pour l'équipe", exact=False)).to_be_visible()
    assert_no_axe_violations(volunteer)

    phone.reload()
    expect(phone.get_by_text("Bel exemple : dis quand tu l'aides.")).to_be_visible()
    expect(phone.get_by_text("06 12 34 56 78")).to_have_count(0)
    phone.get_by_role("button", name="Accepter la proposition").click()
    expect(phone.get_by_text("Suggestion acceptée", exact=False)).to_be_visible()
    expect(phone.get_by_role("region", name="Le texte actuel")).to_contain_text("j'aide mon petit frère chaque soir")
    assert_no_axe_violations(phone)
    assert_no_horizontal_scroll(phone)
    with phone.expect_download() as download:
        phone.get_by_role("link", name="Télécharger en PDF").click()
    assert download.value.suggested_filename == "cv.pdf"

    no_sideways_scroll_at_320_px(new_context, base_url, document_path)

    staff = new_context().new_page()
    login(staff, base_url, "equipe@example.org", DEFAULT_PASSWORD)
    staff.goto(base_url + "/admin/accompagnement/")
    expect(staff.get_by_role("heading", level=1)).to_have_text("Accompagnement CV et lettres")
    held = staff.locator(".help-held")
    expect(held).to_contain_text("06 12 34 56 78")
    expect(held).to_contain_text("un numéro de téléphone")
    assert_no_axe_violations(staff)
    staff.get_by_role("button", name="Retirer").click()
    expect(staff.get_by_text("Aucun commentaire en attente.")).to_be_visible()
