"""A sign-up's states (django-fsm-2): confirmed or waiting at first, waiting → confirmed when a seat is free,
confirmed or waiting → cancelled; the refused moves give a French message, never a server error."""

import datetime

from django.urls import reverse
from django.utils import timezone

import pytest
from django_fsm import TransitionNotAllowed

from accounts.factories import ConsentedPupilFactory, StaffFactory
from ateliers.booking import BookingError, cancel, cancel_session, promote, sign_up
from ateliers.factories import AgendaIndexPageFactory, EventPageFactory, SessionFactory
from ateliers.models import Session, SignUp

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(home_page):
    event = EventPageFactory(parent=AgendaIndexPageFactory(parent=home_page), title="Les métiers du soin")
    return SessionFactory(page=event, capacity=1)


def fresh(signup):
    return SignUp.objects.select_related("session").get(pk=signup.pk)


def test_every_allowed_move(session):
    seat, _ = sign_up(session, ConsentedPupilFactory())
    waiting, _ = sign_up(session, ConsentedPupilFactory())
    last, _ = sign_up(session, ConsentedPupilFactory())
    assert (seat.status, waiting.status, last.status) == ("confirmed", "waiting", "waiting")
    cancel(seat)  # confirmed → cancelled, and the first waiting gets the seat (waiting → confirmed)
    assert fresh(seat).status == "cancelled" and fresh(seat).cancelled_at is not None
    assert fresh(waiting).status == "confirmed"
    cancel(last)  # waiting → cancelled: no seat moves
    assert fresh(last).status == "cancelled"
    session.refresh_from_db()
    assert session.seats_taken == 1


def test_the_status_is_never_set_by_hand(session):
    signup, _ = sign_up(session, ConsentedPupilFactory())
    with pytest.raises(AttributeError):
        signup.status = SignUp.Status.CANCELLED


def test_the_guard_keeps_a_waiting_pupil_off_a_full_session(session):
    sign_up(session, ConsentedPupilFactory())
    waiting, _ = sign_up(session, ConsentedPupilFactory())
    waiting = fresh(waiting)
    with pytest.raises(TransitionNotAllowed):
        waiting.confirm()
    Session.objects.filter(pk=session.pk).update(capacity=2)
    waiting = fresh(waiting)
    waiting.confirm()  # a free seat now
    assert waiting.status == "confirmed"


def test_a_cancelled_sign_up_never_comes_back(session):
    signup, _ = sign_up(session, ConsentedPupilFactory())
    cancel(signup)
    cancelled = fresh(signup)
    with pytest.raises(TransitionNotAllowed):
        cancelled.confirm()
    with pytest.raises(BookingError, match="n'est pas sur la liste d'attente"):
        promote(cancelled, by=StaffFactory())
    assert cancel(cancelled)[1] is None  # a second cancel changes nothing
    assert fresh(signup).status == "cancelled"


def test_staff_see_a_french_message_when_promoting_into_a_full_session(client, session):
    sign_up(session, ConsentedPupilFactory())
    waiting, _ = sign_up(session, ConsentedPupilFactory())
    client.force_login(StaffFactory())
    response = client.post(
        reverse("ateliers_manage_session", args=[session.pk]), {"action": "promote", "signup": waiting.pk}, follow=True
    )
    assert response.status_code == 200
    assert "La séance est complète : libérez ou ajoutez d'abord une place." in [
        str(m) for m in response.context["messages"]
    ]
    assert fresh(waiting).status == "waiting"


def test_cancelling_a_session_cancels_each_sign_up_through_its_transition(session):
    seat, _ = sign_up(session, ConsentedPupilFactory())
    waiting, _ = sign_up(session, ConsentedPupilFactory())
    cancel_session(session, by=StaffFactory())
    assert {fresh(s).status for s in (seat, waiting)} == {"cancelled"}
    assert all(fresh(s).cancelled_at for s in (seat, waiting))
    session.refresh_from_db()
    assert session.seats_taken == 0


def test_a_waiting_pupil_who_comes_takes_a_free_seat_at_check_in(client, session):
    seat, _ = sign_up(session, ConsentedPupilFactory())
    waiting, _ = sign_up(session, ConsentedPupilFactory(identifier="colibri-olive-99"))
    # The day of the session (walk-ins are taken on the day only), and a chair was added in the room.
    now = timezone.now()
    Session.objects.filter(pk=session.pk).update(
        capacity=2, starts_at=now - datetime.timedelta(minutes=10), ends_at=now + datetime.timedelta(hours=1)
    )
    client.force_login(StaffFactory())
    response = client.post(reverse("ateliers:check_in", args=[session.pk]), {"identifier": "colibri-olive-99"})
    assert response.status_code == 302
    came = fresh(waiting)
    assert (came.status, came.attended, came.walk_in) == ("confirmed", True, True)
    session.refresh_from_db()
    assert session.seats_taken == 2
