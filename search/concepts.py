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

* the everyday vocabulary (issue 29): a query is read as a wish (`ConceptIndex.read`): words of intent dropped,
  familiar and everyday words (`search/data/mots_familiers.csv`, and the meanings staff give to « mots des
  élèves ») read as the sheets' words they mean, cut words (« ordi ») as the texts' roots they begin; and
  `more_than_letters` tells a name the query could have meant from one that only shares letters with it.

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
from dataclasses import dataclass

from django.utils.html import strip_tags

from home.text import fold, sound_key, word_root
from metiers.models import MetierPageCentreInteret

from . import catalogue, terms
from .familiar import familiar_words, meaning, senses
from .models import PupilWord, SheetConcepts
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
    "acronyms": 1.0,
}
K1, B = 1.2, 0.75
MIN_WORD = 3
# Words of intent that say nothing of the job (« je veux », « j'aimerais », « des choses »).
INTENT_WORDS = GENERIC_WORDS | frozenset(
    {"voudrai", "voudrais", "aimerai", "aimerais", "aimerait", "veut", "envie", "plus", "tard", "chose", "choses"}
    | {"bien", "vraiment", "trop", "truc", "trucs", "genre", "occuper", "etre", "adore", "aimes", "aiment", "gens"}
)
# An organisation or employer named by its acronym in a sheet's access or qualities texts (« la SNCF », « hors
# RATP »): the rest of those texts (diplomas, schools) is not indexed, only such capitalised names.
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]{2,5}\b")
_ELISION = re.compile(r"\b[ldjmnstc]['’]", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
# Everyday, familiar and abbreviated words, each tied to the words the sheets' own texts use (issue 29).
# How much a word brought in for a query word counts against the word typed.
SENSE_WEIGHT = 0.9
APOCOPE_WEIGHT = 0.8
# A short word typed as pupils cut words (« ordi », « appli », « archi »): the roots of the sheets' texts it
# begins, when it is not itself a root; at most this many, the commonest first.
APOCOPE_ROOTS = 1
MIN_APOCOPE = 4


def _query_words(text):
    """The folded words of a query that may carry meaning: no stop word, no word of intent (« je veux »)."""
    found = []
    for word in fold(_ELISION.sub(" ", text or "")).split():
        if word in STOP_WORDS or word in INTENT_WORDS:
            continue
        if len(word) >= MIN_WORD or word in familiar_words():
            found.append(word)
    return found


def _agrees(word, other):
    """Whether two folded words are the same word, one the start of the other, or spelt alike in a way a pupil
    could mean one for the other: same sound, or the same first sound and most letters in order. « ordis » and
    « cordiste » share letters only (their first sounds differ): that is no reason to offer one for the other."""
    if word == other:
        return True
    if min(len(word), len(other)) >= 4 and (other.startswith(word) or word.startswith(other)):
        return True
    key, other_key = sound_key(word), sound_key(other)
    if key == other_key:
        return True
    if key[:1] != other_key[:1]:
        return False
    return difflib.SequenceMatcher(None, word, other).ratio() >= 0.75


def more_than_letters(query, label):
    """Whether a name (« Cordiste ») answers a query (« travailler avec les ordis ») by more than shared letters:
    some meaningful word of the query is, or could be a misspelling of, a word of the name."""
    label_words = fold(label).split()
    # A short query (« RH », « DJ ») has no word of three letters: its own words are compared then.
    words = _query_words(query) or [word for word in fold(query).split() if word not in STOP_WORDS]
    return any(_agrees(word, other) for word in words for other in label_words if len(other) >= min(len(word), 3))


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
    access = " ".join(_TAG.sub(" ", text or "") for text in (page.access_summary, page.access_details, page.qualities))
    return {
        "names": " ".join(name for name in names if name),
        "introduction": page.introduction,
        "en_bref_what": page.en_bref_what,
        "tasks": strip_tags(_TAG.sub(" ", page.tasks or "")),
        "interests": " ".join(interests),
        "skills": " ".join(skills),
        "work_description": strip_tags(_TAG.sub(" ", page.work_description or "")),
        "alternative_names": page.alternative_names,
        "acronyms": " ".join(_ACRONYM.findall(access)),
    }


def bags_for(pages):
    """The unsaved `SheetConcepts` rows of some sheets: weighted roots of their texts, words of their names."""
    fields = ["pk", "rome_code", "title", "title_masculine", "title_feminine", "alternative_names"]
    fields += ["introduction", "en_bref_what", "tasks", "work_description", "skills"]
    fields += ["access_summary", "access_details", "qualities"]
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
                # An acronym is stored in capitals: it counts as the sheet's word, not in the sheet's length (see
                # `ConceptIndex.load`), so that naming « CAP » and « BTS » does not make a sheet's texts longer.
                counts[root.upper() if field == "acronyms" else root] += FIELD_WEIGHTS[field]
        name_words = set()
        for name in (texts["names"], texts["alternative_names"]):
            for word in re.findall(r"[^\W\d_]+", (name or "").lower()):
                if len(word) >= MIN_WORD:
                    name_words.add((fold(word), sound_key(word)))
        bags.append(SheetConcepts(page_id=page.pk, roots=dict(counts), name_words=sorted(name_words)))
    return bags


def _merged(roots):
    """A sheet's stored {root: weight} with its acronyms (stored in capitals) folded into the other roots."""
    if not any(root.isupper() for root in roots):
        return roots
    merged = Counter()
    for root, weight in roots.items():
        merged[root.lower()] += weight
    return dict(merged)


@dataclass
class Reading:
    """A query read as a wish: one group of {root: weight} per meaningful word, and whether some word was read
    through the familiar vocabulary or as a cut word (the names alone would not understand the query)."""

    groups: list
    read_as: bool


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
        self.sorted_roots = []
        self.staff_meanings = {}
        self.domains = {}
        self.interests = []

    def load(self, version):
        weighted, lengths, vocabulary, sounds = {}, {}, set(), defaultdict(Counter)
        for page_id, roots, name_words in SheetConcepts.objects.values_list("page_id", "roots", "name_words"):
            weighted[page_id], lengths[page_id] = (
                _merged(roots),
                sum(w for root, w in roots.items() if not root.isupper()),
            )
            for folded, key in name_words:
                vocabulary.add(folded)
                sounds[key][folded] += 1
        staff = senses(PupilWord.objects.exclude(meaning="").values_list("word", "meaning"))
        self._install(version, weighted, lengths, vocabulary, sounds, staff)
        self.domains = catalogue.load_domains()
        self.interests = catalogue.load_interests()

    def _install(self, version, weighted, lengths, vocabulary, sounds, staff_meanings=None):
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
            self.sorted_roots = sorted(idf)
            self.staff_meanings = staff_meanings or {}
            self.version = version

    def meanings(self):
        """The everyday vocabulary: the reviewed file, and the meanings staff gave to « mots des élèves »."""
        familiar = familiar_words()
        return {**familiar, **self.staff_meanings} if self.staff_meanings else familiar

    def read(self, text):
        """The query read as a wish: its words of intent dropped (« je veux », « bosser »), each other word a group
        of roots — its own, the roots of the sheets' words a familiar word means (« bagnole » → automobile,
        véhicule), or, for a cut word no text knows (« ordi »), the shortest root of the texts it begins and what that
        root means. A word read so is never « corrected » by sound (see `correct`)."""
        familiar = self.meanings()
        groups, read_as = [], False
        words = _query_words(text)
        whole = familiar.get(" ".join(words)) if len(words) > 1 else None
        if whole:  # an expression staff gave a meaning (« dev web » : « développement informatique internet »)
            return Reading([dict.fromkeys(whole, SENSE_WEIGHT)], True)
        for word in words:
            root = word_root(word) if len(word) > 2 else word
            meant = meaning(familiar, word, root)
            if meant is not None and not meant:
                continue  # a word of intent: « bosser », « kiffer »
            group = {root: 1.0}
            if meant:
                read_as = True
                for sense in meant:
                    group.setdefault(sense, SENSE_WEIGHT)
            elif root not in self.idf and len(word) >= MIN_APOCOPE:
                for completion in self._root_completions(word):
                    group.setdefault(completion, APOCOPE_WEIGHT)
                    read_as = True
                    # « ordi » → « ordin(ateur) » → what « ordinateur » means (« informatique »).
                    for sense in familiar.get(completion, ()):
                        group.setdefault(sense, APOCOPE_WEIGHT * SENSE_WEIGHT)
            groups.append(group)
        return Reading(groups, read_as)

    def domain_sheets(self, reading, visible_ids):
        """[(page id, centrality between 0 and 1)] for a query that is the one-word name of a grand domaine or a
        domaine professionnel (« santé », « bois »): the domain's sheets, the most central first (see
        `load_domains`); [] for any other query. `reading` is the query read as a wish (`read`)."""
        groups = reading.groups
        if len(groups) != 1 or not self.domains:
            return []
        typed = next(iter(groups[0]))  # the word's own root comes first in its group
        sheets = self.domains.get(typed, {})
        return sorted(
            ((page_id, score) for page_id, score in sheets.items() if page_id in visible_ids), key=lambda item: -item[1]
        )

    def interest_sheets(self, reading, visible_ids):
        """[(page id, 1.0)] for the sheets of the centres d'intérêt whose wording holds every word of the wish:
        the interests are themselves written as pupils' wishes (« Je souhaite protéger et secourir », « J'aimerais
        travailler dehors »), so « protéger les gens » is that wish, and its sheets (police, pompiers, sécurité)
        fit it better than those whose texts merely say « protection »."""
        # The words typed, not what the everyday vocabulary reads in them (« magasin » also means « commerce »,
        # but « travailler dans un magasin » is not « Je veux travailler dans le commerce »).
        typed = [next(iter(group)) for group in reading.groups]
        if not typed:
            return []
        found = set()
        for roots, page_ids in self.interests:
            if roots.issuperset(typed):
                found |= page_ids
        return [(page_id, 1.0) for page_id in found if page_id in visible_ids]

    def _root_completions(self, folded):
        """The roots of the sheets' texts that a cut word begins (« ordi » → « ordin »), shortest first."""
        stem = folded[:-1] if folded.endswith("s") else folded
        start = bisect.bisect_left(self.sorted_roots, stem)
        found = []
        for root in self.sorted_roots[start : start + 400]:
            if not root.startswith(stem):
                break
            if len(root) > len(stem):
                found.append(root)
        # The shortest roots first: the cut word's own family (« ordin », not « ordinair »).
        found.sort(key=lambda root: (len(root), -len(self.postings.get(root, ()))))
        return found[:APOCOPE_ROOTS]

    def search(self, text, visible_ids, limit=30):
        """[(page id, score between 0 and 1)], best first: BM25 over the visible sheets, each query word counting
        once by its best root (its own or one it means, `read`), divided by the best sheet's score, times the
        share of the query's words that sheet has."""
        groups = self.read(text).groups
        if not groups:
            return []
        scores, matched = defaultdict(float), defaultdict(int)
        for group in groups:
            # Per sheet: the best root of the group, plus half of the others it also has (a sheet that speaks of
            # « ordinateur » and « informatique » fits « ordi » better than one that only cites a computer).
            found = defaultdict(list)
            for root, weight in group.items():
                idf = self.idf.get(root, 0.0) * weight
                for page_id, part in self.postings.get(root, {}).items():
                    if page_id in visible_ids:
                        found[page_id].append(idf * part)
            for page_id, parts in found.items():
                parts.sort(reverse=True)
                scores[page_id] += parts[0] + 0.5 * sum(parts[1:])
                matched[page_id] += 1
        if not scores:
            return []
        for page_id in scores:
            scores[page_id] *= matched[page_id] / len(groups)
        top = max(scores.values())
        if top <= 0:
            return []
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
            root = word_root(folded) if len(folded) > 2 else folded
            known = folded in self.vocabulary or root in self.idf or meaning(self.meanings(), folded, root) is not None
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


def read(text):
    return get_index().read(text)


def domain_sheets(reading, visible_ids):
    return get_index().domain_sheets(reading, visible_ids)


def interest_sheets(reading, visible_ids):
    return get_index().interest_sheets(reading, visible_ids)


def warm_up():
    """Build this process's indexes (the term dictionary's and the meaning index) before a visitor's first
    search has to wait for them: about a second and a half on a 2-core machine. Called when an app server
    process starts (`config/wsgi.py`); a database not reachable yet leaves them to the first search."""
    try:
        terms.get_matcher(terms.ensure_fresh())
        get_index()
    except Exception:  # the server must start whatever happens here
        logger.warning("Search indexes not built at start-up; the first search will build them", exc_info=True)
