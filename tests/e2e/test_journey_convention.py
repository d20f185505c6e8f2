"""The convention signed online: once the host accepted, the host signs with their account, the teacher
signs for the collège naming the principal, the parent signs from the e-mailed link in Arabic on a 375 px
phone, and the pupil's signature, the fourth, moves the request to « Convention signée » by itself.
No axe violation on any page, no sideways scrolling on the phone pages."""

import pytest
from playwright.sync_api import expect

from accounts.factories import DEFAULT_PASSWORD, ConsentedPupilFactory, ParentFactory, StaffFactory, TeacherFactory
from stages import signatures
from stages.factories import (
    HostOrganisationFactory,
    PlaceFactory,
    PlaceWeekFactory,
    ProfessionalFactory,
    StageRequestFactory,
)
from stages.models import Convention, ConventionState, Party, RequestState, StageRequest
from stages.workflow import apply

from .conftest import assert_no_axe_violations, assert_no_horizontal_scroll, login

pytestmark = pytest.mark.e2e
PHONE = {"viewport": {"width": 375, "height": 812}, "is_mobile": True, "has_touch": True}


@pytest.fixture
def accepted(transactional_db):
    pupil = ConsentedPupilFactory(email="lina@example.org", first_name="Lina", last_name="Benali")
    parent = ParentFactory(email="parent@example.org", first_name="Samia", last_name="Benali")
    parent.children.add(pupil)
    teacher = TeacherFactory(email="prof@example.org", first_name="Paul", last_name="Prof")
    pupil.school_class.teachers.add(teacher)
    host_member = ProfessionalFactory(email="boulangere@example.org", first_name="Nadia", last_name="Kaci")
    place_week = PlaceWeekFactory(
        place=PlaceFactory(title="Découvrir le fournil", host=HostOrganisationFactory(members=[host_member]))
    )
    stage_request = StageRequestFactory(pupil=pupil)
    apply(StaffFactory(), stage_request, "propose", place_week=place_week)
    apply(host_member, stage_request, "accept")
    return {"request": stage_request, "parent": parent, "convention": Convention.objects.get(request=stage_request)}


def test_four_parties_sign_and_the_last_signature_moves_the_request(new_context, base_url, accepted):
    convention = accepted["convention"]
    page_path = f"/fr/stages/conventions/{convention.pk}/"

    host = new_context().new_page()
    login(host, base_url, "boulangere@example.org", DEFAULT_PASSWORD)
    host.goto(base_url + page_path)
    expect(host.get_by_role("heading", level=1)).to_have_text("Convention de stage")
    assert_no_axe_violations(host)
    host.get_by_role("button", name="Signer pour La structure d'accueil").click()
    expect(host.get_by_text("Votre signature est enregistrée.")).to_be_visible()
    expect(host.get_by_text("La structure d'accueil : signée par Nadia Kaci")).to_be_visible()
    assert_no_axe_violations(host)

    teacher = new_context().new_page()
    login(teacher, base_url, "prof@example.org", DEFAULT_PASSWORD)
    teacher.goto(base_url + page_path)
    teacher.get_by_role("button", name="Signer pour Le collège").click()
    expect(teacher.get_by_text("Indiquez le nom du chef d'établissement pour qui vous signez.").first).to_be_visible()
    assert_no_axe_violations(teacher)
    teacher.get_by_label("Nom du chef d'établissement pour qui vous signez").fill("Mme Claire Dubois")
    teacher.get_by_role("button", name="Signer pour Le collège").click()
    expect(teacher.get_by_text("Le collège : signée par Paul Prof")).to_be_visible()

    # The parent, from the e-mailed link, in Arabic on a phone.
    convention.refresh_from_db()
    token = signatures.make_link_token(convention, accepted["parent"])
    parent = new_context(**PHONE).new_page()
    parent.goto(base_url + f"/ar/stages/conventions/signer/{token}/")
    expect(parent.locator("html")).to_have_attribute("dir", "rtl")
    assert_no_axe_violations(parent)
    assert_no_horizontal_scroll(parent)
    parent.locator("#id_agree").check()
    parent.locator("main form button[type=submit]").click()
    expect(parent.locator("h1")).to_be_visible()
    assert convention.signature_of(Party.PARENT) is not None
    assert_no_axe_violations(parent)
    assert_no_horizontal_scroll(parent)
    # The same link a second time: no longer valid.
    assert parent.goto(base_url + f"/ar/stages/conventions/signer/{token}/").status == 404

    # The pupil signs last, on a phone: the request moves by itself.
    stage_request = StageRequest.objects.get(pk=accepted["request"].pk)
    assert stage_request.state == RequestState.ACCEPTED
    pupil = new_context(**PHONE).new_page()
    login(pupil, base_url, "lina@example.org", DEFAULT_PASSWORD)
    pupil.goto(base_url + page_path)
    assert_no_axe_violations(pupil)
    assert_no_horizontal_scroll(pupil)
    pupil.get_by_role("button", name="Signer pour L'élève").click()
    expect(pupil.get_by_text("Signée", exact=True)).to_be_visible()
    convention.refresh_from_db()
    stage_request.refresh_from_db()
    assert convention.state == ConventionState.SIGNED
    assert stage_request.state == RequestState.CONVENTION
    pupil.goto(base_url + f"/fr/stages/demandes/{stage_request.pk}/")
    expect(pupil.get_by_text("Convention signée", exact=True).first).to_be_visible()
    assert_no_axe_violations(pupil)
