"""French readability of what a 13-year-old reads first: the home page, the sheets and the guidance articles.

Score: Kandel & Moles (1958), the French adaptation of Flesch's reading ease, as the kept library textstat
computes it with its French settings (syllables counted by pyphen's French hyphenation dictionary):

    score = 207 − 1.015 × (words per sentence) − 73.6 × (syllables per word)

Higher is easier: about 90–100 « très facile » (primary school), 70–80 « assez facile », 60–70 « standard »
(collège), 50–60 « assez difficile », under 50 « difficile ». A score is computed per text and the median of
each group is printed, with the worst texts.

For the sheets, two groups are compared: « avant » is what opened a sheet before the « En bref » box (the
introduction, then « Ses missions » and « Au quotidien »), « après » is the « En bref » box (staff's sentences,
else the first version derived from the data, metiers/en_bref.py).

It reads the database the portal is configured with (DATABASE_URL, else db.sqlite3) and writes nothing.

    .venv/bin/python bench/readability.py [--worst 3]
"""

import argparse
import re
import statistics
from html import unescape

from startup import setup_django  # bench/startup.py (this folder is first on sys.path)

setup_django()

from django.utils.html import strip_tags  # noqa: E402

from wagtail.models import Locale  # noqa: E402

import textstat  # noqa: E402

from home.models import HomePage  # noqa: E402
from metiers.models import MetierPage  # noqa: E402
from orientation.models import GuidanceArticlePage  # noqa: E402

textstat.set_lang("fr")


def plain(html):
    """Text of an HTML fragment, each list item or paragraph ending a sentence (as a reader sees it)."""
    html = re.sub(r"</(li|p|h[1-6]|dd|dt)>", ". ", html or "")
    text = " ".join(unescape(strip_tags(html)).split())
    return re.sub(r"([.!?:;])\s*\.", r"\1", text).strip()


def score(text):
    return textstat.flesch_reading_ease(text) if text and len(text.split()) >= 3 else None


def stream_text(value):
    return plain(str(value)) if value else ""


def home_texts():
    home = HomePage.objects.filter(locale=Locale.get_default()).first()
    if home is None:
        return []
    parts = [home.hero_title + ".", home.hero_text, plain(home.mission)]
    parts += [f"{cta.audience}. {cta.text}" for cta in home.calls_to_action.all()]
    return [("Page d'accueil", " ".join(part for part in parts if part))]


def sheets_before():
    for sheet in MetierPage.objects.live().filter(locale=Locale.get_default()).order_by("title"):
        yield sheet.title, " ".join([sheet.introduction, plain(sheet.tasks), plain(sheet.work_description)])


def sheets_after(derived=None):
    """The « En bref » of each sheet; `derived` True / False: only those derived from the data / by staff."""
    for sheet in MetierPage.objects.live().filter(locale=Locale.get_default()).order_by("title"):
        lines = sheet.en_bref
        if lines and (derived is None or all(line[3] for line in lines) == derived):
            yield sheet.title, " ".join(sentence for _key, _label, sentence, _derived in lines)


def articles():
    for article in GuidanceArticlePage.objects.live().filter(locale=Locale.get_default()).order_by("title"):
        yield article.title, " ".join([article.introduction, stream_text(article.body)])


def report(name, texts, worst):
    scored = [(score(text), title) for title, text in texts]
    scored = [(value, title) for value, title in scored if value is not None]
    if not scored:
        print(f"{name:<48} (aucun texte)")
        return
    values = [value for value, _title in scored]
    print(
        f"{name:<48} médiane {statistics.median(values):6.1f}   "
        f"min {min(values):6.1f}   max {max(values):6.1f}   textes {len(values)}"
    )
    for value, title in sorted(scored)[:worst]:
        print(f"    le plus difficile : {value:6.1f}  {title[:70]}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worst", type=int, default=3, help="textes les plus difficiles à montrer par groupe")
    options = parser.parse_args()
    print("Lisibilité (Kandel–Moles, plus haut = plus facile ; 60–70 : niveau collège)")
    report("Page d'accueil", home_texts(), options.worst)
    report("Fiches : début de fiche (avant « En bref »)", sheets_before(), options.worst)
    report("Fiches : « En bref » (toutes)", sheets_after(), options.worst)
    report("Fiches : « En bref » tiré des données", sheets_after(derived=True), options.worst)
    report("Fiches : « En bref » écrit par l'équipe", sheets_after(derived=False), options.worst)
    report("Articles d'orientation", articles(), options.worst)


if __name__ == "__main__":
    main()
