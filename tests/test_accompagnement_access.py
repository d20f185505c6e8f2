"""Who sees a pupil's CV and comments: role by neighbour. The pupil, their parent, the volunteer assigned to
the document (while the assignment lasts, first name/level/collège only) and staff see it; every neighbour
(another pupil of the class, another family, another volunteer, a volunteer whose assignment ended or
expired, the pupil's teacher, a professional, a partner, anonymous) gets a 404. Responses are private."""

import datetime

from django.urls import reverse
from django.utils import timezone

import pytest

from accompagnement import access
from accompagnement.factories import AssignmentFactory, DocumentFactory, VersionFactory, VolunteerFactory
from accounts import consent
from accounts.factories import ParentFactory, PupilFactory, StaffFactory, TeacherFactory, UserFactory
from accounts.models import ConsentRecord
from accounts.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    document = DocumentFactory(pupil__first_name="Lina", pupil__last_name="Benali", pupil__email="lina@example.org")
    pupil = document.pupil
    version = VersionFactory(document=document, number=1)
    volunteer = VolunteerFactory()
    AssignmentFactory(document=document, volunteer=volunteer)
    parent = ParentFactory()
    parent.children.add(pupil)
    teacher = TeacherFactory()
    pupil.school_class.teachers.add(teacher)
    other_parent = ParentFactory()
    other_parent.children.add(PupilFactory(school_class=pupil.school_class))
    ended = VolunteerFactory()
    AssignmentFactory(document=document, volunteer=ended, ended_at=timezone.now())
    return {
        "document": document,
        "version": version,
        "viewers": {
            "pupil": pupil,
            "parent": parent,
            "volunteer": volunteer,
            "staff": StaffFactory(),
            "other pupil of the class": PupilFactory(school_class=pupil.school_class),
            "another family's parent": other_parent,
            "another volunteer": VolunteerFactory(),
            "volunteer whose assignment ended": ended,
            "the pupil's teacher": teacher,
            "professional": UserFactory(role=Role.PROFESSIONAL),
            "partner": UserFactory(role=Role.PARTNER),
        },
    }


SEES = {"pupil", "parent", "volunteer", "staff"}
CURRENT_TEXT = {"pupil", "parent", "staff"}


def test_document_page_role_by_neighbour(world, client):
    url = reverse("accompagnement:document", args=[world["document"].pk])
    for name, user in world["viewers"].items():
        client.force_login(user)
        response = client.get(url)
        if name in SEES:
            assert response.status_code == 200, name
            content = response.content.decode()
            assert "Lina" in content, name
            assert "no-store" in response["Cache-Control"], name
            # The volunteer never sees the surname nor the e-mail address.
            assert ("Benali" in content) == (name != "volunteer"), name
            assert "lina@example.org" not in content, name
        else:
            assert response.status_code == 404, name
        assert access.can_see_document(user, world["document"]) == (name in SEES), name
    client.logout()
    assert client.get(url).status_code == 302


def test_pdf_print_and_differences_follow_the_same_rules(world, client):
    document = world["document"]
    for name, user in world["viewers"].items():
        client.force_login(user)
        for view in ("pdf", "print"):
            status = client.get(reverse(f"accompagnement:{view}", args=[document.pk])).status_code
            assert status == (200 if name in CURRENT_TEXT else 404), (name, view)
        status = client.get(reverse("accompagnement:differences", args=[document.pk])).status_code
        assert status == (200 if name in SEES else 404), name


def test_only_the_assigned_volunteer_comments(world, client):
    version = world["version"]
    data = {"section": "qualities", "quote": "", "body": "Très bon exemple.", "suggestion": ""}
    for name, user in world["viewers"].items():
        client.force_login(user)
        response = client.post(reverse("accompagnement:comment", args=[version.pk]), data)
        assert response.status_code == (302 if name == "volunteer" else 404), name
    assert version.comments.count() == 1


def test_only_the_pupil_writes_asks_and_answers(world, client):
    document = world["document"]
    for name, user in world["viewers"].items():
        client.force_login(user)
        step = client.post(reverse("accompagnement:step", args=[document.pk, "interests"]), {"text": "Du piratage"})
        review = client.post(reverse("accompagnement:ask_review", args=[document.pk]))
        expected = 302 if name == "pupil" else 404
        assert step.status_code == expected, name
        assert review.status_code == expected, name
    document.refresh_from_db()
    assert document.sections["interests"] == "Du piratage"


def test_spaces_are_refused_to_the_others(world, client):
    for name, user in world["viewers"].items():
        client.force_login(user)
        # Staff's console is in the admin: anyone without admin access is sent to the admin's login.
        staff = client.get(reverse("accompagnement_console")).status_code
        assert staff == (200 if name == "staff" else 302), name
        volunteer = client.get(reverse("accompagnement:volunteer")).status_code
        assert volunteer == (200 if "volunteer" in name else 403), name
        mine = client.get(reverse("accompagnement:mine")).status_code
        assert mine == (200 if name in {"pupil", "other pupil of the class"} else 403), name


def test_a_volunteer_lists_only_their_own_pupils(world, client):
    client.force_login(world["viewers"]["another volunteer"])
    assert "Lina" not in client.get(reverse("accompagnement:volunteer")).content.decode()
    client.force_login(world["viewers"]["volunteer"])
    content = client.get(reverse("accompagnement:volunteer")).content.decode()
    assert "Lina" in content and "Benali" not in content
    assert "Une version attend votre relecture." in content


def test_a_comment_on_another_pupils_version_is_refused(world, client):
    neighbour_version = VersionFactory(number=1)
    client.force_login(world["viewers"]["volunteer"])
    data = {"section": "qualities", "quote": "", "body": "Bonjour", "suggestion": ""}
    assert client.post(reverse("accompagnement:comment", args=[neighbour_version.pk]), data).status_code == 404
    assert neighbour_version.comments.count() == 0


def test_an_expired_assignment_shows_nothing_the_day_after(client):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    assignment = AssignmentFactory(ends_on=yesterday)
    client.force_login(assignment.volunteer)
    assert client.get(reverse("accompagnement:document", args=[assignment.document.pk])).status_code == 404
    assert not access.can_see_document(assignment.volunteer, assignment.document)


def test_the_volunteer_loses_sight_when_the_family_withdraws_consent(world, client):
    document = world["document"]
    consent.record(document.pupil, ConsentRecord.Decision.WITHDRAWN, ConsentRecord.Method.LINK, by_name="Parent")
    client.force_login(world["viewers"]["volunteer"])
    assert client.get(reverse("accompagnement:document", args=[document.pk])).status_code == 404
    assert "Lina" not in client.get(reverse("accompagnement:volunteer")).content.decode()
    client.force_login(world["viewers"]["parent"])
    assert client.get(reverse("accompagnement:document", args=[document.pk])).status_code == 200


def test_a_volunteer_cannot_reach_the_draft_through_the_differences(world, client):
    document = world["document"]
    document.sections = {**document.sections, "interests": "Brouillon secret"}
    document.save()
    client.force_login(world["viewers"]["volunteer"])
    page = client.get(reverse("accompagnement:differences", args=[document.pk]), {"old": 0, "new": 1})
    assert "Brouillon secret" not in page.content.decode()
