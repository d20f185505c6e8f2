"""Differences between two versions of a document, word by word and section by section (difflib from the
standard library). The result is a list of pieces the template shows with <del> and <ins>; the text
stays text (escaped by the template), never HTML built here."""

import difflib
import re
from dataclasses import dataclass

from .sections import sections_for

TOKENS = re.compile(r"\s+|[^\s]+")


@dataclass
class SectionDiff:
    title: str
    pieces: list  # [(kind, text)] with kind "same", "removed" or "added"
    changed: bool


def diff_text(old, new):
    """[(kind, text)] turning `old` into `new`, by words (the spaces kept with them)."""
    before, after = TOKENS.findall(old or ""), TOKENS.findall(new or "")
    pieces = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(("same", "".join(before[i1:i2])))
            continue
        if op in {"delete", "replace"}:
            pieces.append(("removed", "".join(before[i1:i2])))
        if op in {"insert", "replace"}:
            pieces.append(("added", "".join(after[j1:j2])))
    return pieces


def diff_sections(kind, old_sections, new_sections):
    """One SectionDiff per section of the document kind, in the order of the guided steps."""
    result = []
    for section in sections_for(kind):
        old, new = old_sections.get(section.key, ""), new_sections.get(section.key, "")
        result.append(SectionDiff(section.title, diff_text(old, new), old != new))
    return result
