"""The familiar vocabulary (search/data/mots_familiers.csv) ties everyday words to the catalogue's own words: every
word of meaning it gives is a word of the ROME or Onisep texts the sheets are made of, and none of its entries is a
query of a measurement set (they would then measure only that the list works)."""

import csv
import json
import re
from pathlib import Path

from django.conf import settings

import pytest

from home.text import fold, word_root
from search import concepts, familiar

DATA = Path(settings.BASE_DIR) / "data" / "metiers"
SETS = [
    Path(settings.BASE_DIR) / "bench" / "queries_intent.csv",
    Path(settings.BASE_DIR) / "search" / "relevance" / "heldout.csv",
]


def catalogue_roots():
    texts = []
    for name in ("rome_fiches_metiers.csv", "rome_appellations.csv", "rome_centres_interet.csv"):
        with open(DATA / name, encoding="utf-8", newline="") as handle:
            texts += [" ".join(row) for row in csv.reader(handle)]
    with open(DATA / "onisep_fiches_metiers.json", encoding="utf-8") as handle:
        texts.append(json.dumps(json.load(handle), ensure_ascii=False))
    words = set(re.findall(r"[^\W\d_]+", fold(re.sub(r"<[^>]*>|\\\\n", " ", " ".join(texts)))))
    return {word_root(word) for word in words if len(word) >= 2}


def entries():
    with open(familiar.FAMILIAR_FILE, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


def test_every_meaning_is_a_word_of_the_catalogue():
    roots = catalogue_roots()
    missing = []
    for row in entries():
        if row["sens"].strip() == "-":
            continue
        missing += [(row["mot"], word) for word in fold(row["sens"]).split() if word_root(word) not in roots]
    assert missing == []


def test_no_entry_is_a_query_of_a_measurement_set():
    listed = {fold(row["mot"]) for row in entries()}
    queries = set()
    for path in SETS:
        with open(path, encoding="utf-8", newline="") as handle:
            queries |= {
                fold(row["query"]) for row in csv.DictReader(line for line in handle if not line.startswith("#"))
            }
    assert sorted(listed & queries) == []


def test_words_of_intent_are_dropped_and_familiar_words_read():
    index = concepts.ConceptIndex()
    index._install("test", {1: {"automobil": 2.0}}, {1: 2.0}, set(), {})
    reading = index.read("je veux bosser avec des bagnoles")
    assert len(reading.groups) == 1 and reading.read_as
    assert "automobil" in reading.groups[0]
    assert index.search("bagnoles", {1}) == [(1, 1.0)]


@pytest.mark.parametrize(
    ("query", "name", "meant"),
    [
        ("les ordis", "Cordiste", False),
        ("travailler avec les ordis", "Corniste", False),
        ("ordis", "Copiste", False),
        ("cordistes", "Cordiste", True),
        ("boulengé", "Boulanger", True),
        ("pharmassien", "Pharmacien", True),
        ("RH", "Assistant RH", True),
        ("DJ", "DJ", True),
    ],
)
def test_a_name_is_offered_only_if_the_query_could_mean_it(query, name, meant):
    assert concepts.more_than_letters(query, name) is meant
