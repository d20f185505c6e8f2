"""The anonymous log of searches without results: what is stored (the query and a weekly count, nothing about
the visitor), what is never stored (e-mails, phone numbers), the staff report, the purge; and the page a
pupil sees when nothing matches is never empty."""

import datetime

from django.core.management import call_command
from django.urls import reverse

import pytest

from accounts.factories import PupilFactory
from search.models import UnansweredSearch, week_of

pytestmark = pytest.mark.django_db

URL = reverse("search:search")
REPORT = reverse("search_unanswered")


def test_a_query_that_finds_nothing_is_counted_per_week_without_the_visitor(client, imported):
    pupil = PupilFactory()
    client.force_login(pupil)
    client.get(URL, {"q": "Zorglubeur"}, REMOTE_ADDR="203.0.113.7")
    client.get(URL, {"q": "zorglubeur"})
    client.get(URL, {"q": "zorglubeur", "page": "2"})  # another page of the same search: not counted again

    row = UnansweredSearch.objects.get()
    assert (row.query, row.count, row.week) == ("zorglubeur", 2, week_of(datetime.date.today()))
    assert {field.name for field in UnansweredSearch._meta.get_fields()} == {"id", "query", "week", "count"}
    stored = " ".join(str(value) for value in UnansweredSearch.objects.values_list())
    assert "203.0.113.7" not in stored and str(pupil.pk) not in stored.split()


def test_each_anonymous_search_that_finds_nothing_is_counted_with_the_page_cache_on(client, imported, settings):
    settings.PAGE_CACHE = {"ENABLED": True, "TIMEOUT": 300}
    for _ in range(3):
        client.get(URL, {"q": "zorglubeur"})

    assert UnansweredSearch.objects.get().count == 3
    found = client.get(URL, {"q": "boulanger"}), client.get(URL, {"q": "boulanger"})
    assert [response.get("X-Page-Cache") for response in found] == ["miss", "hit"]


def test_a_query_with_results_is_not_recorded(client, imported):
    client.get(URL, {"q": "boulanger"})
    assert not UnansweredSearch.objects.exists()


@pytest.mark.parametrize(
    "query",
    ["jean.dupont@exemple.fr", "06 12 34 56 78", "0612345678", "www.exemple.fr zorglub", "https zorglub"],
)
def test_queries_that_may_hold_personal_data_are_never_recorded(client, imported, query):
    client.get(URL, {"q": query})
    assert not UnansweredSearch.objects.exists()


def test_the_page_is_never_empty(client, imported, metiers_index):
    response = client.get(URL, {"q": "zorglubeur"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Demander à l'association" in html
    assert "Les fiches les plus proches" in html or "Chercher par centre d'intérêt" in html
    assert f'href="{metiers_index.url}' in html


def test_staff_see_the_counts_per_week_and_pupils_do_not(client, staff_client):
    UnansweredSearch.objects.create(query="keuf", week=datetime.date(2026, 11, 23), count=4)
    UnansweredSearch.objects.create(query="streamer", week=datetime.date(2026, 11, 16), count=2)

    html = staff_client.get(REPORT).content.decode()
    assert "keuf" in html and "streamer" in html
    assert "Semaine du 23 novembre 2026" in html

    client.force_login(PupilFactory())
    response = client.get(REPORT)
    assert response.status_code in (302, 403)
    assert "keuf" not in response.content.decode()


def test_the_purge_deletes_the_weeks_older_than_the_setting(settings):
    settings.SEARCH_UNANSWERED_MONTHS = 3
    today = datetime.date.today()
    UnansweredSearch.objects.create(query="ancienne", week=week_of(today - datetime.timedelta(days=120)), count=1)
    UnansweredSearch.objects.create(query="récente", week=week_of(today - datetime.timedelta(days=30)), count=1)

    call_command("purge_unanswered_searches")

    assert list(UnansweredSearch.objects.values_list("query", flat=True)) == ["récente"]
    call_command("purge_unanswered_searches", months=0)
    assert not UnansweredSearch.objects.exists()
