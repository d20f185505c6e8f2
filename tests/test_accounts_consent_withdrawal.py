"""Refusal and withdrawal take effect everywhere (`accounts.consent.withdraw` and the
`accounts_consent_withdrawn` hooks): what the confirmation page lists is exactly what stops, app by app;
seats go to the waiting list in order; the host and the volunteer lose access; the API and the calendar
answer as for a pupil without consent; teacher, staff and family are told."""

import datetime
import html

from django.core import mail
from django.urls import reverse
from django.utils import timezone

import pytest

from accompagnement import access as help_access
from accompagnement.factories import AssignmentFactory, DocumentFactory
from accompagnement.models import Assignment, Document
from accounts import access, consent
from accounts.factories import ConsentedPupilFactory, ParentFactory, StaffFactory, TeacherFactory
from accounts.models import ConsentRecord
from ateliers.booking import BookingError, sign_up
from ateliers.factories import AgendaIndexPageFactory, EventPageFactory, SessionFactory
from ateliers.models import CalendarFeed, Session, SignUp
from stages import access as stages_access
from stages.factories import PlaceWeekFactory, ProfessionalFactory, StageRequestFactory, StageWeekFactory
from stages.models import RequestState, StageRequest

pytestmark = pytest.mark.django_db


def text(response):
    return html.unescape(response.content.decode())


@pytest.fixture
def event(home_page):
    agenda = AgendaIndexPageFactory(parent=home_page)
    return EventPageFactory(parent=agenda, title="Les métiers du soin")


@pytest.fixture
def pupil():
    pupil = ConsentedPupilFactory(first_name="Inès", email=None)
    pupil.school_class.teachers.add(TeacherFactory(email="prof@example.org"))
    return pupil


@pytest.fixture
def parent(pupil):
    parent = ParentFactory(first_name="Aminata", last_name="Diallo", email="aminata@example.org")
    parent.children.add(pupil)
    return parent


def full_session(event, **kwargs):
    return SessionFactory(page=event, capacity=1, **kwargs)


# Ateliers -------------------------------------------------------------------------------------------
def test_ateliers_withdrawal_stops_what_was_listed_and_gives_seats_in_order(event, pupil):
    full = full_session(event)
    sign_up(full, pupil)
    first, second = ConsentedPupilFactory(), ConsentedPupilFactory()
    assert sign_up(full, first)[0].status == SignUp.Status.WAITING
    assert sign_up(full, second)[0].status == SignUp.Status.WAITING
    other = full_session(event, starts_at=timezone.now() + datetime.timedelta(days=20))
    sign_up(other, ConsentedPupilFactory())
    waiting_elsewhere, _created = sign_up(other, pupil)
    past = SessionFactory(page=event, starts_at=timezone.now() - datetime.timedelta(days=3))
    attended = SignUp.objects.create(session=past, pupil=pupil, status=SignUp.Status.CONFIRMED, attended=True)

    listed = [str(item) for item in consent.what_stops(pupil)]
    assert SignUp.objects.get(session=full, pupil=pupil).status == SignUp.Status.CONFIRMED  # only listed

    record, stopped = consent.withdraw(pupil, method=ConsentRecord.Method.PARENT_SPACE, by_name="Aminata Diallo")

    assert record.decision == ConsentRecord.Decision.WITHDRAWN
    assert [str(item) for item in stopped] == listed
    assert len(listed) == 2
    assert "place annulée" in listed[0] and "liste d'attente retirée" in listed[1]
    assert SignUp.objects.get(session=full, pupil=pupil).status == SignUp.Status.CANCELLED
    assert SignUp.objects.get(pk=waiting_elsewhere.pk).status == SignUp.Status.CANCELLED
    # The freed seat went to the first pupil waiting, not the second.
    assert SignUp.objects.get(session=full, pupil=first).status == SignUp.Status.CONFIRMED
    assert SignUp.objects.get(session=full, pupil=second).status == SignUp.Status.WAITING
    assert Session.objects.get(pk=full.pk).seats_taken == 1
    # Past attendance stays, for the pupil's own record.
    attended.refresh_from_db()
    assert attended.status == SignUp.Status.CONFIRMED and attended.attended


def test_a_replayed_withdrawal_adds_nothing_and_tells_nobody_again(
    event, pupil, parent, django_capture_on_commit_callbacks
):
    sign_up(SessionFactory(page=event), pupil)
    with django_capture_on_commit_callbacks(execute=True):
        consent.withdraw(pupil, method=ConsentRecord.Method.PARENT_SPACE, by_user=parent)
    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        record, stopped = consent.withdraw(pupil, method=ConsentRecord.Method.PARENT_SPACE, by_user=parent)

    assert record is None and stopped == []
    assert pupil.consent_records.filter(decision=ConsentRecord.Decision.WITHDRAWN).count() == 1
    assert len(mail.outbox) == sent


def test_a_sign_up_with_a_stale_pupil_object_is_refused_after_withdrawal(event, pupil):
    session = SessionFactory(page=event)
    stale = type(pupil).objects.prefetch_related("consent_records", "groups").get(pk=pupil.pk)
    assert access.can_take_part(stale)
    consent.withdraw(pupil, method=ConsentRecord.Method.PARENT_SPACE, by_name="Aminata Diallo")

    with pytest.raises(BookingError):
        sign_up(session, stale)
    assert not SignUp.objects.filter(pupil=pupil).exists()


def test_consent_given_again_restores_the_right_not_the_seats(event, pupil):
    session = full_session(event)
    sign_up(session, pupil)
    consent.withdraw(pupil, method=ConsentRecord.Method.PARENT_SPACE, by_name="Aminata Diallo")
    late = ConsentedPupilFactory()
    sign_up(session, late)

    consent.record(pupil, ConsentRecord.Decision.GIVEN, ConsentRecord.Method.PARENT_SPACE, by_name="Aminata Diallo")

    assert access.can_take_part(pupil)
    assert not SignUp.objects.filter(pupil=pupil).exclude(status=SignUp.Status.CANCELLED).exists()
    again, created = sign_up(session, pupil)
    assert created and again.status == SignUp.Status.WAITING  # the seat is the other pupil's now


# Stages ---------------------------------------------------------------------------------------------
def test_stages_withdrawal_cancels_open_requests_with_history_and_hides_the_pupil_from_the_host(pupil):
    host_member = ProfessionalFactory()
    place_week = PlaceWeekFactory(seats=2)
    place_week.place.host.members.add(host_member)
    accepted = StageRequestFactory(pupil=pupil, state=RequestState.ACCEPTED, place_week=place_week)
    type(place_week).objects.filter(pk=place_week.pk).update(seats_taken=1)
    later_week = StageWeekFactory(
        school=pupil.school_class.school, starts_on=place_week.starts_on + datetime.timedelta(days=7)
    )
    sent = StageRequestFactory(pupil=pupil, week=later_week, state=RequestState.SENT)
    assert stages_access.can_see_request(host_member, accepted)

    listed = [str(item) for item in consent.what_stops(pupil)]
    _record, stopped = consent.withdraw(pupil, method=ConsentRecord.Method.PARENT_SPACE, by_name="Aminata Diallo")

    stage_lines = [str(item) for item in stopped if item.app == "stages"]
    assert [str(item) for item in stopped] == listed
    assert len(stage_lines) == 2
    for stage_request in (accepted, sent):
        stage_request.refresh_from_db()
        assert stage_request.state == RequestState.CANCELLED
        event = stage_request.events.get()
        assert event.reason == "Accord retiré" and event.to_state == RequestState.CANCELLED
    place_week.refresh_from_db()
    assert place_week.seats_taken == 0
    assert not stages_access.can_see_request(host_member, accepted)


def test_a_signed_convention_is_kept_flagged_to_staff_and_hidden_from_the_host(
    client, pupil, django_capture_on_commit_callbacks
):
    StaffFactory(email="equipe@example.org")
    host_member = ProfessionalFactory()
    place_week = PlaceWeekFactory(seats=2)
    place_week.place.host.members.add(host_member)
    signed = StageRequestFactory(
        pupil=pupil, state=RequestState.CONVENTION, place_week=place_week, signed_by_school=True, signed_by_parent=True
    )
    assert stages_access.can_see_request(host_member, signed)

    with django_capture_on_commit_callbacks(execute=True):
        _record, stopped = consent.withdraw(pupil, method=ConsentRecord.Method.PARENT_SPACE, by_name="Aminata Diallo")

    signed.refresh_from_db()
    assert signed.state == RequestState.CONVENTION and signed.signed_by_school and signed.signed_by_parent
    assert "convention" in signed.events.get().reason
    assert "convention déjà signée" in str(stopped[0])
    assert not stages_access.can_see_request(host_member, signed)
    assert not stages_access.is_host_of(host_member, signed)
    client.force_login(host_member)
    assert pupil.first_name not in text(client.get(reverse("stages:host")))
    staff_mail = [m for m in mail.outbox if m.to == ["equipe@example.org"]]
    assert len(staff_mail) == 1 and "convention déjà signée" in staff_mail[0].body


# Accompagnement ---------------------------------------------------------------------------------------
def test_accompagnement_withdrawal_ends_the_assignment_and_keeps_the_document(pupil):
    document = DocumentFactory(pupil=pupil)
    assignment = AssignmentFactory(document=document)
    assert help_access.can_see_document(assignment.volunteer, document)

    listed = [str(item) for item in consent.what_stops(pupil)]
    _record, stopped = consent.withdraw(pupil, method=ConsentRecord.Method.SELF, by_user=pupil)

    assert [str(item) for item in stopped] == listed
    assert len(listed) == 1 and "relecture" in listed[0]
    assignment.refresh_from_db()
    assert assignment.ended_at is not None and assignment.end_reason == Assignment.EndReason.CONSENT
    assert not help_access.can_see_document(assignment.volunteer, document)
    assert Document.objects.filter(pk=document.pk, pupil=pupil).exists()
    assert help_access.can_see_document(pupil, document)


# API and calendar ------------------------------------------------------------------------------------
def test_the_api_and_the_calendar_show_no_seat_to_come_after_withdrawal(client, event, pupil):
    session = SessionFactory(page=event)
    sign_up(session, pupil)
    feed = CalendarFeed.objects.create(user=pupil)
    client.force_login(pupil)
    assert event.title in client.get(reverse("ateliers:personal_feed", args=[feed.token])).content.decode()

    consent.withdraw(pupil, method=ConsentRecord.Method.SELF, by_user=pupil)

    assert event.title not in client.get(reverse("ateliers:personal_feed", args=[feed.token])).content.decode()
    rows = client.get("/api/v3/moi/ateliers/").json()
    assert all(row["status"]["value"] == SignUp.Status.CANCELLED for row in rows)


# Telling people ----------------------------------------------------------------------------------------
def test_family_teacher_and_staff_are_told_what_stopped(event, pupil, parent, django_capture_on_commit_callbacks):
    StaffFactory(email="equipe@example.org")
    sign_up(SessionFactory(page=event), pupil)

    with django_capture_on_commit_callbacks(execute=True):
        consent.withdraw(pupil, method=ConsentRecord.Method.PARENT_SPACE, by_user=parent)

    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {"aminata@example.org", "prof@example.org", "equipe@example.org"}
    assert "Les métiers du soin" in by_address["aminata@example.org"].body
    assert "place annulée" in by_address["aminata@example.org"].body
    assert "Les métiers du soin" in by_address["prof@example.org"].body


# The pages: a confirmation first ----------------------------------------------------------------------
def test_the_parent_confirms_after_reading_the_list_then_it_stops(client, event, pupil, parent):
    session = SessionFactory(page=event)
    sign_up(session, pupil)
    client.force_login(parent)
    url = reverse("accounts:child_consent", args=[pupil.pk])

    page = client.post(url, {"decision": "withdrawn"})

    assert page.status_code == 200
    assert "Les métiers du soin" in text(page) and "place annulée" in text(page)
    assert consent.has_consent(pupil)
    assert SignUp.objects.get(pupil=pupil).status == SignUp.Status.CONFIRMED

    done = client.post(url, {"decision": "withdrawn", "confirm": "1"})

    assert done.status_code == 302
    assert consent.status(pupil) == consent.Status.WITHDRAWN
    assert SignUp.objects.get(pupil=pupil).status == SignUp.Status.CANCELLED
    assert client.post(url, {"decision": "withdrawn", "confirm": "1"}).status_code == 302  # double submit
    assert pupil.consent_records.filter(decision=ConsentRecord.Decision.WITHDRAWN).count() == 1


def test_the_pupil_of_15_confirms_in_words_addressed_to_them(client, event, pupil):
    pupil.birth_date = datetime.date(2009, 1, 1)
    pupil.save()
    consent.record(pupil, ConsentRecord.Decision.GIVEN, ConsentRecord.Method.SELF, by_user=pupil)
    client.force_login(pupil)

    page = client.post(reverse("accounts:my_consent"), {"decision": "refused"})

    assert "Retirer ton accord" in text(page)
    assert consent.has_consent(pupil)
    client.post(reverse("accounts:my_consent"), {"decision": "refused", "confirm": "1"})
    assert consent.status(pupil) == consent.Status.WITHDRAWN
    assert pupil.consent_records.first().method == ConsentRecord.Method.SELF


def test_staff_record_a_paper_withdrawal_with_the_same_effect(staff_client, event, pupil):
    session = SessionFactory(page=event)
    sign_up(session, pupil)
    url = reverse("accounts_paper_answer", args=[pupil.pk])

    page = staff_client.post(url, {"decision": "refused", "name": "Aminata Diallo"})
    assert "Les métiers du soin" in text(page)
    assert consent.has_consent(pupil)

    staff_client.post(url, {"decision": "refused", "name": "Aminata Diallo", "confirm": "1"})

    record = pupil.consent_records.first()
    assert record.decision == ConsentRecord.Decision.WITHDRAWN
    assert record.method == ConsentRecord.Method.PAPER and record.decided_by_name == "Aminata Diallo"
    assert SignUp.objects.get(pupil=pupil).status == SignUp.Status.CANCELLED


def test_the_confirmation_page_is_served_in_the_family_language(client, pupil, parent):
    client.force_login(parent)
    page = client.post(f"/ar/compte/enfants/{pupil.pk}/accord/", {"decision": "withdrawn"})

    assert page.status_code == 200
    assert 'lang="ar"' in text(page)
    assert "no-store" in page["Cache-Control"]


# Race: a withdrawal and a sign-up at the same moment ------------------------------------------------
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_withdrawal_raced_with_sign_ups_never_leaves_a_seat_without_consent(home_page):
    import threading

    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("Row locks are only meaningful on PostgreSQL (the CI database).")
    agenda = AgendaIndexPageFactory(parent=home_page)
    event = EventPageFactory(parent=agenda)
    sessions = [
        SessionFactory(page=event, capacity=1, starts_at=timezone.now() + datetime.timedelta(days=5 + n))
        for n in range(6)
    ]
    pupil = ConsentedPupilFactory()
    barrier = threading.Barrier(len(sessions) + 2)

    def book(session):
        barrier.wait()
        try:
            sign_up(session, pupil)
        except BookingError:
            pass
        finally:
            connections.close_all()

    def withdraw():
        barrier.wait()
        try:
            consent.withdraw(pupil, method=ConsentRecord.Method.PARENT_SPACE, by_name="Parent")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=book, args=(session,)) for session in sessions]
    threads += [threading.Thread(target=withdraw), threading.Thread(target=withdraw)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert consent.status(pupil) == consent.Status.WITHDRAWN
    assert pupil.consent_records.filter(decision=ConsentRecord.Decision.WITHDRAWN).count() == 1
    assert not SignUp.objects.filter(pupil=pupil).exclude(status=SignUp.Status.CANCELLED).exists()
    assert sum(Session.objects.filter(pk__in=[s.pk for s in sessions]).values_list("seats_taken", flat=True)) == 0
    assert StageRequest.objects.count() == 0


def test_the_teacher_sees_the_withdrawal_in_mon_espace(client, pupil):
    teacher = pupil.school_class.teachers.get()
    consent.withdraw(pupil, method=ConsentRecord.Method.PARENT_SPACE, by_name="Aminata Diallo")
    other_class_pupil = ConsentedPupilFactory(last_name="Ailleurs")
    consent.withdraw(other_class_pupil, method=ConsentRecord.Method.PARENT_SPACE, by_name="Parent")
    client.force_login(teacher)

    page = text(client.get(reverse("accounts:dashboard")))

    assert "Accords retirés récemment" in page
    assert pupil.get_full_name() in page
    assert "Ailleurs" not in page
