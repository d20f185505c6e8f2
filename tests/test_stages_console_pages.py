"""What staff, hosts and families notice on the stages pages: each « Proposer cette place » (and each host's
« Accepter » / « Refuser ») names its place for screen readers; the ranked places come 20 at a time, best
first, with « Voir les suivantes »; the history names the role in the page's language; the numeric and
required fields of the places' and weeks' forms speak plain French."""

import re

from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

import pytest

from accounts.factories import SchoolClassFactory, TeacherFactory
from accounts.roles import Role
from metiers.factories import MetierPageFactory
from stages import matching
from stages.factories import (
    HostOrganisationFactory,
    PlaceFactory,
    PlaceWeekFactory,
    ProfessionalFactory,
    StageRequestFactory,
    WishFactory,
)
from stages.models import RequestEvent, RequestState

pytestmark = pytest.mark.django_db
BUTTON = re.compile(
    r'<button type="submit" class="button">Proposer cette place<span class="visually-hidden"> : ([^<]*)</span></button>'
)


@pytest.fixture
def many_places(metiers_index, site):
    sheet = MetierPageFactory(parent=metiers_index)
    stage_request = StageRequestFactory()
    WishFactory(request=stage_request, sheet=sheet)
    for number in range(25):
        host = HostOrganisationFactory(name=f"Accueil {number:02d}")
        PlaceWeekFactory(place=PlaceFactory(title=f"Place {number:02d}", host=host, sheet_list=[sheet]))
    return stage_request


def test_each_propose_button_names_its_place_and_the_best_20_come_first(many_places, staff_client):
    url = reverse("stages:console_request", args=[many_places.pk])
    ranked = [f"{c.place_week.place.title} – {c.place_week.place.host.name}" for c in matching.rank_places(many_places)]

    page = staff_client.get(url).content.decode()
    names = [escape(name) for name in BUTTON.findall(page)]
    assert names == [escape(name) for name in ranked[:20]]
    assert len(set(names)) == 20
    assert "Places 1 à 20 sur 25, les mieux classées d'abord." in page
    assert '<a href="?page=2#ranked-places">Voir les suivantes</a>' in page
    assert "Voir les précédentes" not in page

    page = staff_client.get(url, {"page": "2"}).content.decode()
    assert [escape(name) for name in BUTTON.findall(page)] == [escape(name) for name in ranked[20:]]
    assert '<ol class="candidates" start="21">' in page
    assert "Voir les suivantes" not in page
    assert '<a href="?page=1#ranked-places">Voir les précédentes</a>' in page

    assert staff_client.get(url, {"page": "beaucoup"}).status_code == 200  # a wrong page: the first, no error


def test_the_host_buttons_name_the_pupil_and_the_place(client, metiers_index):
    member = ProfessionalFactory()
    host = HostOrganisationFactory(members=[member])
    for title in ("Le fournil", "La vente"):
        place_week = PlaceWeekFactory(place=PlaceFactory(title=title, host=host))
        StageRequestFactory(pupil__first_name="Lina", state=RequestState.PROPOSED, place_week=place_week)
    client.force_login(member)
    page = client.get(reverse("stages:host")).content.decode()
    assert 'Refuser<span class="visually-hidden"> : Lina – Le fournil</span>' in page
    assert 'Refuser<span class="visually-hidden"> : Lina – La vente</span>' in page
    assert 'Accepter Lina<span class="visually-hidden"> : La vente</span>' in page


@pytest.mark.parametrize(("language", "role", "absent"), [("en", "(Pupil)", "Élève"), ("fr", "(Élève)", "Pupil")])
def test_the_history_names_the_role_in_the_pages_language(client, language, role, absent):
    stage_request = StageRequestFactory()
    RequestEvent.objects.create(
        request=stage_request,
        from_state=RequestState.DRAFT,
        to_state=RequestState.SENT,
        by=stage_request.pupil,
        by_role=Role.PUPIL,
    )
    client.force_login(stage_request.pupil)
    with translation.override(language):
        url = reverse("stages:request_detail", args=[stage_request.pk])
    page = client.get(url).content.decode()
    history = page[page.index('<ol class="history">') :]
    history = history[: history.index("</ol>")]
    assert role in history
    assert absent not in history


def test_the_weeks_form_never_says_champ_requis(client):
    teacher = TeacherFactory()
    SchoolClassFactory().teachers.add(teacher)
    client.force_login(teacher)
    page = client.post(reverse("stages:weeks"), {"school": "", "school_year": "", "starts_on": ""}).content.decode()
    assert "Champ requis." not in page
    assert escape("Choisissez l'année scolaire.") in page


def test_the_console_board_is_one_card_per_college_with_its_states_and_bulk_button(staff_client, site):
    sent = StageRequestFactory(state=RequestState.SENT)
    StageRequestFactory(state=RequestState.SENT, week=sent.week)
    page = staff_client.get(reverse("stages:console")).content.decode()
    board = page.split('class="cards console-board"')[1].split("</ul>")[0]
    school = sent.week.school.name
    assert f">{school}</a></h3>" in board
    assert "<dt>Envoyée</dt><dd>2</dd>" in board  # every state with requests, no column hidden on a phone
    assert f"Proposer pour tout {school}" in board
    assert "<table" not in board
