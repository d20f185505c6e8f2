"""What a query means: the sheets whose own texts describe the activity typed, and queries spelt as they sound.

The term dictionary (`search.terms`) knows the *names* of the sheets. A pupil often types something else: an
activity (« réparer des voitures », « je veux soigner les animaux »), or a name written as it sounds
(« pharmassien », « jandarm »). This module keeps, per process, an index of each live sheet's texts:

* its names (titles, alternative names, everyday words and staff's « mots des élèves »), its hook, the ROME
  definition (`tasks`), the Onisep « nature du travail » (`work_description`), « En bref », its key skills and
  centres d'intérêt. Every word is folded and reduced to its French root (`home.text.word_root`: Snowball's
  stemmer plus agent/action endings), so « réparer » meets « réparation » and « réparateur ». A query's roots
  are ranked with BM25 (texts weighted by field: names and hook count more than the long descriptions).
* the French sound key (`home.text.sound_key`) of every word of the sheets' names: an unknown query word whose
  key is a name word's is read as that word, and a short unknown word as the commonest name word it begins
  (« psy » → « psychologue »): see `correct`.

The roots are computed when the term dictionary is built or a sheet refreshed (`bags_for`, stored in
`SheetConcepts`); each process reads them back and builds its index in a fraction of a second.

No language model is needed: Snowball is a small pure-Python library. If it is missing, roots fall back to the
folded words and the search still answers (see `home.text.word_root`). The index is rebuilt when the term
dictionary's version changes (a sheet or a word saved, the catalogue imported).
"""

import bisect
import difflib
import logging
import math
import re
import threading
from collections import Counter, defaultdict

from django.utils.html import strip_tags

from home.text import fold, sound_key, word_root
from metiers.models import MetierPageCentreInteret

from . import terms
from .models import SheetConcepts
from .text import GENERIC_WORDS, STOP_WORDS

logger = logging.getLogger(__name__)

# How much a word counts according to where it is in a sheet.
FIELD_WEIGHTS = {
    "names": 3.0,
    "introduction": 2.0,
    "en_bref_what": 2.0,
    "tasks": 1.5,
    "interests": 1.0,
    "skills": 1.0,
    "work_description": 1.0,
    "alternative_names": 0.5,
}
K1, B = 1.2, 0.75
MIN_WORD = 3
# Words of intent that say nothing of the job (« je veux », « j'aimerais », « des choses »).
INTENT_WORDS = GENERIC_WORDS | frozenset(
    {"voudrai", "voudrais", "aimerai", "aimerais", "aimerait", "veut", "envie", "plus", "tard", "chose", "choses"}
)
_ELISION = re.compile(r"\b[ldjmnstc]['’]", re.IGNORECASE)


def roots_of(text):
    """The roots of the meaningful words of a text (folded, no stop or intent words, 3 letters or more)."""
    found = []
    for word in fold(_ELISION.sub(" ", text or "")).split():
        if len(word) >= MIN_WORD and word not in STOP_WORDS and word not in INTENT_WORDS:
            found.append(word_root(word))
    return found


def _sheet_texts(page, interests, extra_names):
    names = [page.title, page.title_masculine, page.title_feminine, *extra_names]
    skills = [item.get("label", "") for item in page.skills or () if isinstance(item, dict)]
    return {
        "names": " ".join(name for name in names if name),
        "introduction": page.introduction,
        "en_bref_what": page.en_bref_what,
        "tasks": strip_tags(page.tasks),
        "interests": " ".join(interests),
        "skills": " ".join(skills),
        "work_description": strip_tags(page.work_description),
        "alternative_names": page.alternative_names,
    }


def bags_for(pages):
    """The unsaved `SheetConcepts` rows of some sheets: weighted roots of their texts, words of their names."""
    fields = ["pk", "rome_code", "title", "title_masculine", "title_feminine", "alternative_names"]
    fields += ["introduction", "en_bref_what", "tasks", "work_description", "skills"]
    pages = list(pages.only(*fields))
    page_ids = [page.pk for page in pages]
    interests = defaultdict(list)
    links = MetierPageCentreInteret.objects.filter(content_object_id__in=page_ids)
    for page_id, name in links.values_list("content_object_id", "tag__name"):
        interests[page_id].append(name)
    synonyms = terms.synonyms_by_code()
    pupil_words = terms.pupil_words_by_page(page_ids)
    bags = []
    for page in pages:
        extra = [*synonyms.get(page.rome_code, ()), *pupil_words.get(page.pk, ())]
        texts = _sheet_texts(page, interests.get(page.pk, ()), extra)
        counts = Counter()
        for field, text in texts.items():
            for root in roots_of(text):
                counts[root] += FIELD_WEIGHTS[field]
        name_words = set()
        for name in (texts["names"], texts["alternative_names"]):
            for word in re.findall(r"[^\W\d_]+", (name or "").lower()):
                if len(word) >= MIN_WORD:
                    name_words.add((fold(word), sound_key(word)))
        bags.append(SheetConcepts(page_id=page.pk, roots=dict(counts), name_words=sorted(name_words)))
    return bags


class ConceptIndex:
    """BM25 over the roots of the sheets' texts, and the sound keys of their names' words (see the module)."""

    def __init__(self):
        self.version = None
        self.lock = threading.Lock()
        self.postings = {}
        self.idf = {}
        self.sounds = {}
        self.vocabulary = frozenset()
        self.word_counts = Counter()
        self.sorted_words = []

    def load(self, version):
        weighted, lengths, vocabulary, sounds = {}, {}, set(), defaultdict(Counter)
        for page_id, roots, name_words in SheetConcepts.objects.values_list("page_id", "roots", "name_words"):
            weighted[page_id], lengths[page_id] = roots, sum(roots.values())
            for folded, key in name_words:
                vocabulary.add(folded)
                sounds[key][folded] += 1
        self._install(version, weighted, lengths, vocabulary, sounds)

    def _install(self, version, weighted, lengths, vocabulary, sounds):
        average = (sum(lengths.values()) / len(lengths)) if lengths else 1.0
        postings = defaultdict(dict)
        for page_id, counts in weighted.items():
            norm = K1 * (1 - B + B * lengths[page_id] / average)
            for root, tf in counts.items():
                postings[root][page_id] = tf * (K1 + 1) / (tf + norm)
        total = len(weighted)
        idf = {root: math.log(1 + (total - len(found) + 0.5) / (len(found) + 0.5)) for root, found in postings.items()}
        best_spelling = {key: spellings.most_common(1)[0][0] for key, spellings in sounds.items() if key}
        word_counts = Counter()
        for spellings in sounds.values():
            word_counts.update(spellings)
        with self.lock:
            self.postings, self.idf = dict(postings), idf
            self.sounds, self.vocabulary = best_spelling, frozenset(vocabulary)
            self.word_counts, self.sorted_words = word_counts, sorted(vocabulary)
            self.version = version

    def search(self, text, visible_ids, limit=30):
        """[(page id, score between 0 and 1)], best first: the BM25 score of the query's roots over the visible
        sheets, divided by the best one, times the share of the query's roots that sheet has."""
        roots = list(dict.fromkeys(roots_of(text)))
        if not roots:
            return []
        scores, matched = defaultdict(float), defaultdict(int)
        for root in roots:
            idf = self.idf.get(root, 0.0)
            for page_id, part in self.postings.get(root, {}).items():
                if page_id in visible_ids:
                    scores[page_id] += idf * part
                    matched[page_id] += 1
        if not scores:
            return []
        for page_id in scores:
            scores[page_id] *= matched[page_id] / len(roots)
        top = max(scores.values())
        ranked = sorted(scores.items(), key=lambda item: -item[1])[:limit]
        return [(page_id, score / top) for page_id, score in ranked]

    def _completion(self, folded):
        """The most common name word that a short unknown word begins (« psy », « ophtalmo », « dev »)."""
        start = bisect.bisect_left(self.sorted_words, folded)
        found = []
        for word in self.sorted_words[start : start + 200]:
            if not word.startswith(folded):
                break
            found.append(word)
        return max(found, key=lambda word: (self.word_counts[word], -len(word)), default="")

    def nearest_by_sound(self, query):
        """For a search that found nothing: each word read as the name word whose sound key is the closest
        (« keuf » → a name sounding near), so that the page still offers sheets. Slower (it compares keys), so
        only used then."""
        keys = list(self.sounds)
        words = []
        for word in query.lower().split():
            folded = fold(word)
            if len(folded) < MIN_WORD or folded in STOP_WORDS:
                continue
            close = difflib.get_close_matches(sound_key(word), keys, n=1, cutoff=0.6)
            if close:
                words.append(self.sounds[close[0]])
        return " ".join(words)

    def correct(self, query):
        """`query` folded, its unknown words replaced by the name word that sounds the same (« jandarm » →
        « gendarme »), or "" when no word was replaced."""
        words, changed = [], False
        for word in query.lower().split():
            folded = fold(word)
            known = folded in self.vocabulary or word_root(folded) in self.idf
            if known or folded in STOP_WORDS or len(folded) < MIN_WORD:
                words.append(folded)
                continue
            known = self.sounds.get(sound_key(word)) or self._completion(folded)
            words.append(known or folded)
            changed = changed or bool(known)
        return " ".join(words) if changed else ""


_index = ConceptIndex()


def get_index():
    """The process's index, rebuilt first if the term dictionary changed since it was built."""
    version = terms.ensure_fresh()
    if _index.version != version:
        try:
            _index.load(version)
        except Exception:  # The page must still answer with the dictionary and the full text.
            logger.exception("Could not build the search concept index")
            _index.version = version
    return _index


def nearest_by_sound(query):
    return get_index().nearest_by_sound(query)


def correct(query):
    return get_index().correct(query)


def search(text, visible_ids, limit=30):
    return get_index().search(text, visible_ids, limit=limit)


def warm_up():
    """Build this process's indexes (the term dictionary's and the meaning index) before a visitor's first
    search has to wait for them: about a second and a half on a 2-core machine. Called when an app server
    process starts (`config/wsgi.py`); a database not reachable yet leaves them to the first search."""
    try:
        terms.get_matcher(terms.ensure_fresh())
        get_index()
    except Exception:  # the server must start whatever happens here
        logger.warning("Search indexes not built at start-up; the first search will build them", exc_info=True)
