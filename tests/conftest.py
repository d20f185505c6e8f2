"""Fixtures shared by every test module: pages, sites, one user per role, a frozen « now », a staff client and
the métiers catalogue.

The métiers fixtures import the small extract in tests/data/metiers (five historic sheets: A1202, D1101,
D1102, D1104, M1805), the same data the demo uses in tests.

Time: a test that builds dates asks for `frozen_now` (« now » stopped at `FROZEN_NOW`, in term time) and
builds them from it; a test that counts within a window (rate limits) asks for `stopped_clock` (« now »
stopped where it is). `pytest --clock=2027-09-02T10:00` runs the whole session at another date (the clock
then runs from there): the tests must pass whatever the date.

Tests that need PostgreSQL (row locks, concurrent transactions, ANALYZE) are marked `postgresql`: on SQLite
they are skipped at collection, never inside a transactional test (whose teardown would then fail).
"""

import datetime
import zoneinfo
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
import time_machine

from accounts.factories import (
    ConsentedPupilFactory,
    ParentFactory,
    PupilFactory,
    StaffFactory,
    TeacherFactory,
    UserFactory,
)
from accounts.roles import Role
from home.models import HomePage
from metiers.factories import MetiersIndexPageFactory
from metiers.importer import CatalogueImporter
from tests.utils import FROZEN_NOW

METIERS_EXTRACT = Path(settings.BASE_DIR) / "tests" / "data" / "metiers"


def pytest_addoption(parser):
    parser.addoption(
        "--clock",
        default=None,
        help="Run the session with the clock set to this ISO date or time (e.g. 2027-09-02T10:00), running on.",
    )


def pytest_configure(config):
    clock = config.getoption("--clock")
    if clock:
        moment = datetime.datetime.fromisoformat(clock)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=zoneinfo.ZoneInfo("Europe/Paris"))
        config._clock_traveller = time_machine.travel(moment, tick=True)
        config._clock_traveller.start()


def pytest_unconfigure(config):
    traveller = getattr(config, "_clock_traveller", None)
    if traveller is not None:
        traveller.stop()


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgresql` are skipped at collection on another database (SQLite)."""
    if connections["default"].vendor == "postgresql":
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL; CI runs them)")
    for item in items:
        if item.get_closest_marker("postgresql"):
            item.add_marker(skip)


@pytest.fixture
def frozen_now():
    """« Now » stopped at FROZEN_NOW for the test (`timezone.now()`, `date.today()`, `time.time()`)."""
    with time_machine.travel(FROZEN_NOW, tick=False):
        yield FROZEN_NOW


@pytest.fixture
def stopped_clock():
    """« Now » stopped where it is: counts in a fixed window (django-ratelimit's) never cross its end."""
    with time_machine.travel(datetime.datetime.now(tz=datetime.UTC), tick=False) as traveller:
        yield traveller


# One user per role. `pupil` may not take part yet (no consent on record); `consented_pupil` may.
@pytest.fixture
def pupil(db):
    return PupilFactory(first_name="Inès")


@pytest.fixture
def consented_pupil(db):
    return ConsentedPupilFactory(first_name="Lina")


@pytest.fixture
def parent(db):
    return ParentFactory(first_name="Samia")


@pytest.fixture
def teacher(db):
    return TeacherFactory(first_name="Claire")


@pytest.fixture
def volunteer(db):
    return UserFactory(first_name="Marc", role=Role.VOLUNTEER)


@pytest.fixture
def professional(db):
    return UserFactory(first_name="Nadia", role=Role.PROFESSIONAL)


@pytest.fixture
def partner(db):
    return UserFactory(first_name="Hélène", role=Role.PARTNER)


@pytest.fixture
def staff(db):
    return StaffFactory(first_name="Awa")


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
    without those rows, so they are put back when the session ends. Only then: when no transactional test
    ran (on SQLite the PostgreSQL-only ones are skipped at collection), the rows are still there, and
    flushing and loading them again would only risk a clash with rows a signal re-created meanwhile."""
    contents = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if getattr(connections[alias], "_test_serialized_contents", None)
    }
    yield contents
    with django_db_blocker.unblock():
        for alias, data in contents.items():
            connection = connections[alias]
            with connection.cursor() as cursor:
                cursor.execute("SELECT COUNT(*) FROM django_content_type")
                if cursor.fetchone()[0]:
                    continue  # not emptied: nothing to put back
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
