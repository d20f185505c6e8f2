"""A parent's consent: by the card's code, by the emailed link; refusal, withdrawal and what they block;
pupils of 15 and over; a parent account made from there."""

import datetime
import html
import re

from django.core import mail
from django.urls import reverse
from django.utils import timezone

import pytest

from accounts import access, activation, consent
from accounts.factories import NewPupilFactory, ParentFactory, PupilFactory, SchoolClassFactory, TeacherFactory
from accounts.models import AccessCode, ConsentRecord, User

pytestmark = pytest.mark.django_db


def text(response):
    return html.unescape(response.content.decode())


@pytest.fixture
def pupil():
    return PupilFactory(first_name="Inès", identifier="tigre-lune-27", birth_date=datetime.date(2012, 5, 1))


@pytest.fixture
def parent(pupil):
    parent = ParentFactory(first_name="Aminata", last_name="Diallo")
    parent.children.add(pupil)
    return parent


def open_with_code(client, identifier, code):
    return client.post(reverse("accounts:consent_by_code"), {"identifier": identifier, "code": code})


def answer(client, decision, name="Aminata Diallo"):
    return client.post(reverse("accounts:consent_decide"), {"name": name, "decision": decision})


def test_a_pupil_under_15_waits_for_a_parent_and_cannot_take_part(pupil):
    assert consent.status(pupil) == consent.Status.PENDING
    assert not access.has_consent(pupil)
    assert not access.can_take_part(pupil)
    assert not access.can_share_with_outside(pupil)
    assert "l'accord d'un de tes parents" in access.blocked_message(pupil)


def test_consent_by_code_records_who_when_which_text_and_how(client, pupil):
    card = activation.issue_cards([pupil])[0]

    response = open_with_code(client, "Tigre-Lune-27", card.parent_code)
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert "Accord pour Inès" in text(page)
    assert "Ce que fait le portail avec les données de votre enfant" in text(page)
    assert "no-store" in page["Cache-Control"]
    assert answer(client, "given").status_code == 302

    record = ConsentRecord.objects.get(pupil=pupil)
    assert record.decision == ConsentRecord.Decision.GIVEN
    assert record.method == ConsentRecord.Method.CODE
    assert record.text_version == consent.TEXT_VERSION
    assert record.decided_by_name == "Aminata Diallo"
    assert record.created_at is not None
    assert access.has_parental_consent(pupil)
    assert access.can_share_with_outside(pupil)


def test_the_parent_code_works_once(client, pupil):
    card = activation.issue_cards([pupil])[0]
    open_with_code(client, pupil.identifier, card.parent_code)
    answer(client, "given")
    client.logout()

    response = open_with_code(client, pupil.identifier, card.parent_code)

    assert "Identifiant ou code incorrect" in text(response)


def test_a_wrong_parent_code_is_refused_and_throttled(client, pupil):
    card = activation.issue_cards([pupil])[0]
    first = open_with_code(client, pupil.identifier, "ABCD-EFGH")
    assert "Identifiant ou code incorrect" in text(first)
    for _ in range(5):
        open_with_code(client, pupil.identifier, "ABCD-EFGH")

    blocked = open_with_code(client, pupil.identifier, card.parent_code)

    assert "Trop d'essais" in text(blocked)
    assert client.get(reverse("accounts:consent_decide")).status_code == 302  # nothing opened


def test_the_decision_page_needs_an_opened_request(client):
    response = client.get(reverse("accounts:consent_decide"))

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:consent_by_code")


def test_the_answer_needs_a_name_and_a_choice(client, pupil):
    card = activation.issue_cards([pupil])[0]
    open_with_code(client, pupil.identifier, card.parent_code)

    response = client.post(reverse("accounts:consent_decide"), {"name": "  ", "decision": "peut-etre"})

    assert response.status_code == 200
    page = text(response)
    assert "Écrivez votre prénom et votre nom." in page
    assert "Choisissez votre réponse" in page
    assert "Champ requis." not in page
    assert not ConsentRecord.objects.exists()


def test_consent_by_link_opens_only_that_child_and_leaves_the_token_behind(client, pupil, parent):
    token = consent.make_link_token(pupil, parent)

    response = client.get(reverse("accounts:consent_by_link", args=[token]))
    assert response.status_code == 302
    assert token not in response["Location"]
    page = client.get(response["Location"])
    assert f'value="{parent.get_full_name()}"' in text(page)
    answer(client, "given")

    record = ConsentRecord.objects.get(pupil=pupil)
    assert record.method == ConsentRecord.Method.LINK
    assert record.decided_by == parent


def test_a_tampered_or_foreign_link_opens_nothing(client, pupil, parent):
    other_child = PupilFactory()
    foreign = consent.make_link_token(other_child, parent)  # signed, but not this parent's child
    tampered = consent.make_link_token(pupil, parent)[:-2] + "xx"

    for token in (foreign, tampered):
        response = client.get(reverse("accounts:consent_by_link", args=[token]))
        assert response.status_code == 400
        assert "Lien non valable" in text(response)
    assert client.get(reverse("accounts:consent_decide")).status_code == 302


def test_an_expired_link_says_so(client, pupil, parent, monkeypatch):
    token = consent.make_link_token(pupil, parent)
    monkeypatch.setattr(consent, "LINK_MAX_AGE", -1)

    response = client.get(reverse("accounts:consent_by_link", args=[token]))

    assert response.status_code == 400
    assert "Ce lien a expiré" in text(response)


def test_a_refusal_blocks_sharing_and_tells_the_pupil_kindly(client, pupil):
    card = activation.issue_cards([pupil])[0]
    open_with_code(client, pupil.identifier, card.parent_code)
    answer(client, "refused")

    assert consent.status(pupil) == consent.Status.REFUSED
    assert not access.can_share_with_outside(pupil)
    client.force_login(pupil)
    dashboard = text(client.get(reverse("accounts:dashboard")))
    assert "Accord refusé" in dashboard
    assert "Tu peux toujours lire les fiches métiers" in dashboard


def test_a_parent_withdraws_from_their_space_and_sharing_stops(client, pupil, parent):
    consent.record(pupil, "given", ConsentRecord.Method.LINK, by_user=parent)
    assert access.can_share_with_outside(pupil)
    client.force_login(parent)

    page = client.get(reverse("accounts:child_consent", args=[pupil.pk]))
    assert "Retirer mon accord" in text(page)
    confirmation = client.post(reverse("accounts:child_consent", args=[pupil.pk]), {"decision": "withdrawn"})
    assert "Je confirme : je retire mon accord" in text(confirmation)
    assert consent.status(pupil) == consent.Status.GIVEN  # nothing changes before the confirmation
    response = client.post(
        reverse("accounts:child_consent", args=[pupil.pk]), {"decision": "withdrawn", "confirm": "1"}
    )

    assert response.status_code == 302
    assert consent.status(pupil) == consent.Status.WITHDRAWN
    assert not access.can_share_with_outside(pupil)
    assert ConsentRecord.objects.filter(pupil=pupil).count() == 2  # the agreement stays on record


def test_refusing_after_agreeing_by_link_is_a_withdrawal(client, pupil, parent):
    consent.record(pupil, "given", ConsentRecord.Method.LINK, by_user=parent)
    client.get(reverse("accounts:consent_by_link", args=[consent.make_link_token(pupil, parent)]))

    confirmation = answer(client, "refused")
    assert "Je confirme : je retire mon accord" in text(confirmation)
    client.post(reverse("accounts:consent_decide"), {"name": "Aminata Diallo", "decision": "refused", "confirm": "1"})

    assert consent.status(pupil) == consent.Status.WITHDRAWN


def test_a_pupil_of_15_decides_alone(client):
    today = timezone.localdate()
    pupil = PupilFactory(birth_date=today.replace(year=today.year - 15) - datetime.timedelta(days=1))
    assert consent.status(pupil) == consent.Status.PENDING_SELF
    assert activation.issue_cards([pupil])[0].parent_code is None
    client.force_login(pupil)

    page = client.get(reverse("accounts:my_consent"))
    assert "Tu as 15 ans ou plus" in text(page)
    client.post(reverse("accounts:my_consent"), {"decision": "given"})

    record = ConsentRecord.objects.get(pupil=pupil)
    assert record.method == ConsentRecord.Method.SELF
    assert record.decided_by == pupil
    assert access.can_take_part(pupil)
    assert not access.has_parental_consent(pupil)


def test_a_pupil_under_15_cannot_consent_for_themselves(client, pupil):
    client.force_login(pupil)

    client.post(reverse("accounts:my_consent"), {"decision": "given"})

    assert not ConsentRecord.objects.exists()


def test_an_unknown_birth_date_counts_as_under_15():
    assert consent.needs_parent(PupilFactory(birth_date=None))


def test_staff_email_the_consent_link_to_parents_through_the_queue(
    client, pupil, parent, django_capture_on_commit_callbacks
):
    teacher = TeacherFactory()
    pupil.school_class.teachers.add(teacher)
    client.force_login(teacher)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:class_consent_emails", args=[pupil.school_class.pk]))

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [parent.email]
    assert "Inès" in message.body
    link = re.search(r"http://testserver(/fr/compte/accord/lien/[^\s]+/)", message.body).group(1)
    client.logout()
    assert client.get(link).status_code == 302


def test_a_parent_creates_an_account_after_answering_by_code(client, pupil, django_capture_on_commit_callbacks):
    card = activation.issue_cards([pupil])[0]
    open_with_code(client, pupil.identifier, card.parent_code)
    answer(client, "given")
    done = client.get(reverse("accounts:consent_done"))
    assert "Suivre votre enfant" in text(done)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:parent_account_request"), {"email": "Maman@Example.org"})
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/fr/compte/accord/compte/lien/[^\s]+/)", mail.outbox[0].body).group(1)
    client.get(link)
    response = client.post(
        reverse("accounts:parent_account_create"), {"password1": "jardin-soleil-42", "password2": "jardin-soleil-42"}
    )

    assert response.status_code == 302
    account = User.objects.get(email="maman@example.org")
    assert account.has_role("Parent")
    assert list(account.children.all()) == [pupil]
    assert "Accord donné" in text(client.get(reverse("accounts:dashboard")))


def test_a_parent_account_is_never_made_from_a_staff_or_teacher_address(
    client, pupil, django_capture_on_commit_callbacks
):
    teacher = TeacherFactory(email="prof@example.org")
    card = activation.issue_cards([pupil])[0]
    open_with_code(client, pupil.identifier, card.parent_code)
    answer(client, "given")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:parent_account_request"), {"email": "prof@example.org"})
    link = re.search(r"http://testserver(/fr/compte/accord/compte/lien/[^\s]+/)", mail.outbox[0].body).group(1)
    client.get(link)

    response = client.get(reverse("accounts:parent_account_create"))

    assert response.status_code == 400
    assert not teacher.children.exists()


def test_printing_a_sheet_gives_no_parent_code_once_consent_is_given(pupil, parent):
    consent.record(pupil, "given", ConsentRecord.Method.LINK, by_user=parent)

    card = activation.issue_cards([pupil])[0]

    assert card.parent_code is None
    assert not AccessCode.objects.filter(pupil=pupil, purpose=AccessCode.Purpose.PARENT_CONSENT).exists()


def test_an_activated_pupil_gets_a_card_without_activation_code(client):
    pupil = PupilFactory()
    card = activation.issue_cards([pupil])[0]
    assert card.activation_code is None
    assert card.identifier


def test_a_new_pupil_card_has_both_codes():
    pupil = NewPupilFactory(school_class=SchoolClassFactory())
    card = activation.issue_cards([pupil])[0]
    assert card.activation_code and card.parent_code


def test_one_answer_sends_one_account_link_at_most(client, pupil, django_capture_on_commit_callbacks):
    card = activation.issue_cards([pupil])[0]
    open_with_code(client, pupil.identifier, card.parent_code)
    answer(client, "given")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:parent_account_request"), {"email": "un@example.org"})
        again = client.post(reverse("accounts:parent_account_request"), {"email": "deux@example.org"})

    assert again.status_code == 302
    assert [message.to for message in mail.outbox] == [["un@example.org"]]


def test_a_bad_email_for_the_account_is_explained_and_kept(client, pupil):
    card = activation.issue_cards([pupil])[0]
    open_with_code(client, pupil.identifier, card.parent_code)
    answer(client, "given")

    response = client.post(reverse("accounts:parent_account_request"), {"email": "maman@"})

    assert "Écrivez une adresse e-mail complète, par exemple prenom.nom@exemple.fr." in text(response)
    assert 'value="maman@"' in text(response)
    assert not mail.outbox
