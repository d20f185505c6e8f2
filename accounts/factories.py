"""Factories for people, collèges and classes."""

import datetime

from django.contrib.auth.models import Group
from django.utils import timezone

import factory

from . import consent
from .models import ConsentRecord, School, SchoolClass, User, current_school_year
from .roles import Role

DEFAULT_PASSWORD = "mot-de-passe-de-test-2026"


def role_group(default=None):
    """Post-generation hook: `UserFactory(role=Role.PUPIL)` puts the user in that role's group.

    A subclass gives its default role with `role = role_group(Role.PUPIL)`: a plain value would
    replace the hook and reach the model as an unknown field.
    """

    @factory.post_generation
    def role(obj, create, extracted, **kwargs):
        if create and (extracted or default):
            obj.groups.add(Group.objects.get(name=extracted or default))

    return role


class SchoolFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Collège Jean Moulin {n}")
    uai = factory.Sequence(lambda n: f"093{n:04d}A")
    commune = "Saint-Denis"
    priority_education = School.PriorityEducation.REP_PLUS

    class Meta:
        model = School


class SchoolClassFactory(factory.django.DjangoModelFactory):
    school = factory.SubFactory(SchoolFactory)
    level = SchoolClass.Level.TROISIEME
    name = factory.Sequence(lambda n: f"3e {chr(65 + n % 26)}{n // 26 or ''}")
    school_year = "2026-2027"

    class Meta:
        model = SchoolClass


class UserFactory(factory.django.DjangoModelFactory):
    email = factory.Sequence(lambda n: f"personne{n}@example.org")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    password = factory.django.Password(DEFAULT_PASSWORD)

    class Meta:
        model = User
        skip_postgeneration_save = True

    role = role_group()


class PupilFactory(UserFactory):
    school_class = factory.SubFactory(SchoolClassFactory)
    role = role_group(Role.PUPIL)


class ConsentedPupilFactory(PupilFactory):
    """A pupil who may take part in workshops, stages and help: activated (a password chosen) and with a
    parent's consent on record. `ConsentedPupilFactory(consent_given=False)`: activated, no consent yet."""

    activated_at = factory.LazyFunction(timezone.now)
    # 14 in the stage weeks of the current school year (December to June): old enough for any host
    # (stages.legal), under 15, so a parent's consent is the one that counts.
    birth_date = factory.LazyFunction(lambda: datetime.date(int(current_school_year()[:4]) - 14, 1, 15))

    @factory.post_generation
    def consent_given(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            consent.record(obj, ConsentRecord.Decision.GIVEN, ConsentRecord.Method.LINK, by_name="Parent")


class StaffFactory(UserFactory):
    role = role_group(Role.STAFF)


class TeacherFactory(UserFactory):
    role = role_group(Role.TEACHER)


class ParentFactory(UserFactory):
    role = role_group(Role.PARENT)


class NewPupilFactory(PupilFactory):
    """A pupil as the class import creates them: no email, no password, not activated yet."""

    email = None
    password = factory.django.Password(None)
    is_active = False
    birth_date = datetime.date(2012, 5, 1)
