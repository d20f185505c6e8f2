"""The console's ranking (wish: same sheet, then domain, then centre d'intérêt; the week; the seats; the
estimated travel) with its reasons, and the bulk matching of a collège on a small known case."""

import datetime

from django.urls import reverse

import pytest

from accounts.factories import SchoolFactory, StaffFactory
from metiers.factories import CentreInteretFactory, DomaineProfessionnelFactory, MetierPageFactory
from stages import matching, travel
from stages.factories import (
    STAGE_MONDAY,
    HostOrganisationFactory,
    PlaceFactory,
    PlaceWeekFactory,
    StageRequestFactory,
    WishFactory,
)
from stages.models import PlaceStatus, RequestState

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(metiers_index):
    cooking = CentreInteretFactory(name="J'aime cuisiner")
    food, care, building = (DomaineProfessionnelFactory() for _ in range(3))
    return {
        "baker": MetierPageFactory(parent=metiers_index, domaine_professionnel=food, interests=[cooking]),
        "butcher": MetierPageFactory(parent=metiers_index, domaine_professionnel=food),
        "cook": MetierPageFactory(parent=metiers_index, domaine_professionnel=care, interests=[cooking]),
        "mason": MetierPageFactory(parent=metiers_index, domaine_professionnel=building),
        "nurse_domain": care,
    }


def place(sheet, commune="93066", seats=2, **kwargs):
    week_kwargs = {"starts_on": kwargs.pop("starts_on", STAGE_MONDAY), "seats": seats}
    found = PlaceFactory(host=HostOrganisationFactory(commune_code=commune), sheet_list=[sheet], **kwargs)
    return PlaceWeekFactory(place=found, **week_kwargs)


@pytest.fixture
def stage_request():
    request = StageRequestFactory(
        week__school__commune="Saint-Denis", pupil__school_class__school=SchoolFactory(commune="Saint-Denis")
    )
    return request


def test_places_ranked_by_wish_then_domain_then_interest_with_reasons(catalogue, stage_request):
    WishFactory(request=stage_request, rank=1, sheet=catalogue["baker"])
    same_sheet = place(catalogue["baker"], commune="75056")  # Paris, farther
    same_domain = place(catalogue["butcher"])  # Saint-Denis, near
    same_interest = place(catalogue["cook"])
    unrelated = place(catalogue["mason"])

    ranked = matching.rank_places(stage_request)

    assert [c.place_week for c in ranked] == [same_sheet, same_domain, same_interest, unrelated]
    assert ranked[0].reasons[0] == "Souhait n° 1 : même fiche métier"
    assert ranked[1].reasons[0] == "Souhait n° 1 : même domaine"
    assert ranked[2].reasons[0] == "Souhait n° 1 : même centre d'intérêt"
    assert ranked[3].reasons[0] == "Aucun souhait ne correspond"
    assert "2 places libres sur 2" in ranked[0].reasons[2]
    assert ranked[0].reasons[3] == "9,0 km, environ 49 min (estimation) – plus que les 45 min acceptées"


def test_an_earlier_wish_wins_and_a_domain_wish_matches_the_domain(catalogue, stage_request):
    WishFactory(request=stage_request, rank=1, sheet=catalogue["mason"])
    WishFactory(request=stage_request, rank=2, domain=catalogue["nurse_domain"])
    domain_place = place(catalogue["cook"])
    first_wish = place(catalogue["mason"])
    ranked = matching.rank_places(stage_request)
    assert [c.place_week for c in ranked] == [first_wish, domain_place]
    assert ranked[1].reasons[0] == "Souhait n° 2 : même domaine"


def test_only_open_weeks_free_seats_checked_offers_and_own_collège(catalogue, stage_request):
    WishFactory(request=stage_request, rank=1, sheet=catalogue["baker"])
    good = place(catalogue["baker"])
    place(catalogue["baker"], starts_on=STAGE_MONDAY + datetime.timedelta(days=7))
    full = place(catalogue["baker"], seats=1)
    full.reserve()
    place(catalogue["baker"], status=PlaceStatus.PENDING)
    place(catalogue["baker"], reserved_school=SchoolFactory())
    mine = place(catalogue["baker"], reserved_school=stage_request.week.school)

    assert {c.place_week for c in matching.rank_places(stage_request)} == {good, mine}


def test_nearer_places_first_within_the_travel_time(catalogue, stage_request):
    WishFactory(request=stage_request, rank=1, sheet=catalogue["baker"])
    far = place(catalogue["baker"], commune="77001")  # Achères-la-Forêt
    near = place(catalogue["baker"], commune="93008")  # Bobigny
    here = place(catalogue["baker"], commune="93066")  # Saint-Denis
    ranked = matching.rank_places(stage_request)
    assert [c.place_week for c in ranked] == [here, near, far]
    assert ranked[0].within_travel and not ranked[2].within_travel


def test_a_plugged_router_replaces_the_estimate(catalogue, stage_request):
    WishFactory(request=stage_request, rank=1, sheet=catalogue["baker"])
    place(catalogue["baker"])
    previous = travel.set_router(lambda a, b, mode: travel.Estimate(km=3.0, minutes=12))
    try:
        assert matching.rank_places(stage_request)[0].reasons[3] == "3,0 km, environ 12 min (estimation)"
    finally:
        travel.set_router(previous)


def test_bulk_matching_places_everyone_it_can_on_their_best_wish(catalogue):
    school = SchoolFactory(commune="Saint-Denis")
    baker, mason = place(catalogue["baker"], seats=1), place(catalogue["mason"], seats=1)
    first = StageRequestFactory(pupil__school_class__school=school)
    WishFactory(request=first, rank=1, sheet=catalogue["baker"])
    WishFactory(request=first, rank=2, sheet=catalogue["mason"])
    second = StageRequestFactory(pupil__school_class__school=school)
    WishFactory(request=second, rank=1, sheet=catalogue["baker"])
    third = StageRequestFactory(pupil__school_class__school=school)
    WishFactory(request=third, rank=1, sheet=catalogue["butcher"])  # same domain as the baker only

    plan = matching.bulk_plan([first, second, third])

    # A first-come greedy would give the baker to `first` and leave `second` without a place; the
    # assignment places both, and prefers `second`'s exact wish to `third`'s same-domain one.
    assert plan.assignments == {first.pk: (mason.pk, 2), second.pk: (baker.pk, 1)}
    assert plan.unplaced == [third.pk]
    assert plan.outcome(3) == {
        "total": 3,
        "voeu_1": 1,
        "voeu_2": 1,
        "voeu_3": 0,
        "sans_place": 1,
        "meme_fiche": 2,
        "meme_domaine": 0,
        "meme_centre": 0,
    }


def test_bulk_from_the_console_proposes_through_the_workflow(catalogue, client):
    school = SchoolFactory(commune="Saint-Denis")
    baker = place(catalogue["baker"], seats=1)
    stage_request = StageRequestFactory(pupil__school_class__school=school)
    WishFactory(request=stage_request, rank=1, sheet=catalogue["baker"])
    client.force_login(StaffFactory())

    response = client.post(reverse("stages:console_bulk", args=[school.pk]), follow=True)

    stage_request.refresh_from_db()
    assert stage_request.state == RequestState.PROPOSED and stage_request.place_week == baker
    assert stage_request.events.get().to_state == RequestState.PROPOSED
    assert "1 place(s) proposée(s) (souhait 1 : 1" in response.content.decode()
