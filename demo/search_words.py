"""Demo « mots des élèves » (search): a few words pupils use, each pointing to the sheets it means, as staff
would add them after reading the reports « Recherches sans résultat » and « Recherches peu cliquées », which get
a few weeks of counts too. Idempotent: words are found by name, counts by query and week.
None of them is a query of the held-out set search/relevance/heldout.csv (a test checks it)."""

import datetime

from django.utils import timezone

from metiers.models import MetierPage
from search.models import AnsweredSearch, PupilWord, PupilWordSheet, UnansweredSearch, week_of

WORDS = [
    ("vendeur de fringues", ["D1214"], "Mot entendu en atelier de 4e."),
    ("mécano moto", ["I1607"], ""),
    ("ingé info", ["M1805", "M1802"], "Abréviation courante."),
    ("prof des écoles", ["K2106"], ""),
    ("nail artist", ["D1208"], "Mot anglais vu sur les réseaux."),
]
# Words given a meaning in the sheets' own words (a concept) rather than sheets: (word, meaning, note).
MEANINGS = [
    ("tiktokeur", "vidéo réseaux sociaux communication", "Va avec beaucoup de fiches : relié à un sens."),
]
# (weeks ago, query, count) without results; (weeks ago, query, searches, results opened) with results.
UNANSWERED = [(0, "zorglubeur", 3), (0, "tatoueuse", 2), (1, "zorglubeur", 1)]
ANSWERED = [(0, "travailler dehors", 12, 1), (0, "boulanger", 20, 15), (1, "metier avec les mains", 6, 0)]


def load(command, home):
    sheets = dict(MetierPage.objects.live().filter(locale=home.locale).values_list("rome_code", "pk"))
    for word, codes, note in WORDS:
        pupil_word, _created = PupilWord.objects.update_or_create(word=word, defaults={"note": note})
        for code in codes:
            if code in sheets:
                PupilWordSheet.objects.get_or_create(word=pupil_word, page_id=sheets[code])
    for word, meaning, note in MEANINGS:
        PupilWord.objects.update_or_create(word=word, defaults={"meaning": meaning, "note": note})
    this_week = week_of(timezone.localdate())
    for weeks_ago, query, count in UNANSWERED:
        week = this_week - datetime.timedelta(weeks=weeks_ago)
        UnansweredSearch.objects.update_or_create(query=query, week=week, defaults={"count": count})
    for weeks_ago, query, searches, opens in ANSWERED:
        week = this_week - datetime.timedelta(weeks=weeks_ago)
        AnsweredSearch.objects.update_or_create(query=query, week=week, defaults={"searches": searches, "opens": opens})
    command.stdout.write(
        f"Mots des élèves : {len(WORDS) + len(MEANINGS)} mots ; comptes de recherches de deux semaines."
    )
