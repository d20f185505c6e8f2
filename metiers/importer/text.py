"""Small text helpers the import applies to the source wording (ROME labels, Onisep HTML)."""

import html
import re

from django.utils.html import escape, strip_tags


def plain_text(fragment):
    """HTML fragment → one line of plain text (for the sheet's hook)."""
    return re.sub(r"\s+", " ", html.unescape(strip_tags(fragment or ""))).strip()


def truncate_words(text, limit):
    """`text` cut at a word boundary so that it fits `limit` characters, with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"


def onisep_html(fragment):
    """Onisep HTML, with its h3–h5 headings as h3: on a sheet they sit under the section's h2."""
    fragment = (fragment or "").strip()
    return re.sub(r"<(/?)h[3-6]>", r"<\1h3>", fragment)


def lines_as_list(text):
    """One line per item → an HTML bullet list (ROME definitions are written one task per line)."""
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    if not lines:
        return ""
    return "<ul>" + "".join(f"<li>{escape(line)}</li>" for line in lines) + "</ul>"


def capitalise(text):
    """First letter upper case, the rest untouched (Onisep writes names in lower case)."""
    text = (text or "").strip()
    return text[:1].upper() + text[1:]


def split_genders(title):
    """« Conducteur / Conductrice d'engins agricoles » -> masculine and feminine titles."""
    if " / " not in title:
        return title, title
    left, right = title.split(" / ", 1)
    right_words = right.split(" ")
    tail = right_words[len(left.split(" ")) :]
    return " ".join([left, *tail]), right


def unique_slug(slug, taken, suffix=""):
    """`slug`, or `slug-suffix`, or `slug-2`, `slug-3`… whichever is not in `taken` (which it joins)."""
    slug = slug or "fiche"
    candidates = [slug, f"{slug}-{suffix}"] if suffix else [slug]
    candidate = next((c for c in candidates if c not in taken), None)
    number = 2
    while candidate is None or candidate in taken:
        candidate, number = f"{slug}-{number}", number + 1
    taken.add(candidate)
    return candidate
