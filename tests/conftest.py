from wagtail.models import Locale, Page, Site

import pytest

from home.models import HomePage


@pytest.fixture
def root_page(db):
    return Page.objects.get(depth=1)


@pytest.fixture
def home_page(db):
    """The French home page created by the migrations: the default site's root."""
    return HomePage.objects.get(locale=Locale.get_default())


@pytest.fixture
def site(db, home_page):
    return Site.objects.get(is_default_site=True)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache.

    Wagtail caches the site root paths (absolute or relative page URLs depend on how many sites
    exist) and the autocomplete rate limit lives in the cache: neither may leak between tests.
    """
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def staff_client(client):
    """A client logged in as a member of the staff group (« Équipe »)."""
    from accounts.factories import StaffFactory

    client.force_login(StaffFactory())
    return client
