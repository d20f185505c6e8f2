"""The pupil's request form: kind words without consent, clear French messages for a week outside their
collège's, a fourth wish or a missing field, with everything typed kept; a draft, then sending."""

from django.urls import reverse
from django.utils.html import escape

import pytest

from accounts.factories import ConsentedPupilFactory, ParentFactory, SchoolFactory
from metiers.factories import MetierPageFactory
from stages.factories import StageRequestFactory, StageWeekFactory
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
def sheets(metiers_index):
    return [MetierPageFactory(parent=metiers_index) for _ in range(4)]


def data(week, sheets, count=2, **extra):
    values = {
        "souhaits-TOTAL_FORMS": str(max(count, 3)),
        "souhaits-INITIAL_FORMS": "0",
        "week": str(week.pk),
        "motivation": "J'adore la pâtisserie du dimanche.",
        "travel_minutes": "40",
        "travel_mode": "transports",
        "constraints": "",
        "action": "envoyer",
    }
    for number in range(max(count, 3)):
        values[f"souhaits-{number}-metier"] = sheets[number].title if number < count else ""
    values.update(extra)
    return values


def test_a_pupil_sends_a_request_with_two_wishes(client, pupil, week, sheets, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, data(week, sheets))
    stage_request = StageRequest.objects.get(pupil=pupil)
    assert response.status_code == 302
    assert response["Location"] == reverse("stages:request_detail", args=[stage_request.pk])
    assert stage_request.state == RequestState.SENT
    assert [w.sheet for w in stage_request.wishes.all()] == sheets[:2]
    assert stage_request.events.get().by == pupil


def test_a_draft_is_kept_and_can_be_sent_later(client, pupil, week, sheets):
    client.post(URL, data(week, sheets, action="brouillon"))
    stage_request = StageRequest.objects.get(pupil=pupil)
    assert stage_request.state == RequestState.DRAFT
    page = client.get(URL).content.decode()
    assert f'value="{escape(sheets[0].title)}"' in page
    assert "J&#x27;adore la pâtisserie du dimanche." in page


def test_a_pupil_without_consent_is_told_why_and_cannot_post(client, week, sheets):
    pupil = ConsentedPupilFactory(consent_given=False)
    client.force_login(pupil)
    page = client.get(URL).content.decode()
    assert escape("il faut l'accord d'un de tes parents") in page
    assert 'name="motivation"' not in page
    client.post(URL, data(StageWeekFactory(school=pupil.school_class.school), sheets))
    assert not StageRequest.objects.filter(pupil=pupil).exists()


def test_a_week_outside_the_collège_is_refused_and_the_text_kept(client, pupil, week, sheets):
    other_week = StageWeekFactory(school=SchoolFactory())
    response = client.post(URL, data(other_week, sheets, motivation="Ma tante est boulangère."))
    page = response.content.decode()
    assert response.status_code == 200
    assert escape("Cette semaine n'est pas une semaine de stage de ton collège") in page
    assert "Ma tante est boulangère." in page
    assert f'value="{escape(sheets[1].title)}"' in page
    assert not StageRequest.objects.exists()


def test_a_fourth_wish_is_refused(client, pupil, week, sheets):
    response = client.post(URL, data(week, sheets, count=4))
    page = response.content.decode()
    assert escape("Tu peux faire trois souhaits au plus.") in page
    assert "J&#x27;adore la pâtisserie du dimanche." in page
    assert not StageRequest.objects.exists()


def test_no_wish_or_missing_fields_get_french_messages(client, pupil, week, sheets):
    response = client.post(URL, data(week, sheets, count=0, motivation="", travel_minutes="beaucoup"))
    page = response.content.decode()
    assert escape("Choisis au moins un métier ou un centre d'intérêt.") in page
    assert escape("Dis en quelques mots pourquoi tu as fait ces choix.") in page
    assert escape("Indique un nombre de minutes, par exemple 30.") in page
    assert 'value="beaucoup"' in page


def test_a_sent_request_opens_its_page_and_the_form_is_for_pupils_only(client, pupil, week):
    sent = StageRequestFactory(pupil=pupil, week=week)
    assert client.get(URL)["Location"] == reverse("stages:request_detail", args=[sent.pk])
    client.force_login(ParentFactory())
    assert client.get(URL).status_code == 403


def test_the_métier_sheet_preselects_its_wish(client, pupil, week, sheets):
    page = client.get(URL + f"?fiche={sheets[2].pk}").content.decode()
    assert f'value="{escape(sheets[2].title)}"' in page


def test_contact_details_in_the_motivation_are_kept_held_and_explained(client, pupil, week, sheets):
    motivation = "J'adore la pâtisserie. Mon snap : lina_93, ou appelle le O6 I2 34 56 78"
    response = client.post(URL, data(week, sheets, motivation=motivation), follow=True)
    stage_request = StageRequest.objects.get(pupil=pupil)
    assert stage_request.state == RequestState.SENT and stage_request.motivation == motivation  # not refused
    page = response.content.decode()
    assert "Ton texte est bien enregistré, mais il contient un numéro de téléphone" in page
    assert "cachées à l&#x27;adulte qui le lit" in page
