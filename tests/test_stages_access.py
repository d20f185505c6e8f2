"""Who sees a stage request: role by neighbour. The pupil, their parent, their teacher and staff see it;
the host it is proposed to sees only first name, level, collège and wishes; every neighbour (another pupil,
another class of the same collège, another collège, another family, another host, anonymous, each other
role) sees nothing. Responses are private, no-store."""

from django.urls import reverse

import pytest

from accounts.factories import (
    ParentFactory,
    PupilFactory,
    SchoolClassFactory,
    StaffFactory,
    TeacherFactory,
    UserFactory,
)
from accounts.roles import Role
from metiers.factories import CentreInteretFactory
from stages import access
from stages.factories import (
    HostOrganisationFactory,
    PlaceFactory,
    PlaceWeekFactory,
    ProfessionalFactory,
    StageRequestFactory,
    WishFactory,
)
from stages.models import RequestState

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    stage_request = StageRequestFactory(
        pupil__first_name="Lina", pupil__last_name="Benali", pupil__email="lina@example.org"
    )
    pupil = stage_request.pupil
    WishFactory(request=stage_request, rank=1, centre=CentreInteretFactory(name="J'aime cuisiner"))
    school_class = pupil.school_class
    parent = ParentFactory()
    parent.children.add(pupil)
    teacher = TeacherFactory()
    school_class.teachers.add(teacher)
    host_member = ProfessionalFactory()
    place_week = PlaceWeekFactory(place=PlaceFactory(host=HostOrganisationFactory(members=[host_member])))
    other_class = SchoolClassFactory(school=school_class.school)
    other_teacher_same_college = TeacherFactory()
    other_class.teachers.add(other_teacher_same_college)
    other_college_teacher = TeacherFactory()
    SchoolClassFactory().teachers.add(other_college_teacher)
    other_parent = ParentFactory()
    other_parent.children.add(PupilFactory(school_class=school_class))
    return {
        "request": stage_request,
        "place_week": place_week,
        "viewers": {
            "pupil": pupil,
            "parent": parent,
            "teacher": teacher,
            "staff": StaffFactory(),
            "host": host_member,
            "other pupil of the class": PupilFactory(school_class=school_class),
            "teacher of another class of the collège": other_teacher_same_college,
            "teacher of another collège": other_college_teacher,
            "another family's parent": other_parent,
            "another host": ProfessionalFactory(),
            "volunteer": UserFactory(role=Role.VOLUNTEER),
            "partner": UserFactory(role=Role.PARTNER),
        },
    }


FULL = {"pupil", "parent", "teacher", "staff"}


def test_visibility_before_any_proposal(world, client):
    url = reverse("stages:request_detail", args=[world["request"].pk])
    for name, user in world["viewers"].items():
        client.force_login(user)
        response = client.get(url)
        if name in FULL:
            assert response.status_code == 200, name
            assert "J&#x27;aime cuisiner" in response.content.decode(), name
            assert "no-store" in response["Cache-Control"]
        else:
            assert response.status_code == 404, name
        assert access.can_see_request(user, world["request"]) == (name in FULL), name
    client.logout()
    assert client.get(url).status_code == 302  # to the login page


def test_the_host_sees_only_what_is_listed_once_proposed(world, client):
    stage_request = world["request"]
    stage_request.place_week = world["place_week"]
    world["place_week"].reserve()
    type(stage_request).objects.filter(pk=stage_request.pk).update(
        place_week=world["place_week"], state=RequestState.PROPOSED
    )
    host_member = world["viewers"]["host"]
    client.force_login(host_member)

    page = client.get(reverse("stages:host"))
    content = page.content.decode()
    assert "Lina" in content and "J&#x27;aime cuisiner" in content
    assert stage_request.week.school.name in content
    assert "Benali" not in content and "lina@example.org" not in content
    assert "no-store" in page["Cache-Control"]
    # The host's link to the full request leads back to their page, with nothing more.
    assert client.get(reverse("stages:request_detail", args=[stage_request.pk])).status_code == 302

    client.force_login(world["viewers"]["another host"])
    assert "Lina" not in client.get(reverse("stages:host")).content.decode()
    assert not access.can_see_request(world["viewers"]["another host"], stage_request)


def test_pupils_never_see_each_others_requests(world, client):
    neighbour = world["viewers"]["other pupil of the class"]
    own = StageRequestFactory(pupil__school_class=neighbour.school_class)
    assert list(access.visible_requests(neighbour)) == []
    assert list(access.visible_requests(own.pupil)) == [own]


def test_staff_console_and_host_page_are_refused_to_the_others(world, client):
    for name, user in world["viewers"].items():
        client.force_login(user)
        console = client.get(reverse("stages:console"))
        assert console.status_code == (200 if name == "staff" else 403), name
        if name not in {"host", "another host"}:
            assert client.get(reverse("stages:host")).status_code == 403, name


CONVENTION_READERS = {"pupil", "parent", "teacher", "staff", "host"}


def test_a_convention_is_read_by_its_four_parties_and_staff_only(world, client):
    from stages.workflow import apply

    stage_request = world["request"]
    apply(world["viewers"]["staff"], stage_request, "propose", place_week=world["place_week"])
    apply(world["viewers"]["host"], stage_request, "accept")
    convention = stage_request.convention
    url = reverse("stages:convention", args=[convention.pk])
    for name, user in world["viewers"].items():
        client.force_login(user)
        response = client.get(url)
        if name in CONVENTION_READERS:
            assert response.status_code == 200, name
            assert "Lina Benali" in response.content.decode(), name
            assert "no-store" in response["Cache-Control"]
        else:
            assert response.status_code == 404, name
        # Nobody outside may sign either.
        if name not in CONVENTION_READERS:
            assert client.post(url, {"party": "parent"}).status_code == 404, name
    assert convention.valid_signatures().count() == 0
    client.logout()
    assert client.get(url).status_code == 302  # to the login page
