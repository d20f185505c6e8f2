"""The anonymous counts of searches that found results and of results opened from them (search.clicks), the
staff report « Recherches peu cliquées » with its CSV export, and the purge of both logs."""

import datetime
import re

from django.core.management import call_command
from django.test import Client
from django.urls import reverse

import pytest

from accounts.factories import PupilFactory
from search.models import AnsweredSearch, UnansweredSearch, week_of

pytestmark = pytest.mark.django_db

URL = reverse("search:search")
BEACON = reverse("search:beacon")
REPORT = reverse("search_few_clicks")
TOKEN = re.compile(r'data-search-token="([^"]+)"')


def token_of(response):
    found = TOKEN.search(response.content.decode())
    return found and found.group(1).replace("&#x27;", "'").replace("&quot;", '"').replace("&amp;", "&")


def test_a_search_with_results_and_a_result_opened_are_counted_without_the_visitor(client, imported):
    pupil = PupilFactory()
    client.force_login(pupil)
    token = token_of(client.get(URL, {"q": "Boulanger"}))
    assert token

    for event in ("search", "open", "search"):
        response = client.post(BEACON, {"t": token, "e": event}, REMOTE_ADDR="203.0.113.7")
        assert response.status_code == 204

    row = AnsweredSearch.objects.get()
    assert (row.query, row.week, row.searches, row.opens) == ("boulanger", week_of(datetime.date.today()), 2, 1)
    assert {field.name for field in AnsweredSearch._meta.get_fields()} == {"id", "query", "week", "searches", "opens"}
    stored = " ".join(str(value) for value in AnsweredSearch.objects.values_list())
    assert "203.0.113.7" not in stored and str(pupil.pk) not in stored.split()


def test_counting_works_with_the_page_cache_on(imported, settings):
    settings.PAGE_CACHE = {"ENABLED": True, "TIMEOUT": 300}
    browser = Client(enforce_csrf_checks=True)  # a real browser: the beacon needs no CSRF token
    pages = [browser.get(URL, {"q": "boulanger"}) for _ in range(3)]
    assert pages[-1].get("X-Page-Cache") == "hit"  # served without running the view
    assert len({token_of(page) for page in pages}) == 1

    for page in pages:
        assert browser.post(BEACON, {"t": token_of(page), "e": "search"}).status_code == 204
    browser.post(BEACON, {"t": token_of(pages[0]), "e": "open"})

    row = AnsweredSearch.objects.get()
    assert (row.searches, row.opens) == (3, 1)
    assert not browser.cookies  # no session, nothing that follows the visitor


def test_a_search_that_finds_nothing_carries_no_token(client, imported):
    assert token_of(client.get(URL, {"q": "zorglubeur"})) is None
    assert UnansweredSearch.objects.get().count == 1
    assert not AnsweredSearch.objects.exists()


@pytest.mark.parametrize(
    "query",
    [
        "boulanger jean.dupont@exemple.fr",
        "boulanger 0612345678",
        "boulanger www.exemple.fr",
        "un deux trois quatre cinq six sept huit neuf boulanger",
    ],
)
def test_queries_that_may_hold_personal_data_get_no_token(client, imported, query):
    assert token_of(client.get(URL, {"q": query})) is None


def test_an_email_address_that_finds_nothing_is_not_logged_either(client, imported):
    client.get(URL, {"q": "zorglub@kwyjqx"})
    assert not UnansweredSearch.objects.exists()


@pytest.mark.parametrize("token", ["boulanger", "boulanger:faux", "a" * 300, "jean@exemple.fr:x", ""])
def test_a_forged_or_missing_token_counts_nothing(client, token):
    assert client.post(BEACON, {"t": token, "e": "search"}).status_code == 204
    assert not AnsweredSearch.objects.exists()


def test_the_beacon_only_takes_a_post_with_a_known_event(client, imported):
    token = token_of(client.get(URL, {"q": "boulanger"}))
    assert client.get(BEACON, {"t": token, "e": "search"}).status_code == 405
    client.post(BEACON, {"t": token, "e": "autre"})
    assert not AnsweredSearch.objects.exists()


def test_staff_see_the_seldom_clicked_searches_per_week_and_pupils_do_not(client, staff_client, settings):
    settings.SEARCH_FEW_CLICKS_PERCENT = 20
    settings.SEARCH_FEW_CLICKS_MIN_SEARCHES = 3
    assert "Aucune recherche peu cliquée" in staff_client.get(REPORT).content.decode()
    week = datetime.date(2026, 11, 23)
    AnsweredSearch.objects.create(query="metier animaux", week=week, searches=10, opens=1)
    AnsweredSearch.objects.create(query="boulanger", week=week, searches=10, opens=6)  # often clicked
    AnsweredSearch.objects.create(query="rare", week=week, searches=2, opens=0)  # too few searches to judge

    html = staff_client.get(REPORT).content.decode()
    assert "metier animaux" in html and "Semaine du 23 novembre 2026" in html
    assert "boulanger" not in html and ">rare<" not in html

    export = staff_client.get(REPORT, {"export": "csv"})
    csv = b"".join(export.streaming_content if export.streaming else [export.content]).decode()
    assert "metier animaux" in csv and "10" in csv and "boulanger" not in csv

    client.force_login(PupilFactory())
    response = client.get(REPORT)
    assert response.status_code in (302, 403)
    assert "metier animaux" not in response.content.decode()


def test_the_purge_deletes_old_weeks_of_both_logs(settings):
    settings.SEARCH_UNANSWERED_MONTHS = 3
    today = datetime.date.today()
    old, recent = week_of(today - datetime.timedelta(days=120)), week_of(today - datetime.timedelta(days=30))
    for week, query in ((old, "ancienne"), (recent, "récente")):
        AnsweredSearch.objects.create(query=query, week=week, searches=3)
        UnansweredSearch.objects.create(query=query, week=week, count=1)

    call_command("purge_unanswered_searches")

    assert list(AnsweredSearch.objects.values_list("query", flat=True)) == ["récente"]
    assert list(UnansweredSearch.objects.values_list("query", flat=True)) == ["récente"]


def test_the_demo_fills_both_reports_and_can_be_loaded_twice(staff_client, home_page):
    from demo import search_words

    class Command:
        stdout = type("Out", (), {"write": staticmethod(lambda text: None)})()

    for _ in range(2):
        search_words.load(Command(), home_page)
    assert UnansweredSearch.objects.count() == 3 and AnsweredSearch.objects.count() == 3
    assert "travailler dehors" in staff_client.get(REPORT).content.decode()
