"""The intent query set (bench/queries_intent.csv, issue 29) stays a fair measure: at least 150 queries, at least
half of them wishes and familiar words, expected sheets that exist in the catalogue, and none of its queries
written into the search's word data (every CSV of search/data/: everyday words, familiar vocabulary) or the demo's
« mots des élèves »: those would make the measure say only that the list works."""

import csv
from pathlib import Path

from django.conf import settings

from demo.search_words import MEANINGS, WORDS
from home.text import fold

INTENT_SET = Path(settings.BASE_DIR) / "bench" / "queries_intent.csv"
WORD_DATA = Path(settings.BASE_DIR) / "search" / "data"
CATALOGUE = Path(settings.BASE_DIR) / "data" / "metiers" / "rome_fiches_metiers.csv"


def intent_set():
    with open(INTENT_SET, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


def listed_expressions():
    """The first column of every row of every CSV of search/data/."""
    listed = set()
    for path in WORD_DATA.glob("*.csv"):
        with open(path, encoding="utf-8", newline="") as handle:
            for row in csv.reader(line for line in handle if not line.startswith("#")):
                if row:
                    listed.add(fold(row[0]))
    return listed


def test_the_set_has_150_queries_half_of_them_wishes_and_familiar_words():
    rows = intent_set()
    informal = [row for row in rows if row["kind"] in {"intention", "familier"}]
    assert len(rows) >= 150
    assert len(informal) * 2 >= len(rows)


def test_no_query_of_the_set_is_in_the_word_data():
    listed = listed_expressions() | {fold(word) for word, *_rest in [*WORDS, *MEANINGS]}
    assert [row["query"] for row in intent_set() if fold(row["query"]) in listed] == []


def test_expected_sheets_exist_in_the_catalogue():
    with open(CATALOGUE, encoding="utf-8", newline="") as handle:
        codes = {row["code_rome"] for row in csv.DictReader(handle) if row["fiche_historique"] == "O"}
    assert [row["query"] for row in intent_set() if not set(row["expected"].split()) <= codes] == []
