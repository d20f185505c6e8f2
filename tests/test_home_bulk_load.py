"""After a bulk load (load_demo, the catalogue import): cached pages forgotten, planner statistics refreshed
on PostgreSQL (without them the filtered listing cost three times its database CPU)."""

from django.db import connection

import pytest

from home.caching import after_bulk_load, generation
from metiers.factories import MetierPageFactory, MetiersIndexPageFactory

pytestmark = pytest.mark.django_db


def test_a_bulk_load_forgets_cached_pages(home_page):
    before = generation()
    after_bulk_load()
    assert generation() != before


@pytest.mark.postgresql  # ANALYZE is run on PostgreSQL only
def test_a_bulk_load_gives_postgresql_statistics(home_page):
    MetierPageFactory(parent=MetiersIndexPageFactory(parent=home_page))
    after_bulk_load()
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'metiers_metierpage'")
        (tuples,) = cursor.fetchone()
    assert tuples >= 1  # -1 means never analysed
