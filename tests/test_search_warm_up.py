"""An app server process builds its search indexes when it starts (config/wsgi.py), so that its first
visitors do not wait for them; a database not reachable then leaves them to the first search."""

import pytest

from search import concepts, terms

pytestmark = pytest.mark.django_db


def test_warm_up_builds_both_indexes_for_the_current_dictionary(imported):
    concepts._index.version = None
    terms._memory_matcher.version = None

    concepts.warm_up()

    version = terms.ensure_fresh()
    assert terms._memory_matcher.version == version
    assert concepts._index.version == version
    assert terms._memory_matcher.words_starting("boulang")  # the catalogue's words are in it


def test_warm_up_does_not_stop_the_server_when_the_database_fails(imported, monkeypatch, caplog):
    def unreachable():
        raise ConnectionError("database not reachable yet")

    monkeypatch.setattr(terms, "ensure_fresh", unreachable)
    concepts.warm_up()
    assert "first search will build them" in caplog.text
