"""The legal representative signs the convention by the same paths as the consent (the e-mailed link,
or the parent letter's code, which needs no account), and a withdrawn consent stops a convention not
signed yet: nobody may sign it, its link answers like an expired one, its history says so."""

import html
import logging

from django.core import mail
from django.urls import reverse

import pytest

from accounts import activation, consent
from accounts.factories import ConsentedPupilFactory, ParentFactory, StaffFactory, TeacherFactory
from accounts.models import ConsentRecord
from stages import signatures
from stages.factories import (
    HostOrganisationFactory,
    PlaceFactory,
    PlaceWeekFactory,
    ProfessionalFactory,
    StageRequestFactory,
)
from stages.models import Convention, ConventionEvent, ConventionState, Party, RequestState, SignatureMethod
from stages.workflow import apply

pytestmark = pytest.mark.django_db

CODE_URL = "stages:convention_sign_code"


@pytest.fixture
def people():
    """A pupil whose parent answered the consent with the letter's code (the code is then « used »)."""
    pupil = ConsentedPupilFactory(email="lina@example.org", first_name="Lina", consent_given=False)
    card = activation.issue_cards([pupil])[0]
    consent.record(pupil, ConsentRecord.Decision.GIVEN, ConsentRecord.Method.CODE, by_name="Samia Benali")
    parent = ParentFactory(email="maman@example.org", first_name="Samia", last_name="Benali")
    parent.children.add(pupil)
    teacher = TeacherFactory(email="prof@example.org")
    pupil.school_class.teachers.add(teacher)
    host_member = ProfessionalFactory(email="boulangere@example.org")
    place_week = PlaceWeekFactory(place=PlaceFactory(host=HostOrganisationFactory(members=[host_member])))
    stage_request = StageRequestFactory(pupil=pupil)
    apply(StaffFactory(), stage_request, "propose", place_week=place_week)
    apply(host_member, stage_request, "accept")
    convention = Convention.objects.get(request=stage_request)
    pupil.refresh_from_db()
    return {
        "pupil": pupil,
        "identifier": pupil.identifier,
        "code": card.parent_code,
        "parent": parent,
        "teacher": teacher,
        "host": host_member,
        "request": stage_request,
        "convention": convention,
    }


def sign_others(people):
    convention = people["convention"]
    signatures.sign(convention, Party.HOST, people["host"])
    signatures.sign(convention, Party.SCHOOL, people["teacher"], acting_for="Mme Claire Dubois")
    signatures.sign(convention, Party.PUPIL, people["pupil"])


def test_a_parent_without_an_account_signs_with_the_letters_code_and_the_family_is_told(
    people, client, caplog, django_capture_on_commit_callbacks
):
    sign_others(people)
    caplog.set_level(logging.DEBUG)
    opened = client.post(reverse(CODE_URL), {"identifier": people["identifier"], "code": people["code"]})
    assert opened.status_code == 302 and people["code"] not in opened["Location"]
    assert people["identifier"] not in opened["Location"]
    page = client.get(opened["Location"])
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert people["convention"].reference in page.content.decode()
    # The box not ticked, no name: asked again, nothing signed.
    again = client.post(opened["Location"], {"name": ""})
    assert "Cochez la case pour signer." in again.content.decode()
    assert "Indiquez vos prénom et nom" in again.content.decode()
    assert people["convention"].signature_of(Party.PARENT) is None
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(opened["Location"], {"name": "Samia Benali", "agree": "on"})
    assert done.status_code == 200 and "Signature enregistrée" in done.content.decode()
    signature = people["convention"].signature_of(Party.PARENT)
    assert signature.method == SignatureMethod.CODE and signature.signer is None
    assert signature.signer_name == "Samia Benali"
    people["convention"].refresh_from_db()
    people["request"].refresh_from_db()
    assert people["convention"].state == ConventionState.SIGNED
    assert people["request"].state == RequestState.CONVENTION
    confirmation = [m for m in mail.outbox if "code de la lettre" in m.subject]
    assert [m.to for m in confirmation] == [["maman@example.org"]]
    assert "Samia Benali" in confirmation[0].body and "prévenez tout de suite" in confirmation[0].body
    assert people["code"] not in caplog.text and people["identifier"] not in caplog.text
    # The page cannot be answered again.
    assert client.get(opened["Location"]).status_code == 404


def test_a_wrong_code_and_a_code_once_the_parent_signed_answer_the_same(people, client):
    url = reverse(CODE_URL)
    wrong = client.post(url, {"identifier": people["identifier"], "code": "AAAA-AAAA"})
    signatures.sign(people["convention"], Party.PARENT, people["parent"])
    used = client.post(url, {"identifier": people["identifier"], "code": people["code"]})
    unknown = client.post(url, {"identifier": "personne-ici-00", "code": people["code"]})
    assert wrong.status_code == used.status_code == unknown.status_code == 200
    texts = [response.content.decode() for response in (wrong, used, unknown)]
    assert all("Identifiant ou code incorrect" in text for text in texts)
    assert all(people["code"] not in text for text in texts)  # the code typed is not given back
    assert 'value="' + people["identifier"] + '"' in texts[1]  # the identifier typed is kept


def test_the_code_path_shares_the_consents_throttling(people, client):
    url = reverse(CODE_URL)
    for _attempt in range(5):
        client.post(url, {"identifier": people["identifier"], "code": "AAAA-AAAA"})
    blocked = client.post(url, {"identifier": people["identifier"], "code": people["code"]})
    assert "Trop d'essais" in html.unescape(blocked.content.decode())
    assert people["convention"].signature_of(Party.PARENT) is None
    # The consent form counts the same failures: five wrong codes here block it too.
    consent_page = client.post(
        reverse("accounts:consent_by_code"), {"identifier": people["identifier"], "code": "AAAA-AAAA"}
    )
    assert "Trop d'essais" in html.unescape(consent_page.content.decode())


def test_a_withdrawn_consent_stops_a_convention_not_yet_signed(people, client):
    convention = people["convention"]
    signatures.sign(convention, Party.HOST, people["host"])
    signatures.sign(convention, Party.SCHOOL, people["teacher"], acting_for="Mme Claire Dubois")
    convention.refresh_from_db()
    token = signatures.make_link_token(convention, people["parent"])
    consent.withdraw(people["pupil"], method=ConsentRecord.Method.PARENT_SPACE, by_name="Samia Benali")
    people["request"].refresh_from_db()
    assert people["request"].state == RequestState.CANCELLED
    assert convention.events.filter(action=ConventionEvent.Action.STOPPED).count() == 1
    for person, party in ((people["pupil"], Party.PUPIL), (people["parent"], Party.PARENT)):
        with pytest.raises(signatures.CannotSign) as refused:
            signatures.sign(convention, party, person)
        assert "ne peut plus être signée" in str(refused.value)
    # The parent's link answers like an expired one; the letter's code too.
    link = client.get(reverse("stages:convention_sign_link", args=[token]))
    assert link.status_code == 404 and "plus valable" in link.content.decode()
    by_code = client.post(reverse(CODE_URL), {"identifier": people["identifier"], "code": people["code"]})
    assert "Identifiant ou code incorrect" in by_code.content.decode()
    # The page says why, and offers no signature.
    client.force_login(people["teacher"])
    page = html.unescape(client.get(reverse("stages:convention", args=[convention.pk])).content.decode())
    assert "L'accord pour les données de l'élève a été retiré" in page
    assert 'name="party"' not in page
    client.force_login(people["pupil"])
    assert signatures.waiting_for(people["pupil"]) == []
    assert convention.valid_signatures().count() == 2


def test_a_signed_convention_is_flagged_to_staff_when_consent_is_withdrawn(people):
    sign_others(people)
    signatures.sign(people["convention"], Party.PARENT, people["parent"])
    assert Convention.objects.filter(state="signee").count() == 1
    _entry, stopped = consent.withdraw(people["pupil"], method=ConsentRecord.Method.PARENT_SPACE, by_name="S. B.")
    people["request"].refresh_from_db()
    assert people["request"].state == RequestState.CONVENTION
    assert "convention déjà signée" in str(stopped[0].text)
    assert "signée à revoir" in people["request"].events.last().reason
    assert not people["convention"].events.filter(action=ConventionEvent.Action.STOPPED).exists()
