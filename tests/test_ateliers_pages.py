"""Agenda and event pages: where they live, creation through the admin, the agenda's filters and archive,
the event page's buttons, the métier sheet's upcoming sessions and the iCalendar feeds."""

import datetime

from django.urls import reverse
from django.utils import timezone

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import icalendar
import pytest

from accounts.factories import ConsentedPupilFactory
from ateliers.booking import sign_up
from ateliers.factories import AgendaIndexPageFactory, EventPageFactory, SessionFactory
from ateliers.models import AgendaIndexPage, CalendarFeed, EventMetier, EventPage, Session
from home.models import HomePage
from metiers.models import MetierPage
from tests.utils import add_url, promote_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def agenda(home_page):
    return AgendaIndexPageFactory(parent=home_page)


def test_agenda_lives_once_under_home_and_events_only_under_the_agenda(home_page, agenda):
    assert AgendaIndexPage.can_exist_under(home_page)
    assert not AgendaIndexPage.can_create_at(home_page)  # only one per home page
    assert EventPage.allowed_parent_page_models() == [AgendaIndexPage]
    assert EventPage.allowed_subpage_models() == []
    assert AgendaIndexPage in HomePage.allowed_subpage_models()


def test_staff_create_an_event_with_two_sessions_through_the_admin(staff_client, home_page, agenda, imported):
    metier = MetierPage.objects.get(rome_code="D1102")
    start = timezone.localtime(timezone.now() + datetime.timedelta(days=20)).replace(microsecond=0)
    fmt = "%Y-%m-%d %H:%M"

    def session(offset, booking):
        begin = start + datetime.timedelta(days=offset)
        return {
            "starts_at": begin.strftime(fmt),
            "ends_at": (begin + datetime.timedelta(hours=2)).strftime(fmt),
            "place_kind": "company",
            "place": "Boulangerie Le Fournil, Bobigny",
            "online_link": "",
            "capacity": "12",
            "booking": booking,
            "signup_opens_at": "",
            "signup_closes_at": "",
        }

    data = nested_form_data(
        {
            "title": "Mains à la pâte",
            "introduction": "Fais ton pain avec un boulanger.",
            "kind": "atelier",
            "level": "4e-3e",
            "school": "",
            "body": streamfield([("paragraph", rich_text("<p>Tablier fourni.</p>"))]),
            "related_metiers": inline_formset([{"metier": metier.pk}]),
            "leaders": inline_formset([]),
            "sessions": inline_formset([session(0, "self"), session(7, "class")]),
            **promote_data("mains-a-la-pate"),
            "action-publish": "publish",
        }
    )
    response = staff_client.post(add_url(EventPage, agenda), data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    event = EventPage.objects.get(slug="mains-a-la-pate")
    assert event.live
    assert [s.booking for s in event.sessions.order_by("starts_at")] == ["self", "class"]
    assert [m.metier_id for m in event.related_metiers.all()] == [metier.pk]


def test_an_online_session_needs_its_link(agenda):
    session = Session(
        page=EventPageFactory(parent=agenda),
        starts_at=timezone.now() + datetime.timedelta(days=3),
        ends_at=timezone.now() + datetime.timedelta(days=3, hours=1),
        place_kind=Session.Place.ONLINE,
        capacity=10,
    )
    with pytest.raises(Exception, match="lien de connexion"):
        session.full_clean()


def test_agenda_lists_upcoming_sessions_filters_without_javascript_and_keeps_an_archive(client, agenda):
    soon = timezone.now() + datetime.timedelta(days=3)
    workshop = EventPageFactory(parent=agenda, title="Atelier code", kind="atelier", level="3e")
    forum = EventPageFactory(parent=agenda, title="Forum des métiers", kind="forum", level="4e-3e")
    talk = EventPageFactory(parent=agenda, title="Conférence santé", kind="conference", level="4e")
    SessionFactory(page=workshop, starts_at=soon, capacity=1)
    SessionFactory(page=forum, starts_at=soon + datetime.timedelta(days=1))
    SessionFactory(page=talk, starts_at=timezone.now() - datetime.timedelta(days=30))
    sign_up(workshop.sessions.get(), ConsentedPupilFactory(school_class__level="3e"))

    page = client.get(agenda.url).content.decode()
    assert "Atelier code" in page and "Forum des métiers" in page and "Conférence santé" not in page
    assert "Complet" in page

    filtered = client.get(agenda.url, {"kind": "forum"}).content.decode()
    assert "Forum des métiers" in filtered and "Atelier code" not in filtered
    # Counts as if the kind filter were not chosen: the atelier option still shows its one session.
    assert '<option value="atelier">Atelier (1)</option>' in filtered

    places = client.get(agenda.url, {"places": "1"}).content.decode()
    assert "Forum des métiers" in places and "Atelier code" not in places

    level4 = client.get(agenda.url, {"level": "4e"}).content.decode()
    assert "Forum des métiers" in level4 and "Atelier code" not in level4

    bad = client.get(agenda.url, {"kind": "piscine"})
    assert bad.status_code == 200
    assert "ne connaît pas la valeur « piscine »" in bad.content.decode()

    archive = client.get(agenda.url, {"archive": "1"}).content.decode()
    assert "Conférence santé" in archive and "Atelier code" not in archive


def test_event_page_shows_one_button_and_hides_the_online_link_until_signed_up(client, agenda):
    event = EventPageFactory(parent=agenda, title="Le numérique en ligne")
    session = SessionFactory(page=event, place_kind="online", online_link="https://visio.example.org/salle-42")
    anonymous = client.get(event.url).content.decode()
    assert "visio.example.org" not in anonymous
    assert "Connecte-toi pour t'inscrire" in anonymous

    pupil = ConsentedPupilFactory()
    client.force_login(pupil)
    before = client.get(event.url).content.decode()
    assert "Je m&#x27;inscris" in before or "Je m'inscris" in before
    assert "visio.example.org" not in before
    sign_up(session, pupil)
    after = client.get(event.url)
    assert "https://visio.example.org/salle-42" in after.content.decode()
    assert "Annuler mon inscription" in after.content.decode()
    assert "no-store" in after["Cache-Control"]


def test_metier_sheet_lists_upcoming_sessions_about_it(client, agenda, imported):
    metier = MetierPage.objects.get(rome_code="D1102")
    event = EventPageFactory(parent=agenda, title="Mains à la pâte")
    EventMetier.objects.create(page=event, metier=metier)
    SessionFactory(page=event)
    SessionFactory(page=EventPageFactory(parent=agenda, title="Sans rapport"))
    page = client.get(metier.url).content.decode()
    assert "Rencontrer ce métier : prochains ateliers" in page
    assert "Mains à la pâte" in page and "Sans rapport" not in page


def test_agenda_feed_parses_back_and_holds_no_personal_data(client, agenda):
    event = EventPageFactory(parent=agenda, title="Forum des métiers du 93")
    session = SessionFactory(page=event, place_kind="online", online_link="https://visio.example.org/secret")
    pupil = ConsentedPupilFactory(first_name="Inès")
    sign_up(session, pupil)
    response = client.get(reverse("ateliers:agenda_feed", args=[agenda.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert [str(e["SUMMARY"]) for e in events] == ["Forum des métiers du 93"]
    assert events[0].decoded("DTSTART") == session.starts_at.replace(microsecond=0)
    assert b"secret" not in response.content and "Inès".encode() not in response.content


def test_personal_feed_is_secret_revocable_and_lists_only_my_seats(client, agenda):
    pupil = ConsentedPupilFactory()
    mine = SessionFactory(
        page=EventPageFactory(parent=agenda, title="Mon atelier"), online_link="https://v.example.org/a"
    )
    SessionFactory(page=EventPageFactory(parent=agenda, title="Pas le mien"))
    sign_up(mine, pupil)
    client.force_login(pupil)
    page = client.get(reverse("ateliers:my_feed")).content.decode()
    token = CalendarFeed.objects.get(user=pupil).token
    assert token in page
    client.logout()

    response = client.get(reverse("ateliers:personal_feed", args=[token]))
    summaries = [str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(response.content).walk("VEVENT")]
    assert summaries == ["Mon atelier"]
    assert "https://v.example.org/a" in icalendar.Calendar.from_ical(response.content).walk("VEVENT")[0]["DESCRIPTION"]

    client.force_login(pupil)
    client.post(reverse("ateliers:my_feed"))
    client.logout()
    assert client.get(reverse("ateliers:personal_feed", args=[token])).status_code == 404


def test_staff_create_the_agenda_page_through_the_admin(staff_client, home_page):
    data = nested_form_data(
        {
            "title": "Agenda",
            "introduction": "Les ateliers de l'année.",
            **promote_data("agenda"),
            "action-publish": "publish",
        }
    )
    response = staff_client.post(add_url(AgendaIndexPage, home_page), data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    assert AgendaIndexPage.objects.get(slug="agenda").live


def test_staff_list_and_export_sessions_sign_ups_and_feedback_in_the_admin(staff_client, agenda):
    session = SessionFactory(page=EventPageFactory(parent=agenda, title="Forum des métiers"))
    sign_up(session, ConsentedPupilFactory(first_name="Zéphyrine"))
    assert "Forum des métiers" in staff_client.get("/admin/ateliers_sessions/").content.decode()
    signups = staff_client.get("/admin/ateliers_signups/")
    assert "Zéphyrine" in signups.content.decode()
    export = staff_client.get("/admin/ateliers_signups/?export=csv")
    assert export.status_code == 200 and "Zéphyrine" in export.getvalue().decode()
    assert staff_client.get("/admin/ateliers_feedback/").status_code == 200
