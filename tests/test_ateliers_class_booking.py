"""A teacher's class booking page: what the teacher reads about each pupil, and what a booking leaves."""

import datetime
import html
import re

from django.urls import reverse
from django.utils import timezone

import pytest

from accounts import consent
from accounts.factories import ConsentedPupilFactory, PupilFactory, SchoolClassFactory, TeacherFactory
from accounts.models import ConsentRecord
from ateliers.booking import book_class, sign_up
from ateliers.factories import AgendaIndexPageFactory, EventPageFactory, SessionFactory
from ateliers.models import Session, SignUp

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(home_page):
    agenda = AgendaIndexPageFactory(parent=home_page)
    event = EventPageFactory(parent=agenda, title="Code ton premier jeu")
    session = SessionFactory(page=event, booking=Session.Booking.CLASS, capacity=10)
    teacher = TeacherFactory()
    school_class = SchoolClassFactory(name="3e A")
    school_class.teachers.add(teacher)
    ines = ConsentedPupilFactory(first_name="Inès", last_name="Diallo", school_class=school_class)
    yanis = PupilFactory(first_name="Yanis", last_name="Benkacem", school_class=school_class)
    sarah = PupilFactory(first_name="Sarah", last_name="Nguyen", school_class=school_class)
    consent.record(sarah, ConsentRecord.Decision.REFUSED, ConsentRecord.Method.LINK, by_name="Parent")
    hugo = ConsentedPupilFactory(first_name="Hugo", last_name="Martin", school_class=school_class)
    return {
        "agenda": agenda,
        "session": session,
        "teacher": teacher,
        "ines": ines,
        "yanis": yanis,
        "sarah": sarah,
        "hugo": hugo,
        "url": reverse("ateliers:class_booking", args=[session.pk]),
    }


def text(response):
    """The page's visible words, tags removed and spaces folded."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))


def checkbox(response, pupil):
    """The <input> tag of the pupil's row (by the label's text)."""
    rows = response.content.decode().split('<li class="class-booking__row">')[1:]
    row = next(row for row in rows if f"{pupil.last_name} {pupil.first_name}" in row.split("</li>")[0])
    return re.search(r"<input[^>]*>", row).group(0)


def test_refusals_speak_to_the_teacher_about_the_pupil(world):
    _booked, refusals = book_class(world["session"], world["teacher"], [world["yanis"], world["sarah"]])
    messages = dict(refusals)
    assert messages[world["yanis"]] == (
        "sa famille n'a pas encore donné son accord (lettre aux parents à transmettre)."
    )
    assert "accord pour participer a été refusé" in messages[world["sarah"]]
    for message in messages.values():
        assert "Donne-leur" not in message
        assert "Ta famille" not in message
        assert not re.search(r"\btu\b|\bton\b|\bta\b", message, re.I)


def test_the_list_shows_who_is_booked_and_who_cannot_be_and_why(client, world):
    sign_up(world["session"], world["ines"], by=world["teacher"])
    client.force_login(world["teacher"])
    response = client.get(world["url"])
    page = text(response)

    assert "Diallo Inès (3e A) — déjà une place à cette séance" in page
    assert "Benkacem Yanis (3e A) — impossible à inscrire : sa famille n'a pas encore donné son accord" in page
    assert "Nguyen Sarah (3e A) — impossible à inscrire : l'accord pour participer a été refusé." in page
    for pupil in ("ines", "yanis", "sarah"):
        assert "disabled" in checkbox(response, world[pupil])
        assert 'name="pupils"' not in checkbox(response, world[pupil])
    hugo = checkbox(response, world["hugo"])
    assert 'name="pupils"' in hugo and "disabled" not in hugo
    assert "<fieldset" in response.content.decode() and "<legend>" in response.content.decode()


def test_submitting_nothing_ticked_says_so(client, world):
    client.force_login(world["teacher"])
    response = client.post(world["url"], {})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert "Cochez au moins un élève." in text(response)
    assert not SignUp.objects.exists()


def test_a_booking_redirects_with_a_message_and_leaves_no_box_ticked(client, world):
    client.force_login(world["teacher"])
    response = client.post(world["url"], {"pupils": [world["ines"].pk, world["hugo"].pk]})
    assert response.status_code == 302 and response["Location"] == world["url"]

    page = client.get(world["url"])
    assert "2 élèves ont une place à cette séance." in text(page)
    assert "Martin Hugo (3e A) — déjà une place à cette séance" in text(page)
    assert "checked" not in checkbox(page, world["hugo"]).replace("disabled checked", "")
    assert 'name="pupils"' not in page.content.decode()
    assert "Aucun autre élève de vos classes ne peut prendre place à cette séance." in text(page)


def test_a_refusal_at_booking_time_is_told_after_the_redirect(client, world):
    other = SessionFactory(
        page=EventPageFactory(parent=world["agenda"], title="Forum"), starts_at=world["session"].starts_at
    )
    sign_up(other, world["hugo"])
    client.force_login(world["teacher"])
    response = client.post(world["url"], {"pupils": [world["hugo"].pk]}, follow=True)
    assert "Hugo Martin : a déjà une place à « Forum » au même moment." in text(response)
    assert not SignUp.objects.filter(session=world["session"]).exists()


def test_the_page_runs_a_bounded_number_of_queries(client, world, django_assert_max_num_queries):
    for _ in range(15):
        PupilFactory(school_class=world["ines"].school_class)
    client.force_login(world["teacher"])
    with django_assert_max_num_queries(30):
        assert client.get(world["url"]).status_code == 200


def test_a_teacher_of_a_past_session_still_gets_a_french_refusal(client, world):
    world["session"].starts_at = timezone.now() - datetime.timedelta(hours=1)
    world["session"].save()
    client.force_login(world["teacher"])
    response = client.post(world["url"], {"pupils": [world["hugo"].pk]}, follow=True)
    assert "Hugo Martin : Cette séance a déjà commencé ou est passée." in text(response)
