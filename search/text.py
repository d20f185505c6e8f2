"""Text helpers shared by the term dictionary, the query parser and the highlighter.

Everything is compared in a *folded* form (`home.text.fold`): lower case, accents removed, ligatures split,
anything that is not a letter or a digit turned into a space. « Infirmière », « infirmiere » and « INFIRMIÈRE » fold to the same
string, so a pupil who types without accents still matches, on every database and search backend.
"""

import sys
import unicodedata
from functools import lru_cache

# Longest query we look at. Longer input is cut, never refused: the page must still answer.
MAX_QUERY_LENGTH = 200
# Strings whose trigrams are kept in memory (about 0.3 kB each once the trigrams are interned). The dictionary's
# names and words are about 60 000; the cache keeps the ones in use (the full catalogue's search at 200 000
# weighed ≈ 115 MB per process).
TRIGRAM_CACHE_SIZE = 50_000

# French words that carry no meaning for finding a sheet. The PostgreSQL « french » configuration drops
# them itself; SQLite's full-text index does not, and with an AND query « travailler avec les animaux »
# would then need « avec » and « les » in the sheet.
_STOP_WORDS_TEXT = """
a à au aux avec ce ces comme dans de des du elle en est et etre être il ils je j la le les leur lui
ma mais me mes moi mon ne ni nos notre nous on ou où par pas pour qu que qui sa se ses son sur ta te
tes toi ton tu un une vos votre vous y l d c s n m t jusqu lorsqu puisqu quand tres plus
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())
# Words dropped from full-text queries only: they are the point of some dictionary expressions
# (« travailler avec les animaux ») but would match every sheet in a full-text search.
GENERIC_WORDS = frozenset(
    {"metier", "metiers", "travail", "travailler", "faire", "aime", "aimer", "veux", "voudrais", "devenir"}
)


def clean_query(raw):
    """What the visitor typed, made safe to show and to search: control characters, symbols and emoji
    removed (full-text operators such as & | ! : * ( ) " included), spaces collapsed, length capped."""
    if not raw:
        return ""
    raw = str(raw)[: MAX_QUERY_LENGTH * 4]
    kept = []
    for char in raw:
        category = unicodedata.category(char)
        if category[0] in "LN" or char in "-'’":
            kept.append(char)
        else:
            kept.append(" ")
    text = " ".join("".join(kept).split())
    # Hyphens and apostrophes are kept inside words (« aide-soignant », « aujourd'hui ») only.
    text = " ".join(word.strip("-'’") for word in text.split())
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def words(folded):
    return [word for word in folded.split() if word]


def meaningful_words(folded):
    """The words of a folded query that are not stop words."""
    return [word for word in words(folded) if word not in STOP_WORDS]


def full_text_words(folded):
    return [word for word in words(folded) if word not in STOP_WORDS and word not in GENERIC_WORDS]


@lru_cache(maxsize=TRIGRAM_CACHE_SIZE)
def trigrams(folded):
    """The set of letter trigrams of a folded string, words padded as pg_trgm does (« boulanger » →
    « _ b », « _bo », « bou » … « er_ »), so that the Python measure and PostgreSQL's agree.

    Memory: each trigram is interned (a few thousand distinct ones, instead of a new 50-byte string per
    occurrence) and the cache is bounded; see docs/search.md « Measured »."""
    grams = set()
    for word in folded.split():
        padded = f"  {word} "
        grams.update(sys.intern(padded[index : index + 3]) for index in range(len(padded) - 2))
    return frozenset(grams)


def search_words_of(folded):
    """The words worth looking up: no stop words, and no generic word (« métier ») unless alone."""
    meaningful = meaningful_words(folded)
    specific = [word for word in meaningful if word not in GENERIC_WORDS]
    return specific or meaningful
