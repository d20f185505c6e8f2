"""Text helpers every app uses: folding names for comparison, the two forms of a gendered title, and the
French elision of « de » before a first name."""

import re
import unicodedata
from functools import lru_cache

from django.utils.translation import get_language

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss", "’": "'"})
# Latin letters and digits, and the Arabic letters and digits: a query typed in Arabic is searched too (its
# short vowels and hamza marks are combining characters, dropped like French accents).
_NON_WORD = re.compile(r"[^0-9a-z\u0620-\u064a\u0660-\u0669]+")


def fold(text, sep=" "):
    """`text` lower-cased, without accents, ligatures or punctuation, its words joined by `sep`.

    « Infirmière », « infirmiere » and « INFIRMIÈRE » fold to the same string, so what someone types
    without accents or capitals still matches: search compares words (`sep=" "`), the class-list import
    compares names and class names whatever their spacing (`sep=""`: « 3e A » and « 3eA » are one class).
    """
    if not text:
        return ""
    text = str(text).translate(_LIGATURES)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(char for char in text if not unicodedata.combining(char))
    return sep.join(_NON_WORD.sub(" ", text.lower()).split())


def split_genders(title):
    """« Conducteur / Conductrice d'engins agricoles » → (« Conducteur d'engins agricoles »,
    « Conductrice d'engins agricoles »): ROME titles give both forms, the shared words once. A title
    without « / » is both forms."""
    if " / " not in title:
        return title, title
    left, right = title.split(" / ", 1)
    tail = right.split(" ")[len(left.split(" ")) :]
    return " ".join([left, *tail]), right


def starts_with_vowel(word):
    """A word whose first letter is a vowel, accented or not (« Inès », « Émile », « Œdipe »). « y » and « h »
    count as consonants: « de Yanis », « de Hugo » (before a mute h French may elide, not always: we don't)."""
    folded = fold(word)
    return bool(folded) and folded[0] in "aeiou"


def elide_de(text, *names):
    """`text` with « de » elided before each of `names` that starts with a vowel, when the language is French:
    « CV de Inès » → « CV d'Inès », « Commentaire de Karim » unchanged.

    The sentence stays one translatable string with the name in it (`"%(kind)s de %(name)s"`), so each
    language keeps its own word order and its translation; only the French result is touched. Templates use
    the `elide_de` filter of `text_tags` on a `{% blocktranslate asvar %}` result."""
    if not (get_language() or "").startswith("fr"):
        return text
    for name in names:
        name = str(name or "").strip()
        if starts_with_vowel(name):
            pattern = re.compile(rf"\b([Dd])e {re.escape(name)}(?!\w)")
            text = pattern.sub(lambda match, name=name: f"{match.group(1)}'{name}", text)
    return text


# French word roots ----------------------------------------------------------------------------------------
_ROOT_ENDINGS = ("euse", "eur", "rice", "ion", "iere", "ier", "eux", "r", "i")


@lru_cache(maxsize=100_000)
def word_root(word):
    """The French root of one folded word, for matching a verb with the nouns of the same family.

    Snowball's French stemmer (a kept library) does the grammar (« réparer », « réparation » → « repar »);
    then one agent or action ending is cut when a root of 4 letters or more remains, so that « soigneur »,
    « vendeur » and « vendre » meet « soigner » (« soign », « vend »), « fermier » meets « ferme »."""
    stemmer = _french_stemmer()
    if stemmer is None:  # the library is missing: whole words still match
        return word
    if len(word) > 4 and word[-1] == "s" and word[-2] not in "su":  # a plural the stemmer keeps (« photos »)
        word = word[:-1]
    stem = stemmer.stemWord(word)
    for ending in _ROOT_ENDINGS:
        if stem.endswith(ending) and len(stem) - len(ending) >= 4:
            return stem[: -len(ending)]
    return stem


@lru_cache(maxsize=1)
def _french_stemmer():
    try:
        import snowballstemmer
    except ImportError:
        return None
    return snowballstemmer.stemmer("french")


# French phonetic keys -------------------------------------------------------------------------------------
# How a word sounds, written with one letter per sound, so that « boulanjé », « boulangé » and « boulanger »,
# « pharmassien » and « pharmacien », « masson » and « maçon » get the same key. Our own rules (no kept library
# for French keys is installable here: the packages found are unmaintained or need a geocoding server); each
# rule is tested on real misspellings in tests/test_search_phonetic.py. Applied in order, on the lower-case
# word with its accents (« ç », « é » carry sound), then accents dropped.
_SOUND_RULES = [
    (r"^h", ""),
    # Endings first: « -aire », « -ère », « -èr » sound alike; « -er », « -é », « -ez » too (« boulanjé »).
    (r"(aire|ere|ère|èr|erre|ert)s?$", "7r"),
    (r"(ers|er|ez|ées|ée|és|é|ets|et)$", "e"),
    (r"ç", "s"),
    (r"z", "s"),  # « s » between vowels sounds « z », but pupils write « s » for both (« mecanisien »)
    (r"[éèêë]", "e"),
    (r"[àâä]", "a"),
    (r"[îï]", "i"),
    (r"[ôö]", "o"),
    (r"[ùûü]", "u"),
    (r"ph", "f"),
    (r"th", "t"),
    (r"^archi(?=t)", "arki"),
    (r"ch(?=[rln])", "k"),
    (r"ych", "ik"),
    (r"sc(?=[eiy])", "s"),
    (r"sch|ch|sh", "C"),
    (r"qu|q|ck|k", "k"),
    (r"c(?=[eiy])", "s"),
    (r"c", "k"),
    (r"gu(?=[eiy])", "g"),
    (r"g(?=[eiy])", "j"),
    (r"ge(?=[aou])", "j"),
    (r"gn", "N"),
    (r"y", "i"),
    (r"w", "v"),
    (r"h", ""),
    (r"eaux?|au", "o"),
    (r"oi", "wa"),
    (r"ou", "U"),
    (r"[eœ]u", "2"),
    (r"(ai|ei)(?=[^n]|$)", "e"),
    (r"ien(?=[^ne]|$)", "iE"),
    (r"(ain|ein|in|im|un|um)(?=[^aeiouynm]|$)", "E"),
    (r"(an|am|en|em)(?=[^aeiouynm]|$)", "A"),
    (r"(on|om)(?=[^aeiouynm]|$)", "O"),
    (r"x(?=.)", "ks"),
    (r"(.)\1+", r"\1"),
    (r"(?<=..)e$", ""),
    (r"st$", "s"),
    (r"(?<=.)[sxtdp]$", ""),
]


@lru_cache(maxsize=100_000)
def sound_key(word):
    """The French phonetic key of one word (see the rules above); empty for an empty word."""
    key = str(word).lower().translate(_LIGATURES)
    for pattern, replacement in _COMPILED_SOUND_RULES:
        key = pattern.sub(replacement, key)
    return re.sub(r"[^0-9a-zA-Z]", "", key)


_COMPILED_SOUND_RULES = [(re.compile(pattern), replacement) for pattern, replacement in _SOUND_RULES]
