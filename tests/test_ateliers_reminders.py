"""The day-before reminder (a daily command) and the query budget of the agenda and event pages."""

import datetime
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from accounts.factories import ConsentedPupilFactory
from ateliers.booking import sign_up
from ateliers.factories import AgendaIndexPageFactory, EventPageFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def agenda(home_page):
    return AgendaIndexPageFactory(parent=home_page)


def test_reminder_goes_once_to_pupils_of_tomorrows_sessions_only(agenda, django_capture_on_commit_callbacks):
    tomorrow = timezone.localtime() + datetime.timedelta(days=1)
    tomorrow = tomorrow.replace(hour=10, minute=0)
    session = SessionFactory(page=EventPageFactory(parent=agenda, title="Forum de demain"), starts_at=tomorrow)
    later = SessionFactory(page=EventPageFactory(parent=agenda), starts_at=tomorrow + datetime.timedelta(days=3))
    pupil, other = ConsentedPupilFactory(), ConsentedPupilFactory()
    sign_up(session, pupil)
    sign_up(later, other)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_session_reminders", stdout=StringIO())
        call_command("send_session_reminders", stdout=StringIO())

    assert [m.to for m in mail.outbox] == [[pupil.email]]
    assert mail.outbox[0].subject == "C'est demain : Forum de demain"


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_agenda_and_event_page_queries_do_not_grow_with_sessions_and_sign_ups(client, agenda):
    event = EventPageFactory(parent=agenda)
    SessionFactory(page=event)
    for url in (agenda.url, event.url, agenda.url, event.url):  # warm the caches (the first creates settings)
        client.get(url)
    small_agenda, small_event = count_queries(client, agenda.url), count_queries(client, event.url)

    start = timezone.now() + datetime.timedelta(days=20)
    for n in range(8):
        other = EventPageFactory(parent=agenda)
        session = SessionFactory(page=other, starts_at=start + datetime.timedelta(days=n), capacity=1)
        sign_up(session, ConsentedPupilFactory())
        sign_up(session, ConsentedPupilFactory())
        SessionFactory(page=event, starts_at=start + datetime.timedelta(days=n, hours=5))

    client.get(agenda.url)  # the changes emptied the cached menus and routes (home.caching): warm them again
    client.get(event.url)
    assert count_queries(client, agenda.url) == small_agenda
    assert count_queries(client, event.url) == small_event
