"""The staff console does not offer a place the rules of law refuse for the pupil (stages.legal): it is
listed last, marked « refusée par les règles (…) », without a button, and the bulk plan never gives it;
the check reads the rows already loaded (no query per candidate)."""

import datetime
import html

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from accounts.factories import ConsentedPupilFactory, StaffFactory
from stages import matching
from stages.factories import STAGE_MONDAY, HostOrganisationFactory, PlaceFactory, PlaceWeekFactory, StageRequestFactory
from stages.models import HostOrganisation, RequestState

pytestmark = pytest.mark.django_db


def open_place(title, kind=HostOrganisation.LegalKind.PRIVATE, **kwargs):
    found = PlaceFactory(title=title, host=HostOrganisationFactory(legal_kind=kind), **kwargs)
    return PlaceWeekFactory(place=found, starts_on=STAGE_MONDAY)


@pytest.fixture
def young_request():
    """A pupil of 13 on the stage week's Monday: only a public body or a family business may host them."""
    pupil = ConsentedPupilFactory(birth_date=STAGE_MONDAY.replace(year=STAGE_MONDAY.year - 13))
    return StageRequestFactory(pupil=pupil, week__starts_on=STAGE_MONDAY, state=RequestState.SENT)


def test_places_the_rules_refuse_are_last_marked_and_offer_no_button(young_request, client):
    town_hall = open_place("Mairie", kind=HostOrganisation.LegalKind.PUBLIC)
    bakery = open_place("Boulangerie")
    library = open_place(
        "Médiathèque", kind=HostOrganisation.LegalKind.PUBLIC, ends_at=datetime.time(17, 30), break_minutes=30
    )
    ranked = matching.rank_places(young_request)
    assert [c.place_week for c in ranked][0] == town_hall
    assert {c.place_week for c in ranked if c.refused} == {bakery, library}
    assert [c.refused for c in ranked] == [False, True, True]
    bakery_reasons = next(c for c in ranked if c.place_week == bakery).reasons
    assert bakery_reasons[0] == "Refusée par les règles (âge et type de structure)"
    assert "13 ans" in bakery_reasons[1]
    library_reasons = next(c for c in ranked if c.place_week == library).reasons
    assert library_reasons[0] == "Refusée par les règles (durée par jour, durée par semaine)"

    client.force_login(StaffFactory())
    page = html.unescape(client.get(reverse("stages:console_request", args=[young_request.pk])).content.decode())
    assert "Refusée par les règles (âge et type de structure)" in page
    assert f'name="place_week" value="{town_hall.pk}"' in page
    assert f'name="place_week" value="{bakery.pk}"' not in page
    assert f'name="place_week" value="{library.pk}"' not in page

    plan = matching.bulk_plan([young_request])
    assert plan.assignments.get(young_request.pk, (None,))[0] in (None, town_hall.pk)


def test_the_bulk_plan_never_gives_a_refused_place(young_request):
    open_place("Boulangerie")
    plan = matching.bulk_plan([young_request])
    assert plan.assignments == {} and plan.unplaced == [young_request.pk]


def test_the_rules_cost_no_query_per_candidate(young_request, client):
    open_place("Mairie", kind=HostOrganisation.LegalKind.PUBLIC)
    open_place("Boulangerie")
    client.force_login(StaffFactory())
    url = reverse("stages:console_request", args=[young_request.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for number in range(4):
        open_place(f"Garage {number}")
        open_place(f"Archives {number}", kind=HostOrganisation.LegalKind.PUBLIC)
    client.get(url)  # the same warm caches (site settings, communes) as the first count
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)
