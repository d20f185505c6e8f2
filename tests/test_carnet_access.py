"""Who reads a pupil's orientation notebook, in one table (role × neighbour): the pupil, their parents and
their class's teachers read it while the consent stands; the volunteer assigned for CV help reads only what
the pupil shares, and only once they share it; staff read it; everyone else gets a 404. Nothing before
consent."""

import pytest

from accompagnement.factories import AssignmentFactory, DocumentFactory, VolunteerFactory
from accounts import consent
from accounts.factories import (
    ConsentedPupilFactory,
    ParentFactory,
    PupilFactory,
    SchoolClassFactory,
    StaffFactory,
    UserFactory,
)
from accounts.models import ConsentRecord
from accounts.roles import Role
from carnet.factories import NotebookFactory, ParentCommentFactory, QuestionFactory, WishFactory
from stages.factories import HostOrganisationFactory, PlaceWeekFactory, ProfessionalFactory, StageRequestFactory
from stages.models import RequestState

pytestmark = pytest.mark.django_db

QUESTION = "Est-ce que le lycée pro a des stages ?"
COMMENT = "Nous sommes fiers de toi."
WISH_FIELD = "Métiers de la relation client"


@pytest.fixture
def pupil():
    pupil = ConsentedPupilFactory(first_name="Inès")
    WishFactory(pupil=pupil, path="vocational", field=WISH_FIELD)
    QuestionFactory(pupil=pupil, text=QUESTION)
    ParentCommentFactory(pupil=pupil, text=COMMENT)
    return pupil


def withdraw(pupil):
    consent.record(pupil, ConsentRecord.Decision.WITHDRAWN, ConsentRecord.Method.PARENT_SPACE, by_name="Parent")


def the_pupil(pupil):
    return pupil


def own_parent(pupil):
    parent = ParentFactory()
    parent.children.add(pupil)
    return parent


def own_parent_consent_withdrawn(pupil):
    parent = own_parent(pupil)
    withdraw(pupil)
    return parent


def other_parent(pupil):
    parent = ParentFactory()
    parent.children.add(ConsentedPupilFactory(school_class=pupil.school_class))
    return parent


def own_teacher(pupil):
    teacher = UserFactory(role=Role.TEACHER)
    pupil.school_class.teachers.add(teacher)
    return teacher


def teacher_of_another_class(pupil):
    teacher = UserFactory(role=Role.TEACHER)
    SchoolClassFactory(school=pupil.school_class.school).teachers.add(teacher)
    return teacher


def assigned_volunteer_not_shared(pupil):
    return AssignmentFactory(document=DocumentFactory(pupil=pupil)).volunteer


def assigned_volunteer_shared(pupil):
    NotebookFactory(pupil=pupil, shared_with_volunteer=True)
    return assigned_volunteer_not_shared(pupil)


def assigned_volunteer_shared_consent_withdrawn(pupil):
    volunteer = assigned_volunteer_shared(pupil)
    withdraw(pupil)
    return volunteer


def volunteer_of_another_pupil(pupil):
    NotebookFactory(pupil=pupil, shared_with_volunteer=True)
    return AssignmentFactory().volunteer


def unassigned_volunteer(pupil):
    NotebookFactory(pupil=pupil, shared_with_volunteer=True)
    return VolunteerFactory()


def host_of_the_stage(pupil):
    member = ProfessionalFactory()
    place_week = PlaceWeekFactory(place__host=HostOrganisationFactory(members=[member]))
    StageRequestFactory(pupil=pupil, state=RequestState.ACCEPTED, place_week=place_week)
    return member


def staff(pupil):
    return StaffFactory()


def partner(pupil):
    return UserFactory(role=Role.PARTNER)


def another_pupil_of_the_class(pupil):
    return ConsentedPupilFactory(school_class=pupil.school_class)


# who, reads the notebook, reads the questions and comments, may comment, may answer
ROWS = [
    (the_pupil, True, True, False, False),
    (own_parent, True, True, True, False),
    (own_parent_consent_withdrawn, False, False, False, False),
    (other_parent, False, False, False, False),
    (own_teacher, True, True, False, True),
    (teacher_of_another_class, False, False, False, False),
    (assigned_volunteer_not_shared, False, False, False, False),
    (assigned_volunteer_shared, True, False, False, False),
    (assigned_volunteer_shared_consent_withdrawn, False, False, False, False),
    (volunteer_of_another_pupil, False, False, False, False),
    (unassigned_volunteer, False, False, False, False),
    (host_of_the_stage, False, False, False, False),
    (staff, True, True, False, False),
    (partner, False, False, False, False),
    (another_pupil_of_the_class, False, False, False, False),
]


@pytest.mark.parametrize(
    ("who", "reads", "reads_private", "comments", "answers"), ROWS, ids=[row[0].__name__ for row in ROWS]
)
def test_who_reads_and_writes(client, pupil, who, reads, reads_private, comments, answers):
    user = who(pupil)
    client.force_login(user)
    url = f"/fr/carnet/eleves/{pupil.pk}/"
    response = client.get(url)
    assert response.status_code == (200 if reads else 404)
    if reads:
        page = response.content.decode()
        assert WISH_FIELD in page
        assert (QUESTION in page) == reads_private
        assert (COMMENT in page) == reads_private
        assert "private" in response["Cache-Control"]
    for suffix in ["fiche/", "fiche-orientation.pdf"]:
        assert client.get(url + suffix).status_code == (200 if reads else 404)
    response = client.post(url + "commentaire/", {"text": "Un mot de plus."})
    assert (response.status_code == 302) == comments
    if not comments:
        assert response.status_code == 404
    question = pupil.orientation_questions.get()
    response = client.post(
        f"/fr/carnet/questions/{question.pk}/reponse/", {f"q{question.pk}-answer": "Oui, trois fois."}
    )
    assert (response.status_code == 302) == answers
    if not answers:
        assert response.status_code == 404


def test_anonymous_goes_to_the_login_page(client, pupil):
    response = client.get(f"/fr/carnet/eleves/{pupil.pk}/")
    assert response.status_code == 302 and "/compte/" in response.url


@pytest.mark.parametrize("who", [own_parent, own_teacher, assigned_volunteer_shared])
def test_nothing_before_consent(client, who):
    pupil = PupilFactory(first_name="Yanis")  # activated, no consent on record
    client.force_login(who(pupil))
    assert client.get(f"/fr/carnet/eleves/{pupil.pk}/").status_code == 404


def test_the_pupil_before_consent_reads_why_and_cannot_write(client):
    pupil = PupilFactory(first_name="Yanis")
    client.force_login(pupil)
    response = client.get("/fr/carnet/", follow=True)
    page = response.content.decode()
    assert "il faut l&#x27;accord d&#x27;un de tes parents" in page
    assert "Enregistrer mon vœu" not in page
    assert client.post("/fr/carnet/questions/", {"text": "Bonjour ?"}).status_code == 404
    assert client.post("/fr/carnet/partage/", {"shared": "1"}).status_code == 404


def test_the_pupil_turns_the_sharing_on_and_off(client, pupil):
    volunteer = assigned_volunteer_not_shared(pupil)
    client.force_login(pupil)
    client.post("/fr/carnet/partage/", {"shared": "1"})
    client.force_login(volunteer)
    assert client.get(f"/fr/carnet/eleves/{pupil.pk}/").status_code == 200
    client.force_login(pupil)
    client.post("/fr/carnet/partage/", {"shared": "0"})
    client.force_login(volunteer)
    assert client.get(f"/fr/carnet/eleves/{pupil.pk}/").status_code == 404


def test_non_pupil_ids_are_404(client, pupil):
    client.force_login(StaffFactory())
    assert client.get(f"/fr/carnet/eleves/{StaffFactory().pk}/").status_code == 404
    assert client.get("/fr/carnet/eleves/99999999/").status_code == 404
