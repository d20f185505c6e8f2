"""`load_demo` writes accounts with known passwords: only into the embedded SQLite file or a test database,
unless forced. `manage.py` run without DJANGO_SETTINGS_MODULE uses the development settings (DEBUG on), so
DEBUG alone cannot protect a production database that DATABASE_URL points at."""

from io import StringIO

from django.conf import settings
from django.core.management import CommandError, call_command

import pytest

from accounts.models import User
from demo.management.commands.load_demo import is_demo_database

pytestmark = pytest.mark.django_db


@pytest.fixture
def production_database(monkeypatch):
    from django.db import connection

    monkeypatch.setitem(connection.settings_dict, "NAME", "unstage")
    monkeypatch.setitem(connection.settings_dict, "TEST", {"NAME": None})


@pytest.mark.usefixtures("production_database")
def test_load_demo_refuses_another_database(settings):
    settings.DEBUG = True  # as with manage.py's default development settings
    with pytest.raises(CommandError, match="ni la base SQLite embarquée ni une base de test"):
        call_command("load_demo", stdout=StringIO())
    assert not User.objects.filter(email__endswith="@demo.unstageetapres.fr").exists()


@pytest.mark.parametrize(
    ("settings_dict", "allowed"),
    [
        ({"ENGINE": "django.db.backends.sqlite3", "NAME": str(settings.BASE_DIR / "db.sqlite3")}, True),
        ({"ENGINE": "django.db.backends.sqlite3", "NAME": "file:memorydb_default?mode=memory&cache=shared"}, True),
        ({"ENGINE": "django.db.backends.postgresql", "NAME": "test_unstage"}, True),
        ({"ENGINE": "django.db.backends.postgresql", "NAME": "unstage"}, False),
        ({"ENGINE": "django.db.backends.sqlite3", "NAME": "/srv/unstage/prod.sqlite3"}, False),
    ],
)
def test_which_databases_take_the_demo(settings_dict, allowed):
    assert is_demo_database(settings_dict) == allowed
