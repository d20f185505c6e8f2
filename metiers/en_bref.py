"""« En bref »: three short sentences at the top of a sheet — what you do, where, with whom.

Staff write them (fields `en_bref_what`, `en_bref_where`, `en_bref_who`). Until they do, each line gets a first
version derived from the imported ROME data when the data allows:

- what: the plainest (shortest words) of the sheet's first ROME tasks (« Prépare et réalise des produits de
  boulangerie… »), cut before its qualifying tail (« selon les règles… »), with the job as its subject:
  « Le boulanger prépare… »;
- where: the ROME « Types de structures » of the sheet's work contexts, else its sector;
- with whom: the ROME « Publics spécifiques ».

A derived line is marked as such to staff (the report « Fiches sans En bref »), never to visitors.
"""

import re
from html import unescape

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

LABELS = {"what": _("Ce que tu fais"), "where": _("Où"), "who": _("Avec qui")}
MAX_WORDS = 16
# Where a ROME task turns from what is done to how it is done.
TAILS = (
    " selon ",
    " conformément ",
    " dans le respect ",
    " en fonction ",
    " à partir ",
    " en veillant ",
    " suivant ",
    " dans le cadre ",
    ", ",
    " et en ",
)
ARTICLES = ("le ", "la ", "les ", "l'", "l’", "un ", "une ")


def _items(html):
    return [
        " ".join(unescape(strip_tags(item)).split()) for item in re.findall(r"<li[^>]*>(.*?)</li>", html or "", re.S)
    ]


def _subject(sheet):
    name = (sheet.title_masculine or sheet.title.split(" / ")[0]).strip()
    if not name:
        return ""
    name = name[0].lower() + name[1:]
    article = "l'" if name[0] in "aâàeéèêiîoôuûyh" else "le "
    return (article + name)[0].upper() + (article + name)[1:]


def _plainness(words):
    """Mean letters per word: shorter words read more easily (what readability formulas measure)."""
    return sum(len(word) for word in words) / len(words)


def derive_what(sheet):
    """The plainest of the sheet's first ROME tasks (shortest words), with the job as its subject."""
    candidates = []
    for task in _items(sheet.tasks)[:8]:
        if not task or task.lower().startswith(ARTICLES) or not task[0].isupper():
            continue  # a description of the job, not a task
        for tail in TAILS:
            position = task.find(tail)
            if position > 0 and len(task[:position].split()) >= 4:
                task = task[:position]
        words = task.rstrip(" .;").split()
        if 3 <= len(words) <= MAX_WORDS:
            candidates.append(words)
    if not candidates:
        return ""
    words = min(candidates, key=_plainness)
    return f"{_subject(sheet)} {words[0].lower()} {' '.join(words[1:])}."


def _context(sheet, kind):
    for group in sheet.work_contexts or []:
        if group.get("type") == kind:
            return [item for item in group.get("items", []) if item]
    return []


def _lower_first(text):
    return text[0].lower() + text[1:] if text else text


# ROME writes capitals without their accent.
ACCENTED_CAPITALS = {"Etablissement": "Établissement", "Etat": "État", "Ecole": "École", "Equipe": "Équipe"}


def _as_sentence(items):
    items = [
        ACCENTED_CAPITALS.get(item.split(" ")[0], item.split(" ")[0]) + item[len(item.split(" ")[0]) :]
        for item in items
    ]
    text = ", ".join([items[0], *(_lower_first(item) for item in items[1:])])
    return text[0].upper() + text[1:] + "."


def derive_where(sheet, sectors=None):
    places = _context(sheet, "Types de structures")[:2]
    if places:
        return _as_sentence(places)
    sectors = sheet.sector_list if sectors is None else sectors
    sector = next((sector for sector in sectors if not sector.parent_id), None)
    if sector is not None:
        return _("Dans le secteur : %(sector)s.") % {"sector": _lower_first(sector.name)}
    return ""


def derive_who(sheet):
    people = _context(sheet, "Publics spécifiques")[:3]
    if people:
        return _as_sentence(people)
    return ""


DERIVE = {"what": derive_what, "where": derive_where, "who": derive_who}


def en_bref_lines(sheet, sectors=None):
    """[(key, label, sentence, derived)] for the lines that have a sentence, staff's or derived. `sectors`: the
    sheet's sectors when the caller has them already (the sheet's page: metiers/facts.py), else read."""
    lines = []
    for key, derive in DERIVE.items():
        written = getattr(sheet, f"en_bref_{key}").strip()
        sentence = written or (derive(sheet, sectors) if derive is derive_where else derive(sheet))
        if sentence:
            lines.append((key, LABELS[key], sentence, not written))
    return lines


def has_staff_en_bref(sheet):
    return any(getattr(sheet, f"en_bref_{key}").strip() for key in DERIVE)
