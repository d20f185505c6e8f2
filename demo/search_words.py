"""Demo « mots des élèves » (search): a few words pupils use, each pointing to the sheets it means, as staff
would add them after reading the report « Recherches sans résultat ». Idempotent: words are found by name.
None of them is a query of the held-out set search/relevance/heldout.csv (a test checks it)."""

from metiers.models import MetierPage
from search.models import PupilWord, PupilWordSheet

WORDS = [
    ("vendeur de fringues", ["D1214"], "Mot entendu en atelier de 4e."),
    ("mécano moto", ["I1607"], ""),
    ("ingé info", ["M1805", "M1802"], "Abréviation courante."),
    ("prof des écoles", ["K2106"], ""),
    ("nail artist", ["D1208"], "Mot anglais vu sur les réseaux."),
]


def load(command, home):
    sheets = dict(MetierPage.objects.live().filter(locale=home.locale).values_list("rome_code", "pk"))
    for word, codes, note in WORDS:
        pupil_word, _created = PupilWord.objects.update_or_create(word=word, defaults={"note": note})
        for code in codes:
            if code in sheets:
                PupilWordSheet.objects.get_or_create(word=pupil_word, page_id=sheets[code])
    command.stdout.write(f"Mots des élèves : {len(WORDS)} mots.")
