"""Demo métiers: the catalogue page under home and the whole ROME 4.0 + Onisep catalogue (532 sheets,
13 120 appellations). Idempotent: the index is found by slug, the import updates what it created."""

import time

from metiers.importer import CatalogueImporter
from metiers.models import MetierPage, MetiersIndexPage

INDEX = {
    "slug": "metiers",
    "title": "Métiers",
    "introduction": (
        "Plus de 500 fiches métiers pour découvrir ce que font les professionnels, ce qu'il faut savoir "
        "faire et comment y arriver. Choisis ce qui te plaît et explore !"
    ),
}


# « En bref » written by staff for a few sheets pupils often look at (the others show the derived version).
EN_BREF = {
    "D1102": (
        "Tu fais le pain, les baguettes et les croissants.",
        "Dans une boulangerie, souvent tôt le matin.",
        "Avec les autres boulangers et les clients du magasin.",
    ),
    "D1104": (
        "Tu fais des gâteaux, des tartes et des desserts.",
        "Dans une pâtisserie, un restaurant ou un hôtel.",
        "Avec une petite équipe de cuisine.",
    ),
    "J1506": (
        "Tu soignes les malades et tu les aides à guérir.",
        "À l'hôpital, dans une clinique ou chez les gens.",
        "Avec les médecins, les aides-soignants et les familles.",
    ),
    "J1501": (
        "Tu aides les malades à se laver, à manger et à bouger.",
        "À l'hôpital ou dans une maison de retraite.",
        "Avec les infirmiers et les personnes âgées.",
    ),
    "F1602": (
        "Tu installes les fils, les prises et la lumière.",
        "Dans les maisons et les immeubles en travaux.",
        "Avec les autres ouvriers du chantier.",
    ),
    "M1805": (
        "Tu écris le code des logiciels, des sites et des jeux.",
        "Dans un bureau, souvent devant deux écrans.",
        "Avec une équipe, et les clients qui disent ce qu'ils veulent.",
    ),
    "G1602": (
        "Tu prépares les légumes, les sauces et les plats.",
        "Dans la cuisine d'un restaurant ou d'une cantine.",
        "Avec le chef et l'équipe de cuisine.",
    ),
}


def load(command, home):
    index = MetiersIndexPage.objects.child_of(home).filter(slug=INDEX["slug"]).first()
    if index is None:
        index = MetiersIndexPage(slug=INDEX["slug"], title=INDEX["title"], locale=home.locale)
        home.add_child(instance=index)
    index.title = INDEX["title"]
    index.introduction = INDEX["introduction"]
    index.show_in_menus = True
    index.save_revision().publish()

    started = time.perf_counter()
    # `load_demo` rebuilds the search index at the end, unless told not to.
    report = CatalogueImporter(index, update_search_index=False).run()
    command.stdout.write(f"Fiches métiers importées en {time.perf_counter() - started:.1f} s :")
    for line in report.lines():
        command.stdout.write(f"  {line}")
    for code, (what, where, who) in EN_BREF.items():
        MetierPage.objects.filter(rome_code=code, locale=home.locale).update(
            en_bref_what=what, en_bref_where=where, en_bref_who=who
        )
