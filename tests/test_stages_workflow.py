"""A stage request's states: each move from the right state by the right person only, a reason where one
is mandatory, every change recorded (who, when, why) and told to the pupil, the parent and the teacher."""

import datetime
import zoneinfo

from django.core import mail
from django.core.exceptions import PermissionDenied

import pytest
import time_machine

from accounts.factories import ConsentedPupilFactory, ParentFactory, PupilFactory, StaffFactory, TeacherFactory
from stages import signatures
from stages.factories import (
    HostOrganisationFactory,
    PlaceFactory,
    PlaceWeekFactory,
    ProfessionalFactory,
    StageRequestFactory,
)
from stages.models import MissingReason, NoSeatLeft, Party, PlaceStatus, RequestEvent, RequestState
from stages.workflow import NotAllowedNow, PlaceDoesNotFit, apply

pytestmark = pytest.mark.django_db
S = RequestState
PARIS = zoneinfo.ZoneInfo("Europe/Paris")


@pytest.fixture
def people():
    pupil = ConsentedPupilFactory(email="lina@example.org", first_name="Lina")
    parent = ParentFactory(email="maman@example.org")
    parent.children.add(pupil)
    teacher = TeacherFactory(email="prof@example.org")
    pupil.school_class.teachers.add(teacher)
    host_member = ProfessionalFactory(email="boulangere@example.org")
    place_week = PlaceWeekFactory(place=PlaceFactory(host=HostOrganisationFactory(members=[host_member])), seats=1)
    return {
        "pupil": pupil,
        "parent": parent,
        "teacher": teacher,
        "host": host_member,
        "staff": StaffFactory(),
        "other_pupil": PupilFactory(),
        "other_host": ProfessionalFactory(),
        "place_week": place_week,
    }


def week_over(stage_request):
    """On the Friday of the request's stage week, when it may be marked « réalisé »."""
    friday = datetime.datetime.combine(stage_request.week.ends_on, datetime.time(17), tzinfo=PARIS)
    return time_machine.travel(friday, tick=False)


def test_a_stage_cannot_be_marked_done_before_its_week_ends(people):
    stage_request = make(people, S.CONVENTION)
    thursday = datetime.datetime.combine(stage_request.week.ends_on, datetime.time(17), tzinfo=PARIS)
    thursday -= datetime.timedelta(days=1)
    with time_machine.travel(thursday, tick=False), pytest.raises(NotAllowedNow, match="pas encore terminé"):
        apply(people["host"], stage_request, "complete")
    stage_request.refresh_from_db()
    assert stage_request.state == S.CONVENTION
    with week_over(stage_request):
        apply(people["host"], stage_request, "complete")
    stage_request.refresh_from_db()
    assert stage_request.state == S.DONE


def make(people, state=S.SENT):
    stage_request = StageRequestFactory(pupil=people["pupil"], state=state)
    if state in {S.PROPOSED, S.ACCEPTED, S.CONVENTION, S.DONE}:
        people["place_week"].reserve()
        StageRequestFactory._meta.model.objects.filter(pk=stage_request.pk).update(place_week=people["place_week"])
        stage_request.refresh_from_db()
    return stage_request


def test_the_whole_path_from_draft_to_done(people, django_capture_on_commit_callbacks):
    stage_request = make(people, S.DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        apply(people["pupil"], stage_request, "submit")
        apply(people["staff"], stage_request, "propose", place_week=people["place_week"])
        apply(people["host"], stage_request, "accept")
        # « Convention signée » is no one's move: it follows the fourth signature (stages.signatures).
        convention = stage_request.convention
        signatures.sign(convention, Party.HOST, people["host"])
        signatures.sign(convention, Party.SCHOOL, people["teacher"], acting_for="Mme Principale")
        signatures.sign(convention, Party.PUPIL, people["pupil"])
        signatures.sign(convention, Party.PARENT, people["parent"])
        with week_over(stage_request):
            apply(people["host"], stage_request, "complete")

    stage_request.refresh_from_db()
    assert stage_request.state == S.DONE
    events = list(RequestEvent.objects.filter(request=stage_request).values_list("from_state", "to_state", "by"))
    assert events == [
        (S.DRAFT, S.SENT, people["pupil"].pk),
        (S.SENT, S.PROPOSED, people["staff"].pk),
        (S.PROPOSED, S.ACCEPTED, people["host"].pk),
        (S.ACCEPTED, S.CONVENTION, people["parent"].pk),
        (S.CONVENTION, S.DONE, people["host"].pk),
    ]
    people["place_week"].refresh_from_db()
    assert people["place_week"].seats_taken == 1


@pytest.mark.parametrize(
    ("state", "action", "allowed", "forbidden"),
    [
        (S.DRAFT, "submit", ["pupil"], ["parent", "teacher", "host", "staff", "other_pupil", "other_host"]),
        (S.SENT, "propose", ["staff"], ["pupil", "parent", "teacher", "host", "other_pupil", "other_host"]),
        (S.PROPOSED, "accept", ["host", "staff"], ["pupil", "parent", "teacher", "other_pupil", "other_host"]),
        (S.PROPOSED, "refuse", ["host", "staff"], ["pupil", "parent", "teacher", "other_pupil", "other_host"]),
        (S.ACCEPTED, "sign_convention", [], ["staff", "pupil", "parent", "teacher", "host", "other_host"]),
        (S.CONVENTION, "complete", ["host", "staff"], ["pupil", "parent", "teacher", "other_host"]),
        (S.SENT, "cancel", ["pupil", "parent", "staff"], ["teacher", "host", "other_pupil", "other_host"]),
        (S.ACCEPTED, "cancel", ["parent", "staff"], ["pupil", "teacher", "host", "other_pupil"]),
        (S.SENT, "no_solution", ["staff"], ["pupil", "parent", "teacher", "host", "other_pupil"]),
    ],
)
def test_who_may_make_each_move(people, state, action, allowed, forbidden):
    kwargs = {"place_week": people["place_week"]} if action == "propose" else {}
    for who in forbidden:
        stage_request = make(people, state)
        with pytest.raises(PermissionDenied):
            apply(people[who], stage_request, action, reason="Parce que", **kwargs)
        stage_request.refresh_from_db()
        assert stage_request.state == state, who
        stage_request.delete()
    for who in allowed:
        stage_request = make(people, state)
        with week_over(stage_request):
            apply(people[who], stage_request, action, reason="Parce que", **kwargs)
        stage_request.refresh_from_db()
        assert stage_request.state != state, who
        RequestEvent.objects.filter(request=stage_request).delete()
        stage_request.delete()
        people["place_week"].refresh_from_db()
        people["place_week"].seats_taken = 0
        people["place_week"].save()


def test_a_pupil_without_consent_cannot_send(people):
    pupil = ConsentedPupilFactory(consent_given=False)
    stage_request = StageRequestFactory(pupil=pupil, state=S.DRAFT)
    with pytest.raises(PermissionDenied):
        apply(pupil, stage_request, "submit")


@pytest.mark.parametrize(
    ("state", "action"), [(S.DRAFT, "accept"), (S.SENT, "complete"), (S.DONE, "cancel"), (S.CANCELLED, "propose")]
)
def test_a_move_from_the_wrong_state_is_refused(people, state, action):
    stage_request = make(people, state)
    kwargs = {"place_week": people["place_week"]} if action == "propose" else {}
    with pytest.raises(NotAllowedNow, match="pas possible"):
        apply(people["staff"], stage_request, action, reason="x", **kwargs)


@pytest.mark.parametrize(
    ("state", "action", "who"),
    [(S.PROPOSED, "refuse", "host"), (S.SENT, "cancel", "pupil"), (S.SENT, "no_solution", "staff")],
)
def test_refusing_cancelling_and_no_solution_need_a_reason(people, state, action, who):
    stage_request = make(people, state)
    with pytest.raises(MissingReason) as error:
        apply(people[who], stage_request, action, reason="  ")
    assert "Indiquez" in error.value.messages[0]
    stage_request.refresh_from_db()
    assert stage_request.state == state
    assert not RequestEvent.objects.filter(request=stage_request).exists()


def test_a_refusal_frees_the_seat_and_keeps_the_reason(people):
    stage_request = make(people, S.SENT)
    apply(people["staff"], stage_request, "propose", place_week=people["place_week"])
    apply(people["host"], stage_request, "refuse", reason="Nous fermons cette semaine-là.")
    stage_request.refresh_from_db()
    people["place_week"].refresh_from_db()
    assert stage_request.state == S.REFUSED
    assert stage_request.reason == "Nous fermons cette semaine-là."
    assert people["place_week"].seats_taken == 0
    assert (
        RequestEvent.objects.get(request=stage_request, to_state=S.REFUSED).reason == "Nous fermons cette semaine-là."
    )


def test_no_proposal_beyond_the_seats(people):
    first, second = make(people, S.SENT), StageRequestFactory(state=S.SENT)
    apply(people["staff"], first, "propose", place_week=people["place_week"])
    with pytest.raises(NoSeatLeft):
        apply(people["staff"], second, "propose", place_week=people["place_week"])
    second.refresh_from_db()
    assert second.state == S.SENT


def test_a_place_not_yet_checked_or_of_another_week_cannot_be_proposed(people):
    stage_request = make(people, S.SENT)
    pending = PlaceWeekFactory(place=PlaceFactory(status=PlaceStatus.PENDING))
    other_week = PlaceWeekFactory(starts_on=people["place_week"].starts_on.replace(day=1))
    for place_week, message in [(pending, "validée"), (other_week, "semaine")]:
        with pytest.raises(PlaceDoesNotFit, match=message):
            apply(people["staff"], stage_request, "propose", place_week=place_week)


def test_each_change_is_mailed_to_pupil_parent_and_teacher_and_the_proposal_to_the_host(
    people, django_capture_on_commit_callbacks
):
    stage_request = make(people, S.SENT)
    with django_capture_on_commit_callbacks(execute=True):
        apply(people["staff"], stage_request, "propose", place_week=people["place_week"])

    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == ["boulangere@example.org", "lina@example.org", "maman@example.org", "prof@example.org"]
    assert all(len(message.to) == 1 for message in mail.outbox)
    to_parent = next(m for m in mail.outbox if m.to == ["maman@example.org"])
    assert "Lina" in to_parent.subject and "Place proposée" in to_parent.subject
    assert people["pupil"].last_name not in to_parent.body
