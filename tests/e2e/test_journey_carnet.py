"""The orientation notebook on a 375 px phone: a pupil marks two sheets « Ce métier m'intéresse » and writes
two wishes, her parent comments in the Arabic interface, the teacher sees the class view. Every page is
scanned with axe.

Elements the parent and teacher use are found by form fields and roles, not by French words: the new
sentences are translated into Arabic after the merge, and the journey must keep passing then."""

import pytest
from playwright.sync_api import expect

from accounts.factories import DEFAULT_PASSWORD, ConsentedPupilFactory, ParentFactory, UserFactory
from accounts.roles import Role
from carnet.models import InterestMark, ParentComment, Wish
from metiers.factories import MetierPageFactory, MetiersIndexPageFactory

from .conftest import assert_no_axe_violations, assert_no_horizontal_scroll, login

pytestmark = pytest.mark.e2e

PHONE_375 = {"width": 375, "height": 812}


@pytest.fixture
def phone_375(new_context):
    context = new_context(viewport=PHONE_375, device_scale_factor=2, is_mobile=True, has_touch=True)
    return context.new_page()


def new_phone(new_context):
    return new_context(viewport=PHONE_375, device_scale_factor=2, is_mobile=True, has_touch=True).new_page()


def test_pupil_marks_two_sheets_writes_two_wishes_parent_comments_in_arabic_teacher_sees_class(
    phone_375, new_context, base_url, home_page
):
    index = MetiersIndexPageFactory(parent=home_page)
    bakery = MetierPageFactory(parent=index, title="Boulanger / Boulangère", formations="CAP boulanger")
    nurse = MetierPageFactory(parent=index, title="Aide-soignant / Aide-soignante", access_level=3)
    pupil = ConsentedPupilFactory(email="ines@example.org", first_name="Inès", school_class__name="3e A")
    classmate = ConsentedPupilFactory(first_name="Chloé", school_class=pupil.school_class)
    parent = ParentFactory(email="maman.ines@example.org")
    parent.children.add(pupil)
    teacher = UserFactory(role=Role.TEACHER, email="prof@example.org")
    pupil.school_class.teachers.add(teacher)

    # The pupil marks two sheets from their pages.
    page = phone_375
    login(page, base_url, pupil.email, DEFAULT_PASSWORD)
    for sheet in (bakery, nurse):
        page.goto(base_url + sheet.url)
        button = page.get_by_role("button", name="Ce métier m'intéresse")
        button.click()
        expect(page.get_by_role("button", name="Ne plus garder ce métier")).to_be_visible()
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page)
    assert InterestMark.objects.filter(pupil=pupil).count() == 2

    # Two wishes in « Mon orientation ».
    page.goto(base_url + "/fr/carnet/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon orientation")
    expect(page.get_by_role("link", name="Boulanger / Boulangère")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("CAP", exact=True).check()
    page.get_by_label("Boulanger / Boulangère").check()
    page.get_by_label("Pourquoi ce vœu ? (si tu veux)").fill("J'aime pétrir la pâte.")
    page.get_by_role("button", name="Enregistrer mon vœu").click()
    expect(page.get_by_text("Ton vœu est enregistré.")).to_be_visible()
    page.get_by_label("Seconde professionnelle").check()
    page.get_by_role("button", name="Enregistrer mon vœu").click()
    # Forgot the field: refused in French, the choice kept.
    expect(page.locator(".error-summary")).to_contain_text("écris la spécialité ou le domaine")
    expect(page.get_by_label("Seconde professionnelle")).to_be_checked()
    assert_no_axe_violations(page)
    page.get_by_label("Spécialité ou domaine").fill("Accompagnement, soins et services à la personne")
    page.get_by_label("Aide-soignant / Aide-soignante").check()
    page.get_by_role("button", name="Enregistrer mon vœu").click()
    expect(page.get_by_text("Ton vœu est enregistré.")).to_be_visible()
    expect(page.locator(".carnet__wishes > li")).to_have_count(2)
    expect(page.locator(".carnet__wishes")).to_contain_text("CAP boulanger")
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page)
    assert list(Wish.objects.filter(pupil=pupil).values_list("path", flat=True)) == ["cap", "vocational"]

    # The parent comments in the Arabic interface.
    parent_page = new_phone(new_context)
    login(parent_page, base_url, parent.email, DEFAULT_PASSWORD)
    parent_page.goto(f"{base_url}/ar/carnet/eleves/{pupil.pk}/")
    expect(parent_page.locator("html")).to_have_attribute("dir", "rtl")
    expect(parent_page.locator(".carnet__wishes > li")).to_have_count(2)
    assert_no_axe_violations(parent_page)
    parent_page.locator("textarea[name=text]").fill("أنا فخورة بك يا إيناس")
    parent_page.locator("form[action$='/commentaire/'] button[type=submit]").click()
    expect(parent_page.locator(".carnet__comment")).to_contain_text("أنا فخورة بك يا إيناس")
    assert_no_horizontal_scroll(parent_page)
    assert_no_axe_violations(parent_page)
    assert ParentComment.objects.get(pupil=pupil).author == parent

    # The teacher sees the class view: Chloé has no wish yet; the spread counts Inès's two.
    teacher_page = new_phone(new_context)
    login(teacher_page, base_url, teacher.email, DEFAULT_PASSWORD)
    teacher_page.goto(f"{base_url}/fr/carnet/classes/{pupil.school_class.pk}/")
    without = teacher_page.get_by_role("region", name="Pas encore de vœu")
    expect(without).to_contain_text(classmate.first_name)
    expect(without).not_to_contain_text("Inès")
    expect(teacher_page.get_by_role("row", name="CAP 1")).to_be_visible()
    assert_no_horizontal_scroll(teacher_page)
    assert_no_axe_violations(teacher_page)
