"""A French phone number spelt in words, alone or mixed with digits, for `detect`: « zéro six douze
trente-quatre cinquante-six soixante-dix-huit », « zero 6 12 34 56 78 », « 06 douze 34 56 78 », in English
too (« zero six one two three… », « oh seven twelve thirty-four… »), and after « +33 » (« +33 six douze… »).

A run of number words (zéro, un … seize, vingt … soixante, quatre-vingt(s), joined by hyphens, spaces or
« et ») and digit groups, separated only by spaces, hyphens, dots or commas, is read as digits, each number
as it is said (« zéro six » → 06, « soixante-dix-huit » → 78). It is a phone number when, from a « zéro »
or a group starting with 0, it reads as at least 8 digits starting with 0 then 1–9. A run holding no word
is left to the digit patterns of `detect` (« 07 12 2026 » is a date). « j'ai quinze ans », « le
vingt-deux mars » or « deux mille vingt-six » read as no such number and pass."""

import re

from home.text import fold

UNITS = {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9}
TEENS = {"dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16}
TENS = {"vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60}
ZERO = "zero"
# English, said digit by digit or in pairs: « zero six one two », « oh seven twelve thirty-four ».
EN_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "seven": 7, "eight": 8, "nine": 9}
EN_TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
EN_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
UNITS.update(EN_UNITS)  # « six » is the same word in both languages
TEENS.update(EN_TEENS)
TENS.update(EN_TENS)
NUMBER_WORDS = {ZERO, "oh", "et", *UNITS, *TEENS, *TENS}

TOKEN = re.compile(r"\d+|[^\W\d_]+")
SEPARATOR = re.compile(r"[\s.,\-]*")
PHONE_DIGITS = re.compile(r"0[1-9]\d{6,}")
INTERNATIONAL = re.compile(r"33[1-9]\d{8}")
MOBILE_WITHOUT_ZERO = re.compile(r"[67]\d{8}")  # « six douze trente-quatre… » (« mets le 0 »)


def _runs(text):
    """Runs of [(word or digits, start, end)]: number words and digit groups with only separators between."""
    run, last_end = [], None
    for match in TOKEN.finditer(text):
        token = match.group()
        word = token if token.isdigit() else fold(token)
        joined = last_end is not None and SEPARATOR.fullmatch(text, last_end, match.start())
        if word not in NUMBER_WORDS and not word.isdigit():
            if run:
                yield run
            run, last_end = [], None
            continue
        if run and not joined:
            yield run
            run = []
        run.append((word, match.start(), match.end()))
        last_end = match.end()
    if run:
        yield run


def _teen_or_unit(words, i):
    """(value, next index) of « dix-sept »…« seize » or « un »…« neuf » at `i`, or (None, i)."""
    word = words[i] if i < len(words) else ""
    if word == "dix" and i + 1 < len(words) and words[i + 1] in ("sept", "huit", "neuf"):
        return 10 + UNITS[words[i + 1]], i + 2
    if word in TEENS:
        return TEENS[word], i + 1
    if word in UNITS:
        return UNITS[word], i + 1
    return None, i


def _number(words, i):
    """(digits as said, next index) of the number (0–99) starting at word `i`; (None, i + 1) for « et »."""
    word = words[i]
    if word == ZERO or (word == "oh" and i + 1 < len(words) and words[i + 1] != "oh"):
        return "0", i + 1
    if word == "quatre" and i + 1 < len(words) and words[i + 1] in ("vingt", "vingts"):
        rest, after = _teen_or_unit(words, i + 2)
        return str(80 + (rest or 0)), after
    if word in TENS:
        after = i + 1
        if after < len(words) and words[after] == "et":
            after += 1
        rest, after = _teen_or_unit(words, after)
        if rest is not None and (rest < 10 or word == "soixante") and not (word in EN_TENS and rest >= 10):
            return str(TENS[word] + rest), after
        return str(TENS[word]), i + 1
    value, after = _teen_or_unit(words, i)
    if value is not None:
        return str(value), after
    return None, i + 1


def _pieces(run):
    """[(digits, start, end)] of a run: each digit group and each number said in words."""
    words = [word for word, _, _ in run]
    pieces, i = [], 0
    while i < len(run):
        if words[i].isdigit():
            pieces.append((words[i], run[i][1], run[i][2]))
            i += 1
            continue
        digits, after = _number(words, i)
        if digits is not None:
            pieces.append((digits, run[i][1], run[after - 1][2]))
        i = after
    return pieces


def spans(text):
    """[(start, end)] of each phone number spelt (at least partly) in words in `text`."""
    found = []
    for run in _runs(text or ""):
        if all(word.isdigit() for word, _, _ in run):
            continue
        pieces = _pieces(run)
        for first in range(len(pieces)):
            said = "".join(digits for digits, _, _ in pieces[first:])
            international = pieces[first][0] == "33" and text[: pieces[first][1]].rstrip().lower().endswith(
                ("+", "plus")
            )
            if (
                (pieces[first][0].startswith("0") and PHONE_DIGITS.fullmatch(said))
                or (international and INTERNATIONAL.fullmatch(said))
                or (first == 0 and len(pieces) >= 4 and MOBILE_WITHOUT_ZERO.fullmatch(said))
            ):
                found.append((pieces[first][1], pieces[-1][2]))
                break
    return found
