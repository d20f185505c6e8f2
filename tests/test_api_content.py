"""The JSON API's content endpoints answer what the HTML pages show: the catalogue's facets, counts and
pagination, a sheet's fields, guidance articles, search with typos, autocomplete, the agenda, languages."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from ateliers.factories import AgendaIndexPageFactory, EventPageFactory, SessionFactory
from metiers.factories import MetierPageFactory
from metiers.models import MetierPage
from orientation.factories import GuidanceArticlePageFactory, GuidanceIndexPageFactory

pytestmark = pytest.mark.django_db

API = "/api/v3"


def html_facets(listing):
    return {
        facet.param: {str(option.value): option.count for option in facet.visible_options}
        for facet in listing.ordered_facets
    }


def api_facets(data):
    return {facet["param"]: {o["value"]: o["count"] for o in facet["options"]} for facet in data["facets"]}


@pytest.mark.parametrize(
    "params",
    [{}, {"domaine": "D"}, {"niveau": "3"}, {"domaine": "D", "niveau": "3"}, {"domaine": "Z"}],
)
def test_sheet_list_has_the_html_listings_items_facets_and_counts(client, imported, metiers_index, params):
    html = client.get(metiers_index.url, params).context["listing"]
    data = client.get(f"{API}/metiers/", params).json()
    assert [item["title"] for item in data["items"]] == [sheet.title for sheet in html.page_obj.object_list]
    assert data["count"] == html.page_obj.paginator.count
    assert api_facets(data) == html_facets(html)
    assert data["warnings"] == [str(error) for error in html.errors]


def test_sheet_list_filters_by_rome_code_and_pages_with_a_stable_order(client, imported):
    assert [item["rome_code"] for item in client.get(f"{API}/metiers/", {"rome": "D11"}).json()["items"]] == [
        "D1101",
        "D1102",
        "D1104",
    ]
    every = [item["id"] for item in client.get(f"{API}/metiers/", {"page_size": 50}).json()["items"]]
    paged = []
    for page in (1, 2, 3):
        data = client.get(f"{API}/metiers/", {"page_size": 2, "page": page}).json()
        assert (data["page"], data["pages"], data["page_size"], data["count"]) == (page, 3, 2, len(every))
        paged += [item["id"] for item in data["items"]]
    assert paged == every


def test_sheet_list_stays_within_a_fixed_number_of_queries(client, imported, metiers_index):
    def queries(page_size):
        client.get(f"{API}/metiers/", {"page_size": page_size})  # warms the caches (locales, site roots)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"{API}/metiers/", {"page_size": page_size}).status_code == 200
        return len(captured)

    small = queries(1)
    for n in range(6):
        MetierPageFactory(parent=metiers_index, title=f"Métier {n}", rome_code=f"N10{n:02d}")
    assert queries(20) == small


def test_a_sheet_has_its_fields_other_names_related_sheets_and_onisep_credits(client, imported):
    sheet = MetierPage.objects.get(rome_code="D1102")
    data = client.get(f"{API}/metiers/d1102/").json()
    assert data["title"] == sheet.title
    assert data["alternative_names"] == sheet.alternative_names_list
    assert [item["rome_code"] for item in data["related"]] == [other.rome_code for other in sheet.related_sheets]
    assert data["grand_domaine"]["value"] == "D"
    assert data["url"].endswith(sheet.url)
    if sheet.onisep_primary:
        assert data["onisep"]["url"] == sheet.onisep_primary["url"]
    assert client.get(f"{API}/metiers/A9999/").json()["code"] == "not_found"


def test_labels_follow_the_language_asked_and_french_pages_stand_in(client, imported):
    french = client.get(f"{API}/metiers/", {"lang": "fr"}).json()
    arabic = client.get(f"{API}/metiers/", {"lang": "ar"}).json()
    assert [item["id"] for item in arabic["items"]] == [item["id"] for item in french["items"]]
    assert french["facets"][0]["label"] == "Centre d'intérêt"
    assert client.get(f"{API}/metiers/", {"lang": "de"}).status_code == 422


@pytest.fixture
def guidance(home_page):
    index = GuidanceIndexPageFactory(parent=home_page)
    return {
        "pupils": GuidanceArticlePageFactory(parent=index, title="Après la 3e", audience="pupils", topic="after-3e"),
        "parents": GuidanceArticlePageFactory(
            parent=index, title="Aider son enfant", audience="parents", topic="stage"
        ),
    }


def test_articles_filter_by_audience_and_topic_with_counts(client, guidance):
    data = client.get(f"{API}/articles/", {"audience": "parents"}).json()
    assert [item["title"] for item in data["items"]] == ["Aider son enfant"]
    counts = api_facets(data)
    assert counts["audience"] == {"pupils": 1, "parents": 1}
    assert counts["topic"] == {"stage": 1}
    unknown = client.get(f"{API}/articles/", {"audience": "martiens"}).json()
    assert unknown["count"] == 2 and "martiens" in unknown["warnings"][0]
    detail = client.get(f"{API}/articles/{guidance['pupils'].pk}/").json()
    assert detail["audience"] == {"value": "pupils", "label": "Élèves"}
    assert "body_html" in detail


def test_search_finds_a_sheet_despite_a_typo_and_suggests_as_you_type(client, imported):
    data = client.get(f"{API}/recherche/", {"q": "boulangre"}).json()
    assert data["items"][0]["title"] == MetierPage.objects.get(rome_code="D1102").title
    assert {facet["param"] for facet in data["facets"]} == {"type", "domaine", "niveau"}
    suggestions = client.get(f"{API}/recherche/suggestions/", {"q": "boul"}).json()
    assert suggestions[0]["title"] == MetierPage.objects.get(rome_code="D1102").title
    assert suggestions[0]["url"].startswith("http")
    assert client.get(f"{API}/recherche/suggestions/", {"q": "b"}).json() == []


def test_agenda_lists_upcoming_public_sessions_with_seats_left(client, home_page):
    agenda = AgendaIndexPageFactory(parent=home_page)
    event = EventPageFactory(parent=agenda, title="Mains à la pâte")
    soon = SessionFactory(page=event, capacity=3)
    full = SessionFactory(page=event, capacity=2, starts_at=timezone.now() + datetime.timedelta(days=20))
    type(full).objects.filter(pk=full.pk).update(seats_taken=2)
    SessionFactory(page=event, starts_at=timezone.now() - datetime.timedelta(days=2))  # past
    data = client.get(f"{API}/agenda/").json()
    assert [(item["id"], item["seats_left"]) for item in data["items"]] == [(soon.pk, 3), (full.pk, 0)]
    with_places = client.get(f"{API}/agenda/", {"places": "1"}).json()
    assert [item["id"] for item in with_places["items"]] == [soon.pk]
    assert "online_link" not in data["items"][0]
