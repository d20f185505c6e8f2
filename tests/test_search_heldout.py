"""The held-out query set (search/relevance/heldout.csv) stays a fair measure: at least 100 queries, expected
sheets that exist in the catalogue, and none of its queries written into the everyday words or the demo's
« mots des élèves » (those would make the measure say only that the list works)."""

import csv
from pathlib import Path

from django.conf import settings

from demo.search_words import WORDS
from home.text import fold
from search.terms import load_synonyms

HELD_OUT = Path(settings.BASE_DIR) / "search" / "relevance" / "heldout.csv"
CATALOGUE = Path(settings.BASE_DIR) / "data" / "metiers" / "rome_fiches_metiers.csv"


def held_out():
    with open(HELD_OUT, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


def test_the_held_out_set_has_at_least_100_queries_of_each_kind():
    rows = held_out()
    kinds = {row["kind"] for row in rows}
    assert len(rows) >= 100
    assert {"intention", "phonetique", "moderne", "sigle"} <= kinds


def test_no_held_out_query_is_in_the_word_lists():
    listed = {fold(expression) for expression, _codes in load_synonyms()} | {fold(word) for word, *_rest in WORDS}
    assert [row["query"] for row in held_out() if fold(row["query"]) in listed] == []


def test_expected_sheets_exist_in_the_catalogue():
    with open(CATALOGUE, encoding="utf-8", newline="") as handle:
        codes = {row["code_rome"] for row in csv.DictReader(handle) if row["fiche_historique"] == "O"}
    assert [row["query"] for row in held_out() if not set(row["expected"].split()) <= codes] == []
