"""Fixtures shared by every test module: pages, sites, a staff client and the métiers catalogue.

The métiers fixtures import the small extract in tests/data/metiers (five historic sheets: A1202, D1101,
D1102, D1104, M1805), the same data the demo uses in tests.
"""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connections
from django.utils import translation

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


@pytest.fixture(autouse=True)
def _french_interface():
    """Each test starts in French: a request in /ar/ or /en/ leaves its language active in the thread, and
    a management command's output (or any gettext) in a later test would come out in that language."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


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


@pytest.fixture(scope="session", autouse=True)
def _migration_data(django_db_setup, django_db_blocker):
    """The rows the migrations created (home page, site, locales, role groups), as pytest-django serialized
    them for `serialized_rollback` (browser journeys, thread and worker tests).

    Transactional tests end by emptying every table; with `--reuse-db` the next run would find a database
    without those rows, so they are put back when the session ends."""
    contents = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if getattr(connections[alias], "_test_serialized_contents", None)
    }
    yield contents
    with django_db_blocker.unblock():
        for alias, data in contents.items():
            connection = connections[alias]
            call_command(
                "flush",
                database=alias,
                interactive=False,
                inhibit_post_migrate=True,
                reset_sequences=False,
                verbosity=0,
            )
            connection.creation.deserialize_db_from_string(data)
            # The rows come back with their ids: move PostgreSQL's sequences past them.
            statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models(include_auto_created=True))
            with connection.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)
            connection.close()
