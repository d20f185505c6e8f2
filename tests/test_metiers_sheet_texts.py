"""Each sheet's texts describe the sheet's own job, over the whole catalogue: its introduction comes from an
Onisep métier whose name matches one of the sheet's names, else from ROME's definition; the other Onisep
métiers of the family are shown apart, each with its own name and text; the import report counts sources."""

import pytest

from metiers.factories import MetiersIndexPageFactory
from metiers.importer import DEFAULT_DATA_DIR, CatalogueImporter, load_catalogue
from metiers.importer.records import HOOK_MAX_LENGTH, name_words
from metiers.importer.text import plain_text, truncate_words
from metiers.models import MetierPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(home_page):
    index = MetiersIndexPageFactory(parent=home_page)
    report = CatalogueImporter(index, DEFAULT_DATA_DIR, update_search_index=False).run()
    return report, load_catalogue(DEFAULT_DATA_DIR)


def sheet_names(sheet):
    """The sheet's own names: its titles and its ROME appellations, as word sets."""
    names = [sheet.title, sheet.title_masculine, sheet.title_feminine]
    names += [name for item in sheet.appellations.all() for name in (item.label, item.short_label)]
    return [name_words(name) for name in names if name_words(name)]


def test_every_introduction_comes_from_a_fiche_named_like_the_sheet_or_from_rome(client, catalogue):
    report, data = catalogue
    onisep = {}
    for metier in data["onisep"]:
        for code in metier["codes_rome"] if isinstance(metier["codes_rome"], list) else []:
            onisep.setdefault(code, []).append(metier)
    definitions = {row["code_rome"]: row["definition"] for row in data["fiches"]}

    sheets = list(MetierPage.objects.prefetch_related("appellations"))
    assert len(sheets) == 532
    wrong = []
    for sheet in sheets:
        names = sheet_names(sheet)
        rome_lines = [line for line in definitions[sheet.rome_code].splitlines() if line.strip()]
        if rome_lines and sheet.introduction == truncate_words(rome_lines[0], HOOK_MAX_LENGTH):
            continue
        sources = [
            metier
            for metier in onisep.get(sheet.rome_code, [])
            if sheet.introduction == truncate_words(plain_text(metier["accroche_metier"]), HOOK_MAX_LENGTH)
        ]
        named_like_the_sheet = [
            metier
            for metier in sources
            if any(
                name_words(own) and any(name_words(own) <= name for name in names)
                for own in (metier["libelle_masculin"], metier["libelle_feminin"])
            )
        ]
        if not named_like_the_sheet:
            wrong.append(f"{sheet.rome_code} {sheet.title}")
    assert wrong == []

    # The report says how many sheets use which source, and they add up.
    assert sum(report.text_sources.values()) == 532
    assert report.text_sources["onisep"] > 300 and report.text_sources["rome"] > 0
    assert any(line.startswith("Textes des fiches : ") for line in report.lines())


def test_the_general_nurse_sheet_opens_on_the_general_nurse(client, catalogue):
    sheet = MetierPage.objects.get(rome_code="J1506")

    assert "humanitaire" not in sheet.introduction
    assert sheet.onisep_primary["name"] == "Infirmier"
    content = client.get(sheet.url).content.decode()
    family = content[content.index('id="meme-famille"') :]
    assert "Métiers de la même famille" in family
    assert ">Infirmier humanitaire</a></h3>" in family
    assert "infirmier humanitaire assume" in family  # its own short text, under its own name
