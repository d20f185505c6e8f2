"""The familiar vocabulary of the search (issue 29): everyday, familiar and abbreviated words, each tied to the
words the sheets' own texts use (`search/data/mots_familiers.csv`, reviewed by the team), and the staff's meanings
of pupils' words read the same way. Read by `search.concepts` when it reads a query as a wish."""

import csv
import logging
from functools import lru_cache
from pathlib import Path

from home.text import fold, word_root

logger = logging.getLogger(__name__)

FAMILIAR_FILE = Path(__file__).resolve().parent / "data" / "mots_familiers.csv"


@lru_cache(maxsize=4)
def _familiar(path, mtime):
    """{root of a familiar word: [roots of the sheets' words it means]}; [] for a word of intent (« bosser »)."""
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            rows = csv.DictReader(line for line in handle if not line.startswith("#"))
            return senses((row.get("mot"), row.get("sens")) for row in rows)
    except OSError:
        logger.warning("Familiar vocabulary %s not readable; the search goes on without it", path)
        return {}


def senses(words):
    """{word and its root: [roots of the words it means]} of [(word, meaning)]; [] for a word of intent."""
    senses = {}
    for word, sense in words:
        word, sense = fold(word or "").strip(), (sense or "").strip()
        if not word or not sense:
            continue
        meant = [] if sense == "-" else [word_root(part) for part in fold(sense).split() if len(part) >= 2]
        for key in {word, word_root(word) if len(word) > 2 else word}:
            senses.setdefault(key, []).extend(meant)
    return {key: list(dict.fromkeys(meant)) for key, meant in senses.items()}


def meaning(familiar, word, root):
    """What a folded query word means in the familiar vocabulary: as typed, singular, or by its root."""
    for key in (word, word[:-1] if word[-1:] in "sx" else word, root):
        if key in familiar:
            return familiar[key]
    return None


def familiar_words():
    """The familiar vocabulary in force (the file, re-read when it changes)."""
    try:
        mtime = FAMILIAR_FILE.stat().st_mtime
    except OSError:
        mtime = 0
    return _familiar(FAMILIAR_FILE, mtime)
