"""What forgets the anonymous page cache (home/caching.py): public content that an app registered, never a
personal row or a log. A visitor's search with no result, a pupil's sign-up or stage request leave every
cached page in place; a sign-up refreshes the seats on the agenda and the event's pages only; publishing a
sheet still refreshes it for every worker (the generation lives in the shared cache). Also run against
Redis in CI (.ci/run)."""

import os

from django.conf import settings as django_settings
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from wagtail.models import ReferenceIndex

import pytest

from ateliers.factories import AgendaIndexPageFactory, EventPageFactory, SessionFactory
from ateliers.models import SignUp
from home import caching
from home.models import SiteSettings
from metiers.factories import MetierPageFactory
from metiers.models import MetierPage
from orientation.factories import GuidanceArticlePageFactory, GuidanceIndexPageFactory
from search.models import UnansweredSearch
from stages.factories import StageWeekFactory
from stages.models import StageRequest

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings, db):
    settings.PAGE_CACHE = {"ENABLED": True, "TIMEOUT": 300}
    SiteSettings.load()  # created on first use otherwise, which changes the content generation


@pytest.fixture
def article(home_page):
    index = GuidanceIndexPageFactory(parent=home_page)
    return GuidanceArticlePageFactory(parent=index, title="Préparer son stage")


@pytest.fixture
def agenda(home_page):
    return AgendaIndexPageFactory(parent=home_page)


@pytest.fixture
def session(agenda):
    return SessionFactory(page=EventPageFactory(parent=agenda, title="Les métiers du soin"), capacity=30)


def cached(client, url):
    """Fill the cache with `url` and check that the next visit is served from it."""
    client.get(url)
    response = client.get(url)
    assert response.get("X-Page-Cache") == "hit", url
    return response


def served_from_cache(url):
    return Client().get(url).get("X-Page-Cache") == "hit"


def test_an_anonymous_search_with_no_result_forgets_no_page(client, article):
    client.get(reverse("search:search") + "?q=stage")  # the first search builds the term dictionary
    cached(client, article.url)

    client.get(reverse("search:search") + "?q=zorglubeur")

    assert UnansweredSearch.objects.exists()  # the search was logged...
    assert served_from_cache(article.url)  # ...and the page cache kept


def test_a_sign_up_forgets_no_page_but_shows_the_new_seats_on_the_event_and_the_agenda(
    client, article, agenda, session, consented_pupil, django_capture_on_commit_callbacks
):
    event = session.page
    for url in (article.url, event.url, agenda.url):
        assert "30 places restantes" in cached(client, url).content.decode() or url == article.url

    pupil = Client()
    pupil.force_login(consented_pupil)
    with django_capture_on_commit_callbacks(execute=True):
        pupil.post(reverse("ateliers:signup", args=[session.pk]), {"next": event.url})

    assert SignUp.objects.filter(session=session, status=SignUp.Status.CONFIRMED).count() == 1
    assert served_from_cache(article.url)
    for url in (event.url, agenda.url):
        fresh = client.get(url)
        assert fresh.get("X-Page-Cache") == "miss", url
        assert "29 places restantes" in fresh.content.decode(), url
        assert served_from_cache(url), url  # and kept again with the new seats


def test_a_stage_request_forgets_no_page(
    client, article, metiers_index, consented_pupil, django_capture_on_commit_callbacks
):
    sheet = MetierPageFactory(parent=metiers_index, title="Boulanger / Boulangère")
    pupil = consented_pupil
    week = StageWeekFactory(school=pupil.school_class.school)  # the collège's calendar: staff's content
    cached(client, article.url)
    cached(client, sheet.url)

    browser = Client()
    browser.force_login(pupil)
    with django_capture_on_commit_callbacks(execute=True):
        browser.post(
            reverse("stages:request_form"),
            {
                "souhaits-TOTAL_FORMS": "3",
                "souhaits-INITIAL_FORMS": "0",
                "souhaits-0-metier": sheet.title,
                "week": str(week.pk),
                "motivation": "J'adore la pâtisserie du dimanche.",
                "travel_minutes": "40",
                "travel_mode": "transports",
                "action": "envoyer",
            },
        )

    assert StageRequest.objects.filter(pupil=pupil).exists()
    assert served_from_cache(article.url)
    assert served_from_cache(sheet.url)


def test_publishing_a_sheet_refreshes_it_for_every_worker(imported):
    """Two workers share nothing but the cache: the generation a publish changes is read there by both."""
    sheet = MetierPage.objects.get(rome_code="D1102")
    first_worker, second_worker = Client(), Client()
    cached(first_worker, sheet.url)
    assert second_worker.get(sheet.url).get("X-Page-Cache") == "hit"
    before = cache.get(caching.GENERATION_KEY)

    sheet.title = "Boulanger zanzibar / Boulangère zanzibar"
    sheet.save_revision().publish()

    assert cache.get(caching.GENERATION_KEY) != before
    refreshed = second_worker.get(sheet.url)
    assert refreshed.get("X-Page-Cache") == "miss"
    assert "zanzibar" in refreshed.content.decode()
    again = first_worker.get(sheet.url)
    assert again.get("X-Page-Cache") == "hit"
    assert "zanzibar" in again.content.decode()
    if "RedisCache" in django_settings.CACHES["default"]["BACKEND"]:
        import redis

        # Another process reads the new generation straight from Redis.
        shared = redis.Redis.from_url(os.environ["REDIS_URL"])
        stored = [shared.get(key) for key in shared.keys(f"*{caching.GENERATION_KEY}")]
        assert stored and all(value is not None for value in stored)
        assert cache.get(caching.GENERATION_KEY) != before


def test_only_registered_models_are_content():
    from accompagnement.models import Document
    from accounts.models import ConsentRecord, User
    from ateliers.models import Feedback, Session
    from home.models import GlossaryTerm
    from search.models import AnsweredSearch, PupilWord, SearchTerm
    from stages.models import Place, PlaceWeek, Wish

    for model in (MetierPage, GlossaryTerm, Session, Place, PlaceWeek, Place.sheets.through, SearchTerm, PupilWord):
        assert caching.is_content(model), model
    for model in (SignUp, Feedback, StageRequest, Wish, UnansweredSearch, AnsweredSearch, Document, User):
        assert not caching.is_content(model), model
    assert not caching.is_content(ConsentRecord)


def test_a_sign_up_adds_no_reference_index_row(session, consented_pupil, django_capture_on_commit_callbacks):
    from ateliers.booking import sign_up

    Client().get(reverse("wagtailadmin_home"))  # the admin's viewsets register their models for indexing
    pupil = consented_pupil  # made before counting: their class is indexed (a link to its collège), not them
    before = ReferenceIndex.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        signup, _created = sign_up(session, pupil)

    assert signup.status == SignUp.Status.CONFIRMED
    assert ReferenceIndex.objects.count() == before
    assert not ReferenceIndex.is_indexed(SignUp)


def test_publishing_one_sheet_leaves_the_other_sheets_cached(imported, metiers_index, article):
    """A change of a sheet's text forgets that sheet, the listing above it and the search, nothing else: the
    other sheets, an article and their fragments stay in the cache."""
    sheet, other = MetierPage.objects.filter(rome_code__in=["D1102", "D1104"]).order_by("rome_code")
    search = reverse("search:search") + "?q=boulanger"
    Client().get(search)  # the first search builds the term dictionary (a content change)
    for url in (sheet.url, other.url, metiers_index.url, article.url, search):
        cached(Client(), url)
    before = cache.get(caching.GENERATION_KEY)

    sheet.body = [{"type": "paragraph", "value": "<p>Levé à quatre heures, zanzibar.</p>"}]
    sheet.save_revision().publish()

    assert cache.get(caching.GENERATION_KEY) == before
    refreshed = Client().get(sheet.url)
    assert refreshed.get("X-Page-Cache") == "miss"
    assert "zanzibar" in refreshed.content.decode()
    assert served_from_cache(other.url)
    assert served_from_cache(article.url)
    assert not served_from_cache(metiers_index.url)
    assert not served_from_cache(search)


def test_a_publication_that_changes_nothing_forgets_nothing(imported):
    sheet, other = MetierPage.objects.filter(rome_code__in=["D1102", "D1104"]).order_by("rome_code")
    cached(Client(), sheet.url)
    cached(Client(), other.url)

    sheet.save_revision().publish()  # Wagtail saves the page and every row it owns again

    assert served_from_cache(sheet.url)
    assert served_from_cache(other.url)


def test_a_new_title_forgets_every_page(imported, article):
    """A title shows in menus, cards and other sheets' related lists: a title change keeps the global reset."""
    sheet, other = MetierPage.objects.filter(rome_code__in=["D1102", "D1104"]).order_by("rome_code")
    cached(Client(), other.url)
    cached(Client(), article.url)

    sheet.title = "Boulanger zanzibar / Boulangère zanzibar"
    sheet.save_revision().publish()

    assert not served_from_cache(other.url)
    assert not served_from_cache(article.url)
