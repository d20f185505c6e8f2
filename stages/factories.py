"""Factories for host organisations, places, weeks and stage requests (tests, benchmarks, demo)."""

import datetime

import factory

from accounts.factories import ConsentedPupilFactory, SchoolFactory, UserFactory, role_group
from accounts.models import current_school_year
from accounts.roles import Role

from .models import HostOrganisation, Place, PlaceStatus, PlaceWeek, RequestState, StageRequest, StageWeek, Wish

# A Monday in the current school year, for stage weeks.
STAGE_MONDAY = datetime.date(int(current_school_year()[:4]), 12, 7)
STAGE_MONDAY -= datetime.timedelta(days=STAGE_MONDAY.weekday())


class ProfessionalFactory(UserFactory):
    role = role_group(Role.PROFESSIONAL)


class HostOrganisationFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Boulangerie du Marché {n}")
    kind = HostOrganisation.Kind.CRAFT
    legal_kind = HostOrganisation.LegalKind.PRIVATE
    address = "12 rue de la République"
    commune_code = "93066"  # Saint-Denis

    class Meta:
        model = HostOrganisation
        skip_postgeneration_save = True

    @factory.post_generation
    def members(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.members.set(extracted)


class PlaceFactory(factory.django.DjangoModelFactory):
    host = factory.SubFactory(HostOrganisationFactory)
    title = factory.Sequence(lambda n: f"Découvrir la boulangerie {n}")
    description = "Tu verras comment on fait le pain, du pétrissage à la vente."
    tutor = "Nadia Kaci"
    tutor_contact = "01 48 00 00 00"
    hours = "8 h – 15 h"
    starts_at = datetime.time(8, 0)
    ends_at = datetime.time(15, 0)
    break_minutes = 45
    status = PlaceStatus.APPROVED

    class Meta:
        model = Place
        skip_postgeneration_save = True

    @factory.post_generation
    def sheet_list(obj, create, extracted, **kwargs):
        """`PlaceFactory(sheet_list=[sheet, …])` links the place to métier sheets."""
        if create and extracted:
            obj.sheets.set(extracted)


class PlaceWeekFactory(factory.django.DjangoModelFactory):
    place = factory.SubFactory(PlaceFactory)
    starts_on = STAGE_MONDAY
    seats = 2

    class Meta:
        model = PlaceWeek


class StageWeekFactory(factory.django.DjangoModelFactory):
    school = factory.SubFactory(SchoolFactory)
    starts_on = STAGE_MONDAY

    class Meta:
        model = StageWeek
        django_get_or_create = ["school", "starts_on"]


class StageRequestFactory(factory.django.DjangoModelFactory):
    """A request of a consenting pupil, in their collège's stage week. `state=` sets any state directly
    (tests and demo); real changes go through stages.workflow.apply()."""

    pupil = factory.SubFactory(ConsentedPupilFactory)
    week = factory.LazyAttribute(lambda o: StageWeekFactory(school=o.pupil.school_class.school))
    motivation = "J'aime faire des gâteaux avec ma tante."
    travel_minutes = 45
    state = RequestState.SENT

    class Meta:
        model = StageRequest


class WishFactory(factory.django.DjangoModelFactory):
    request = factory.SubFactory(StageRequestFactory)
    rank = 1

    class Meta:
        model = Wish
