"""Staff propose from the console in one click, the host accepts or refuses (a reason is mandatory),
the parent and the teacher see it in « Mon espace »; the métier sheet shows its places; a person's export
holds their requests and an erasure removes their words; the admin lists what staff manage."""

from django.urls import reverse
from django.utils.html import escape

import pytest

from accounts import rights
from accounts.factories import ConsentedPupilFactory, ParentFactory, TeacherFactory
from metiers.factories import MetierPageFactory
from stages.factories import (
    HostOrganisationFactory,
    PlaceFactory,
    PlaceWeekFactory,
    ProfessionalFactory,
    StageRequestFactory,
    WishFactory,
)
from stages.models import PlaceStatus, RequestEvent, RequestState, StageRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(metiers_index):
    sheet = MetierPageFactory(parent=metiers_index, title="Boulanger / Boulangère")
    pupil = ConsentedPupilFactory(first_name="Lina", last_name="Benali")
    parent = ParentFactory()
    parent.children.add(pupil)
    teacher = TeacherFactory()
    pupil.school_class.teachers.add(teacher)
    host_member = ProfessionalFactory()
    place_week = PlaceWeekFactory(
        place=PlaceFactory(
            title="Découvrir le fournil", host=HostOrganisationFactory(members=[host_member]), sheet_list=[sheet]
        ),
        seats=1,
    )
    stage_request = StageRequestFactory(pupil=pupil)
    WishFactory(request=stage_request, sheet=sheet)
    return {
        "sheet": sheet,
        "pupil": pupil,
        "parent": parent,
        "teacher": teacher,
        "host": host_member,
        "place_week": place_week,
        "request": stage_request,
    }


def test_staff_propose_the_host_accepts_the_parent_sees_it(case, staff_client, client):
    console = staff_client.get(reverse("stages:console_request", args=[case["request"].pk])).content.decode()
    assert "Découvrir le fournil" in console
    assert "Souhait n° 1 : même fiche métier" in console
    assert "(estimation)" in console

    staff_client.post(
        reverse("stages:console_request", args=[case["request"].pk]), {"place_week": case["place_week"].pk}
    )
    case["request"].refresh_from_db()
    assert case["request"].state == RequestState.PROPOSED

    client.force_login(case["host"])
    assert "1 élève(s) proposé(s)" in client.get(reverse("accounts:dashboard")).content.decode()
    client.post(reverse("stages:request_move", args=[case["request"].pk, "accept"]), {"retour": "host"})
    case["request"].refresh_from_db()
    assert case["request"].state == RequestState.ACCEPTED

    client.force_login(case["parent"])
    dashboard = client.get(reverse("accounts:dashboard")).content.decode()
    assert "Le stage de mes enfants" in dashboard and "Lina : Acceptée par l&#x27;accueil" in dashboard
    detail = client.get(reverse("stages:request_detail", args=[case["request"].pk])).content.decode()
    assert "Découvrir le fournil" in detail
    # The parent may still cancel (with a reason), not accept again.
    assert reverse("stages:request_move", args=[case["request"].pk, "cancel"]) in detail
    assert reverse("stages:request_move", args=[case["request"].pk, "accept"]) not in detail


def test_a_host_refusal_without_reason_is_refused_with_a_french_message(case, staff_client, client):
    staff_client.post(
        reverse("stages:console_request", args=[case["request"].pk]), {"place_week": case["place_week"].pk}
    )
    client.force_login(case["host"])
    response = client.post(
        reverse("stages:request_move", args=[case["request"].pk, "refuse"]),
        {"reason": " ", "retour": "host"},
        follow=True,
    )
    assert escape("Indiquez la raison du refus.") in response.content.decode()
    case["request"].refresh_from_db()
    assert case["request"].state == RequestState.PROPOSED


def test_a_full_place_proposed_from_the_console_gets_a_message(case, staff_client):
    case["place_week"].reserve()
    response = staff_client.post(
        reverse("stages:console_request", args=[case["request"].pk]), {"place_week": case["place_week"].pk}
    )
    assert "Plus aucune place libre" in response.content.decode()
    case["request"].refresh_from_db()
    assert case["request"].state == RequestState.SENT


def test_the_teacher_sees_who_has_no_place_yet_and_the_pupil_their_state(case, client):
    client.force_login(case["teacher"])
    page = client.get(reverse("accounts:dashboard")).content.decode()
    assert "Les stages de mes classes" in page and "Envoyée : 1" in page
    assert "Lina Benali" in page and "pas encore de place" in page
    client.force_login(case["pupil"])
    page = client.get(reverse("accounts:dashboard")).content.decode()
    assert 'Ta demande : <span class="badge badge--wait">Envoyée</span>' in page


def test_the_métier_sheet_counts_its_places_this_year(case, client):
    PlaceWeekFactory(place=case["place_week"].place, starts_on=case["place_week"].starts_on.replace(day=1), seats=2)
    PlaceFactory(status=PlaceStatus.PENDING, sheet_list=[case["sheet"]])
    page = client.get(case["sheet"].url).content.decode()
    assert "3 places de stage proposées cette année." in page
    assert f"{reverse('stages:request_form')}?fiche={case['sheet'].pk}" in page


def test_export_holds_the_request_and_erasure_removes_the_words(case):
    exported = rights.export(case["pupil"])["demandes_de_stage"]
    assert exported[0]["pourquoi"] == case["request"].motivation
    assert exported[0]["souhaits"] == ["Boulanger / Boulangère"]
    RequestEvent.objects.create(request=case["request"], from_state="brouillon", to_state="envoyee", reason="Lina part")

    rights.anonymise(case["pupil"])

    stage_request = StageRequest.objects.get(pk=case["request"].pk)
    assert stage_request.pupil is None and stage_request.motivation == ""
    assert stage_request.state == RequestState.SENT  # kept for anonymous counts
    assert not RequestEvent.objects.filter(reason__contains="Lina").exists()


@pytest.mark.parametrize("name", ["stagerequest", "place", "placeweek", "hostorganisation", "stageweek"])
def test_staff_reach_the_admin_lists(case, staff_client, name):
    response = staff_client.get(reverse(f"{name}:index"))
    assert response.status_code == 200, name
    assert "Benali" not in response.content.decode()
