"""Text helpers every app uses: folding names for comparison, and the two forms of a gendered title."""

import re
import unicodedata

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
