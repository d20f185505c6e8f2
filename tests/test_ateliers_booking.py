"""Sign-ups: seats, waiting list, closing date, clash, consent, class booking, cancellation, emails."""

import datetime

from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

import pytest

from accounts import consent
from accounts.factories import (
    ConsentedPupilFactory,
    ParentFactory,
    PupilFactory,
    SchoolClassFactory,
    StaffFactory,
    TeacherFactory,
)
from accounts.models import ConsentRecord
from ateliers.booking import BookingError, book_class, cancel, cancel_session, promote, sign_up
from ateliers.factories import AgendaIndexPageFactory, EventPageFactory, SessionFactory
from ateliers.models import Session, SignUp

pytestmark = pytest.mark.django_db


@pytest.fixture
def agenda(home_page):
    return AgendaIndexPageFactory(parent=home_page)


@pytest.fixture
def event(agenda):
    return EventPageFactory(parent=agenda, title="Les métiers du soin")


def make_session(event, **kwargs):
    return SessionFactory(page=event, **kwargs)


def seats(session):
    session.refresh_from_db()
    return session.seats_taken


def test_a_pupil_takes_a_seat_and_a_second_press_changes_nothing(event):
    session = make_session(event, capacity=2)
    pupil = ConsentedPupilFactory()
    first, created = sign_up(session, pupil)
    again, created_again = sign_up(session, pupil)
    assert created and not created_again
    assert first.pk == again.pk and first.status == SignUp.Status.CONFIRMED
    assert seats(session) == 1
    assert SignUp.objects.filter(session=session, pupil=pupil).count() == 1


def test_a_full_session_puts_pupils_on_the_waiting_list_and_promotes_them_in_order(
    event, django_capture_on_commit_callbacks
):
    session = make_session(event, capacity=1)
    first, second, third = ConsentedPupilFactory(), ConsentedPupilFactory(), ConsentedPupilFactory()
    seat, _ = sign_up(session, first)
    wait2, _ = sign_up(session, second)
    wait3, _ = sign_up(session, third)
    assert [wait2.status, wait3.status] == [SignUp.Status.WAITING, SignUp.Status.WAITING]
    assert seats(session) == 1
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        _cancelled, promoted = cancel(seat)

    assert promoted.pk == wait2.pk
    wait2.refresh_from_db()
    wait3.refresh_from_db()
    assert wait2.status == SignUp.Status.CONFIRMED and wait3.status == SignUp.Status.WAITING
    assert seats(session) == 1
    assert [m.to for m in mail.outbox] == [[second.email]]
    assert "Une place s'est libérée" in mail.outbox[0].subject


def test_the_database_refuses_overbooking_and_a_second_active_signup(event):
    session = make_session(event, capacity=1)
    pupil = ConsentedPupilFactory()
    sign_up(session, pupil)
    with pytest.raises(IntegrityError), transaction.atomic():
        Session.objects.filter(pk=session.pk).update(seats_taken=2)
    with pytest.raises(IntegrityError), transaction.atomic():
        SignUp.objects.create(session=session, pupil=pupil, status=SignUp.Status.WAITING)


def test_after_the_closing_date_pupils_can_neither_sign_up_nor_cancel_but_staff_can(event):
    now = timezone.now()
    session = make_session(event, capacity=5)
    pupil, late = ConsentedPupilFactory(), ConsentedPupilFactory()
    signup, _ = sign_up(session, pupil)
    Session.objects.filter(pk=session.pk).update(signup_closes_at=now - datetime.timedelta(minutes=1))
    session.refresh_from_db()

    with pytest.raises(BookingError, match="closes"):
        sign_up(session, late)
    with pytest.raises(BookingError, match="closes"):
        cancel(signup)
    assert not SignUp.objects.filter(pupil=late).exists()

    staff = StaffFactory()
    staff_signup, _ = sign_up(session, late, by=staff)
    cancel(signup, by=staff)
    assert staff_signup.status == SignUp.Status.CONFIRMED
    assert seats(session) == 1


def test_sign_ups_do_not_open_before_the_opening_date(event):
    session = make_session(event, signup_opens_at=timezone.now() + datetime.timedelta(days=1))
    with pytest.raises(BookingError, match="ouvrent le"):
        sign_up(session, ConsentedPupilFactory())


def test_a_pupil_cannot_hold_two_sessions_at_the_same_time(agenda):
    start = timezone.now() + datetime.timedelta(days=5)
    one = make_session(EventPageFactory(parent=agenda), starts_at=start)
    other = make_session(EventPageFactory(parent=agenda, title="Forum"), starts_at=start + datetime.timedelta(hours=1))
    pupil = ConsentedPupilFactory()
    sign_up(one, pupil)
    with pytest.raises(BookingError, match="au même moment"):
        sign_up(other, pupil)
    assert seats(other) == 0


@pytest.mark.parametrize("decision", [None, ConsentRecord.Decision.REFUSED])
def test_a_pupil_without_consent_is_refused_kindly(event, decision):
    session = make_session(event)
    pupil = PupilFactory()
    if decision:
        consent.record(pupil, decision, ConsentRecord.Method.LINK, by_name="Parent")
    with pytest.raises(BookingError) as refusal:
        sign_up(session, pupil)
    assert "accord" in refusal.value.message
    assert seats(session) == 0


def test_wrong_level_wrong_school_past_and_class_only_sessions_are_refused(agenda):
    pupil = ConsentedPupilFactory(school_class__level="3e")
    fourth = make_session(EventPageFactory(parent=agenda, level="4e"))
    other_school = make_session(EventPageFactory(parent=agenda, school=SchoolClassFactory().school))
    past = make_session(EventPageFactory(parent=agenda), starts_at=timezone.now() - datetime.timedelta(days=2))
    class_only = make_session(EventPageFactory(parent=agenda), booking=Session.Booking.CLASS)
    for session, words in [
        (fourth, "réservée aux élèves de 4e"),
        (other_school, "réservée aux élèves d'un collège"),
        (past, "passée"),
        (class_only, "professeur"),
    ]:
        with pytest.raises(BookingError, match=words):
            sign_up(session, pupil)
    assert not SignUp.objects.filter(pupil=pupil).exists()


def test_a_teacher_books_pupils_of_their_class_only(event):
    session = make_session(event, capacity=2, booking=Session.Booking.CLASS)
    teacher = TeacherFactory()
    school_class = SchoolClassFactory()
    school_class.teachers.add(teacher)
    mine = [ConsentedPupilFactory(school_class=school_class) for _ in range(3)]
    stranger = ConsentedPupilFactory()
    no_consent = PupilFactory(school_class=school_class)

    booked, refusals = book_class(session, teacher, [*mine, stranger, no_consent])

    assert [s.status for s in booked] == ["confirmed", "confirmed", "waiting"]
    assert {pupil for pupil, _message in refusals} == {stranger, no_consent}
    assert seats(session) == 2
    assert all(s.booked_by == teacher for s in booked)


def test_staff_cancel_a_session_and_everyone_signed_up_is_told(event, django_capture_on_commit_callbacks):
    session = make_session(event, capacity=1)
    first, second = ConsentedPupilFactory(), ConsentedPupilFactory()
    sign_up(session, first)
    sign_up(session, second)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        cancel_session(session, by=StaffFactory())
    assert seats(session) == 0
    assert set(SignUp.objects.values_list("status", flat=True)) == {"cancelled"}
    assert sorted(m.to[0] for m in mail.outbox) == sorted([first.email, second.email])
    assert all("annulée" in m.subject for m in mail.outbox)


def test_staff_promote_from_the_waiting_list_only_to_a_free_seat(event):
    session = make_session(event, capacity=1)
    sign_up(session, ConsentedPupilFactory())
    waiting, _ = sign_up(session, ConsentedPupilFactory())
    with pytest.raises(BookingError, match="complète"):
        promote(waiting, by=StaffFactory())
    Session.objects.filter(pk=session.pk).update(capacity=2)
    promote(waiting, by=StaffFactory())
    waiting.refresh_from_db()
    assert waiting.status == "confirmed" and seats(session) == 2


def test_confirmation_email_and_a_copy_to_parents_when_the_event_is_outside_the_college(
    event, django_capture_on_commit_callbacks
):
    outside = make_session(event, place_kind=Session.Place.COMPANY)
    pupil = ConsentedPupilFactory()
    parent = ParentFactory()
    parent.children.add(pupil)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(outside, pupil)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == sorted([pupil.email, parent.email])
    assert message.subject == "Inscription confirmée : Les métiers du soin"
    assert "Maison des métiers, Saint-Denis" in message.body


def test_no_parent_copy_for_a_session_in_the_pupils_own_college(agenda, django_capture_on_commit_callbacks):
    pupil = ConsentedPupilFactory()
    event = EventPageFactory(parent=agenda, school=pupil.school_class.school)
    inside = make_session(event, place_kind=Session.Place.SCHOOL, place="Salle 12")
    parent = ParentFactory()
    parent.children.add(pupil)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(inside, pupil)
    assert [m.to for m in mail.outbox] == [[pupil.email]]


def test_one_tap_sign_up_and_cancel_through_the_views(client, event):
    session = make_session(event, capacity=3)
    pupil = ConsentedPupilFactory()
    client.force_login(pupil)
    url = reverse("ateliers:signup", args=[session.pk])
    assert client.get(url).status_code == 405
    response = client.post(url, follow=True)
    client.post(url)  # double submit
    assert "ton inscription est confirmée" in response.content.decode()
    assert seats(session) == 1 and SignUp.objects.filter(pupil=pupil).count() == 1
    response = client.post(reverse("ateliers:cancel", args=[session.pk]), follow=True)
    assert "Ton inscription est annulée." in response.content.decode()
    assert seats(session) == 0


def test_sign_up_view_refuses_with_a_french_message_and_writes_nothing(client, event):
    session = make_session(event)
    pupil = PupilFactory()  # no consent
    client.force_login(pupil)
    response = client.post(reverse("ateliers:signup", args=[session.pk]), follow=True)
    assert "accord" in response.content.decode()
    assert not SignUp.objects.exists()


def test_sign_up_needs_csrf(event):
    from django.test import Client

    session = make_session(event)
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(ConsentedPupilFactory())
    assert csrf_client.post(reverse("ateliers:signup", args=[session.pk])).status_code == 403
    assert not SignUp.objects.exists()


def test_publishing_an_older_revision_of_the_event_keeps_the_seat_count_and_cancellation(event):
    session = make_session(event, capacity=2)
    other = make_session(event, starts_at=session.starts_at + datetime.timedelta(days=1))
    revision = event.save_revision()  # holds a copy of both sessions: no seat taken, none cancelled
    sign_up(session, ConsentedPupilFactory())
    sign_up(session, ConsentedPupilFactory())
    cancel_session(other, by=StaffFactory())

    revision.publish()

    assert seats(session) == 2
    other.refresh_from_db()
    assert other.cancelled_at is not None
    # The counter was not set back to 0: a third pupil waits.
    third, _ = sign_up(session, ConsentedPupilFactory())
    assert third.status == SignUp.Status.WAITING


def test_a_rolled_back_booking_sends_nothing(event, django_capture_on_commit_callbacks, mailoutbox):
    session = make_session(event, capacity=2)
    pupil = ConsentedPupilFactory()

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        sign_up(session, pupil)
        raise RuntimeError("the request fails after the booking")

    assert not SignUp.objects.exists() and seats(session) == 0
    assert mailoutbox == []

    with django_capture_on_commit_callbacks(execute=True):
        sign_up(session, pupil)

    assert [message.to for message in mailoutbox] == [[pupil.email]]


def test_a_parent_copy_goes_to_active_parents_each_once(event, django_capture_on_commit_callbacks, mailoutbox):
    outside = make_session(event, place_kind=Session.Place.COMPANY)
    pupil = ConsentedPupilFactory()
    parent, former = ParentFactory(), ParentFactory(is_active=False)
    parent.children.add(pupil, ConsentedPupilFactory())
    pupil.parents.add(parent, former)

    with django_capture_on_commit_callbacks(execute=True):
        sign_up(outside, pupil)

    assert [message.to for message in mailoutbox] == [[pupil.email, parent.email]]
