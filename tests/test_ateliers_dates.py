"""Dates and times in the visitor's language: « 9:00 AM » on an English page where French reads « 09h00 »,
and « 1er » for the first day of the month in French (sessions, emails, stage weeks)."""

import datetime
import html
import re
import zoneinfo

from django.core import mail
from django.utils import translation

import pytest

from accompagnement.forms import LetterForm
from accounts.factories import ConsentedPupilFactory
from ateliers.booking import sign_up
from ateliers.factories import AgendaIndexPageFactory, EventPageFactory, SessionFactory
from home import dates
from stages.models import StageWeek
from tests.test_ateliers_translations import translate

# « Now » is frozen before these dates (conftest.FROZEN_NOW, November 2026): the sessions are to come
# whatever the date the tests run on (a session in the past shows no times and takes no sign-up).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
FIRST_OF_SEPTEMBER = datetime.datetime(2027, 9, 1, 9, 0, tzinfo=PARIS)
FOURTEENTH_OF_JANUARY = datetime.datetime(2027, 1, 14, 9, 0, tzinfo=PARIS)


def text(response):
    """The page's visible words, tags removed, spaces folded (none before a comma)."""
    words = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))
    return words.replace(" ,", ",")


@pytest.fixture
def event(home_page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        event = EventPageFactory(parent=AgendaIndexPageFactory(parent=home_page), title="Les métiers du soin")
        SessionFactory(
            page=event, starts_at=FOURTEENTH_OF_JANUARY, ends_at=FOURTEENTH_OF_JANUARY + datetime.timedelta(hours=2)
        )
        event.save_revision().publish()
    return event


def test_the_english_event_page_writes_english_times(client, event, django_capture_on_commit_callbacks):
    english = translate(django_capture_on_commit_callbacks, event, "en")
    page = text(client.get(english.url))
    assert "Thursday 14 January 2027, 9:00 AM–11:00 AM" in page
    assert "09h00" not in page


def test_the_french_event_page_keeps_french_times_and_writes_1er(client, event):
    SessionFactory(page=event, starts_at=FIRST_OF_SEPTEMBER, ends_at=FIRST_OF_SEPTEMBER + datetime.timedelta(hours=1))
    page = text(client.get(event.url))
    assert "jeudi 14 janvier 2027, 09h00–11h00" in page
    assert "mercredi 1er septembre 2027, 09h00–10h00" in page


def test_the_confirmation_email_writes_1er_in_french(event, django_capture_on_commit_callbacks):
    session = SessionFactory(
        page=event, starts_at=FIRST_OF_SEPTEMBER, ends_at=FIRST_OF_SEPTEMBER + datetime.timedelta(hours=1)
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(session, ConsentedPupilFactory())
    assert "Quand : mercredi 1er septembre 2027, 09h00 – 10h00" in mail.outbox[0].body


def test_dates_and_times_in_each_language():
    cases = {
        "fr": ("mercredi 1er septembre 2027", "1er septembre", "09h00", "jeudi 14 janvier 2027"),
        "en": ("Wednesday 1 September 2027", "1 September", "9:00 AM", "Thursday 14 January 2027"),
        "ar": (None, None, "09:00", None),
    }
    for language, (long_first, short_first, time, long_fourteenth) in cases.items():
        with translation.override(language):
            assert dates.clock(FIRST_OF_SEPTEMBER) == time
            if long_first:
                assert dates.day(FIRST_OF_SEPTEMBER) == long_first
                assert dates.day(FIRST_OF_SEPTEMBER.date(), "j F") == short_first
                assert dates.day(FOURTEENTH_OF_JANUARY) == long_fourteenth


def test_a_stage_week_starting_on_the_first_reads_1er():
    with translation.override("fr"):
        assert str(StageWeek(starts_on=datetime.date(2027, 3, 1))) == "semaine du 1er mars 2027"
        assert str(StageWeek(starts_on=datetime.date(2026, 12, 7))) == "semaine du 7 décembre 2026"


def test_the_letter_form_names_the_week_once():
    request = type("Request", (), {"pk": 3, "week": StageWeek(starts_on=datetime.date(2026, 12, 7))})()
    with translation.override("fr"):
        labels = [str(label) for _value, label in LetterForm(requests=[request]).fields["stage_request"].choices]
    assert "Ma demande : semaine du 7 décembre 2026" in labels
    assert not any("semaine du semaine du" in label for label in labels)


def test_a_date_and_its_time_are_joined_by_the_languages_comma():
    from django.template import Context, Template

    template = Template('{% load date_tags %}{{ when|day:"j F" }}{% comma %}{{ when|clock }}')
    shown = {}
    for language in ("fr", "en", "ar"):
        with translation.override(language):
            shown[language] = template.render(Context({"when": FOURTEENTH_OF_JANUARY}))
    assert shown["fr"] == "14 janvier, 09h00"
    assert shown["en"] == "14 January, 9:00 AM"
    assert "، " in shown["ar"] and ", " not in shown["ar"]
