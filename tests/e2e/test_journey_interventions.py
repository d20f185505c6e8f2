"""Interventions in the browser, on a 375 px phone: a teacher asks for a workshop for their class, staff
propose the demo professional (admin), the professional accepts from « Mon espace », the teacher confirms a
date, and a pupil of the class finds the workshop in « Mon espace ». Each public page is scanned with axe."""

import pytest
from playwright.sync_api import expect

from accounts.factories import DEFAULT_PASSWORD, ConsentedPupilFactory, SchoolClassFactory, StaffFactory, TeacherFactory
from accounts.models import current_school_year
from ateliers.factories import AgendaIndexPageFactory
from ateliers.models import SignUp
from interventions.factories import SpeakerFactory, next_school_day
from interventions.models import State, WorkshopRequest
from metiers.factories import GrandDomaineFactory

from .conftest import assert_no_axe_violations, login

pytestmark = pytest.mark.e2e

PHONE_375 = {"width": 375, "height": 812}


def assert_fits_the_screen(page):
    scroll_width, width = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert scroll_width <= width, f"{page.url} scrolls sideways: {scroll_width} px wide for {width} px"


@pytest.fixture
def phone(new_context):
    def make():
        context = new_context(viewport=PHONE_375, device_scale_factor=2, is_mobile=True, has_touch=True)
        return context.new_page()

    return make


def test_a_workshop_from_request_to_the_pupils_space(phone, new_context, base_url, home_page):
    AgendaIndexPageFactory(parent=home_page)
    health = GrandDomaineFactory(code="J", name="Santé")
    school_class = SchoolClassFactory(name="3e A", school_year=current_school_year())
    teacher = TeacherFactory(email="prof@example.org", first_name="Julien")
    school_class.teachers.add(teacher)
    pupil = ConsentedPupilFactory(email="ines@example.org", first_name="Inès", school_class=school_class)
    speaker = SpeakerFactory(user__email="karim@example.org", user__first_name="Karim", job="Infirmier")
    speaker.domains.add(health)
    staff = StaffFactory(email="equipe@example.org")
    first, second = next_school_day(14), next_school_day(21)

    # The teacher asks, on a phone.
    page = phone()
    login(page, base_url, teacher.email, DEFAULT_PASSWORD)
    page.goto(base_url + "/fr/interventions/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Demander une intervention pour mes classes")
    assert_no_axe_violations(page)
    assert_fits_the_screen(page)
    page.get_by_label("3e A").check()
    page.get_by_label("Grand domaine").select_option(label="Santé")
    page.get_by_label("Créneau 1").fill(first.astimezone().strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Créneau 2").fill(second.astimezone().strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Lieu").fill("Collège, salle 12")
    page.get_by_label("Nombre d'élèves").fill("24")
    page.get_by_role("button", name="Envoyer la demande").click()
    expect(page.get_by_text("Votre demande est envoyée")).to_be_visible()
    assert_no_axe_violations(page)
    assert_fits_the_screen(page)
    workshop_request = WorkshopRequest.objects.get()

    # Staff propose the professional, in the admin.
    admin = new_context(viewport={"width": 1280, "height": 800}).new_page()
    login(admin, base_url, staff.email, DEFAULT_PASSWORD)
    admin.goto(f"{base_url}/admin/interventions/{workshop_request.pk}/intervenants/")
    row = admin.get_by_role("row", name="Karim")
    expect(row).to_contain_text("même grand domaine")
    row.get_by_role("button", name="Proposer").click()
    expect(admin.get_by_text("Intervention proposée")).to_be_visible()

    # The professional accepts from « Mon espace », on a phone.
    pro = phone()
    login(pro, base_url, speaker.user.email, DEFAULT_PASSWORD)
    pro.goto(base_url + "/fr/compte/mon-espace/")
    section = pro.get_by_role("region", name="Mes interventions dans les collèges")
    assert_no_axe_violations(pro)
    section.get_by_role("link", name=school_class.school.name).click()
    expect(pro.get_by_text("Proposée à un intervenant", exact=True)).to_be_visible()
    expect(pro.get_by_text("Inès")).to_have_count(0)
    assert_no_axe_violations(pro)
    assert_fits_the_screen(pro)
    pro.get_by_role("button", name="J'accepte cette intervention").click()
    expect(pro.get_by_text("C'est fait : Acceptée par l'intervenant.")).to_be_visible()

    # The teacher confirms the first date: the class is booked.
    page.goto(f"{base_url}/fr/interventions/{workshop_request.pk}/")
    page.get_by_role("group", name="Date retenue").get_by_role("radio").first.check()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Confirmer cette date").click()
    expect(page.get_by_text("C'est fait : Confirmée.")).to_be_visible()
    assert_no_axe_violations(page)
    workshop_request.refresh_from_db()
    assert workshop_request.state == State.CONFIRMED
    assert SignUp.objects.filter(pupil=pupil, session=workshop_request.session).exists()

    # The pupil sees it in « Mon espace ».
    child = phone()
    login(child, base_url, pupil.email, DEFAULT_PASSWORD)
    child.goto(base_url + "/fr/compte/mon-espace/")
    expect(child.get_by_role("region", name="Ateliers et forums")).to_contain_text("Rencontre métiers : Santé")
    assert_no_axe_violations(child)
    assert_fits_the_screen(child)
