"""Words that need no grammatical gender: the portal does not store it (minimum data), so a pupil, a
parent or a teacher never reads « inscrit(e) », « tu es inscrit » or « est prévenu »."""

import datetime
import html
import re
from pathlib import Path

from django.core import mail
from django.urls import reverse
from django.utils import timezone

import pytest

from accounts.factories import ConsentedPupilFactory, ParentFactory, StaffFactory
from ateliers.booking import cancel, sign_up
from ateliers.factories import AgendaIndexPageFactory, EventPageFactory, SessionFactory
from ateliers.models import Session
from ateliers.reminders import send_reminders

pytestmark = pytest.mark.django_db

GENDERED = re.compile(r"\(e\)|·e\b|\binscrits?\b(?! ses élèves)|\bprévenus?\b|\battendu|\bprésents?\b|\bconnecté\b")


@pytest.fixture
def event(home_page):
    return EventPageFactory(parent=AgendaIndexPageFactory(parent=home_page), title="Les métiers du soin")


def test_emails_say_the_pupil_has_a_place(event, django_capture_on_commit_callbacks):
    session = SessionFactory(page=event, capacity=1, place_kind=Session.Place.COMPANY)
    ines = ConsentedPupilFactory(first_name="Inès")
    ines.parents.add(ParentFactory())
    hugo = ConsentedPupilFactory(first_name="Hugo")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        signup, _created = sign_up(session, ines)
        sign_up(session, hugo)
        cancel(signup, by=StaffFactory())

    bodies = [message.body for message in mail.outbox]
    assert "Inès a une place à « Les métiers du soin »." in bodies[0]
    assert "Hugo quitte la liste d'attente et a maintenant une place à « Les métiers du soin »." in bodies[-1]
    for body in bodies:
        assert not GENDERED.search(body), body


def test_the_reminder_says_the_pupil_has_a_place_tomorrow(event, django_capture_on_commit_callbacks):
    session = SessionFactory(page=event, starts_at=timezone.now() + datetime.timedelta(days=1))
    sign_up(session, ConsentedPupilFactory(first_name="Inès"))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        send_reminders()
    reminder = mail.outbox[0].body
    assert "Petit rappel : Inès a une place demain à « Les métiers du soin »." in reminder
    assert not GENDERED.search(reminder)


def test_a_pupil_reads_that_their_sign_up_is_confirmed(client, event):
    session = SessionFactory(page=event)
    pupil = ConsentedPupilFactory()
    client.force_login(pupil)
    url = reverse("ateliers:signup", args=[session.pk])
    first = html.unescape(client.post(url, {"next": event.url}, follow=True).content.decode())
    assert "C'est noté : ton inscription est confirmée." in first
    assert "Ton inscription est confirmée." in first
    again = html.unescape(client.post(url, {"next": event.url}, follow=True).content.decode())
    assert "Tu as déjà une place à cette séance." in again
    space = client.get("/fr/compte/mon-espace/").content.decode()
    assert "place confirmée" in space


def test_no_template_of_the_app_uses_gendered_words():
    folder = Path(__file__).resolve().parent.parent / "ateliers" / "templates"
    found = [
        f"{path.name}: {match.group(0)}"
        for path in folder.rglob("*.*")
        for match in GENDERED.finditer(path.read_text())
    ]
    assert found == []
