"""The smaller holes a security review found (issue 24, item 9), each shut and checked as a user would see it."""

import pytest

from accounts import activation
from accounts.factories import NewPupilFactory, ParentFactory, SchoolClassFactory
from tests.test_accounts_activation import BAD_CODE, activate, text

pytestmark = pytest.mark.django_db


def test_the_activation_form_does_not_tell_whether_an_address_has_an_account(client):
    ParentFactory(email="taken@example.org")
    unknown_card = {"identifier": "tigre-lune-27", "code": "ABCD-EF23"}
    with_taken = text(activate(client, **unknown_card, email="taken@example.org"))
    with_free = text(activate(client, **unknown_card, email="free@example.org"))
    assert BAD_CODE in with_taken and BAD_CODE in with_free
    assert "déjà utilisée" not in with_taken
    # With a real card, the account is activated either way; a taken address is simply not attached to it.
    pupil = NewPupilFactory(school_class=SchoolClassFactory())
    (card,) = activation.issue_cards([pupil])
    response = activate(client, card.identifier, card.activation_code, email="TAKEN@example.org")
    assert response.status_code == 302
    pupil.refresh_from_db()
    assert pupil.is_active and pupil.email != "taken@example.org"


def test_django_admin_is_not_mounted(client):
    """Wagtail's admin is the staff's tool; Django's login was outside the per-address delay."""
    assert client.get("/django-admin/login/", follow=True).status_code == 404
    assert client.get("/fr/django-admin/login/").status_code == 404


def test_a_proposal_with_a_newline_in_the_organisation_still_reaches_staff_unescaped(
    client, django_capture_on_commit_callbacks
):
    from django.core import mail

    from home.models import SiteSettings
    from stages.models import ProposalKind

    settings = SiteSettings.load()
    settings.contact_email = "contact@unstageetapres.fr"
    settings.save()
    proposal = {
        "kind": ProposalKind.PLACEMENT,
        "name": "Nadia Kaci",
        "organisation": "L'atelier\r\nBcc: victime@example.org",
        "job": "Boulangère",
        "email": "nadia@example.org",
        "phone": "",
        "postcode": "93200",
        "message": "",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/fr/stages/proposer/", proposal)
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert "\n" not in email.subject and "\r" not in email.subject
    assert "L'atelier Bcc: victime@example.org" in email.subject
    assert email.bcc == [] and "victime@example.org" not in email.to
    assert "L'atelier" in email.body and "&#x27;" not in email.body
