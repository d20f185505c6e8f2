"""Staff's report of this month's most frequent searches without results (issue 29): each query one click from the
« mot des élèves » form, filled in, to point it at sheets or give it a meaning in the sheets' words; once saved,
the search understands it. Staff only."""

import datetime

from django.urls import reverse
from django.utils import timezone

import pytest

from accounts.factories import PupilFactory, TeacherFactory
from search.models import PupilWord, UnansweredSearch, week_of

pytestmark = pytest.mark.django_db

REPORT = reverse("search_unanswered_month")
ADD = "/admin/snippets/search/pupilword/add/"
SEARCH = reverse("search:search")


@pytest.fixture
def logged(stopped_clock):
    today = timezone.localdate()
    this_week = week_of(today)
    last_month = week_of(today.replace(day=1)) - datetime.timedelta(days=7)
    for query, week, count in [
        ("zlurpeur", this_week, 4),
        ("zorglubeur", this_week, 1),
        ("vieux mot", last_month, 50),
    ]:
        UnansweredSearch.objects.create(query=query, week=week, count=count)


def test_the_report_lists_this_months_queries_most_frequent_first_with_a_link(staff_client, logged):
    page = staff_client.get(REPORT).content.decode()
    assert page.index("zlurpeur") < page.index("zorglubeur")
    assert "vieux mot" not in page
    assert f"{ADD}?word=zlurpeur" in page


def test_a_word_already_listed_is_opened_for_editing(staff_client, logged):
    word = PupilWord.objects.create(word="zorglubeur", meaning="vente")
    page = staff_client.get(REPORT).content.decode()
    assert reverse("wagtailsnippets_search_pupilword:edit", args=[word.pk]) in page


def test_the_report_exports_as_csv(staff_client, logged):
    response = staff_client.get(REPORT, {"export": "csv"})
    body = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    assert "zlurpeur,4" in body.replace("\r", "")


@pytest.mark.parametrize("factory", [PupilFactory, TeacherFactory])
def test_only_staff_see_the_report(client, logged, factory):
    client.force_login(factory())
    response = client.get(REPORT)
    assert response.status_code in {302, 403}
    assert b"zlurpeur" not in response.content


def test_the_click_fills_the_form_and_a_meaning_makes_the_search_understand_the_word(
    staff_client, imported, logged, django_capture_on_commit_callbacks
):
    form = staff_client.get(ADD, {"word": "zlurpeur"}).content.decode()
    assert 'value="zlurpeur"' in form
    assert staff_client.get(SEARCH, {"q": "zlurpeur"}).context["search"].found_nothing

    data = {
        "word": "zlurpeur",
        "meaning": "logiciel informatique",
        "note": "",
        "sheets-TOTAL_FORMS": "0",
        "sheets-INITIAL_FORMS": "0",
        "sheets-MIN_NUM_FORMS": "0",
        "sheets-MAX_NUM_FORMS": "1000",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(ADD, data)
    assert response.status_code == 302
    results = staff_client.get(SEARCH, {"q": "zlurpeur"}).context["search"].page_obj.object_list
    assert [result.page.rome_code for result in results][:1] == ["M1805"]


def test_a_word_needs_a_sheet_or_a_meaning(staff_client, imported):
    data = {
        "word": "zorglubeur",
        "meaning": "",
        "note": "",
        "sheets-TOTAL_FORMS": "0",
        "sheets-INITIAL_FORMS": "0",
        "sheets-MIN_NUM_FORMS": "0",
        "sheets-MAX_NUM_FORMS": "1000",
    }
    response = staff_client.post(ADD, data)
    assert response.status_code == 200
    assert "Choisissez au moins une fiche, ou écrivez ce que le mot veut dire." in response.content.decode()
    assert not PupilWord.objects.filter(word="zorglubeur").exists()
