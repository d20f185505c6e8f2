"""The logged-in pages cost the same number of SQL queries whatever a school year holds: « Mon espace » of
each role, the class pages, the stages console and one request's ranked places, the host's page, the
collège's stage weeks, the agenda, a workshop and the API's `/moi/`, measured, then measured again after
`demo.growth.grow` added collèges, classes, pupils, parents, sessions, sign-ups, places, requests and followed
CVs — for everybody, and for the very people who look (the teacher gets classes, the parent a child, the
pupil sign-ups, the host places, the volunteer CVs). A page that reads one row more per class, pupil,
session, place or request fails here. (bench/render.py prints the counts at each size: docs/performance.md.)
"""

import datetime

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from accompagnement.factories import AssignmentFactory, DocumentFactory
from accompagnement.models import HelpSettings
from accounts.factories import SchoolClassFactory
from accounts.roles import Role
from ateliers.factories import AgendaIndexPageFactory, EventPageFactory, SessionFactory, SignUpFactory
from demo.growth import SIZES, grow
from home.models import SiteSettings
from metiers.models import MetierPage
from stages.factories import (
    HostOrganisationFactory,
    PlaceFactory,
    PlaceWeekFactory,
    StageRequestFactory,
    StageWeekFactory,
    WishFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(imported, home_page, staff, teacher, consented_pupil, parent, professional, volunteer):
    """One of everything, as on a small running site."""
    SiteSettings.load()
    HelpSettings.load()
    school_class = SchoolClassFactory()
    school_class.teachers.add(teacher)
    consented_pupil.school_class = school_class
    consented_pupil.save()
    parent.children.add(consented_pupil)
    sheets = list(MetierPage.objects.order_by("pk")[:2])
    agenda = AgendaIndexPageFactory(parent=home_page)
    event = EventPageFactory(parent=agenda, title="Les métiers du pain")
    session = SessionFactory(page=event, starts_at=timezone.now() + datetime.timedelta(days=5))
    SignUpFactory(session=session, pupil=consented_pupil)
    host = HostOrganisationFactory(members=[professional])
    place = PlaceFactory(host=host, sheet_list=sheets)
    week = StageWeekFactory(school=school_class.school)
    PlaceWeekFactory(place=place, starts_on=week.starts_on)
    request = StageRequestFactory(pupil=consented_pupil, week=week)
    WishFactory(request=request, rank=1, sheet=sheets[0])
    AssignmentFactory(document=DocumentFactory(pupil=consented_pupil), volunteer=volunteer)
    users = {
        Role.STAFF: staff,
        Role.TEACHER: teacher,
        Role.PUPIL: consented_pupil,
        Role.PARENT: parent,
        Role.PROFESSIONAL: professional,
        Role.VOLUNTEER: volunteer,
    }
    dashboard = reverse("accounts:dashboard")
    pages = {
        Role.STAFF: [
            dashboard,
            reverse("stages:console"),
            reverse("stages:console_request", args=[request.pk]),
            agenda.url,
            event.url,
        ],
        Role.TEACHER: [
            dashboard,
            reverse("accounts:class_list"),
            reverse("accounts:class_detail", args=[school_class.pk]),
            reverse("stages:weeks"),
        ],
        Role.PUPIL: [
            dashboard,
            reverse("stages:request_detail", args=[request.pk]),
            agenda.url,
            event.url,
            "/api/v3/moi/ateliers/",
            "/api/v3/moi/stages/",
        ],
        Role.PARENT: [dashboard],
        Role.PROFESSIONAL: [dashboard, reverse("stages:host")],
        Role.VOLUNTEER: [dashboard, reverse("accompagnement:volunteer")],
    }
    return users, pages


def queries(client, url):
    client.get(url)  # fills the caches of the header, footer and routing
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


@pytest.mark.parametrize("role", [Role.STAFF, Role.TEACHER, Role.PUPIL, Role.PARENT, Role.PROFESSIONAL, Role.VOLUNTEER])
def test_logged_in_pages_cost_the_same_queries_as_the_year_grows(world, role):
    users, pages = world
    client = Client()
    client.force_login(users[role])
    before = {url: queries(client, url) for url in pages[role]}

    grow(SIZES["tiny"], seed=1, around=users, log=lambda _line: None)
    grow(SIZES["tiny"], seed=2, around=users, log=lambda _line: None)

    after = {url: queries(client, url) for url in pages[role]}
    assert after == before
