"""Does a sheet's opening text describe the sheet's own job? A check over the whole catalogue (issue 28:
« Éleveur d'animaux sauvages » opened with the lab animal technician's text, « Aide d'élevage agricole » with
the stable hand's). Words are compared by their French root (`home.text.word_root`), so that « élevage »
meets « éleveur » and « soigner » meets « soigneur ».

A sheet is *doubtful* when the head word of its title (« éleveur », « aide », « boulanger ») is not in its
opening text and fewer than half of the title's words are: a text that names another job, or none. It is a
list for staff to read (the report « Fiches au texte d'ouverture douteux » and `manage.py
check_sheet_openings`), not a verdict: nothing is changed."""

import re
from dataclasses import dataclass

from home.text import fold, split_genders, word_root

from .importer.records import NAME_STOP_WORDS

# An agent noun introduced by an article: the job the text talks about (« le palefrenier », « l'animalier »).
NAMED_JOB = re.compile(r"\b(?:le|la|l|un|une)\s+([a-z]+(?:eur|euse|ier|iere|iste|ien|ienne|ice|aire|ant|ante))\b")
# Words with those endings that name no job.
NOT_A_JOB = frozenset(
    {
        "metier",
        "quartier",
        "moteur",
        "secteur",
        "particulier",
        "chantier",
        "atelier",
        "dossier",
        "calendrier",
        "papier",
        "premier",
        "dernier",
        "entier",
        "interieur",
        "exterieur",
        "ordinateur",
        "vinifier",
        "materiau",
        "materiel",
        "client",
        "cliente",
        "patient",
        "patiente",
        "enfant",
        "vivant",
        "restaurant",
        "important",
        "produit",
        "laboratoire",
        "territoire",
        "itineraire",
        "horaire",
        "salaire",
        "inventaire",
        "commentaire",
        "annuaire",
        "service",
        "office",
        "exercice",
        "edifice",
        "benefice",
        "pratique",
        "fleuve",
        "bien",
    }
)


@dataclass(frozen=True)
class OpeningCheck:
    sheet: object
    title_words: tuple
    found: tuple
    named_job: str

    @property
    def doubtful(self):
        """The title's head word absent, fewer than half its words present, and another job named. (A text
        that names no job is ROME's own definition of the sheet's fiche, « Réalise des travaux… »: kept.)"""
        if not self.title_words or not self.named_job:
            return False
        head_found = self.title_words[0] in self.found
        return not head_found and len(self.found) * 2 < len(self.title_words)

    @property
    def missing(self):
        return tuple(word for word in self.title_words if word not in self.found)


def _words(text):
    return [word for word in fold(text).split() if word not in NAME_STOP_WORDS and len(word) > 1]


def title_roots(sheet):
    """The roots of the sheet's title words, the head word first (masculine and feminine forms merged)."""
    roots = []
    for title in (sheet.title_masculine, sheet.title_feminine, *split_genders(sheet.title)):
        for word in _words(title):
            root = word_root(word)
            if root not in roots:
                roots.append(root)
    return roots


def named_job(text, names):
    """The first job the (folded) text names with an article, when it is not the sheet's own (`names`: the
    root of the title's head word; « l'animalier » shares a root with « animaux » but is another job)."""
    for match in NAMED_JOB.finditer(text):
        word = match.group(1)
        if word in NOT_A_JOB:
            continue
        return "" if word_root(word) in names else word
    return ""


def check(sheet):
    """The check of one sheet's opening text (`introduction`). The sheet's ROME appellations do not count
    as its names: « animalier de laboratoire » is an appellation of the fiche behind « Éleveur d'animaux
    sauvages », and precisely the wrong text for that sheet."""
    text = fold(sheet.introduction)
    text_roots = {word_root(word) for word in _words(sheet.introduction)}
    roots = title_roots(sheet)
    found = tuple(root for root in roots if root in text_roots)
    return OpeningCheck(sheet=sheet, title_words=tuple(roots), found=found, named_job=named_job(text, set(roots[:1])))


def doubtful_sheets(sheets):
    """The checks of `sheets` whose opening text may describe another job, in the sheets' order."""
    return [result for result in map(check, sheets) if result.doubtful]
