"""Views of a text made to be checked (`detect`), each keeping, for every character, its place in the text
as written, so that what is found there is masked in the original.

- `plain`: Unicode NFKC (full-width « ０６ » → « 06 », « ① » → « 1 »), accents typed as separate marks
  dropped, format characters (zero-width spaces and joiners, direction marks, soft hyphens) removed, and
  the look-alike letters of other scripts read as Latin ones (Cyrillic « ѕnаp » → « snap », Greek « ο » →
  « o »), from the Unicode confusables table kept by `confusable-homoglyphs`; letters written one by one
  (« s n a p », « s.n.a.p », « g-m-a-i-l ») joined; a dot or an « at » in brackets (« x[.]fr »,
  « [pt] », « (arrobe) ») read as « . » and « @ »; a link written with spaces (« https : // x . fr »,
  « monsite . fr ») closed up.
- `digits`: `plain` where the letters that look like digits, in a group of digits, are read as digits
  (« O6 I2 » → « 06 12 ») and the separators between digits (« _ , | / \\ * ») are read as spaces
  (« 06_12_34 », « 06/12/34/56/78 »).
- `letters`: `plain` where digits and signs inside a word are read as the letters they stand for
  (« sn@p » → « snap », « 1nst4 » → « insta ») and
  the dots or dashes inside a word dropped (« ins.ta » → « insta »): only the names of apps are looked for there.
"""

import functools
import json
import re
import unicodedata
from pathlib import Path


class View:
    """A text to check and, for each of its characters, the index of the character it came from."""

    __slots__ = ("origin", "text")

    def __init__(self, text, origin):
        self.text, self.origin = text, origin

    @classmethod
    def of(cls, text):
        return cls(text, list(range(len(text))))

    def span(self, start, end):
        """(start, end) in the text as written of the piece [start:end] of this view."""
        if start >= end:
            return self.origin[start] if start < len(self.origin) else len(self.text), self.origin[start]
        return self.origin[start], self.origin[end - 1] + 1

    def sub(self, pattern, replace):
        """A new view, each match of `pattern` replaced by `replace(match)` (or a string). A replacement's
        characters come from the match's, in order, its last one from the match's last."""
        pieces, origin, position = [], [], 0
        for match in pattern.finditer(self.text):
            start, end = match.span()
            new = replace(match) if callable(replace) else replace
            pieces.append(self.text[position:start])
            origin += self.origin[position:start]
            pieces.append(new)
            for k in range(len(new)):
                at = start + k if k < len(new) - 1 else end - 1
                origin.append(self.origin[min(at, end - 1)] if end > start else self.origin[start])
            position = end
        pieces.append(self.text[position:])
        origin += self.origin[position:]
        return View("".join(pieces), origin)


@functools.cache
def confusables():
    """{character of another script: the ASCII letter, digit or sign it looks like}."""
    import confusable_homoglyphs

    data = json.loads((Path(confusable_homoglyphs.__file__).parent / "confusables.json").read_text("utf-8"))
    table = {}
    for char, glyphs in data.items():
        if len(char) != 1 or ord(char) < 0x250:  # ASCII and the Latin letters of French stay as they are
            continue
        for glyph in glyphs:
            target = glyph["c"]
            if len(target) == 1 and target.isascii() and (target.isalnum() or target in "@.:/"):
                table[char] = target.lower() if target.isalpha() else target
                break
    return table


def _characters(text):
    """NFKC, confusables, no format characters, no combining marks: a view of `text`."""
    table = confusables()
    chars, origin = [], []
    for index, char in enumerate(text):
        if unicodedata.category(char) == "Cf":
            continue
        for piece in unicodedata.normalize("NFKC", char):
            if unicodedata.combining(piece):
                continue
            chars.append(table.get(piece, piece))
            origin.append(index)
    return View("".join(chars), origin)


# Three or more letters or digits written one by one: « s n a p », « s.n.a.p », « g-m-a-i-l ».
SPACED = re.compile(r"(?<!\w)\w(?:[ .\-_*·•'’]\w(?!\w)){2,}")
# Letters joined by a dot and spaced out at once: « s . n . a . p ».
SPACED_WIDE = re.compile(r"(?<!\w)\w(?:\s[.\-_*·•]\s\w(?!\w)){2,}")
BRACKET_DOT = re.compile(r"\s*[\[({<]\s*(?:\.|dot|point|pt)\s*[\])}>]\s*", re.IGNORECASE)
BRACKET_AT = re.compile(r"\s*[\[({<]\s*(?:@|at|ar+ob(?:a|e)s?e?|ar+oba)\s*[\])}>]\s*", re.IGNORECASE)
SPACED_SCHEME = re.compile(r"\b(https?)\s*:\s*/\s*/\s*([\w\-]+(?:\s*\.\s*[\w\-]+)*)", re.IGNORECASE)
# « monsite . fr », « monsite .xyz », « monsite point fr »: not « me », « net » followed by a word, nor « fini. Fr… » in a sentence.
SPACED_DOMAIN = re.compile(
    r"\b([a-z0-9][\w\-]{1,40})(?:\s+\.\s*|\s*\.\s+|\s+(?:point|dot)\s+)(fr|com|org|xyz|io|ee|gg|tv|ly|eu)\b"
    r"(?!\s*[a-zà-ÿ])",
    re.IGNORECASE,
)
LOOK_ALIKE_DIGITS = re.compile(r"(?<![^\W\d_])(?=[OoIl|]*\d)[0-9OoIl|]{2,}(?![^\W\d_])")
DIGIT_TABLE = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "|": "1"})
DIGIT_SEPARATORS = re.compile(r"(?<=\d)\s*[_,|/\\*;:]\s*(?=\d)")
LEET = re.compile(r"(?<![\w@$!])(?=[\w@$!]*[^\W\d_])(?=[\w@$!]*[@$!\d])[\w@$!]+")
ACCENTED = re.compile(r"[^\W\d_a-zA-Z]")
INNER_DOT = re.compile(r"(?<=[^\W\d_])[.\-_*·•](?=[^\W\d_])")
LEET_TABLE = str.maketrans({"@": "a", "4": "a", "3": "e", "1": "i", "!": "i", "0": "o", "$": "s", "5": "s"})


def _join(match):
    return re.sub(r"[\s.\-_*·•'’]", "", match.group())


def plain(text):
    view = _characters(text or "")
    view = view.sub(SPACED_SCHEME, lambda m: m.group(1) + "://" + "".join(m.group(2).split()))
    view = view.sub(BRACKET_DOT, ".")
    view = view.sub(BRACKET_AT, "@")
    view = view.sub(SPACED_WIDE, _join)
    view = view.sub(SPACED, _join)
    return view.sub(SPACED_DOMAIN, lambda m: f"{m.group(1)}.{m.group(2)}")


def look_alike_digits(view):
    return view.sub(LOOK_ALIKE_DIGITS, lambda m: m.group().translate(DIGIT_TABLE))


def digits(view):
    return look_alike_digits(view).sub(DIGIT_SEPARATORS, " ")


def _unaccented(match):
    return "".join(unicodedata.normalize("NFKD", char)[0] for char in match.group())


def letters(view):
    view = view.sub(LEET, lambda m: m.group().lower().translate(LEET_TABLE))
    view = view.sub(ACCENTED, _unaccented)  # « ínstagram »
    return view.sub(INNER_DOT, "")
