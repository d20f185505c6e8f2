"""A host names the métier of their place by typing it (« Métier observé »), not by scrolling a list of the
whole catalogue: an exact title or one gendered form without accents is taken, an ambiguous word brings the
closest sheets to choose from, an unknown one a French message with the typed text kept; only live sheets can
be chosen; editing keeps the place's sheets; the suggestions as one types are for hosts only."""

import datetime

from django.urls import reverse

import pytest

from accounts.factories import PupilFactory
from accounts.models import current_school_year
from metiers import names
from metiers.factories import MetierPageFactory
from stages.factories import (
    HostOrganisationFactory,
    PlaceFactory,
    PlaceWeekFactory,
    ProfessionalFactory,
    StageWeekFactory,
)
from stages.models import Place, PlaceStatus

pytestmark = pytest.mark.django_db

NEXT_YEAR = int(current_school_year()[:4]) + 1
MONDAY = datetime.date(NEXT_YEAR, 12, 7) - datetime.timedelta(days=datetime.date(NEXT_YEAR, 12, 7).weekday())
SEATS = f"seats_{MONDAY:%Y%m%d}"


def sheet(index, title, masculine, feminine):
    return MetierPageFactory(
        parent=index, title=title, title_masculine=masculine, title_feminine=feminine, alternative_names=""
    )


@pytest.fixture
def world(metiers_index):
    member = ProfessionalFactory()
    host = HostOrganisationFactory(members=[member])
    StageWeekFactory(starts_on=MONDAY, school_year=f"{NEXT_YEAR}-{NEXT_YEAR + 1}")
    return {
        "member": member,
        "host": host,
        "electricien": sheet(metiers_index, "Électricien / Électricienne", "Électricien", "Électricienne"),
        "agent_piste": sheet(metiers_index, "Agent / Agente de piste", "Agent de piste", "Agente de piste"),
        "agent_transit": sheet(metiers_index, "Agent / Agente de transit", "Agent de transit", "Agente de transit"),
        "boulanger": sheet(metiers_index, "Boulanger / Boulangère", "Boulanger", "Boulangère"),
    }


def data(world, **extra):
    values = {
        "host": world["host"].pk,
        "title": "Découvrir le chantier",
        "description": "Tu verras comment on tire des câbles.",
        "tutor": "Nadia Kaci",
        "tutor_contact": "01 48 00 00 00",
        "starts_at": "08:00",
        "ends_at": "15:00",
        "break_minutes": "45",
        SEATS: "2",
    }
    values.update(extra)
    return values


@pytest.fixture
def host_client(world, client):
    client.force_login(world["member"])
    return client


def test_the_form_no_longer_lists_the_catalogue(world, host_client):
    page = host_client.get(reverse("stages:place_new")).content.decode()
    assert "Métier observé" in page and 'name="sheet_query"' in page
    assert "Boulanger / Boulangère" not in page and "Agent / Agente de piste" not in page


@pytest.mark.parametrize("typed", ["Électricien / Électricienne", "electricienne", "ÉLECTRICIEN"])
def test_an_exact_title_or_a_gendered_form_without_accents_is_taken(world, host_client, typed):
    response = host_client.post(reverse("stages:place_new"), data(world, sheet_query=typed))
    assert response.status_code == 302
    assert list(Place.objects.get().sheets.all()) == [world["electricien"]]


def test_an_ambiguous_word_gives_the_closest_sheets_to_choose_from(world, host_client):
    url = reverse("stages:place_new")
    response = host_client.post(url, data(world, sheet_query="agent"))
    page = response.content.decode()
    assert response.status_code == 200 and not Place.objects.exists()
    assert "« agent » : choisissez ci-dessous le métier du catalogue que vous voulez dire." in page
    assert 'value="agent"' in page  # what was typed stays
    assert "Choisissez le métier" in page
    for key in ("agent_piste", "agent_transit"):
        assert f'type="radio" name="sheet_choice" value="{world[key].pk}"' in page
    assert "Découvrir le chantier" in page  # the rest of the form too
    chosen = data(world, sheet_query="agent", sheet_choice=world["agent_transit"].pk)
    assert host_client.post(url, chosen).status_code == 302
    assert list(Place.objects.get().sheets.all()) == [world["agent_transit"]]


def test_an_unknown_word_gets_a_french_message_and_keeps_the_text(world, host_client):
    response = host_client.post(reverse("stages:place_new"), data(world, sheet_query="Xylophoniste quantique"))
    page = response.content.decode()
    assert response.status_code == 200 and not Place.objects.exists()
    assert "Aucun métier du catalogue ne correspond à « Xylophoniste quantique »" in page
    assert 'value="Xylophoniste quantique"' in page and "error-summary" in page


def test_a_draft_or_unpublished_sheet_cannot_be_chosen(world, host_client, metiers_index):
    draft = MetierPageFactory(parent=metiers_index, title="Soudeur / Soudeuse", live=False)
    withdrawn = world["boulanger"]
    withdrawn.unpublish()
    url = reverse("stages:place_new")
    typed = host_client.post(url, data(world, sheet_query="Soudeur / Soudeuse")).content.decode()
    assert "Aucun métier du catalogue ne correspond" in typed
    for hidden in (draft, withdrawn):
        posted = host_client.post(url, data(world, sheets=[hidden.pk])).content.decode()
        assert "Ce métier n&#x27;est plus au catalogue : décochez-le." in posted
        chosen = host_client.post(url, data(world, sheet_query="agent", sheet_choice=hidden.pk)).content.decode()
        assert "choisissez ci-dessous le métier du catalogue" in chosen
    assert not Place.objects.exists()


def test_editing_shows_and_keeps_the_sheets_and_adds_one(world, host_client):
    place = PlaceFactory(host=world["host"], title="Découvrir le chantier", status=PlaceStatus.APPROVED)
    place.sheets.add(world["electricien"], world["agent_piste"])
    PlaceWeekFactory(place=place, starts_on=MONDAY, seats=2)
    url = reverse("stages:place_edit", args=[place.pk])
    page = host_client.get(url).content.decode()
    for key in ("electricien", "agent_piste"):
        assert f'name="sheets" value="{world[key].pk}" id="id_sheets_' in page and world[key].title in page
    assert "Ajouter un autre métier" in page
    kept = data(world, description=place.description, tutor=place.tutor, hours=place.hours)
    kept["sheets"] = [world["electricien"].pk, world["agent_piste"].pk]
    assert host_client.post(url, kept).status_code == 302
    place.refresh_from_db()
    assert set(place.sheets.all()) == {world["electricien"], world["agent_piste"]}
    assert place.status == PlaceStatus.APPROVED  # nothing of substance changed
    assert host_client.post(url, {**kept, "sheet_query": "boulangere"}).status_code == 302
    place.refresh_from_db()
    assert set(place.sheets.all()) == {world["electricien"], world["agent_piste"], world["boulanger"]}
    assert place.status == PlaceStatus.PENDING  # a new métier is checked by staff again


def test_suggestions_as_one_types_are_for_hosts_only(world, host_client, client):
    url = reverse("stages:place_sheet_suggestions")
    found = host_client.get(url, {"q": "electricie"}).json()
    assert {"title": "Électricien / Électricienne"} in found
    assert host_client.get(url, {"q": "e"}).json() == []
    client.force_login(PupilFactory())
    assert client.get(url, {"q": "electricie"}).status_code == 403


def test_without_the_search_dictionary_titles_are_still_found(world, monkeypatch):
    monkeypatch.setattr(names, "_matcher", None)
    assert names.resolve("electricienne").sheet == (world["electricien"].pk, "Électricien / Électricienne")
    assert {title for _pk, title in names.resolve("agent de pist").choices} >= {"Agent / Agente de piste"}
    assert names.resolve("Xylophoniste quantique").choices == []
    assert "Boulanger / Boulangère" in names.suggest("boulan")


@pytest.mark.parametrize("field", ["tutor", "lunch", "description"])
def test_a_place_text_pupils_read_cannot_hold_contact_details(world, host_client, field):
    typed = "Nadia : O6 I2 34 56 78, ou snap nadia_k"
    response = host_client.post(
        reverse("stages:place_new"), data(world, sheet_query="Électricien / Électricienne", **{field: typed})
    )
    page = response.content.decode()
    assert response.status_code == 200 and not Place.objects.exists()
    assert "Ce texte sera lu par un élève mineur" in page and "nadia_k" in page  # the typed text is kept
