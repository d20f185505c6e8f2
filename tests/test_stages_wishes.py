"""The pupil's wishes on a phone: no list of the whole catalogue; for each wish a métier typed (resolved as a
place's is, closest sheets to choose from when ambiguous, a French message and the text kept when unknown) or
a centre d'intérêt from a short list; a domain kept from an older draft; the suggestions as one types for
pupils; plain French messages for the travel time and the missing choices."""

import re

from django.urls import reverse
from django.utils.html import escape

import pytest

from accounts.factories import ParentFactory
from metiers.factories import CentreInteretFactory, DomaineProfessionnelFactory, MetierPageFactory
from stages.factories import StageRequestFactory, StageWeekFactory, WishFactory
from stages.models import RequestState, StageRequest

pytestmark = pytest.mark.django_db
URL = reverse("stages:request_form")


@pytest.fixture
def pupil(client, consented_pupil):
    """The shared consented pupil (tests/conftest.py), logged in."""
    client.force_login(consented_pupil)
    return consented_pupil


@pytest.fixture
def week(pupil):
    return StageWeekFactory(school=pupil.school_class.school)


@pytest.fixture
def catalogue(metiers_index):
    sheets = {
        "baker": MetierPageFactory(
            parent=metiers_index,
            title="Boulanger / Boulangère",
            title_masculine="Boulanger",
            title_feminine="Boulangère",
            alternative_names="",
        ),
        "nurse": MetierPageFactory(
            parent=metiers_index,
            title="Infirmier / Infirmière",
            title_masculine="Infirmier",
            title_feminine="Infirmière",
            alternative_names="",
        ),
        "agent_a": MetierPageFactory(
            parent=metiers_index,
            title="Agent / Agente de sécurité",
            title_masculine="Agent de sécurité",
            title_feminine="Agente de sécurité",
            alternative_names="",
        ),
        "agent_b": MetierPageFactory(
            parent=metiers_index,
            title="Agent / Agente d'accueil",
            title_masculine="Agent d'accueil",
            title_feminine="Agente d'accueil",
            alternative_names="",
        ),
    }
    # A catalogue the size of a real one would make 30+ options per list; the page must not list it.
    for number in range(30):
        name = f"Métier n° {number}"
        MetierPageFactory(
            parent=metiers_index, title=name, title_masculine=name, title_feminine=name, alternative_names=""
        )
    return sheets


@pytest.fixture
def centres():
    return [CentreInteretFactory(name="J'aime cuisiner"), CentreInteretFactory(name="Je veux aider les autres")]


def data(week, wishes=(), **extra):
    """`wishes`: up to three dicts of the wish's fields (metier, metier_choice, centre, domain)."""
    values = {
        "souhaits-TOTAL_FORMS": "3",
        "souhaits-INITIAL_FORMS": "0",
        "week": str(week.pk),
        "motivation": "J'adore la pâtisserie du dimanche.",
        "travel_minutes": "40",
        "travel_mode": "transports",
        "constraints": "",
        "action": "envoyer",
    }
    for number in range(3):
        wish = wishes[number] if number < len(wishes) else {}
        for name in ("metier", "centre"):
            values[f"souhaits-{number}-{name}"] = str(wish.get(name, ""))
        for name in ("metier_choice", "domain"):
            if name in wish:
                values[f"souhaits-{number}-{name}"] = str(wish[name])
    values.update(extra)
    return values


def test_the_form_does_not_list_the_catalogue(client, pupil, week, catalogue, centres):
    page = client.get(URL).content.decode()
    assert "Boulanger / Boulangère" not in page
    assert page.count("<option") < 20  # the week, the centres d'intérêt: not 34 sheets × 3 wishes
    assert 'id="id_souhaits-0-metier"' in page
    assert f'data-suggest-url="{reverse("stages:wish_sheet_suggestions")}"' in page
    assert "J&#x27;aime cuisiner" in page
    assert "domaine" not in page.lower().replace("garder le domaine", "")


def test_a_métier_typed_without_accents_or_capitals_is_the_sheet(client, pupil, week, catalogue):
    response = client.post(URL, data(week, [{"metier": "BOULANGERE"}, {"metier": "infirmier"}]))
    assert response.status_code == 302
    stage_request = StageRequest.objects.get(pupil=pupil)
    assert [wish.sheet for wish in stage_request.wishes.all()] == [catalogue["baker"], catalogue["nurse"]]
    assert stage_request.state == RequestState.SENT


def test_an_ambiguous_name_offers_the_closest_sheets_and_the_choice_is_kept(client, pupil, week, catalogue):
    response = client.post(URL, data(week, [{"metier": "agent"}]))
    page = response.content.decode()
    assert escape("« agent » : choisis ci-dessous le métier que tu veux dire.") in page
    assert 'value="agent"' in page
    assert "Agent / Agente d&#x27;accueil" in page and "Agent / Agente de sécurité" in page
    assert not StageRequest.objects.exists()

    response = client.post(URL, data(week, [{"metier": "agent", "metier_choice": catalogue["agent_b"].pk}]))
    assert response.status_code == 302
    assert StageRequest.objects.get(pupil=pupil).wishes.get().sheet == catalogue["agent_b"]


def test_an_unknown_name_gets_a_french_message_and_the_text_kept(client, pupil, week, catalogue):
    response = client.post(URL, data(week, [{"metier": "zzqxw"}], motivation="Ma tante est boulangère."))
    page = response.content.decode()
    assert escape("Aucun métier ne correspond à « zzqxw ».") in page
    assert escape("ou choisis plutôt un centre d'intérêt") in page
    assert 'value="zzqxw"' in page
    assert "Ma tante est boulangère." in page
    assert not StageRequest.objects.exists()


def test_a_centre_d_intérêt_is_a_wish(client, pupil, week, catalogue, centres):
    client.post(URL, data(week, [{"metier": "Boulanger"}, {"centre": centres[1].pk}]))
    wishes = list(StageRequest.objects.get(pupil=pupil).wishes.all())
    assert [(wish.sheet, wish.centre) for wish in wishes] == [(catalogue["baker"], None), (None, centres[1])]


def test_a_métier_and_a_centre_in_one_wish_are_refused(client, pupil, week, catalogue, centres):
    response = client.post(URL, data(week, [{"metier": "Boulanger", "centre": centres[0].pk}]))
    assert escape("Un souhait, c'est un métier ou un centre d'intérêt") in response.content.decode()
    assert not StageRequest.objects.exists()


def test_no_wish_tells_what_to_choose(client, pupil, week, catalogue):
    page = client.post(URL, data(week, [])).content.decode()
    assert escape("Choisis au moins un métier ou un centre d'intérêt.") in page
    assert "domaine" not in page.lower()


def test_a_draft_shows_its_wishes_and_keeps_a_domain(client, pupil, week, catalogue, centres):
    domain = DomaineProfessionnelFactory(name="Commerce alimentaire")
    draft = StageRequestFactory(pupil=pupil, week=week, state=RequestState.DRAFT)
    WishFactory(request=draft, rank=1, sheet=catalogue["nurse"])
    WishFactory(request=draft, rank=2, domain=domain)
    WishFactory(request=draft, rank=3, centre=centres[0])
    page = client.get(URL).content.decode()
    assert 'value="Infirmier / Infirmière"' in page
    assert re.search(rf'<input type="checkbox" name="souhaits-1-domain" value="{domain.pk}"[^>]* checked>', page)
    assert escape("Garder le domaine « ") in page
    assert re.search(rf'<option value="{centres[0].pk}" selected>', page)

    # Sent as shown (the management form says three wishes were there), then with the domain unticked.
    kept = data(week, [{"metier": "Infirmier / Infirmière"}, {"domain": domain.pk}, {"centre": centres[0].pk}])
    kept["souhaits-INITIAL_FORMS"] = "3"
    client.post(URL, kept | {"action": "brouillon"})
    assert [(w.sheet_id, w.domain_id, w.centre_id) for w in draft.wishes.all()] == [
        (catalogue["nurse"].pk, None, None),
        (None, domain.pk, None),
        (None, None, centres[0].pk),
    ]
    del kept["souhaits-1-domain"]
    client.post(URL, kept | {"action": "brouillon"})
    assert [wish.rank for wish in draft.wishes.all()] == [1, 2]
    assert draft.wishes.filter(domain__isnull=False).count() == 0


def test_suggestions_as_one_types_are_for_pupils(client, pupil, catalogue):
    url = reverse("stages:wish_sheet_suggestions")
    answer = client.get(url, {"q": "infirm"})
    assert answer.status_code == 200
    assert {"title": "Infirmier / Infirmière"} in answer.json()
    client.force_login(ParentFactory())
    assert client.get(url, {"q": "infirm"}).status_code == 403


def test_travel_time_and_mode_get_plain_french_messages(client, pupil, week, catalogue):
    response = client.post(URL, data(week, [{"metier": "Boulanger"}], travel_minutes="-5", travel_mode=""))
    page = response.content.decode()
    assert escape("Le temps de trajet ne peut pas être négatif") in page
    assert escape("Choisis comment tu te déplaces.") in page
    assert "Assurez-vous" not in page
    assert "Champ requis." not in page
    assert 'value="-5"' in page
    page = client.post(URL, data(week, [{"metier": "Boulanger"}], travel_minutes="300")).content.decode()
    assert escape("Indique un temps de trajet entre 5 et 120 minutes.") in page
    assert "Assurez-vous" not in page
