"""Fixtures shared by every test module: pages, sites, a staff client and the métiers catalogue.

The métiers fixtures import the small extract in tests/data/metiers (five historic sheets: A1202, D1101,
D1102, D1104, M1805), the same data the demo uses in tests.
"""

from pathlib import Path

from django.conf import settings
from django.core.cache import cache

from wagtail.models import Locale, Page, Site

import pytest

from accounts.factories import StaffFactory
from home.models import HomePage
from metiers.factories import MetiersIndexPageFactory
from metiers.importer import CatalogueImporter

METIERS_EXTRACT = Path(settings.BASE_DIR) / "tests" / "data" / "metiers"


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
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def staff_client(client):
    """A client logged in as a member of the staff group (« Équipe »)."""
    client.force_login(StaffFactory())
    return client


@pytest.fixture
def metiers_index(home_page):
    """The catalogue page, published under the French home page."""
    return MetiersIndexPageFactory(parent=home_page)


@pytest.fixture
def imported(metiers_index):
    """The small extract of tests/data/metiers imported once; returns the import report."""
    return CatalogueImporter(metiers_index, METIERS_EXTRACT).run()
