"""A pupil browses the stage offers of their collège's stage weeks, nearest first: only approved places with a
seat left, not reserved to another collège, their texts as approved; never the host's name or the tutor;
filters by week and domain that never raise an error; « Ça m'intéresse » adds the métier to the draft's
wishes; neighbours and pupils without consent see nothing."""

import datetime

from django.urls import reverse

import pytest

from accounts.factories import ConsentedPupilFactory, ParentFactory, PupilFactory, SchoolFactory, UserFactory
from accounts.roles import Role
from metiers.factories import GrandDomaineFactory, MetierPageFactory
from stages.factories import (
    STAGE_MONDAY,
    HostOrganisationFactory,
    PlaceFactory,
    PlaceWeekFactory,
    StageRequestFactory,
    StageWeekFactory,
    WishFactory,
)
from stages.models import PlaceStatus, RequestState

pytestmark = pytest.mark.django_db
URL = reverse("stages:browse_places")


@pytest.fixture
def offers(frozen_now, metiers_index):
    pupil = ConsentedPupilFactory(first_name="Inès")
    school = pupil.school_class.school  # in Saint-Denis
    StageWeekFactory(school=school, starts_on=STAGE_MONDAY)
    food, care = GrandDomaineFactory(code="D", name="Commerce"), GrandDomaineFactory(code="J", name="Santé")
    baker = MetierPageFactory(parent=metiers_index, title="Boulanger / Boulangère", grand_domaine=food)
    nurse = MetierPageFactory(parent=metiers_index, title="Infirmier / Infirmière", grand_domaine=care)

    def offer(title, commune, sheet, **week):
        host = HostOrganisationFactory(name=f"Structure {title}", commune_code=commune)
        place = PlaceFactory(host=host, title=title, sheet_list=[sheet])
        PlaceWeekFactory(place=place, **{"starts_on": STAGE_MONDAY, **week})
        return place

    near = offer("Le fournil du coin", "93066", baker)  # Saint-Denis
    far = offer("Soigner à l'hôpital", "95018", nurse)  # Argenteuil
    full = offer("Complet", "93066", baker, seats=1)
    full.weeks.update(seats_taken=1)
    offer("Autre semaine", "93066", baker, starts_on=STAGE_MONDAY + datetime.timedelta(days=7))
    reserved = offer("Réservée à un autre collège", "93066", baker)
    reserved.reserved_school = SchoolFactory()
    reserved.save()
    pending = offer("À vérifier", "93066", baker)
    type(pending).objects.filter(pk=pending.pk).update(status=PlaceStatus.PENDING)
    return {"pupil": pupil, "near": near, "far": far, "baker": baker, "nurse": nurse, "care": care}


def test_the_pupil_sees_the_offers_of_their_weeks_nearest_first(client, offers):
    client.force_login(offers["pupil"])
    response = client.get(URL)
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert page.index("Le fournil du coin") < page.index("Soigner à l&#x27;hôpital")
    assert "min" in page and "Saint-Denis" in page and "Argenteuil" in page
    for hidden in ("Complet", "Autre semaine", "Réservée à un autre collège", "À vérifier"):
        assert hidden not in page
    # What the association keeps for the matching: the host's name, the tutor and their contact.
    assert "Structure" not in page and "Nadia Kaci" not in page and "01 48 00 00 00" not in page
    assert "2 offres" in page


def test_filters_by_domain_and_week_and_bad_values_are_ignored(client, offers):
    client.force_login(offers["pupil"])
    page = client.get(URL, {"domaine": offers["care"].pk}).content.decode()
    assert "Soigner à l&#x27;hôpital" in page and "Le fournil du coin" not in page
    page = client.get(URL, {"semaine": STAGE_MONDAY.isoformat()}).content.decode()
    assert "Le fournil du coin" in page
    for bad in ({"domaine": "9" * 30}, {"semaine": "hier"}, {"domaine": "abc", "page": "x"}):
        response = client.get(URL, bad)
        assert response.status_code == 200 and "Le fournil du coin" in response.content.decode()


def test_ca_m_interesse_adds_the_metier_to_the_drafts_wishes(client, offers):
    pupil = offers["pupil"]
    draft = StageRequestFactory(pupil=pupil, state=RequestState.DRAFT)
    WishFactory(request=draft, rank=1, sheet=offers["nurse"])
    client.force_login(pupil)
    page = client.get(URL).content.decode()
    link = f"{reverse('stages:request_form')}?fiche={offers['baker'].pk}"
    assert f'href="{link}"' in page
    form = client.get(link).content.decode()
    assert 'value="Infirmier / Infirmière"' in form and 'value="Boulanger / Boulangère"' in form


def test_no_wish_button_once_the_request_is_sent(client, offers):
    StageRequestFactory(pupil=offers["pupil"], state=RequestState.SENT)
    client.force_login(offers["pupil"])
    page = client.get(URL).content.decode()
    assert "Le fournil du coin" in page and "Ça m&#x27;intéresse" not in page and "Ça m'intéresse" not in page


def test_a_pupil_without_consent_is_told_why(client, offers):
    pupil = PupilFactory(school_class=offers["pupil"].school_class)
    client.force_login(pupil)
    page = client.get(URL).content.decode()
    assert "Le fournil du coin" not in page and 'class="notice"' in page


@pytest.mark.parametrize("role", [Role.TEACHER, Role.PROFESSIONAL, Role.VOLUNTEER, Role.PARTNER])
def test_other_roles_get_404_and_anonymous_logs_in(client, offers, role):
    assert client.get(URL).status_code == 302
    client.force_login(UserFactory(role=role))
    assert client.get(URL).status_code == 404
    client.force_login(ParentFactory())
    assert client.get(URL).status_code == 404
