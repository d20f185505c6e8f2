"""Import of the ROME + Onisep catalogue, on the small extract of tests/data/metiers."""

import csv
import json
import shutil
from pathlib import Path

from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page

import pytest

from metiers.factories import MetierPageFactory
from metiers.importer import CatalogueError, CatalogueImporter
from metiers.importer.tree import bulk_add_children
from metiers.models import (
    AccessLevel,
    Appellation,
    CentreInteret,
    DomaineProfessionnel,
    GrandDomaine,
    MetierPage,
    Secteur,
)

pytestmark = pytest.mark.django_db

EXTRACT_DIR = Path(settings.BASE_DIR) / "tests" / "data" / "metiers"  # what `imported` reads

HISTORIC = {"A1202", "D1101", "D1102", "D1104", "M1805"}


def extract_rows(name):
    with (EXTRACT_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


class TestFirstImport:
    def test_one_published_sheet_per_historic_fiche_under_the_index(self, imported, metiers_index):
        assert imported.created == 5
        sheets = MetierPage.objects.child_of(metiers_index)
        assert set(sheets.values_list("rome_code", flat=True)) == HISTORIC
        assert all(sheet.live for sheet in sheets)
        # The finer fiches (« Chef boulanger », D1108…) are not pages.
        assert not MetierPage.objects.filter(rome_code="D1108").exists()

    def test_the_page_tree_stays_consistent(self, imported, metiers_index):
        assert Page.find_problems() == ([], [], [], [], [])
        metiers_index.refresh_from_db()
        assert metiers_index.numchild == 5
        baker = MetierPage.objects.get(rome_code="D1102")
        assert baker.get_parent().pk == metiers_index.pk
        assert baker.url_path == f"{metiers_index.url_path}boulanger/"

    def test_titles_in_both_genders(self, imported):
        baker = MetierPage.objects.get(rome_code="D1102")
        assert baker.title == "Boulanger / Boulangère"
        assert (baker.title_masculine, baker.title_feminine) == ("Boulanger", "Boulangère")
        warden = MetierPage.objects.get(rome_code="A1202")
        assert warden.title_masculine == "Agent d'entretien des espaces naturels"
        assert warden.title_feminine == "Agente d'entretien des espaces naturels"

    def test_every_appellation_is_attached_to_its_historic_sheet(self, imported):
        rows = extract_rows("rome_appellations.csv")
        assert Appellation.objects.count() == len(rows) == imported.appellations["created"]
        chef = Appellation.objects.get(fiche_code="D1108", is_main_title=True)
        assert chef.label == "Chef boulanger / Cheffe boulangère"
        assert chef.page.rome_code == "D1102"
        baker = MetierPage.objects.get(rome_code="D1102")
        assert "Chef boulanger / Cheffe boulangère" in baker.alternative_names_list
        assert [item.label for item in baker.specialities] == ["Chef boulanger / Cheffe boulangère"]

    def test_onisep_names_and_synonyms_lead_to_the_sheet(self, imported):
        baker = MetierPage.objects.get(rome_code="D1102")
        names = baker.alternative_names_list
        assert "Ouvrier/ière boulanger/ère" in names  # an Onisep synonym
        assert "Pâtissier" in names  # MET.152 points to D1102 too
        assert "Boulanger" not in names  # the title's own forms are not repeated

    def test_onisep_texts_are_matched_by_rome_code(self, imported):
        baker = MetierPage.objects.get(rome_code="D1102")
        assert baker.introduction.startswith("Baguettes, pains spéciaux, brioches")
        assert "<h3>La main à la pâte</h3>" in baker.work_description  # Onisep's h5, made an h3
        assert baker.access_level == AccessLevel.CAP
        assert "CAP boulanger" in baker.formations_list
        assert baker.onisep_links[0]["id"] == "MET.17"  # the closest title comes first
        assert {link["id"] for link in baker.onisep_links} == {"MET.17", "MET.152"}

    def test_a_sheet_without_onisep_metier_gets_rome_texts_only(self, imported):
        warden = MetierPage.objects.get(rome_code="A1202")
        assert warden.onisep_links == []
        assert warden.access_level is None
        assert warden.work_description == ""
        # The hook falls back to the first sentence of the ROME definition.
        definition = next(row for row in extract_rows("rome_fiches_metiers.csv") if row["code_rome"] == "A1202")
        assert warden.introduction == definition["definition"].splitlines()[0]
        assert warden.tasks.startswith("<ul><li>")

    def test_rome_classification_skills_contexts_and_mobilities(self, imported):
        baker = MetierPage.objects.get(rome_code="D1102")
        assert baker.grand_domaine.code == "D"
        assert baker.domaine_professionnel.code == "D11"
        assert baker.riasec_major == "R"
        assert {sector.name for sector in baker.sectors.all()} >= {"Commerce et distribution"}
        interests = {tag.name for tag in baker.centres_interet.all()}
        # France Travail's centre, joined by its Onisep twin « Je veux travailler de mes mains » (INTEREST_MERGES).
        assert "J'aime le travail manuel" in interests
        assert "Je veux travailler de mes mains" not in interests
        assert baker.skills[0]["core"] is True
        assert [skill["core"] for skill in baker.skills] == sorted((s["core"] for s in baker.skills), reverse=True)
        assert baker.work_contexts[0]["type"] == "Horaires et durée du travail"
        assert "Travail de nuit" in baker.work_contexts[0]["items"]
        assert [sheet.rome_code for sheet in baker.related_sheets] == ["D1104", "D1101"]

    def test_same_wording_in_both_sources_is_one_tag(self, metiers_index, tmp_path):
        folder = tmp_path / "data"
        shutil.copytree(EXTRACT_DIR, folder)
        path = folder / "onisep_fiches_metiers.json"
        metiers = json.loads(path.read_text(encoding="utf-8"))
        baker = next(metier for metier in metiers if metier["identifiant"] == "MET.17")
        baker["centres_interet"].append({"id": "T-IDEO2.9999", "libelle": "j'ai le sens du contact"})
        path.write_text(json.dumps(metiers), encoding="utf-8")
        CatalogueImporter(metiers_index, folder).run()

        tag = CentreInteret.objects.get(name__iexact="J'ai le sens du contact")
        assert (tag.name, tag.rome_code, tag.onisep_id) == ("J'ai le sens du contact", "4", "T-IDEO2.9999")
        assert MetierPage.objects.get(rome_code="D1102").centres_interet.filter(pk=tag.pk).exists()

    def test_report_counts_and_warns_about_malformed_onisep_codes(self, imported):
        assert imported.snippets["Grands domaines"]["created"] == 14
        assert GrandDomaine.objects.count() == 14
        assert DomaineProfessionnel.objects.count() == 110
        assert any("« A15 »" in warning for warning in imported.warnings)
        lines = "\n".join(imported.lines())
        assert "Fiches : 5 créées, 0 mises à jour, 0 inchangées." in lines

    def test_sheets_are_found_by_search(self, imported):
        results = MetierPage.objects.live().search("boulangère")
        assert "D1102" in [sheet.rome_code for sheet in results]


class TestSecondImport:
    def test_running_again_changes_nothing(self, imported, metiers_index):
        counts = (MetierPage.objects.count(), Appellation.objects.count(), CentreInteret.objects.count())
        report = CatalogueImporter(metiers_index, EXTRACT_DIR).run()
        assert (report.created, report.updated, report.unchanged) == (0, 0, 5)
        assert report.appellations == {"created": 0, "updated": 0, "deleted": 0}
        assert (MetierPage.objects.count(), Appellation.objects.count(), CentreInteret.objects.count()) == counts
        assert Page.find_problems() == ([], [], [], [], [])

    def test_changed_data_updates_imported_fields(self, imported, metiers_index, tmp_path):
        folder = tmp_path / "data"
        shutil.copytree(EXTRACT_DIR, folder)
        path = folder / "rome_fiches_metiers.csv"
        text = path.read_text(encoding="utf-8").replace("Boucher / Bouchère", "Boucher / Bouchère charcutière")
        path.write_text(text, encoding="utf-8")
        report = CatalogueImporter(metiers_index, folder).run()
        assert report.updated == 1
        butcher = MetierPage.objects.get(rome_code="D1101")
        assert butcher.title == "Boucher / Bouchère charcutière"
        assert butcher.draft_title == butcher.title

    def test_staff_edits_are_kept(self, imported, metiers_index, tmp_path):
        baker = MetierPage.objects.get(rome_code="D1102")
        baker.introduction = "Le pain du matin, c'est toi qui le fais !"
        baker.alternative_names += "\nMitron"
        baker.save_revision().publish()
        baker.centres_interet.clear()
        baker.save()
        staff_renamed = GrandDomaine.objects.get(code="D")
        staff_renamed.name = "Commerce et vente"
        staff_renamed.save()

        folder = tmp_path / "data"
        shutil.copytree(EXTRACT_DIR, folder)
        path = folder / "rome_fiches_metiers.csv"
        path.write_text(
            path.read_text(encoding="utf-8").replace(
                "Boulanger / Boulangère,", "Boulanger-pâtissier / Boulangère-pâtissière,"
            ),
            encoding="utf-8",
        )
        report = CatalogueImporter(metiers_index, folder).run()

        baker = MetierPage.objects.get(rome_code="D1102")
        assert baker.introduction == "Le pain du matin, c'est toi qui le fais !"
        assert baker.alternative_names_list[-1] == "Mitron"
        assert baker.centres_interet.count() == 0
        assert baker.title == "Boulanger-pâtissier / Boulangère-pâtissière"  # not edited: updated
        assert GrandDomaine.objects.get(code="D").name == "Commerce et vente"
        assert {("D1102", "introduction"), ("D1102", "alternative_names"), ("D1102", "centres_interet")} <= set(
            report.kept_fields
        )
        assert report.snippets["Grands domaines"]["kept"] == 1

    def test_a_sheet_staff_created_before_the_import_keeps_its_texts(self, metiers_index):
        from metiers.factories import MetierPageFactory

        MetierPageFactory(parent=metiers_index, rome_code="D1102", introduction="Notre propre accroche.")
        report = CatalogueImporter(metiers_index, EXTRACT_DIR).run()
        assert report.created == 4
        assert MetierPage.objects.get(rome_code="D1102").introduction == "Notre propre accroche."

    def test_the_import_does_a_fixed_number_of_queries(self, imported, metiers_index):
        with CaptureQueriesContext(connection) as queries:
            CatalogueImporter(metiers_index, EXTRACT_DIR, update_search_index=False).run()
        # No query per sheet or per appellation: the count does not depend on the catalogue's size.
        assert len(queries) < 40


class TestBadData:
    def test_a_missing_file_stops_the_import_and_changes_nothing(self, metiers_index, tmp_path):
        folder = tmp_path / "data"
        shutil.copytree(EXTRACT_DIR, folder)
        (folder / "rome_appellations.csv").unlink()
        with pytest.raises(CatalogueError, match="Fichier manquant"):
            CatalogueImporter(metiers_index, folder).run()
        assert not MetierPage.objects.exists()
        assert not GrandDomaine.objects.exists()

    @pytest.mark.parametrize(
        ("name", "content", "message"),
        [
            ("rome_fiches_metiers.csv", "code_rome,libelle\nD1102,Boulanger\n", "colonnes manquantes"),
            ("rome_mobilites.csv", "code_rome,code_rome_cible,numero_ordre\nD1102,D1104\n", "nombre de colonnes"),
            ("onisep_fiches_metiers.json", '[{"identifiant": "MET.17"', "JSON mal formé"),
            ("onisep_fiches_metiers.json", '{"identifiant": "MET.17"}', "liste de métiers"),
            ("rome_grands_domaines.csv", b"code_grand_domaine,libelle_grand_domaine\nA,\xe9t\xe9\n", "UTF-8"),
        ],
    )
    def test_a_malformed_file_is_refused(self, metiers_index, tmp_path, name, content, message):
        folder = tmp_path / "data"
        shutil.copytree(EXTRACT_DIR, folder)
        if isinstance(content, bytes):
            (folder / name).write_bytes(content)
        else:
            (folder / name).write_text(content, encoding="utf-8")
        with pytest.raises(CatalogueError, match=message):
            CatalogueImporter(metiers_index, folder).run()
        assert not MetierPage.objects.exists()

    def test_a_malformed_rome_code_is_refused(self, metiers_index, tmp_path):
        folder = tmp_path / "data"
        shutil.copytree(EXTRACT_DIR, folder)
        path = folder / "rome_fiches_metiers.csv"
        path.write_text(path.read_text(encoding="utf-8").replace("\nD1102,", "\nD11O2,", 1), encoding="utf-8")
        with pytest.raises(CatalogueError, match="code ROME invalide « D11O2 »"):
            CatalogueImporter(metiers_index, folder).run()

    def test_a_failure_midway_rolls_everything_back(self, metiers_index, monkeypatch):
        def fail(self, data, pages):
            raise RuntimeError("panne pendant l'import")

        monkeypatch.setattr(CatalogueImporter, "sync_appellations", fail)
        with pytest.raises(RuntimeError):
            CatalogueImporter(metiers_index, EXTRACT_DIR).run()
        assert not MetierPage.objects.exists()
        assert not Secteur.objects.exists()
        metiers_index.refresh_from_db()
        assert metiers_index.numchild == 0


class TestCommand:
    def test_command_imports_and_reports(self, metiers_index, capsys):
        call_command("import_metiers", data=str(EXTRACT_DIR), skip_index=True)
        out = capsys.readouterr().out
        assert "Fiches : 5 créées" in out
        assert MetierPage.objects.count() == 5

    def test_command_refuses_a_bad_folder_in_french(self, metiers_index, tmp_path):
        with pytest.raises(CommandError, match="Import refusé, rien n'a été modifié"):
            call_command("import_metiers", data=str(tmp_path / "absent"))

    def test_command_needs_the_index_page(self, home_page):
        with pytest.raises(CommandError, match="Aucune page index des métiers"):
            call_command("import_metiers", data=str(EXTRACT_DIR))


def test_publishing_the_index_after_an_import_keeps_every_sheet_reachable(client, imported, metiers_index):
    metiers_index.show_in_menus = True
    metiers_index.save_revision().publish()

    assert client.get("/fr/" + metiers_index.slug + "/boulanger/").status_code == 200


class TestBulkAddChildren:
    """The one function that uses treebeard's and Django's private APIs: a Wagtail, treebeard or Django
    upgrade that changes them must fail here."""

    def test_new_pages_join_the_tree_after_the_existing_children(self, client, metiers_index):
        existing = MetierPageFactory(parent=metiers_index, title="Boulanger", slug="boulanger", rome_code="D1102")
        pages = [
            MetierPage(title=title, draft_title=title, slug=slug, rome_code=code, locale_id=metiers_index.locale_id)
            for title, slug, code in [("Pâtissier", "patissier", "D1104"), ("Boucher", "boucher", "D1101")]
        ]
        bulk_add_children(metiers_index, pages)

        assert Page.find_problems() == ([], [], [], [], [])
        assert metiers_index.numchild == 3  # the caller's object is up to date, as with add_child
        children = MetierPage.objects.child_of(metiers_index).order_by("path")
        assert list(children.values_list("slug", flat=True)) == ["boulanger", "patissier", "boucher"]
        assert children.get(slug="boucher").specific.rome_code == "D1101"
        assert client.get(children.get(slug="patissier").url).status_code == 200
        # A page added the ordinary way afterwards takes the next place.
        later = MetierPageFactory(parent=metiers_index, slug="charcutier", rome_code="D1103")
        assert later.path > children.get(slug="boucher").path
        assert existing.get_next_sibling().slug == "patissier"
