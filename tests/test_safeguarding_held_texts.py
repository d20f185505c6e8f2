"""« Textes d'élèves retenus »: staff see, whole, the pupils' texts that hold contact details (a stage
request's motivation, a workshop feedback comment), why, and where to act; the adult reader still reads them
masked; ordinary texts are not listed; who may not see pupils' accounts cannot open the report."""

from django.urls import reverse

import pytest

import safeguarding
from accounts.factories import UserFactory
from accounts.roles import Role
from ateliers.factories import SignUpFactory
from ateliers.models import Feedback
from stages.factories import StageRequestFactory
from stages.models import RequestState

pytestmark = pytest.mark.django_db

URL = reverse("safeguarding_held_texts")


@pytest.fixture
def texts(consented_pupil):
    held = StageRequestFactory(
        pupil=consented_pupil, state=RequestState.SENT, motivation="J'adore cuisiner. Snap : lina_93"
    )
    StageRequestFactory(state=RequestState.SENT, motivation="J'aime le pain et me lever tôt.")
    signup = SignUpFactory()
    Feedback.objects.create(
        signup=signup, session=signup.session, liked=3, learned=3, comment="Super ! rue des Lilas, numéro 4"
    )
    Feedback.objects.create(session=signup.session, liked=2, learned=2, comment="Bien, merci pour la visite.")
    return held


def test_staff_see_the_held_texts_whole_with_why_and_where_to_act(staff_client, texts):
    page = staff_client.get(URL).content.decode()
    assert "Snap : lina_93" in page and "rue des Lilas, numéro 4" in page
    assert safeguarding.held_reason({safeguarding.HANDLE}) in page
    assert safeguarding.held_reason({safeguarding.ADDRESS}) in page
    assert reverse("stages:console_request", args=[texts.pk]) in page
    assert "J&#x27;aime le pain" not in page and "merci pour la visite" not in page
    assert f"{texts.pupil.first_name}, {texts.pupil.school_class.name}" in page


def test_the_report_is_in_the_reports_menu_for_staff(staff_client, texts):
    assert URL in staff_client.get(reverse("wagtailadmin_home")).content.decode()


@pytest.mark.parametrize("role", [Role.TEACHER, Role.VOLUNTEER, Role.PROFESSIONAL, Role.PARTNER, Role.PUPIL])
def test_no_one_else_opens_it(client, texts, role):
    client.force_login(UserFactory(role=role))
    response = client.get(URL)
    assert response.status_code in (302, 403)
    assert b"lina_93" not in response.content
