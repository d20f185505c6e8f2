"""« Proposer un stage ou intervenir »: a professional's proposal is stored and e-mailed to staff (through
the task queue); each bad input gets a French error with the typed values kept; robots filling the honeypot
are told it worked while nothing is stored or sent."""

import html
import re

from django.core import mail
from django.urls import reverse
from django.utils.html import escape

import pytest

from home.models import SiteSettings
from stages.models import ProfessionalProposal, ProposalKind

pytestmark = pytest.mark.django_db

URL = "/fr/stages/proposer/"
GOOD = {
    "kind": ProposalKind.PLACEMENT,
    "name": "Nadia Kaci",
    "organisation": "Boulangerie du Marché",
    "job": "Boulangère",
    "email": "nadia@boulangerie-du-marche.fr",
    "phone": "06 12 34 56 78",
    "postcode": "93200",
    "message": "Je peux accueillir un élève la semaine du 8 décembre.",
}


@pytest.fixture
def contact_address(db):
    settings = SiteSettings.load()
    settings.contact_email = "contact@unstageetapres.fr"
    settings.save()
    return settings.contact_email


def test_the_form_is_reachable_in_every_language(client):
    for code in ("fr", "en", "ar"):
        response = client.get(f"/{code}/stages/proposer/")
        assert response.status_code == 200
        content = response.content.decode()
        assert f'<html lang="{code}"' in content
        assert 'name="organisation"' in content


def test_a_good_proposal_is_stored_and_emailed_to_staff(client, contact_address, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, GOOD)

    assert response.status_code == 302
    assert response.url == reverse("stages:propose_thanks")
    proposal = ProfessionalProposal.objects.get()
    assert proposal.organisation == "Boulangerie du Marché"
    assert proposal.phone == "0612345678"
    assert not proposal.handled
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == [contact_address]
    assert "Boulangerie du Marché" in email.subject
    assert f"/admin/professional_proposal/edit/{proposal.pk}/" in email.body
    # The professional's contact details stay in the admin, not in the e-mail.
    assert GOOD["email"] not in email.body and "0612345678" not in email.body
    assert "Merci, votre proposition est envoyée" in client.get(response.url).content.decode()


def test_without_a_contact_address_staff_members_are_emailed(client, django_capture_on_commit_callbacks):
    from accounts.factories import StaffFactory

    staff = StaffFactory(email="samia@unstageetapres.fr")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, GOOD)

    assert [message.to for message in mail.outbox] == [[staff.email]]


def test_the_email_to_staff_is_queued_from_its_template_once_the_proposal_is_saved(
    client, contact_address, django_capture_on_commit_callbacks, settings
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with django_capture_on_commit_callbacks() as callbacks:
        client.post(URL, GOOD)
    assert not DBTaskResult.objects.exists()  # nothing before the proposal is committed

    for callback in callbacks:
        callback()

    task = DBTaskResult.objects.get()
    assert task.task_path == "accounts.emails.send_email"
    subject, body, to = task.args_kwargs["args"][:3]
    assert subject == "Nouvelle proposition d'un professionnel : Boulangerie du Marché"
    assert "Les coordonnées et le message sont dans l'administration" in body
    assert to == [contact_address]
    assert not mail.outbox  # the worker sends it, not the request


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("kind", "", "Choisissez ce que vous proposez."),
        ("kind", "autre-chose", "Sélectionnez un choix valide."),
        ("name", "", "Indiquez votre nom et votre prénom."),
        ("organisation", "  ", "Indiquez le nom de votre entreprise ou de votre organisme."),
        ("job", "", "Indiquez votre métier."),
        ("email", "", "Indiquez votre adresse e-mail, pour que l'équipe puisse vous répondre."),
        ("email", "nadia@", "L'adresse e-mail n'est pas valide : elle doit ressembler à nom@exemple.fr."),
        ("phone", "12 34", "Le numéro de téléphone n'est pas valide : 10 chiffres, par exemple 06 12 34 56 78."),
        ("postcode", "", "Indiquez le code postal de votre lieu de travail."),
        ("postcode", "932", "Le code postal doit avoir 5 chiffres, par exemple 93200."),
        ("message", "x" * 2001, "Le message est trop long : 2000 caractères au plus."),
    ],
)
def test_each_bad_input_gets_a_french_error_and_keeps_what_was_typed(client, field, value, error):
    data = {**GOOD, field: value}

    response = client.post(URL, data)

    assert response.status_code == 200
    content = response.content.decode()
    assert escape(error) in content
    assert 'class="error-summary"' in content
    assert f'href="#id_{field}' in content
    # What the visitor typed in the other fields is kept.
    kept = "job" if field != "job" else "name"
    assert f'value="{escape(GOOD[kept])}"' in content
    if field != "message":
        assert escape(GOOD["message"]) in content
    assert not ProfessionalProposal.objects.exists()
    assert not mail.outbox


def test_a_robot_filling_the_honeypot_is_told_it_worked_but_nothing_is_kept(
    client, contact_address, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {**GOOD, "website": "http://spam.example"})

    assert response.status_code == 302
    assert response.url == reverse("stages:propose_thanks")
    assert not ProfessionalProposal.objects.exists()
    assert not mail.outbox


def test_the_honeypot_is_hidden_from_people(client):
    content = client.get(URL).content.decode()

    assert '<div class="honeypot">' in content
    # Not listed among the fields a person fills in (nor in an error summary).
    assert 'href="#id_website"' not in content


def test_staff_see_proposals_in_the_admin(staff_client):
    proposal = ProfessionalProposal.objects.create(**{**GOOD, "phone": "0612345678"})

    listing = staff_client.get("/admin/professional_proposal/")
    assert listing.status_code == 200
    assert "Boulangerie du Marché" in listing.content.decode()
    assert staff_client.get(f"/admin/professional_proposal/edit/{proposal.pk}/").status_code == 200


def test_other_people_cannot_see_proposals_in_the_admin(client):
    from accounts.factories import UserFactory

    client.force_login(UserFactory())
    assert client.get("/admin/professional_proposal/").status_code in (302, 403)


def test_the_error_summary_follows_the_pages_language(client):
    """French puts a space before a colon, English does not: « Label : erreur », "Label: error"."""
    data = {**GOOD, "email": ""}
    french = html.unescape(client.post(URL, data).content.decode())
    english = html.unescape(client.post("/en/stages/proposer/", data).content.decode())
    assert re.search(r"#id_email\">[^<]+ : ", french)
    assert re.search(r"#id_email\">[^<]*\S: ", english)
