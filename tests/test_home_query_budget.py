"""The number of SQL queries of a page does not grow with what it shows: a sheet with 50 names, interests,
sectors and related sheets costs what it costs with one; the same for the listing with 50 sheets, an article
with 50 blocks, the home page with 50 featured cards and a workshop with 50 sessions. (bench/render.py prints
the counts themselves.)

And every page stays within the issue's budget once warm: 12 queries for an anonymous visitor, 15 for a
logged-in person (staff reading procedures, a pupil's « Mon espace » with sections from several apps)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from accompagnement.factories import AssignmentFactory, DocumentFactory, VersionFactory, VolunteerFactory
from accounts.factories import ConsentedPupilFactory, SchoolClassFactory, StaffFactory
from accounts.roles import Role
from ateliers.factories import AgendaIndexPageFactory, EventPageFactory, SessionFactory, SignUpFactory
from home.models import HomePageFeatured, SiteSettings
from metiers.factories import (
    AppellationFactory,
    CentreInteretFactory,
    MetierPageFactory,
    MetierRelationFactory,
    MetiersIndexPageFactory,
    SecteurFactory,
)
from orientation.factories import GuidanceArticlePageFactory, GuidanceIndexPageFactory
from procedures.factories import (
    ProcedureAttachmentFactory,
    ProcedurePageFactory,
    ProceduresIndexPageFactory,
    ProcedureStepFactory,
)

pytestmark = pytest.mark.django_db

ANONYMOUS_BUDGET, LOGGED_IN_BUDGET = 12, 15


@pytest.fixture(autouse=True)
def site_settings(db):
    SiteSettings.load()


def warm_queries(client, url):
    """Queries of the second anonymous request (the first fills the caches of the header and footer)."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def sheet_with(index, count, n):
    sheet = MetierPageFactory(parent=index, slug=f"fiche-{n}", interests=CentreInteretFactory.create_batch(count))
    sheet.sectors.set(SecteurFactory.create_batch(count))
    sheet.save()
    for i in range(count):
        AppellationFactory(page=sheet, label=f"Nom {n}-{i}")
        MetierRelationFactory(page=sheet, target=MetierPageFactory(parent=index, slug=f"voisin-{n}-{i}"))
    return sheet


def test_a_sheet_costs_the_same_with_1_or_50_related_items(client, home_page):
    index = MetiersIndexPageFactory(parent=home_page)
    small, large = sheet_with(index, 1, "a"), sheet_with(index, 50, "b")
    assert warm_queries(client, large.url) == warm_queries(client, small.url)


def test_the_listing_costs_the_same_with_1_or_50_sheets(client, home_page):
    small = MetiersIndexPageFactory(parent=home_page, slug="petit")
    large = MetiersIndexPageFactory(parent=home_page, slug="grand")
    interest = CentreInteretFactory()
    MetierPageFactory(parent=small, interests=[interest])
    for _ in range(50):
        MetierPageFactory(parent=large, interests=[interest])
    assert warm_queries(client, large.url) == warm_queries(client, small.url)


def test_an_article_costs_the_same_with_1_or_50_blocks(client, home_page):
    index = GuidanceIndexPageFactory(parent=home_page)
    paragraph = {"type": "paragraph", "value": "<p>Un stage, ça se prépare.</p>"}
    small = GuidanceArticlePageFactory(parent=index, body=[paragraph])
    large = GuidanceArticlePageFactory(parent=index, body=[paragraph] * 50)
    assert warm_queries(client, large.url) == warm_queries(client, small.url)


def test_the_home_page_costs_the_same_with_1_or_50_featured_pages(client, home_page):
    index = GuidanceIndexPageFactory(parent=home_page)
    articles = [GuidanceArticlePageFactory(parent=index) for _ in range(50)]
    HomePageFeatured.objects.create(page=home_page, featured_page=articles[0])
    small = warm_queries(client, home_page.url)
    for article in articles[1:]:
        HomePageFeatured.objects.create(page=home_page, featured_page=article)
    assert warm_queries(client, home_page.url) == small


def test_a_workshop_and_the_agenda_cost_the_same_with_1_or_50_sessions(client, home_page):
    agenda = AgendaIndexPageFactory(parent=home_page)
    small, large = EventPageFactory(parent=agenda, slug="petit"), EventPageFactory(parent=agenda, slug="grand")
    SessionFactory(page=small)
    SessionFactory.create_batch(50, page=large)
    assert warm_queries(client, large.url) == warm_queries(client, small.url)


def test_public_pages_stay_within_the_anonymous_budget(client, home_page):
    metiers = MetiersIndexPageFactory(parent=home_page)
    sheet = sheet_with(metiers, 50, "c")
    agenda = AgendaIndexPageFactory(parent=home_page)
    workshop = EventPageFactory(parent=agenda)
    SessionFactory.create_batch(50, page=workshop)
    guidance = GuidanceIndexPageFactory(parent=home_page)
    article = GuidanceArticlePageFactory(parent=guidance)
    pages = [home_page, metiers, sheet, agenda, workshop, guidance, article]
    counts = {page.url: warm_queries(client, page.url) for page in pages}
    assert max(counts.values()) <= ANONYMOUS_BUDGET, counts


def procedures_index(home_page, slug, count):
    index = ProceduresIndexPageFactory(parent=home_page, slug=slug)
    procedures = [
        ProcedurePageFactory(parent=index, slug=f"{slug}-{n}", audience=[Role.VOLUNTEER, Role.TEACHER])
        for n in range(count)
    ]
    for procedure in procedures:
        ProcedureStepFactory.create_batch(count, page=procedure)
        ProcedureAttachmentFactory.create_batch(count, page=procedure)
    return index, procedures[0]


def test_staff_read_procedures_within_the_logged_in_budget_whatever_their_number(client, home_page):
    small_index, small = procedures_index(home_page, "peu", 1)
    large_index, large = procedures_index(home_page, "beaucoup", 10)
    client.force_login(StaffFactory())
    counts = {page.url: warm_queries(client, page.url) for page in (small_index, large_index, small, large)}
    assert counts[large_index.url] == counts[small_index.url], counts
    assert counts[large.url] == counts[small.url], counts
    assert max(counts.values()) <= LOGGED_IN_BUDGET, counts


def test_my_space_of_a_pupil_stays_within_the_logged_in_budget_whatever_their_sign_ups(client, home_page):
    MetiersIndexPageFactory(parent=home_page)
    GuidanceIndexPageFactory(parent=home_page)
    school_class = SchoolClassFactory()
    few, many = ConsentedPupilFactory(school_class=school_class), ConsentedPupilFactory(school_class=school_class)
    workshop = EventPageFactory(parent=AgendaIndexPageFactory(parent=home_page))
    SignUpFactory(pupil=few, session=SessionFactory(page=workshop))
    for session in SessionFactory.create_batch(20, page=workshop):
        SignUpFactory(pupil=many, session=session)
    counts = []
    for pupil in (few, many):
        client.force_login(pupil)
        counts.append(warm_queries(client, reverse("accounts:dashboard")))
    assert counts[0] == counts[1]
    assert counts[1] <= LOGGED_IN_BUDGET, counts


def test_the_volunteers_space_costs_the_same_with_1_or_10_documents_followed(client):
    few, many = VolunteerFactory(), VolunteerFactory()
    for volunteer, count in ((few, 1), (many, 10)):
        for _ in range(count):
            document = DocumentFactory(pupil=ConsentedPupilFactory())
            VersionFactory(document=document, number=1)
            AssignmentFactory(document=document, volunteer=volunteer)
    counts = []
    for volunteer in (few, many):
        client.force_login(volunteer)
        counts.append(warm_queries(client, reverse("accompagnement:volunteer")))
    assert counts[0] == counts[1]
    assert counts[1] <= LOGGED_IN_BUDGET, counts
