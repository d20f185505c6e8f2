"""Factories for the interventions: a speaker of the pool and a teacher's request (for a class of theirs,
two slots in term time relative to « now »)."""

import datetime

from django.utils import timezone

import factory

from accounts.factories import SchoolClassFactory, SchoolFactory, TeacherFactory, UserFactory
from accounts.roles import Role
from metiers.factories import GrandDomaineFactory

from .models import Format, Speaker, WorkshopRequest


def next_school_day(days, hour=10):
    """A weekday at `hour`, `days` days after today (moved to the Monday after a weekend)."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


class SpeakerFactory(factory.django.DjangoModelFactory):
    user = factory.SubFactory(UserFactory, role=Role.PROFESSIONAL)
    job = "Infirmière"
    formats = factory.LazyFunction(lambda: [choice.value for choice in Format])
    home_commune = "93066"  # Saint-Denis
    communes = factory.LazyFunction(lambda: ["93066"])
    departements = factory.LazyFunction(lambda: ["93"])
    weekdays = factory.LazyFunction(lambda: [0, 1, 2, 3, 4])

    class Meta:
        model = Speaker


class WorkshopRequestFactory(factory.django.DjangoModelFactory):
    teacher = factory.SubFactory(TeacherFactory)
    school = factory.SubFactory(SchoolFactory)
    grand_domaine = factory.SubFactory(GrandDomaineFactory)
    format = Format.IN_CLASS
    slot_1 = factory.LazyFunction(lambda: next_school_day(14))
    slot_2 = factory.LazyFunction(lambda: next_school_day(21))
    place = "Collège, salle polyvalente"
    pupils_count = 25

    class Meta:
        model = WorkshopRequest
        skip_postgeneration_save = True

    @factory.post_generation
    def classes(obj, create, extracted, **kwargs):
        """`classes=[…]`, or one new 3e class of the request's collège; the teacher teaches them."""
        if not create:
            return
        chosen = extracted or [SchoolClassFactory(school=obj.school)]
        obj.classes.set(chosen)
        for school_class in chosen:
            if obj.teacher_id:
                school_class.teachers.add(obj.teacher)
