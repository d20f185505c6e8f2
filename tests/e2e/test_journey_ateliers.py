"""Parcours Découverte in the browser: a pupil finds a workshop from a métier sheet and signs up on a
375 px phone, sees it in « Mon espace » and cancels; a teacher books a session for their class; a leader
checks pupils in on the day. Each page is scanned with axe."""

import datetime
import re

from django.utils import timezone

import pytest
from playwright.sync_api import expect

from accounts.factories import (
    DEFAULT_PASSWORD,
    ConsentedPupilFactory,
    PupilFactory,
    SchoolClassFactory,
    TeacherFactory,
    UserFactory,
)
from accounts.roles import Role
from ateliers.booking import sign_up
from ateliers.factories import AgendaIndexPageFactory, EventPageFactory, SessionFactory
from ateliers.models import EventLeader, EventMetier, Session, SignUp
from metiers.models import MetierPage

from .conftest import assert_no_axe_violations, login

pytestmark = pytest.mark.e2e

PHONE_375 = {"width": 375, "height": 812}
PHONE_320 = {"width": 320, "height": 640}


def assert_fits_the_screen(page):
    """No sideways scroll, measured against the layout viewport (`clientWidth`). The conftest's
    `assert_no_horizontal_scroll` compares with `window.innerWidth`, which in a phone context (`is_mobile`)
    grows with a page that is too wide, so it cannot fail there (the 434 px calendar page passed at 320 px)."""
    scroll_width, width = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert scroll_width <= width, f"{page.url} scrolls sideways: {scroll_width} px wide for {width} px"


@pytest.fixture
def phone_375(new_context):
    context = new_context(viewport=PHONE_375, device_scale_factor=2, is_mobile=True, has_touch=True)
    return context.new_page()


@pytest.fixture
def agenda(home_page):
    return AgendaIndexPageFactory(parent=home_page)


def test_pupil_signs_up_from_a_metier_sheet_on_a_phone_and_cancels(phone_375, base_url, agenda, imported):
    page = phone_375
    metier = MetierPage.objects.get(rome_code="D1102")
    event = EventPageFactory(parent=agenda, title="Mains à la pâte")
    EventMetier.objects.create(page=event, metier=metier)
    session = SessionFactory(page=event, capacity=12)
    pupil = ConsentedPupilFactory(email="lina@example.org", first_name="Lina")

    login(page, base_url, pupil.email, DEFAULT_PASSWORD)
    page.goto(base_url + agenda.url + "?kind=atelier")
    expect(page.get_by_role("link", name="Mains à la pâte")).to_be_visible()
    assert_no_axe_violations(page)
    assert_fits_the_screen(page)

    page.goto(base_url + metier.url)
    sessions = page.get_by_role("region", name="Rencontrer ce métier : prochains ateliers")
    assert_no_axe_violations(page)
    sessions.get_by_role("link", name="Mains à la pâte").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mains à la pâte")
    expect(page.get_by_text("12 places restantes")).to_be_visible()
    assert_no_axe_violations(page)
    assert_fits_the_screen(page)

    page.get_by_role("button", name="Je m'inscris").click()
    expect(page.get_by_text("C'est noté : ton inscription est confirmée.")).to_be_visible()
    expect(page.get_by_text("11 places restantes")).to_be_visible()
    assert_no_axe_violations(page)
    assert SignUp.objects.get(pupil=pupil).session == session

    page.goto(base_url + "/fr/compte/mon-espace/")
    mine = page.get_by_role("region", name="Ateliers et forums")
    expect(mine).to_contain_text("Mains à la pâte")
    assert_no_axe_violations(page)
    assert_fits_the_screen(page)

    # The smallest phones: the calendar address fits, nothing scrolls sideways.
    page.set_viewport_size(PHONE_320)
    mine.get_by_role("link", name="Ajouter mes ateliers à mon calendrier").click()
    expect(page.get_by_label("Adresse du calendrier")).to_have_value(re.compile(r"/calendrier/.+\.ics$"))
    assert_no_axe_violations(page)
    assert_fits_the_screen(page)
    page.set_viewport_size(PHONE_375)

    page.goto(base_url + "/fr/compte/mon-espace/")
    mine.get_by_role("link", name="Mains à la pâte").click()
    page.get_by_role("button", name="Annuler mon inscription").click()
    expect(page.get_by_text("Ton inscription est annulée.")).to_be_visible()
    expect(page.get_by_text("12 places restantes")).to_be_visible()
    assert SignUp.objects.get(pupil=pupil).status == SignUp.Status.CANCELLED


def test_teacher_books_a_session_for_their_class(desktop_page, base_url, agenda):
    page = desktop_page
    event = EventPageFactory(parent=agenda, title="Code ton premier jeu")
    session = SessionFactory(page=event, booking=Session.Booking.CLASS, capacity=28)
    teacher = TeacherFactory(email="prof@example.org")
    school_class = SchoolClassFactory(name="3e A")
    school_class.teachers.add(teacher)
    ines = ConsentedPupilFactory(first_name="Inès", last_name="Diallo", school_class=school_class)
    yanis = ConsentedPupilFactory(first_name="Yanis", last_name="Benkacem", school_class=school_class)
    PupilFactory(first_name="Sarah", last_name="Nguyen", school_class=school_class)  # no consent yet

    login(page, base_url, teacher.email, DEFAULT_PASSWORD)
    page.goto(base_url + event.url)
    expect(page.get_by_text("c'est le professeur qui inscrit ses élèves")).to_be_visible()
    page.get_by_role("link", name="Inscrire des élèves de ma classe").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Inscrire des élèves de ma classe")
    expect(page.get_by_label("Nguyen Sarah (3e A)")).to_be_disabled()
    expect(page.get_by_role("group", name="Élèves à inscrire")).to_contain_text(
        "Nguyen Sarah (3e A) — impossible à inscrire : sa famille n'a pas encore donné son accord"
    )
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Inscrire les élèves cochés").click()
    expect(page.get_by_role("alert")).to_have_text("Cochez au moins un élève.")

    page.get_by_label("Diallo Inès (3e A)").check()
    page.get_by_label("Benkacem Yanis (3e A)").check()
    page.get_by_role("button", name="Inscrire les élèves cochés").click()
    expect(page.get_by_text("2 élèves ont une place à cette séance.")).to_be_visible()
    expect(page.get_by_role("group", name="Élèves à inscrire")).to_contain_text(
        "Diallo Inès (3e A) — déjà une place à cette séance"
    )
    expect(page.get_by_label("Diallo Inès (3e A)")).to_be_disabled()
    expect(page.get_by_role("button", name="Inscrire les élèves cochés")).to_have_count(0)
    assert_no_axe_violations(page)
    page.set_viewport_size(PHONE_320)
    assert_fits_the_screen(page)
    assert set(session.signups.values_list("pupil", flat=True)) == {ines.pk, yanis.pk}

    page.goto(base_url + "/fr/compte/mon-espace/")
    expect(page.get_by_role("region", name="Les ateliers de mes classes")).to_contain_text("Inès D. (3e A)")
    assert_no_axe_violations(page)


def test_leader_checks_pupils_in_on_the_day(mobile_page, base_url, agenda):
    page = mobile_page
    event = EventPageFactory(parent=agenda, title="Soigner au quotidien")
    session = SessionFactory(page=event, starts_at=timezone.now() + datetime.timedelta(hours=1))
    leader = UserFactory(email="karim@example.org", first_name="Karim", role=Role.PROFESSIONAL)
    EventLeader.objects.create(page=event, user=leader, job="infirmier")
    pupil = ConsentedPupilFactory(first_name="Inès", last_name="Diallo", school_class__name="3e A")
    sign_up(session, pupil)

    login(page, base_url, leader.email, DEFAULT_PASSWORD)
    page.goto(base_url + "/fr/compte/mon-espace/")
    led = page.get_by_role("region", name="Les séances que j'anime")
    expect(led).to_contain_text("Inès D. (3e A)")
    assert_no_axe_violations(page)
    led.get_by_role("link", name="Pointage").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Pointage")
    assert_no_axe_violations(page)
    assert_fits_the_screen(page)

    page.get_by_role("button", name="Noter la présence : Inès D. (3e A)").click()
    expect(page.locator(".check-in__state")).to_have_text("Présence notée")
    assert SignUp.objects.get(pupil=pupil).attended is True
    assert_no_axe_violations(page)
