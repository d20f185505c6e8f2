"""A parent's answer that a pupil cannot give: the parent code travels on a separate letter, never on the
pupil's card; an answer by code is confirmed to a known parent address and can be cancelled from it; the
teacher sees who answered, how and when; the pupil of 15+ reads a text addressed to them."""

import datetime
import html
import re

from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from accounts import access, activation, consent
from accounts.factories import NewPupilFactory, ParentFactory, PupilFactory, TeacherFactory
from accounts.models import ConsentRecord
from ateliers.booking import sign_up
from ateliers.factories import AgendaIndexPageFactory, EventPageFactory, SessionFactory
from ateliers.models import SignUp

pytestmark = pytest.mark.django_db


def text(response):
    return html.unescape(response.content.decode())


@pytest.fixture
def pupil():
    return NewPupilFactory(first_name="Inès", last_name="Benali", identifier="tigre-lune-27")


@pytest.fixture
def teacher(pupil):
    teacher = TeacherFactory()
    pupil.school_class.teachers.add(teacher)
    return teacher


@pytest.fixture
def parent(pupil):
    parent = ParentFactory(first_name="Aminata", last_name="Diallo", email="aminata@example.org")
    parent.children.add(pupil)
    return parent


def answer_by_code(client, identifier, code, decision="given", name="Aminata Diallo"):
    client.post(reverse("accounts:consent_by_code"), {"identifier": identifier, "code": code})
    return client.post(reverse("accounts:consent_decide"), {"name": name, "decision": decision})


def test_the_card_handed_to_the_pupil_holds_no_parent_code_and_the_letter_does(client, pupil, teacher):
    client.force_login(teacher)

    page = client.post(reverse("accounts:class_cards", args=[pupil.school_class.pk]))

    content = text(page)
    cards = re.findall(
        r'<li class="activation-card">(.*?)</li>\s*(?=<li class="activation-card">|</ul>)', content, re.S
    )
    letters = re.findall(r'<article class="parent-letter".*?</article>', content, re.S)
    assert len(cards) == 1 and len(letters) == 1
    parent_code = re.search(r"Code parent</span> <strong[^>]*>([A-Z2-9]{4}-[A-Z2-9]{4})<", letters[0]).group(1)
    assert parent_code not in cards[0]
    assert "tigre-lune-27" in cards[0]
    assert "Inès Benali" in letters[0] and "tigre-lune-27" in letters[0]
    assert 'lang="en"' in letters[0] and 'lang="ar" dir="rtl"' in letters[0] and 'lang="fr"' in letters[0]
    assert "ne le donnez pas à votre enfant" in letters[0]
    # The printed code is the pupil's real parent code.
    assert activation.find_code("tigre-lune-27", parent_code, "parent") is not None
    assert parent_code not in page.get("Location", "")


def test_an_answer_by_code_is_confirmed_to_the_known_parent_address_and_can_be_cancelled(
    client, home_page, pupil, parent, django_capture_on_commit_callbacks
):
    card = activation.issue_cards([pupil])[0]
    with django_capture_on_commit_callbacks(execute=True):
        answer_by_code(client, pupil.identifier, card.parent_code, name="Maman")
    assert consent.has_consent(pupil)
    record = pupil.consent_records.get()
    assert record.method == ConsentRecord.Method.CODE and record.decided_by_name == "Maman"
    message = next(m for m in mail.outbox if m.to == ["aminata@example.org"])
    assert "avec le code de la lettre" in message.body
    assert card.parent_code not in message.body
    link = re.search(r"https?://\S+/fr/compte/accord/annuler/\S+/", message.body).group(0)

    # Later the pupil, signed up meanwhile, loses the seat when the parent cancels.
    pupil.set_password("un-mot-de-passe-long")
    pupil.is_active = True
    pupil.save()
    agenda = AgendaIndexPageFactory(parent=home_page)
    session = SessionFactory(page=EventPageFactory(parent=agenda))
    sign_up(session, pupil)
    other = Client()
    opened = other.get(link.split("testserver", 1)[-1])
    assert opened.status_code == 302 and opened["Location"] == reverse("accounts:consent_cancel_answer")
    page = other.get(opened["Location"])
    assert "Annuler cette réponse" in text(page)
    assert consent.has_consent(pupil)  # opening the link changes nothing
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        done = other.post(reverse("accounts:consent_cancel_answer"))

    assert "est annulée" in text(done)
    assert consent.status(pupil) == consent.Status.PENDING
    assert not access.can_take_part(pupil)
    assert SignUp.objects.get(pupil=pupil).status == SignUp.Status.CANCELLED
    record.refresh_from_db()
    assert record.cancelled_at is not None  # kept, no longer counting
    fresh = next(m for m in mail.outbox if m.to == ["aminata@example.org"])
    assert "/fr/compte/accord/lien/" in fresh.body
    # The spent code answers as a wrong one.
    client.logout()
    again = client.post(reverse("accounts:consent_by_code"), {"identifier": pupil.identifier, "code": card.parent_code})
    wrong = client.post(reverse("accounts:consent_by_code"), {"identifier": pupil.identifier, "code": "AAAA-BBBB"})
    assert text(again).count("Identifiant ou code") == text(wrong).count("Identifiant ou code")
    assert again.status_code == wrong.status_code == 200


def test_a_tampered_cancel_link_opens_nothing(client, pupil, parent):
    entry = consent.record(pupil, "given", ConsentRecord.Method.CODE, by_name="Maman")
    token = consent.make_cancel_token(entry, parent)
    other_parent = ParentFactory()

    assert client.get(reverse("accounts:consent_cancel", args=[token + "x"])).status_code == 400
    forged = consent.make_cancel_token(entry, other_parent)  # a parent of another child
    client.get(reverse("accounts:consent_cancel", args=[forged]))
    assert client.get(reverse("accounts:consent_cancel_answer")).status_code == 400
    assert consent.has_consent(pupil)


def test_an_answer_by_code_without_a_known_address_sends_nothing(client, pupil, django_capture_on_commit_callbacks):
    card = activation.issue_cards([pupil])[0]
    with django_capture_on_commit_callbacks(execute=True):
        answer_by_code(client, pupil.identifier, card.parent_code)

    assert consent.has_consent(pupil)
    assert mail.outbox == []


def test_the_teacher_sees_how_and_when_and_a_code_answer_in_school_hours_is_flagged(client, pupil, teacher):
    entry = consent.record(pupil, "given", ConsentRecord.Method.CODE, by_name="Maman")
    tuesday_morning = timezone.make_aware(datetime.datetime(2026, 12, 8, 10, 15))
    ConsentRecord.objects.filter(pk=entry.pk).update(created_at=tuesday_morning)
    client.force_login(teacher)

    page = text(client.get(reverse("accounts:class_detail", args=[pupil.school_class.pk])))

    assert "code de la lettre aux parents, le 8 décembre 2026 10:15" in page
    assert "pendant le temps scolaire" in page
    evening = timezone.make_aware(datetime.datetime(2026, 12, 8, 20, 0))
    ConsentRecord.objects.filter(pk=entry.pk).update(created_at=evening)
    assert "pendant le temps scolaire" not in text(
        client.get(reverse("accounts:class_detail", args=[pupil.school_class.pk]))
    )


def test_the_page_of_a_pupil_of_15_speaks_to_the_pupil(client):
    today = timezone.localdate()
    pupil = PupilFactory(birth_date=today.replace(year=today.year - 16))
    client.force_login(pupil)

    page = text(client.get(reverse("accounts:my_consent")))

    assert "Ce que fait le portail avec tes informations" in page
    assert "votre enfant" not in page


# Staff: the state of every consent -------------------------------------------------------------------
def test_staff_see_every_consent_state_by_class_with_a_csv(staff_client):
    from accounts.factories import SchoolClassFactory

    school_class = SchoolClassFactory(name="4e B")
    other_class = SchoolClassFactory(name="3e Z")
    given = PupilFactory(school_class=school_class, last_name="Accord")
    consent.record(given, "given", ConsentRecord.Method.CODE, by_name="Maman")
    withdrawn = PupilFactory(school_class=school_class, last_name="Retrait")
    consent.record(withdrawn, "given", ConsentRecord.Method.LINK, by_name="Papa")
    consent.withdraw(withdrawn, method=ConsentRecord.Method.PAPER, by_name="Papa")
    PupilFactory(school_class=school_class, last_name="Attente")
    PupilFactory(school_class=other_class, last_name="Ailleurs")
    url = reverse("accounts_consent_report")

    page = text(staff_client.get(url, {"school_class": school_class.pk}))
    assert "Accord" in page and "Retrait" in page and "Attente" in page and "Ailleurs" not in page
    assert "formulaire papier reçu par l'équipe" in page and "en attente" in page

    only_waiting = text(staff_client.get(url, {"school_class": school_class.pk, "state": "waiting"}))
    assert "Attente" in only_waiting and "Retrait" not in only_waiting

    csv = staff_client.get(url, {"school_class": school_class.pk, "export": "csv"})
    body = b"".join(csv.streaming_content).decode() if csv.streaming else csv.content.decode()
    lines = body.strip().splitlines()
    assert lines[0].startswith("Collège,Classe,Nom,Prénom,État,Moyen")
    retrait = next(line for line in lines if "Retrait" in line)
    assert "accord retiré" in retrait and "formulaire papier reçu par l'équipe" in retrait and "Papa" in retrait
    assert any("Attente" in line and "en attente" in line for line in lines)
    assert not any("Ailleurs" in line for line in lines)


def test_the_consent_report_is_for_staff_only(client, teacher):
    client.force_login(teacher)
    response = client.get(reverse("accounts_consent_report"))
    assert response.status_code in (302, 403)
