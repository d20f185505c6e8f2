"""Demo métiers: the catalogue page under home and the whole ROME 4.0 + Onisep catalogue (532 sheets,
13 120 appellations). Idempotent: the index is found by slug, the import updates what it created."""

import time

from metiers.importer import CatalogueImporter
from metiers.models import MetiersIndexPage

INDEX = {
    "slug": "metiers",
    "title": "Métiers",
    "introduction": (
        "Plus de 500 fiches métiers pour découvrir ce que font les professionnels, ce qu'il faut savoir "
        "faire et comment y arriver. Choisis ce qui te plaît et explore !"
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
