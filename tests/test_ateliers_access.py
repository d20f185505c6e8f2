"""Who sees that a pupil is signed up, the online link, the attendance sheet and the check-in page: each
role against each neighbour (ateliers.access). Also the « Mon espace » sections, check-in, feedback, the
data export and the erasure."""

import datetime

from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

import pytest

from accounts import rights
from accounts.factories import (
    ConsentedPupilFactory,
    ParentFactory,
    PupilFactory,
    SchoolClassFactory,
    StaffFactory,
    TeacherFactory,
    UserFactory,
)
from accounts.roles import Role
from ateliers.booking import sign_up
from ateliers.factories import AgendaIndexPageFactory, EventPageFactory, SessionFactory
from ateliers.models import EventLeader, Feedback, Session, SignUp

pytestmark = pytest.mark.django_db

NAME = "Zéphyrine"
LINK = "https://visio.example.org/salle-secrete"


def leader_of(event):
    user = UserFactory(first_name="Karim", role=Role.PROFESSIONAL)
    EventLeader.objects.create(page=event, user=user, job="boulanger")
    return user


@pytest.fixture
def world(home_page):
    agenda = AgendaIndexPageFactory(parent=home_page)
    event = EventPageFactory(parent=agenda, title="Mains à la pâte")
    other_event = EventPageFactory(parent=agenda, title="Autre atelier")
    session = SessionFactory(page=event, place_kind="online", online_link=LINK, capacity=5)
    school_class = SchoolClassFactory()
    pupil = ConsentedPupilFactory(first_name=NAME, last_name="Quatremain", school_class=school_class)
    sign_up(session, pupil)
    parent = ParentFactory()
    parent.children.add(pupil)
    teacher = TeacherFactory()
    school_class.teachers.add(teacher)
    other_class_teacher = TeacherFactory()
    SchoolClassFactory(school=school_class.school).teachers.add(other_class_teacher)
    other_school_teacher = TeacherFactory()
    SchoolClassFactory().teachers.add(other_school_teacher)
    other_parent = ParentFactory()
    other_parent.children.add(PupilFactory(school_class=school_class))
    return {
        "event": event,
        "session": session,
        "pupil": pupil,
        "roles": {
            "the pupil": pupil,
            "their parent": parent,
            "their teacher": teacher,
            "leader of the event": leader_of(event),
            "staff": StaffFactory(),
            "other pupil of the class": ConsentedPupilFactory(school_class=school_class),
            "teacher of another class": other_class_teacher,
            "teacher of another collège": other_school_teacher,
            "parent of another family": other_parent,
            "leader of another event": leader_of(other_event),
            "anonymous": None,
        },
    }


# (role, sees the pupil in « Mon espace », sees the online link, runs the attendance sheet and check-in)
MATRIX = [
    ("the pupil", True, True, False),
    ("their parent", True, False, False),
    ("their teacher", True, False, False),
    ("leader of the event", True, True, True),
    ("staff", False, True, True),
    ("other pupil of the class", False, False, False),
    ("teacher of another class", False, False, False),
    ("teacher of another collège", False, False, False),
    ("parent of another family", False, False, False),
    ("leader of another event", False, False, False),
    ("anonymous", False, False, False),
]


@pytest.mark.parametrize(("role", "sees_name", "sees_link", "runs"), MATRIX)
def test_role_by_neighbour(client, world, role, sees_name, sees_link, runs):
    user = world["roles"][role]
    session = world["session"]
    if user is not None:
        client.force_login(user)

    event_page = client.get(world["event"].url)
    assert (LINK in event_page.content.decode()) is sees_link
    # Nobody reads a pupil's name on the public event page, whatever their role.
    assert NAME not in event_page.content.decode()

    if user is not None:
        dashboard = client.get(reverse("accounts:dashboard"))
        assert dashboard.status_code == 200
        assert "no-store" in dashboard["Cache-Control"]
        shown = NAME in dashboard.content.decode() or "Mains à la pâte" in dashboard.content.decode()
        assert shown is sees_name

    for name in ("attendance", "check_in"):
        response = client.get(reverse(f"ateliers:{name}", args=[session.pk]))
        if user is None:
            assert response.status_code == 302 and "/connexion/" in response["Location"]
        elif runs:
            assert response.status_code == 200
            assert f"{NAME} Q." in response.content.decode()
            assert "Quatremain" not in response.content.decode()
        else:
            assert response.status_code == 404


def test_a_leader_checks_pupils_in_and_adds_a_walk_in_by_identifier(client, world):
    session, pupil = world["session"], world["pupil"]
    soon = timezone.now() + datetime.timedelta(minutes=20)  # walk-ins are added on the day
    Session.objects.filter(pk=session.pk).update(starts_at=soon, ends_at=soon + datetime.timedelta(hours=2))
    client.force_login(world["roles"]["leader of the event"])
    signup = SignUp.objects.get(session=session, pupil=pupil)
    client.post(reverse("ateliers:check_in", args=[session.pk]), {"signup": signup.pk, "present": "1"})
    signup.refresh_from_db()
    assert signup.attended is True

    walk_in = ConsentedPupilFactory(identifier="colibri-olive-99")
    response = client.post(reverse("ateliers:check_in", args=[session.pk]), {"identifier": "Colibri-Olive-99"})
    assert response.status_code == 302
    added = SignUp.objects.get(session=session, pupil=walk_in)
    assert added.attended and added.walk_in
    session.refresh_from_db()
    assert session.seats_taken == 2

    # One answer for every refusal: nobody learns whether an identifier exists or why it is refused.
    no_consent = PupilFactory(identifier="tortue-nuage-11")
    refused = client.post(reverse("ateliers:check_in", args=[session.pk]), {"identifier": "tortue-nuage-11"})
    assert "Cet élève ne peut pas être ajouté à cette séance." in refused.content.decode()
    assert not SignUp.objects.filter(pupil=no_consent).exists()

    unknown = client.post(reverse("ateliers:check_in", args=[session.pk]), {"identifier": "inconnu-zzz-00"})
    assert "Cet élève ne peut pas être ajouté à cette séance." in unknown.content.decode()
    assert 'value="inconnu-zzz-00"' in unknown.content.decode()


def test_pupils_who_came_give_feedback_once_and_staff_read_it(client, world):
    session, pupil = world["session"], world["pupil"]
    signup = SignUp.objects.get(session=session, pupil=pupil)
    client.force_login(pupil)
    url = reverse("ateliers:feedback", args=[signup.pk])
    assert client.get(url).status_code == 404  # not yet: the session has not happened
    past = timezone.now() - datetime.timedelta(days=1)
    Session.objects.filter(pk=session.pk).update(starts_at=past - datetime.timedelta(hours=2), ends_at=past)
    SignUp.objects.filter(pk=signup.pk).update(attended=True)

    dashboard = client.get(reverse("accounts:dashboard")).content.decode()
    assert "Mon parcours" in dashboard and "Donner mon avis" in dashboard
    missing = client.post(url, {"comment": "Super"})
    assert missing.status_code == 200 and 'value="Super"' not in missing.content.decode()
    assert client.post(url, {"liked": 3, "learned": 2, "comment": "Super"}).status_code == 302
    feedback = Feedback.objects.get()
    assert (feedback.liked, feedback.learned, feedback.comment) == (3, 2, "Super")
    client.post(url, {"liked": 1, "learned": 1})
    assert Feedback.objects.count() == 1

    other = world["roles"]["other pupil of the class"]
    client.force_login(other)
    assert client.get(url).status_code == 404

    # The leader reads the answers, never who gave them, and nothing of a session with fewer than five
    # answers (they hold its attendance names): tests/test_safeguarding_roles.py has five.
    client.force_login(world["roles"]["leader of the event"])
    leader_page = client.get(reverse("accounts:dashboard")).content.decode()
    assert "Super" not in leader_page and "1 avis" not in leader_page
    assert NAME not in leader_page


def test_a_teacher_books_their_class_from_the_booking_page(client, world):
    session = SessionFactory(
        page=world["event"],
        booking=Session.Booking.CLASS,
        capacity=3,
        starts_at=world["session"].starts_at + datetime.timedelta(days=2),
    )
    teacher = world["roles"]["their teacher"]
    pupil = world["pupil"]
    classmate = world["roles"]["other pupil of the class"]
    client.force_login(teacher)
    url = reverse("ateliers:class_booking", args=[session.pk])
    page = client.get(url).content.decode()
    assert classmate.last_name in page
    empty = client.post(url, {})
    assert "Cochez au moins un élève." in empty.content.decode()
    client.post(url, {"pupils": [pupil.pk, classmate.pk]})
    assert set(SignUp.objects.filter(session=session).values_list("pupil", flat=True)) == {pupil.pk, classmate.pk}
    # A pupil of another class cannot be slipped in.
    stranger = ConsentedPupilFactory()
    response = client.post(url, {"pupils": [stranger.pk]})
    assert not SignUp.objects.filter(pupil=stranger).exists()
    assert response.status_code == 200

    client.force_login(world["roles"]["the pupil"])
    assert client.get(url).status_code == 404


def test_export_and_erasure_of_a_pupils_sign_ups_free_the_seat_for_the_waiting_list(world):
    session, pupil = world["session"], world["pupil"]
    Session.objects.filter(pk=session.pk).update(capacity=1)
    waiting, _ = sign_up(session, ConsentedPupilFactory())
    exported = rights.export(pupil)
    assert exported["ateliers"][0]["événement"] == "Mains à la pâte"

    rights.anonymise(pupil)

    assert not SignUp.objects.filter(pupil=pupil).exists()
    waiting.refresh_from_db()
    assert waiting.status == SignUp.Status.CONFIRMED


def test_staff_manage_a_session_and_read_the_fill_report(client, world):
    client.force_login(world["roles"]["staff"])
    session = world["session"]
    page = client.get(reverse("ateliers_manage_session", args=[session.pk])).content.decode()
    assert NAME in page
    report = client.get(reverse("ateliers_fill_report"), {"format": "csv"})
    assert "Mains à la pâte" in report.content.decode()
    client.post(reverse("ateliers_manage_session", args=[session.pk]), {"action": "cancel_session"})
    session.refresh_from_db()
    assert session.cancelled_at and session.seats_taken == 0

    client.force_login(world["roles"]["their teacher"])
    assert client.get(reverse("ateliers_fill_report")).status_code in (302, 403)


def test_groups_exist():
    assert Group.objects.filter(name=Role.PROFESSIONAL).exists()
