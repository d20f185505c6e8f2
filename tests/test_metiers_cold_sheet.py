"""A sheet seen for the first time (issue 27): its domains, sectors, interests, related sheets and specialities
come from one table of all sheets kept for the content generation (metiers/facts.py), its breadcrumbs and
link to the catalogue from its parent's copy; and nothing is stale after a publication."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from home.models import SiteSettings
from metiers.factories import (
    AppellationFactory,
    CentreInteretFactory,
    DomaineProfessionnelFactory,
    MetierPageFactory,
    MetierRelationFactory,
    MetiersIndexPageFactory,
    SecteurFactory,
)
from metiers.models import MetierPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home_page):
    SiteSettings.load()
    return MetiersIndexPageFactory(parent=home_page)


def sheet_with(index, n, count=5):
    sheet = MetierPageFactory(
        parent=index,
        slug=f"fiche-{n}",
        interests=[CentreInteretFactory(name=f"Intérêt {n}-{i}") for i in range(count)],
        domaine_professionnel=DomaineProfessionnelFactory(name=f"Domaine pro {n}"),
    )
    sheet.sectors.set([SecteurFactory(name=f"Secteur {n}-{i}") for i in range(count)])
    sheet.save()
    for i in range(count):
        AppellationFactory(page=sheet, fiche_code="Z9999", is_main_title=True, label=f"Spécialité {n}-{i}")
        MetierRelationFactory(page=sheet, target=MetierPageFactory(parent=index, slug=f"voisin-{n}-{i}"))
    return sheet


def first_visit(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(captured.captured_queries)


def test_a_sheet_seen_for_the_first_time_shows_what_other_rows_say_in_two_queries(client, index):
    first, second = sheet_with(index, "a"), sheet_with(index, "b")
    client.get(first.url)  # the header, the footer, the glossary and the table of all sheets

    html, queries = first_visit(client, second.url)

    # Finding the page by its address, then reading it: nothing for its classifications, related sheets,
    # specialities, breadcrumbs, language links or link to the catalogue.
    assert queries == 2
    for i in range(5):
        assert f"Secteur b-{i}" in html
        assert f"Intérêt b-{i}" in html
        assert f"<li>Spécialité b-{i}</li>" in html
        neighbour = MetierPage.objects.get(slug=f"voisin-b-{i}")
        assert f'<a href="{neighbour.url}">{neighbour.title}</a>' in html
    assert "Domaine pro b" in html
    assert "Secteur a-0" not in html
    assert f'href="{index.url}?domaine=D"' in html


def test_a_related_sheet_renamed_shows_its_new_title_at_once(client, index):
    sheet = sheet_with(index, "a", count=1)
    client.get(sheet.url)
    neighbour = MetierPage.objects.get(slug="voisin-a-0")
    neighbour.title = "Fournier / Fournière"
    neighbour.save_revision().publish()

    assert '<a href="/fr/metiers/voisin-a-0/">Fournier / Fournière</a>' in client.get(sheet.url).content.decode()


def test_a_related_sheet_added_or_unpublished_shows_at_once(client, index):
    sheet = sheet_with(index, "a", count=1)
    client.get(sheet.url)
    added = MetierPageFactory(parent=index, slug="ajoutee", title="Pâtissier / Pâtissière")
    sheet = MetierPage.objects.get(pk=sheet.pk)
    sheet.related_links.add(MetierRelationFactory.build(page=sheet, target=added))
    sheet.save_revision().publish()

    html = client.get(sheet.url).content.decode()
    assert "Pâtissier / Pâtissière" in html

    MetierPage.objects.get(slug="voisin-a-0").unpublish()
    html = client.get(sheet.url).content.decode()
    assert "Pâtissier / Pâtissière" in html
    assert "/fr/metiers/voisin-a-0/" not in html
