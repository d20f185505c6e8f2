"""Anonymous page cache (home/page_cache.py): public pages for visitors without a session come from the cache,
staff changes show at once, and nothing personal or private is ever kept. Also run against Redis in CI."""

from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.models import PageViewRestriction

import pytest

from accounts.factories import PupilFactory, StaffFactory
from accounts.roles import Role
from home.factories import StandardPageFactory
from home.models import GlossaryTerm, SiteSettings
from metiers.models import MetierPage
from orientation.factories import GuidanceArticlePageFactory, GuidanceIndexPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings, db):
    settings.PAGE_CACHE = {"ENABLED": True, "TIMEOUT": 300}
    SiteSettings.load()  # created on first use otherwise, which changes the content generation


def cache_state(response):
    return response.get("X-Page-Cache")


def twice(client, url):
    """The first answer (which fills the cache) and the second (which should come from it)."""
    return client.get(url), client.get(url)


@pytest.fixture
def article(home_page):
    index = GuidanceIndexPageFactory(parent=home_page)
    return GuidanceArticlePageFactory(parent=index, title="Préparer son stage")


def test_a_public_page_is_served_from_the_cache_without_any_query(client, article, django_assert_num_queries):
    first = client.get(article.url)
    assert first.status_code == 200
    assert cache_state(first) == "miss"
    with django_assert_num_queries(0):
        second = client.get(article.url)
    assert cache_state(second) == "hit"
    assert second.content == first.content
    assert {"public", "max-age=0", "must-revalidate"} <= {part.strip() for part in second["Cache-Control"].split(",")}
    assert "Cookie" in second["Vary"]
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    head = client.head(article.url)
    assert cache_state(head) == "hit"
    assert head.content == b""


def test_publishing_a_sheet_shows_on_its_page_the_listing_and_search_at_once(client, imported, metiers_index):
    sheet = MetierPage.objects.get(rome_code="D1102")
    urls = [sheet.url, metiers_index.url, reverse("search:search") + "?q=boulanger"]
    client.get(urls[-1])  # the first search builds the term dictionary (a content change)
    for url in urls:
        assert cache_state(twice(client, url)[1]) == "hit"

    sheet.title = "Boulanger zanzibar / Boulangère zanzibar"
    sheet.save_revision().publish()

    for url in urls:
        assert "zanzibar" in client.get(url).content.decode(), url


def test_unpublishing_moving_and_deleting_pages_are_seen_at_once(client, home_page, article):
    index = article.get_parent()
    twice(client, index.url)
    twice(client, article.url)

    article.unpublish()
    assert client.get(article.url).status_code == 404
    assert "Préparer son stage" not in client.get(index.url).content.decode()

    article.save_revision().publish()
    other = StandardPageFactory(parent=home_page, title="Autre rubrique", slug="autre-rubrique")
    twice(client, index.url)
    article.move(other, pos="last-child")
    assert "Préparer son stage" not in client.get(index.url).content.decode()
    assert client.get("/fr/autre-rubrique/" + article.slug + "/").status_code == 200

    twice(client, other.url)
    article.refresh_from_db()
    article.delete()
    assert client.get("/fr/autre-rubrique/" + article.slug + "/").status_code == 404


def test_settings_and_snippet_changes_are_seen_at_once(client, article):
    twice(client, article.url)
    site_settings = SiteSettings.load()
    site_settings.legal_name = "Association Zanzibar"
    site_settings.save()
    assert "Association Zanzibar" in client.get(article.url).content.decode()

    article.body = [{"type": "paragraph", "value": "<p>Une astreinte le week-end.</p>"}]
    article.save_revision().publish()
    twice(client, article.url)
    GlossaryTerm.objects.create(term="astreinte", definition="Rester joignable en dehors des heures.")
    assert "Rester joignable" in client.get(article.url).content.decode()


def test_logged_in_visitors_are_never_served_nor_stored(client, article):
    client.force_login(StaffFactory())
    for response in twice(client, article.url):
        assert cache_state(response) is None
        assert "no-store" in response["Cache-Control"]
        assert "Se déconnecter" in response.content.decode()
    client.logout()
    anonymous = client.get(article.url)
    assert "Se déconnecter" not in anonymous.content.decode()
    assert cache_state(anonymous) == "miss"


def test_private_pages_are_never_cached(client, home_page):
    page = StandardPageFactory(parent=home_page, title="Réservé zanzibar", slug="reserve-zanzibar")
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([Group.objects.get(name=Role.STAFF)])

    for response in twice(client, page.url):
        assert response.status_code == 302
        assert cache_state(response) is None
    client.force_login(StaffFactory())
    assert "Réservé zanzibar" in client.get(page.url).content.decode()
    client.logout()
    assert client.get(page.url).status_code == 302


def test_personal_pages_are_never_cached(client):
    url = reverse("accounts:dashboard")
    assert client.get(url).status_code == 302
    client.force_login(PupilFactory())
    for response in twice(client, url):
        assert response.status_code == 200
        assert cache_state(response) is None
        assert "no-store" in response["Cache-Control"]
    client.logout()
    assert client.get(url).status_code == 302


def test_pages_with_a_form_token_or_messages_are_never_stored(client, article):
    login = reverse("accounts:login")
    for response in twice(client, login):
        assert response.status_code == 200
        assert cache_state(response) is None

    twice(client, article.url)
    client.cookies["messages"] = "quelque-chose"
    assert cache_state(client.get(article.url)) is None


def test_no_caching_when_turned_off(client, settings, article):
    settings.PAGE_CACHE = {"ENABLED": False, "TIMEOUT": 300}
    for response in twice(client, article.url):
        assert cache_state(response) is None


def test_only_content_changes_forget_cached_pages():
    from wagtail.images import get_image_model
    from wagtail.models import Revision

    from accounts.models import User
    from home.caching import is_content

    assert is_content(MetierPage)
    assert is_content(SiteSettings)
    assert is_content(GlossaryTerm)
    assert is_content(PageViewRestriction.groups.through)
    assert is_content(get_image_model())
    assert not is_content(User)
    assert not is_content(Revision)
    assert not is_content(get_image_model().get_rendition_model())
