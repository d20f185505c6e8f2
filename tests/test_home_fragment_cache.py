"""The métier sheet is kept in the cache until the content changes (`{% content_cache %}`): what staff
publish, the workshops and stage places added show at once; a preview shows the unsaved text and never
reaches visitors."""

import pytest

from ateliers.factories import AgendaIndexPageFactory, EventPageFactory, SessionFactory
from ateliers.models import EventMetier
from home.models import SiteSettings
from metiers.factories import MetierPageFactory, MetierRelationFactory, MetiersIndexPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sheet(home_page):
    SiteSettings.load()
    index = MetiersIndexPageFactory(parent=home_page)
    sheet = MetierPageFactory(parent=index, title="Boulanger", slug="boulanger")
    neighbour = MetierPageFactory(parent=index, title="Pâtissier", slug="patissier")
    MetierRelationFactory(page=sheet, target=neighbour)
    return sheet


def test_a_publication_shows_at_once_on_the_sheet(client, sheet):
    assert "Pâtissier" in client.get(sheet.url).text
    neighbour = sheet.related_links.first().target.specific
    neighbour.title = "Pâtissière, pâtissier"
    neighbour.save_revision().publish()
    assert "Pâtissière, pâtissier" in client.get(sheet.url).text


def test_a_new_workshop_about_the_sheet_shows_at_once(client, sheet, home_page):
    assert "prochains ateliers" not in client.get(sheet.url).text
    workshop = EventPageFactory(parent=AgendaIndexPageFactory(parent=home_page), title="Une matinée au fournil")
    EventMetier.objects.create(page=workshop, metier=sheet)
    SessionFactory(page=workshop)
    assert "Une matinée au fournil" in client.get(sheet.url).text


def test_a_preview_shows_the_unsaved_text_and_visitors_keep_the_published_one(client, sheet):
    assert "Boulanger" in client.get(sheet.url).text
    sheet.introduction = "Texte pas encore publié."
    assert "Texte pas encore publié." in sheet.make_preview_request().content.decode()
    assert "Texte pas encore publié." not in client.get(sheet.url).text
