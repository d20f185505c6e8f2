"""The rules of law for a minor's observation sequence (stages.legal): each refusal names its rule; the
place form and the proposal of a place refuse with it, the typed input kept."""

import datetime

from django.urls import reverse

import pytest

from stages import legal
from stages.factories import (
    STAGE_MONDAY,
    HostOrganisationFactory,
    PlaceFactory,
    PlaceWeekFactory,
    ProfessionalFactory,
    StageRequestFactory,
    StageWeekFactory,
)
from stages.models import HostOrganisation, Place, RequestState
from stages.workflow import PlaceDoesNotFit, apply

T = datetime.time
MONDAY = datetime.date(2026, 12, 7)
FRIDAY = datetime.date(2026, 12, 11)


def rules(breaches):
    return [breach.rule for breach in breaches]


# Age on the first day of the stage, and the host's kind.


def test_age_is_counted_on_the_first_day_of_the_stage():
    born = datetime.date(2012, 12, 8)
    assert legal.age_on(born, MONDAY) == 13
    assert legal.age_on(born, datetime.date(2026, 12, 8)) == 14
    assert legal.age_on(None, MONDAY) is None


def test_under_14_only_a_public_body_or_a_family_business():
    thirteen = datetime.date(2013, 1, 10)
    [breach] = legal.host_allowed(legal.LegalKind.PRIVATE, thirteen, MONDAY)
    assert breach.rule == "age"
    assert "13 ans" in breach.message and "L.4153-1" in breach.message
    assert legal.host_allowed(legal.LegalKind.PUBLIC, thirteen, MONDAY) == []
    assert legal.host_allowed(legal.LegalKind.FAMILY, thirteen, MONDAY) == []
    # One day later, the pupil is 14: a private host is allowed.
    assert legal.host_allowed(legal.LegalKind.PRIVATE, datetime.date(2012, 12, 7), MONDAY) == []


def test_an_unknown_birth_date_blocks_a_private_host_and_asks_staff_for_it():
    [breach] = legal.host_allowed(legal.LegalKind.PRIVATE, None, MONDAY)
    assert breach.rule == "age_unknown"
    assert "date de naissance" in breach.message and "équipe" in breach.message
    assert legal.host_allowed(legal.LegalKind.PUBLIC, None, MONDAY) == []


def test_the_host_kind_must_be_known():
    [breach] = legal.host_allowed(legal.LegalKind.UNKNOWN, datetime.date(2011, 1, 1), MONDAY)
    assert breach.rule == "host_kind" and "statut de la structure" in breach.message


# Hours.


def test_seven_hours_a_day_at_most_the_break_not_counted():
    assert legal.daily_breaches(T(9), T(16, 30), 30) == []
    assert legal.daily_breaches(T(9), T(17), 60) == []
    [breach] = legal.daily_breaches(T(9), T(17), 30)  # 7 h 30 of presence
    assert breach.rule == "daily" and "7 heures par jour" in breach.message and "L.3162-1" in breach.message
    assert "7 h 30" in breach.message


def test_a_break_of_30_minutes_past_four_and_a_half_hours():
    assert rules(legal.daily_breaches(T(9), T(14), 20)) == ["break"]  # 4 h 40 of presence, 20 min break
    assert "L.3162-3" in legal.daily_breaches(T(9), T(14), 20)[0].message
    assert legal.daily_breaches(T(9), T(13, 30), 0) == []  # 4 h 30 exactly: no break needed
    assert legal.daily_breaches(T(9), T(15), 30) == []


def test_nothing_between_20_h_and_6_h_under_16():
    [breach] = legal.daily_breaches(T(15), T(20, 30), 30)
    assert breach.rule == "night" and "20 h et 6 h" in breach.message and "L.3163-2" in breach.message
    assert rules(legal.daily_breaches(T(5, 30), T(10), 0)) == ["night"]
    assert legal.daily_breaches(T(13), T(20), 30) == []
    assert legal.daily_breaches(T(15), T(20, 30), 30, under_16=False) == []


def test_hours_that_make_no_sense_are_refused():
    assert rules(legal.daily_breaches(T(16), T(9), 0)) == ["daily"]
    assert rules(legal.daily_breaches(None, T(9), 0)) == ["daily"]
    assert rules(legal.daily_breaches(T(9), T(10), 90)) == ["break"]


def test_thirty_five_hours_a_week_at_most():
    assert legal.weekly_breaches(T(9), T(16, 30), 30, 5) == []  # 7 h × 5 = 35 h
    [breach] = legal.weekly_breaches(T(8), T(16), 30, 5)  # 7 h 30 × 5 = 37 h 30
    assert breach.rule == "weekly" and "35 heures par semaine" in breach.message and "37 h 30" in breach.message
    assert legal.weekly_breaches(T(8), T(16), 30, 4) == []  # 30 h over four days


# Days and tutor.


def test_the_days_fall_within_the_collèges_stage_week():
    assert legal.days_breaches(MONDAY, FRIDAY, MONDAY) == []
    assert legal.days_breaches(MONDAY + datetime.timedelta(days=1), FRIDAY, MONDAY) == []
    [breach] = legal.days_breaches(MONDAY, FRIDAY + datetime.timedelta(days=3), MONDAY)
    assert breach.rule == "days" and "D.332-14" in breach.message and "07/12/2026" in breach.message
    assert rules(legal.days_breaches(FRIDAY, MONDAY, MONDAY)) == ["days"]
    assert legal.working_days(MONDAY, FRIDAY) == 5


def test_the_tutor_is_named_with_a_way_to_reach_them():
    assert legal.tutor_breaches("Nadia Kaci", "01 48 00 00 00") == []
    assert legal.tutor_breaches("Nadia Kaci", "nadia@example.org") == []
    assert rules(legal.tutor_breaches("", "nadia@example.org")) == ["tutor"]
    [breach] = legal.tutor_breaches("Nadia Kaci", "demandez à l'accueil")
    assert breach.rule == "tutor_contact" and "téléphone" in breach.message


def test_a_convention_is_checked_with_its_own_days_and_hours():
    common = {
        "legal_kind": legal.LegalKind.PRIVATE,
        "birth_date": datetime.date(2012, 1, 1),
        "week_monday": MONDAY,
        "tutor_name": "Nadia Kaci",
        "tutor_contact": "0148000000",
    }
    ok = legal.convention_breaches(
        **common, first_day=MONDAY, last_day=FRIDAY, starts_at=T(9), ends_at=T(16, 30), break_minutes=30
    )
    assert ok == []
    # 7 h 30 of presence a day over five days: too long a week (and a day); over four days, the day only.
    five = legal.convention_breaches(
        **common, first_day=MONDAY, last_day=FRIDAY, starts_at=T(8), ends_at=T(16), break_minutes=30
    )
    assert rules(five) == ["daily", "weekly"]
    four = legal.convention_breaches(
        **common,
        first_day=MONDAY + datetime.timedelta(days=1),
        last_day=FRIDAY,
        starts_at=T(8),
        ends_at=T(16),
        break_minutes=30,
    )
    assert rules(four) == ["daily"]


# Where the rules are asked: the place form and the proposal.


@pytest.mark.django_db
def test_the_place_form_refuses_hours_past_the_ceiling_names_the_rule_and_keeps_the_input(client):
    member = ProfessionalFactory()
    host = HostOrganisationFactory(members=[member])
    week = StageWeekFactory()
    client.force_login(member)
    data = {
        "host": host.pk,
        "title": "Découvrir le fournil",
        "description": "Tu verras comment on fait le pain.",
        "tutor": "Nadia Kaci",
        "tutor_contact": "à l'accueil",
        "starts_at": "09:00",
        "ends_at": "16:30",
        "break_minutes": "0",
        f"seats_{week.starts_on:%Y%m%d}": "2",
    }
    response = client.post(reverse("stages:place_new"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "7 heures par jour" in page and "L.3162-1" in page
    assert "Pause (Code du travail, art. L.3162-3)" in page
    assert "joindre le tuteur" in page
    assert 'value="16:30"' in page and "à l&#x27;accueil" in page
    assert not Place.objects.exists()
    data.update({"ends_at": "16:00", "break_minutes": "45", "tutor_contact": "01 48 00 00 00"})
    assert client.post(reverse("stages:place_new"), data).status_code == 302
    assert Place.objects.get().hours == "9 h – 16 h, pause de 45 min"


@pytest.mark.django_db
def test_a_13_year_old_is_not_proposed_to_a_private_company_but_to_a_town_hall():
    from accounts.factories import UserFactory, role_group
    from accounts.roles import Role

    staff = UserFactory(role=role_group(Role.STAFF))
    stage_request = StageRequestFactory(pupil__birth_date=STAGE_MONDAY.replace(year=STAGE_MONDAY.year - 13))
    private = PlaceWeekFactory(place=PlaceFactory(host__legal_kind=HostOrganisation.LegalKind.PRIVATE))
    with pytest.raises(PlaceDoesNotFit) as refused:
        apply(staff, stage_request, "propose", place_week=private)
    assert "13 ans" in str(refused.value) and "L.4153-1" in str(refused.value)
    stage_request.refresh_from_db()
    assert stage_request.state == RequestState.SENT
    private.refresh_from_db()
    assert private.seats_taken == 0
    town_hall = PlaceWeekFactory(place=PlaceFactory(host__legal_kind=HostOrganisation.LegalKind.PUBLIC))
    assert apply(staff, stage_request, "propose", place_week=town_hall).state == RequestState.PROPOSED


@pytest.mark.django_db
def test_a_place_whose_hours_are_unlawful_cannot_be_proposed():
    from accounts.factories import UserFactory, role_group
    from accounts.roles import Role

    staff = UserFactory(role=role_group(Role.STAFF))
    stage_request = StageRequestFactory()
    late = PlaceWeekFactory(place=PlaceFactory(starts_at=T(15), ends_at=T(21), break_minutes=30))
    with pytest.raises(PlaceDoesNotFit) as refused:
        apply(staff, stage_request, "propose", place_week=late)
    assert "20 h et 6 h" in str(refused.value)
