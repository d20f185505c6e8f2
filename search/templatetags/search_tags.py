"""Extracts of search results with the query's words marked."""

import re

from django import template
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from home.text import fold
from search.text import search_words_of

register = template.Library()

EXTRACT_LENGTH = 220
_WORD = re.compile(r"\w[\w'’-]*", re.UNICODE)


def _stems(query):
    """Beginnings of the query's words: « boulangers » marks « boulanger » and « boulangère »."""
    return [word[: max(4, len(word) - 2)] if len(word) > 4 else word for word in search_words_of(fold(query))]


def _matches(word, stems):
    folded = fold(word)
    return any(part.startswith(stem) for stem in stems for part in folded.split())


@register.filter
def highlight(text, query):
    """`text` as escaped HTML, cut around the first match, each matching word inside <mark>."""
    text = " ".join(strip_tags(str(text or "")).split())
    stems = _stems(query or "")
    if not text:
        return ""
    spans = [match.span() for match in _WORD.finditer(text) if stems and _matches(match.group(), stems)]
    start, end = 0, len(text)
    if len(text) > EXTRACT_LENGTH:
        first = spans[0][0] if spans else 0
        start = max(0, first - EXTRACT_LENGTH // 3)
        start = text.rfind(" ", 0, start) + 1 if start else 0
        end = min(len(text), start + EXTRACT_LENGTH)
        cut = text.rfind(" ", start, end)
        end = cut if cut > start and end < len(text) else end
    pieces, position = [], start
    for span_start, span_end in spans:
        if span_start < start or span_end > end:
            continue
        pieces.append(escape(text[position:span_start]))
        pieces.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        position = span_end
    pieces.append(escape(text[position:end]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(pieces) + suffix)  # noqa: S308 (every piece is escaped above)
