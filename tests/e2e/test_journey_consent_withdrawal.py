"""A parent withdraws consent on a 375 px phone in Arabic: the page lists what will stop (the child's
workshop seat), the parent confirms, and the child's « Mon espace » then shows no seat to come. Every page
is scanned with axe.

Elements are found by their role and form fields, not by French words: the new sentences are translated
into Arabic after the merge, and the journey must keep passing then."""

import pytest
from playwright.sync_api import expect

from accounts import consent
from accounts.factories import DEFAULT_PASSWORD, ConsentedPupilFactory, ParentFactory
from ateliers.booking import sign_up
from ateliers.factories import AgendaIndexPageFactory, EventPageFactory, SessionFactory
from ateliers.models import SignUp

from .conftest import assert_no_axe_violations, assert_no_horizontal_scroll, login

pytestmark = pytest.mark.e2e

PHONE_375 = {"width": 375, "height": 812}


@pytest.fixture
def phone_375(new_context):
    context = new_context(viewport=PHONE_375, device_scale_factor=2, is_mobile=True, has_touch=True)
    return context.new_page()


def test_a_parent_withdraws_in_arabic_on_a_phone_and_the_seat_is_gone(phone_375, new_context, base_url, home_page):
    agenda = AgendaIndexPageFactory(parent=home_page)
    event = EventPageFactory(parent=agenda, title="Mains à la pâte")
    session = SessionFactory(page=event, capacity=1)
    pupil = ConsentedPupilFactory(email="lina@example.org", first_name="Lina")
    sign_up(session, pupil)
    waiting = ConsentedPupilFactory(first_name="Noah")
    assert sign_up(session, waiting)[0].status == SignUp.Status.WAITING
    parent = ParentFactory(email="maman.lina@example.org")
    parent.children.add(pupil)

    page = phone_375
    login(page, base_url, parent.email, DEFAULT_PASSWORD)
    page.goto(f"{base_url}/ar/compte/enfants/{pupil.pk}/accord/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert_no_axe_violations(page)
    page.locator("button[name=decision][value=withdrawn]").click()

    # The confirmation: what will stop, before anything changes.
    stopped = page.locator(".stopped-list li")
    expect(stopped).to_have_count(1)
    expect(stopped.first).to_contain_text("Mains à la pâte")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    assert consent.has_consent(pupil)
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page)
    page.locator("form:has(input[name=confirm]) button[type=submit]").click()
    expect(page).to_have_url(f"{base_url}/ar/compte/mon-espace/")
    assert_no_axe_violations(page)

    assert consent.status(pupil) == consent.Status.WITHDRAWN
    assert SignUp.objects.get(pupil=pupil).status == SignUp.Status.CANCELLED
    assert SignUp.objects.get(pupil=waiting).status == SignUp.Status.CONFIRMED

    # Lina's space shows no seat to come.
    child = new_context(viewport=PHONE_375, device_scale_factor=2, is_mobile=True, has_touch=True).new_page()
    login(child, base_url, pupil.email, DEFAULT_PASSWORD)
    child.goto(f"{base_url}/ar/compte/mon-espace/")
    expect(child.locator("main")).not_to_contain_text("Mains à la pâte")
    assert_no_horizontal_scroll(child)
    assert_no_axe_violations(child)
