"""The circle around a pupil (accounts.circle), in one table: for each person around (or not around) a pupil,
whether they see the pupil (access checks and lists) and whether they are written to (mail recipients)."""

import datetime

import pytest

from accompagnement.factories import AssignmentFactory, DocumentFactory, VolunteerFactory
from accounts import circle, consent
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
from stages.factories import (
    STAGE_MONDAY,
    HostOrganisationFactory,
    PlaceWeekFactory,
    ProfessionalFactory,
    StageRequestFactory,
    StageWeekFactory,
)
from stages.models import RequestState

pytestmark = pytest.mark.django_db


@pytest.fixture
def pupil():
    return ConsentedPupilFactory(email="ines@example.org")


def withdraw(pupil):
    consent.record(pupil, ConsentRecord.Decision.WITHDRAWN, ConsentRecord.Method.PARENT_SPACE, by_name="Parent")


def own_parent(pupil):
    parent = ParentFactory()
    parent.children.add(pupil)
    return parent


def other_parent(pupil):
    parent = ParentFactory()
    parent.children.add(PupilFactory(school_class=pupil.school_class))
    return parent


def inactive_parent(pupil):
    parent = ParentFactory(is_active=False)
    parent.children.add(pupil)
    return parent


def parent_linked_twice(pupil):
    parent = ParentFactory()
    parent.children.add(pupil)
    pupil.parents.add(parent)
    parent.children.add(PupilFactory(school_class=pupil.school_class))  # and the parent of a sibling
    return parent


def own_teacher(pupil):
    teacher = UserFactory(role=Role.TEACHER)
    pupil.school_class.teachers.add(teacher)
    return teacher


def teacher_of_another_class(pupil):
    teacher = UserFactory(role=Role.TEACHER)
    SchoolClassFactory(school=pupil.school_class.school).teachers.add(teacher)
    return teacher


def assigned_volunteer(pupil):
    return AssignmentFactory(document=DocumentFactory(pupil=pupil)).volunteer


def assigned_volunteer_consent_withdrawn(pupil):
    volunteer = assigned_volunteer(pupil)
    withdraw(pupil)
    return volunteer


def unassigned_volunteer(pupil):
    DocumentFactory(pupil=pupil)
    AssignmentFactory()  # assigned to another pupil's document
    return VolunteerFactory()


def _host(pupil, state):
    member = ProfessionalFactory()
    place_week = PlaceWeekFactory(place__host=HostOrganisationFactory(members=[member]))
    StageRequestFactory(pupil=pupil, state=state, place_week=place_week if state != RequestState.SENT else None)
    return member


def host_with_a_proposed_place(pupil):
    return _host(pupil, RequestState.PROPOSED)


def host_with_an_accepted_place(pupil):
    return _host(pupil, RequestState.ACCEPTED)


def host_without_a_proposed_place(pupil):
    return _host(pupil, RequestState.SENT)


def host_with_a_proposed_place_consent_withdrawn(pupil):
    host = host_with_a_proposed_place(pupil)
    withdraw(pupil)
    return host


def staff(pupil):
    return StaffFactory()


def partner(pupil):
    return UserFactory(role=Role.PARTNER)


def another_pupil(pupil):
    return ConsentedPupilFactory(school_class=pupil.school_class)


def the_pupil(pupil):
    return pupil


ROWS = [
    # who, sees the pupil, is written to
    (the_pupil, True, True),
    (own_parent, True, True),
    (other_parent, False, False),
    (inactive_parent, False, False),
    (parent_linked_twice, True, True),
    (own_teacher, True, True),
    (teacher_of_another_class, False, False),
    (assigned_volunteer, True, True),
    (assigned_volunteer_consent_withdrawn, False, False),
    (unassigned_volunteer, False, False),
    (host_with_a_proposed_place, True, True),
    (host_with_an_accepted_place, True, True),
    (host_without_a_proposed_place, False, False),
    (host_with_a_proposed_place_consent_withdrawn, False, False),
    (staff, True, True),
    (partner, False, False),
    (another_pupil, False, False),
]


@pytest.mark.parametrize(("who", "sees", "mailed"), ROWS, ids=[row[0].__name__ for row in ROWS])
def test_the_circle_around_a_pupil(pupil, who, sees, mailed):
    person = who(pupil)

    assert circle.can_see(person, pupil) is sees
    assert circle.pupils_visible_to(person).filter(pk=pupil.pk).exists() is sees
    addresses = [recipient.email for recipient in circle.recipients(pupil, circle.EVERYONE)]
    assert (person.email in addresses) is mailed
    assert len(addresses) == len(set(addresses))  # each address once


def test_a_parent_linked_twice_is_written_to_once(pupil):
    parent = parent_linked_twice(pupil)

    assert [p.email for p in circle.recipients(pupil, circle.FAMILY)] == [pupil.email, parent.email]


def test_recipients_keep_to_the_relations_asked(pupil):
    parent, teacher = own_parent(pupil), own_teacher(pupil)
    volunteer, host, team = assigned_volunteer(pupil), host_with_a_proposed_place(pupil), staff(pupil)

    assert circle.recipients(pupil, {circle.Relation.PARENT}) == [parent]
    assert circle.recipients(pupil, circle.SCHOOL) == [pupil, parent, teacher]
    assert circle.recipients(pupil, circle.OUTSIDE) == [volunteer, host]
    assert circle.recipients(pupil, {circle.Relation.STAFF}) == [team]


def test_a_host_is_told_about_the_request_proposed_to_them_only(pupil):
    host = host_with_a_proposed_place(pupil)
    next_week = StageWeekFactory(school=pupil.school_class.school, starts_on=STAGE_MONDAY + datetime.timedelta(7))
    other_request = StageRequestFactory(pupil=pupil, week=next_week, state=RequestState.SENT)

    assert circle.recipients(pupil, {circle.Relation.HOST}, about=other_request) == []
    assert circle.recipients(pupil, {circle.Relation.HOST}) == [host]


def test_lists_of_other_models_follow_the_circle(pupil):
    from stages.models import StageRequest

    request = StageRequestFactory(pupil=pupil)
    StageRequestFactory()  # another pupil's
    teacher, parent = own_teacher(pupil), own_parent(pupil)

    assert list(circle.visible(StageRequest.objects, teacher, {circle.Relation.TEACHER})) == [request]
    assert list(circle.visible(StageRequest.objects, parent, {circle.Relation.TEACHER})) == []
    assert list(circle.visible(StageRequest.objects, parent, circle.FAMILY)) == [request]
    assert StageRequest.objects.count() == len(circle.visible(StageRequest.objects, staff(pupil)))


def test_staff_addresses_are_the_contact_address_else_active_staff():
    from home.models import SiteSettings

    StaffFactory(email="samia@unstageetapres.fr")
    StaffFactory(email="gone@unstageetapres.fr", is_active=False)
    assert circle.staff_addresses() == ["samia@unstageetapres.fr"]

    settings = SiteSettings.load()
    settings.contact_email = "contact@unstageetapres.fr"
    settings.save()
    assert circle.staff_addresses() == ["contact@unstageetapres.fr"]
