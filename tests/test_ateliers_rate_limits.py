"""Rate limits on the parcours Découverte's forms: sign-up, cancellation and a teacher's class booking.

Counted per account (a whole class shares its collège's address), with the values of settings.RATE_LIMITS;
past the limit a French 429 page says to wait, and nothing is written.
"""

import datetime

from django.urls import reverse
from django.utils import timezone

import pytest

from accounts.factories import ConsentedPupilFactory, SchoolClassFactory, TeacherFactory
from ateliers.factories import AgendaIndexPageFactory, EventPageFactory, SessionFactory
from ateliers.models import Session, SignUp

# The clock is stopped: django-ratelimit counts in fixed windows, and a run crossing one would start again.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("stopped_clock")]

CLASS_ADDRESS = "203.0.113.7"  # a collège behind one public address


@pytest.fixture
def event(home_page):
    return EventPageFactory(parent=AgendaIndexPageFactory(parent=home_page), title="Les métiers du soin")


def sessions(event, count, **kwargs):
    """`count` sessions on different days, so that no two clash."""
    start = timezone.now() + datetime.timedelta(days=10)
    return [SessionFactory(page=event, starts_at=start + datetime.timedelta(days=i), **kwargs) for i in range(count)]


def post(client, name, session, **data):
    return client.post(reverse(f"ateliers:{name}", args=[session.pk]), data, REMOTE_ADDR=CLASS_ADDRESS)


def test_a_pupil_signs_up_to_twenty_sessions_in_a_row_then_is_asked_to_wait(client, event, settings):
    assert settings.RATE_LIMITS["ateliers_signup"] == "20/10m"
    *allowed, extra = sessions(event, 21)
    pupil = ConsentedPupilFactory()
    client.force_login(pupil)

    for session in allowed:
        assert post(client, "signup", session).status_code == 302
    refused = post(client, "signup", extra)

    assert SignUp.objects.filter(pupil=pupil, status=SignUp.Status.CONFIRMED).count() == 20
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    html = refused.content.decode()
    assert "Trop de requêtes" in html
    assert "Attends quelques minutes avant de réessayer." in html
    assert not SignUp.objects.filter(session=extra).exists()
    extra.refresh_from_db()
    assert extra.seats_taken == 0


def test_the_limit_counts_per_account_not_per_address(client, event, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "ateliers_signup": "1/10m"}
    first, second = sessions(event, 2)
    client.force_login(ConsentedPupilFactory())
    assert post(client, "signup", first).status_code == 302
    assert post(client, "signup", second).status_code == 429

    classmate = ConsentedPupilFactory()
    client.force_login(classmate)
    response = client.post(reverse("ateliers:signup", args=[second.pk]), REMOTE_ADDR=CLASS_ADDRESS, follow=True)
    assert "ton inscription est confirmée" in response.content.decode()
    assert SignUp.objects.filter(session=second, pupil=classmate, status=SignUp.Status.CONFIRMED).exists()


def test_past_the_cancellation_limit_the_seat_is_kept(client, event, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "ateliers_cancel": "2/10m"}
    pupil = ConsentedPupilFactory()
    client.force_login(pupil)
    first, second, third = sessions(event, 3)
    for session in (first, second, third):
        post(client, "signup", session)

    assert post(client, "cancel", first).status_code == 302
    assert post(client, "cancel", second).status_code == 302
    refused = post(client, "cancel", third)

    assert refused.status_code == 429
    assert "Attends quelques minutes" in refused.content.decode()
    assert SignUp.objects.get(session=third, pupil=pupil).status == SignUp.Status.CONFIRMED
    third.refresh_from_db()
    assert third.seats_taken == 1


def test_a_teacher_past_the_booking_limit_books_nobody_and_can_still_see_the_page(client, event, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "ateliers_class_booking": "2/10m"}
    session = sessions(event, 1, capacity=10, booking=Session.Booking.CLASS)[0]
    teacher = TeacherFactory()
    school_class = SchoolClassFactory()
    school_class.teachers.add(teacher)
    pupils = [ConsentedPupilFactory(school_class=school_class) for _ in range(3)]
    client.force_login(teacher)
    url = reverse("ateliers:class_booking", args=[session.pk])

    for pupil in pupils[:2]:
        assert client.post(url, {"pupils": [pupil.pk]}).status_code == 302
    refused = client.post(url, {"pupils": [pupils[2].pk]})

    assert refused.status_code == 429
    assert "Attendez quelques minutes avant de réessayer." in refused.content.decode()
    assert not SignUp.objects.filter(pupil=pupils[2]).exists()
    assert SignUp.objects.filter(session=session).count() == 2
    # Showing the page is not counted: the teacher still sees who is booked.
    for _ in range(3):
        assert client.get(url).status_code == 200
