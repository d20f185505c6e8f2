"""The number of SQL queries of a page does not grow with what it shows: a sheet with 50 names, interests,
sectors and related sheets costs what it costs with one; the same for the listing with 50 sheets, an article
with 50 blocks, the home page with 50 featured cards and a workshop with 50 sessions. (bench/render.py prints
the counts themselves.)"""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from ateliers.factories import AgendaIndexPageFactory, EventPageFactory, SessionFactory
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

pytestmark = pytest.mark.django_db


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
