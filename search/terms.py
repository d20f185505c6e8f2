"""Building the term dictionary (`search.models.SearchTerm`) and matching a query against it.

Matching has two steps:

1. *Candidates*: the terms that could be what the visitor meant, from an in-process index of the dictionary
   (word → terms and trigram → words) loaded once per process and reloaded when the dictionary changes, the
   same on every database (see `MemoryTermMatcher` for why not pg_trgm).
2. *Scoring*, the same Python code on every backend: exact name 1.0, the query starting a name or a name
   starting the query ~0.9, otherwise the best of whole-string and word-window trigram similarity (the measure
   pg_trgm uses), times the weight of the kind of name (title > everyday word > alternative name > interest).

The dictionary is rebuilt when the catalogue's fingerprint changes (the import's bulk writes send no signal),
page by page when a sheet is published, unpublished or deleted, and by `manage.py rebuild_search_terms`.
"""

import bisect
import csv
import difflib
import logging
import threading
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Max

from home.text import fold, split_genders
from metiers.models import CentreInteret, MetierPage, MetierPageCentreInteret

from .models import KIND_WEIGHTS, PupilWord, PupilWordSheet, SearchTerm, SheetConcepts, TermDictionaryState, TermKind
from .text import meaningful_words, search_words_of, trigrams

logger = logging.getLogger(__name__)

SYNONYMS_FILE = Path(__file__).resolve().parent / "data" / "synonymes.csv"
MIN_SCORE = 0.42
MAX_CANDIDATES = 400
FRESHNESS_SECONDS = 10
# Part of the catalogue's fingerprint: raise it when what is stored per sheet changes (`terms_for_sheet`,
# `concepts.bags_for`), so that every database rebuilds its dictionary at the next search after a deploy.
STORED_FORMAT = 2


# Building ------------------------------------------------------------------------------------------------
def load_synonyms(path=SYNONYMS_FILE):
    """Rows of the curated list: (everyday expression, [ROME codes])."""
    rows = []
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(line for line in handle if not line.startswith("#")):
            expression = (row.get("expression") or "").strip()
            codes = [code.strip().upper() for code in (row.get("codes_rome") or "").split() if code.strip()]
            if expression and codes:
                rows.append((expression, codes))
    return rows


def terms_for_sheet(page, interest_names=(), synonyms=(), pupil_words=()):
    """The dictionary rows of one métier sheet."""
    names = [
        (page.title, TermKind.TITLE),
        (page.title_masculine, TermKind.TITLE),
        (page.title_feminine, TermKind.TITLE),
    ]
    names += [(line, TermKind.ALTERNATIVE) for line in page.alternative_names.splitlines()]
    names += [(name, TermKind.INTEREST) for name in interest_names]
    names += [(expression, TermKind.SYNONYM) for expression in synonyms]
    names += [(word, TermKind.PUPIL) for word in pupil_words]
    seen, rows = set(), []
    for name, kind in names:
        for form in split_genders((name or "").strip()):
            term = fold(form)[:255]
            if term and (term, kind) not in seen:
                seen.add((term, kind))
                rows.append(SearchTerm(page_id=page.pk, term=term, label=form[:255], kind=kind))
    return rows


def _sheets():

    return MetierPage.objects.live()


def catalogue_fingerprint():
    """Changes whenever a sheet is created, deleted, published, edited by the import or retagged."""

    pages = MetierPage.objects.aggregate(
        count=Count("pk"),
        top=Max("pk"),
        published=Max("last_published_at"),
        revised=Max("latest_revision_created_at"),
        imported=Max("imported_at"),
    )
    live = MetierPage.objects.filter(live=True).count()
    tags = MetierPageCentreInteret.objects.aggregate(count=Count("pk"), top=Max("pk"))
    interests = CentreInteret.objects.aggregate(count=Count("pk"), top=Max("pk"))
    words = PupilWord.objects.aggregate(count=Count("pk"), updated=Max("updated_at"))
    links = PupilWordSheet.objects.aggregate(count=Count("pk"), top=Max("pk"))
    parts = [
        STORED_FORMAT,
        *pages.values(),
        live,
        *tags.values(),
        *interests.values(),
        _synonyms_mtime(),
        *words.values(),
    ]
    parts += links.values()
    return "|".join(str(part) for part in parts)[:200]


def _synonyms_mtime():
    try:
        return int(SYNONYMS_FILE.stat().st_mtime)
    except OSError:
        return 0


def synonyms_by_code():
    by_code = defaultdict(list)
    for expression, codes in load_synonyms():
        for code in codes:
            by_code[code].append(expression)
    return by_code


def _interests_by_page(page_ids):

    by_page = defaultdict(list)
    links = MetierPageCentreInteret.objects.filter(content_object_id__in=page_ids).values_list(
        "content_object_id", "tag__name"
    )
    for page_id, name in links:
        by_page[page_id].append(name)
    return by_page


def pupil_words_by_page(page_ids=None):
    """Staff's « mots des élèves », per sheet id."""
    by_page = defaultdict(list)
    links = PupilWordSheet.objects.all()
    if page_ids is not None:
        links = links.filter(page_id__in=page_ids)
    for page_id, word in links.values_list("page_id", "word__word"):
        by_page[page_id].append(word)
    return by_page


def _rows_for(pages):
    pages = list(pages.only("pk", "title", "title_masculine", "title_feminine", "alternative_names", "rome_code"))
    page_ids = [page.pk for page in pages]
    interests = _interests_by_page(page_ids)
    synonyms = synonyms_by_code()
    pupil_words = pupil_words_by_page(page_ids)
    rows = []
    for page in pages:
        rows += terms_for_sheet(
            page, interests.get(page.pk, ()), synonyms.get(page.rome_code, ()), pupil_words.get(page.pk, ())
        )
    return rows


def _concepts_for(pages):
    from .concepts import bags_for  # search.concepts reads this module's helpers

    return bags_for(pages)


def rebuild(force=False):
    """Rebuild the whole dictionary if the catalogue changed since the last build (or if `force`).

    The state row is locked first, so that two processes noticing the change at once build it once."""
    with transaction.atomic():
        state, _created = TermDictionaryState.objects.get_or_create(pk=1, defaults={"fingerprint": ""})
        state = TermDictionaryState.objects.select_for_update().get(pk=1)
        fingerprint = catalogue_fingerprint()
        if not force and state.fingerprint == fingerprint:
            return False
        SearchTerm.objects.all().delete()
        SearchTerm.objects.bulk_create(_rows_for(_sheets()), batch_size=2000)
        SheetConcepts.objects.all().delete()
        SheetConcepts.objects.bulk_create(_concepts_for(_sheets()), batch_size=100)
        state.fingerprint = fingerprint
        state.save()
    logger.info("Search term dictionary rebuilt")
    return True


def refresh_pages(page_ids):
    """Rewrite the dictionary rows of some pages (after a publish, unpublish or delete) and record the new
    fingerprint, so that the next search does not rebuild everything."""
    with transaction.atomic():
        TermDictionaryState.objects.get_or_create(pk=1, defaults={"fingerprint": ""})
        state = TermDictionaryState.objects.select_for_update().get(pk=1)
        SearchTerm.objects.filter(page_id__in=page_ids).delete()
        SearchTerm.objects.bulk_create(_rows_for(_sheets().filter(pk__in=page_ids)))
        SheetConcepts.objects.filter(page_id__in=page_ids).delete()
        SheetConcepts.objects.bulk_create(_concepts_for(_sheets().filter(pk__in=page_ids)))
        if state.fingerprint:  # never built: the next search builds everything
            state.fingerprint = catalogue_fingerprint()
            state.save()


def note_vocabulary_changed():
    """Record the catalogue's fingerprint after a change of the staff's vocabulary that rewrites no sheet's rows
    (a word's meaning): the dictionary's version changes, so each process reloads its meaning index."""
    with transaction.atomic():
        state = TermDictionaryState.objects.select_for_update().filter(pk=1).first()
        if state is not None and state.fingerprint:
            state.fingerprint = catalogue_fingerprint()
            state.save()


def mark_stale():
    """Make the next search rebuild the dictionary (after a change no fingerprint sees, such as a renamed tag)."""
    TermDictionaryState.objects.filter(pk=1).update(fingerprint="")


def ensure_fresh():
    """The dictionary's version, after a rebuild if the catalogue changed. The catalogue's fingerprint (a few
    aggregate queries) is checked at most every FRESHNESS_SECONDS, and at once after any page change."""
    from .signals import generation  # here, not at the top: search.signals imports this module

    checked_key = f"search:terms-checked:{generation()}"
    state = TermDictionaryState.objects.filter(pk=1).values_list("fingerprint", "built_at").first()
    if state is not None and cache.get(checked_key) == state[0]:
        return state
    if state is None or state[0] != catalogue_fingerprint():
        rebuild()
        state = TermDictionaryState.objects.filter(pk=1).values_list("fingerprint", "built_at").first()
    cache.set(checked_key, state[0], FRESHNESS_SECONDS)
    return state


# Matching ------------------------------------------------------------------------------------------------
@dataclass
class TermMatch:
    page_id: int
    score: float
    label: str
    kind: str
    exact: bool


# The most the edit ratio can give a string that shares few trigrams (`_closeness`): 0.85 × 1 − 0.15.
EDIT_RATIO_CEILING = 0.7


def score_term(query, term, prefix=False, min_score=0.0):
    """How well a folded query matches a folded name, from 0 to 1. With `prefix` (typing in the search box),
    a name that starts with the query, or has a word that does, matches well. A part of a longer name scores
    at most `part` × its closeness: when that cannot reach `min_score` (the caller drops what is below), the
    costly edit ratio is not computed for it; the scores at or above `min_score` are the same."""
    if query == term:
        return 1.0
    if prefix and term.startswith(query):
        return 0.9 + 0.05 * len(query) / len(term)
    if prefix and f" {query}" in f" {term}":
        return 0.75 + 0.05 * len(query) / len(term)
    if term.startswith(query + " "):
        return 0.86 + 0.08 * len(query) / len(term)
    if query.startswith(term + " "):
        return 0.8 + 0.1 * len(term) / len(query)
    query_words = query.split()
    term_words = term.split()
    query_grams = trigrams(query)
    best = _closeness(query, query_grams, term)
    size = len(query_words)
    if len(term_words) > size:
        extra = len(term_words) - size
        for start in range(extra + 1):
            window = " ".join(term_words[start : start + size])
            # The query is a part of a longer name: good, less so the longer the name.
            part = 0.55 - 0.03 * min(extra, 6) + (0.06 if start == 0 else 0)
            if window == query:
                closeness = 1.0
            elif part * EDIT_RATIO_CEILING < min_score:  # only trigrams can lift this part over the bar
                closeness = _jaccard(query_grams, trigrams(window))
            else:
                closeness = _closeness(query, query_grams, window)
            best = max(best, part * closeness)
    return best


def _jaccard(first, second):
    if not first or not second:
        return 0.0
    shared = len(first & second)
    return shared / (len(first) + len(second) - shared)


def _closeness(query, query_grams, text):
    """Trigram similarity, helped by the edit ratio for short strings: trigrams punish a wrong letter in a
    short word hard (« boulengé » shares 5 of 14 trigrams with « boulanger », edit ratio 0.82)."""
    score = _jaccard(query_grams, trigrams(text))
    if 0.2 <= score < 0.6 and len(query) <= 20:
        score = max(score, (EDIT_RATIO_CEILING + 0.15) * difflib.SequenceMatcher(None, query, text).ratio() - 0.15)
    return score


def rank(query, rows, min_score=MIN_SCORE, prefix=False):
    """Scored matches of `rows` (term, label, kind, page_id), the best per page, best first."""
    best = {}
    for term, label, kind, page_id in rows:
        raw = score_term(query, term, prefix=prefix, min_score=min_score)
        if raw < min_score:
            continue
        score = raw * KIND_WEIGHTS.get(kind, 0.5)
        current = best.get(page_id)
        if current is None or score > current.score:
            best[page_id] = TermMatch(page_id, score, label, kind, raw == 1.0)
    return sorted(best.values(), key=lambda match: (-match.score, match.label))


class MemoryTermMatcher:
    """Candidates from an in-process index of the dictionary: the words of every name, their trigrams.

    The same index on every database. On PostgreSQL, pg_trgm did this work in the database (migration 0002's
    GIN index) and was the slowest part of a search: the planner scans the 32 000 names for a common query
    word and pg_trgm computes a similarity for each (150–300 ms for « informaticien », p95 of the autocomplete
    175 ms on a quiet 2-core machine). This index looks up the 7 200 distinct words instead: p95 21 ms, for
    about 30 MB per process, loaded in well under a second (docs/search.md, « Latency »).

    A query word found in the vocabulary brings the names containing it (and, for the last word, the words
    it starts, as one types); an unknown word brings the names containing the most similar known words."""

    def __init__(self):
        self.version = None
        self.lock = threading.Lock()
        self.rows = []
        self.word_terms = {}
        self.gram_words = {}
        self.sorted_words = []

    def load(self, version):
        rows = list(SearchTerm.objects.values_list("term", "label", "kind", "page_id"))
        word_terms = defaultdict(set)
        for index, row in enumerate(rows):
            for word in set(row[0].split()):
                word_terms[word].add(index)
        gram_words = defaultdict(set)
        for word in word_terms:
            for gram in trigrams(word):
                gram_words[gram].add(word)
        with self.lock:
            self.rows, self.word_terms, self.gram_words = rows, dict(word_terms), dict(gram_words)
            self.sorted_words = sorted(word_terms)
            self.version = version

    def similar_words(self, word, limit=4):
        grams = trigrams(word)
        shared = defaultdict(int)
        for gram in grams:
            for known in self.gram_words.get(gram, ()):
                shared[known] += 1
        scored = []
        for known, count in shared.items():
            score = count / (len(grams) + len(trigrams(known)) - count)
            if score >= 0.3:
                scored.append((score, known))
        scored.sort(reverse=True)
        return [known for _score, known in scored[:limit]]

    def words_starting(self, prefix, limit=30):

        start = bisect.bisect_left(self.sorted_words, prefix)
        found = []
        for word in self.sorted_words[start : start + limit]:
            if not word.startswith(prefix):
                break
            found.append(word)
        return found

    def candidates(self, query):
        query_words = search_words_of(query)
        hits = defaultdict(int)
        for position, word in enumerate(query_words):
            known = [word] if word in self.word_terms else []
            if position == len(query_words) - 1 and len(word) >= 3:
                known += self.words_starting(word)
            if not known or len(word) >= 5:
                known += self.similar_words(word)
            for found in dict.fromkeys(known):
                for index in self.word_terms.get(found, ()):
                    hits[index] += 1
        # A very common word (« agent »): keep the names with the most query words, shortest first.
        best = sorted(hits, key=lambda index: (-hits[index], len(self.rows[index][0])))[: MAX_CANDIDATES * 3]
        return [self.rows[index] for index in best]


_memory_matcher = MemoryTermMatcher()


def get_matcher(version):
    """The process's index of the dictionary, reloaded when the dictionary was rebuilt (another process may
    have rebuilt it: `version` is the fingerprint and build time read from the database)."""
    if _memory_matcher.version != version:
        _memory_matcher.load(version)
    return _memory_matcher


def match(query, visible_ids, limit=50, min_score=MIN_SCORE, prefix=False, alternatives=()):
    """Sheets whose names match the folded `query` (as typed, without its stop words, and as the
    `alternatives` given, such as the query read by sound), restricted to `visible_ids`, best first."""
    if not query or not search_words_of(query):
        return []
    version = ensure_fresh()
    matcher = get_matcher(version)
    alternatives = [form for form in alternatives if form and form != query]
    rows = list(matcher.candidates(query))
    for form in alternatives:
        rows += matcher.candidates(form)
    rows = [row for row in set(rows) if row[3] in visible_ids]
    forms = [query, *alternatives]
    meaningful = " ".join(meaningful_words(query))
    if meaningful and meaningful != query:
        forms.append(meaningful)
    best = {}
    for form in forms:
        for found in rank(form, rows, min_score=min_score, prefix=prefix):
            if found.page_id not in best or found.score > best[found.page_id].score:
                best[found.page_id] = found
    return sorted(best.values(), key=lambda found: (-found.score, found.label))[:limit]


def loose_match(query, visible_ids, limit=3):
    """Distant names, for « Tu voulais dire … ? » when nothing matched."""
    return match(query, visible_ids, limit=limit, min_score=0.25)


def sheet_matcher(folded, ids, limit=6, loose=False, prefix=False):
    """`metiers.names`' matcher: [(sheet id, exact)] among `ids`, best first (set in `search.apps`)."""
    found = loose_match(folded, ids, limit=limit) if loose else match(folded, ids, limit=limit, prefix=prefix)
    return [(hit.page_id, hit.exact) for hit in found]
