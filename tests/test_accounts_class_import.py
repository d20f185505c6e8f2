"""Import of a class list (CSV) by the association's staff: preview, then signed confirmation."""

import html
from pathlib import Path

from django.contrib.auth.models import Group
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.test.utils import WagtailTestUtils

import pytest

from accounts.factories import SchoolFactory, UserFactory
from accounts.models import SchoolClass, User
from accounts.roles import Role

pytestmark = pytest.mark.django_db

IMPORT_URL = "/admin/import-eleves/"
DATA = Path(__file__).parent / "data" / "foundation"
YEAR = "2026-2027"


@pytest.fixture
def school():
    return SchoolFactory(name="Collège Louise-Michel")


def upload(client, school, filename):
    csv_file = SimpleUploadedFile(filename, (DATA / filename).read_bytes(), content_type="text/csv")
    return client.post(IMPORT_URL, {"school": school.pk, "school_year": YEAR, "csv_file": csv_file})


def confirm(client, preview_response, **overrides):
    form = preview_response.context["confirm_form"]
    data = {"payload": form["payload"].value()}
    data.update(overrides)
    return client.post(IMPORT_URL, {**data, "confirm": "1"})


def preview_rows(response):
    """The preview table as the staff member reads it: (line, name, first name, class, e-mail, state)."""
    soup = WagtailTestUtils.get_soup(response.content)
    return [
        tuple(" ".join(cell.get_text(" ").split()) for cell in row.find_all("td"))
        for row in soup.select("table.listing tbody tr")
    ]


def text(response):
    return " ".join(html.unescape(response.content.decode()).split())


def people_snapshot():
    return (User.objects.count(), SchoolClass.objects.count())


class TestGoodFile:
    def test_preview_lists_every_row_and_writes_nothing(self, staff_client, school):
        before = people_snapshot()

        response = upload(staff_client, school, "classe_valide.csv")

        assert response.status_code == 200
        rows = preview_rows(response)
        assert [row[:5] for row in rows] == [
            ("2", "Diallo", "Inès", "3e A", "aminata.diallo@example.org"),
            ("3", "Benkirane", "Yanis", "3e A", "parent.benkirane@example.org"),
            ("4", "Martin", "Léa", "4e B", ""),
        ]
        assert all(row[5].startswith("À créer") for row in rows)
        assert "Pas d'e-mail de parent" in rows[2][5]
        page = text(response)
        assert "3 élève(s) à créer, 0 déjà présent(s) (ignoré(s))." in page
        assert "Classes à créer : 3e A, 4e B." in page
        assert "Confirmer l'import" in page
        assert people_snapshot() == before

    def test_confirm_creates_pupils_classes_and_parents_linked_to_their_child(self, staff_client, school):
        preview = upload(staff_client, school, "classe_valide.csv")

        response = confirm(staff_client, preview)

        assert response.status_code == 200
        assert "Import terminé pour Collège Louise-Michel : 3 élève(s) créé(s), 0 déjà présent(s)." in text(response)

        classes = {cls.name: cls for cls in SchoolClass.objects.filter(school=school, school_year=YEAR)}
        assert set(classes) == {"3e A", "4e B"}
        assert classes["3e A"].level == "3e"
        assert classes["4e B"].level == "4e"

        pupils = User.objects.filter(groups__name=Role.PUPIL)
        assert {(p.first_name, p.last_name, p.school_class.name) for p in pupils} == {
            ("Inès", "Diallo", "3e A"),
            ("Yanis", "Benkirane", "3e A"),
            ("Léa", "Martin", "4e B"),
        }
        # Pupils wait for their parent's agreement: no address, no password, not active yet.
        assert all(p.email is None and not p.is_active and not p.has_usable_password() for p in pupils)

        ines = pupils.get(first_name="Inès")
        parent = User.objects.get(email="aminata.diallo@example.org")
        assert parent.has_role(Role.PARENT)
        assert list(parent.children.all()) == [ines]
        assert not parent.is_active
        assert not User.objects.get(email="parent.benkirane@example.org").children.filter(pk=ines.pk).exists()
        assert User.objects.filter(groups__name=Role.PARENT).count() == 2

    def test_existing_parent_account_is_reused_and_gets_the_child(self, staff_client, school):
        mother = UserFactory(email="aminata.diallo@example.org", role=Role.PARENT)

        confirm(staff_client, upload(staff_client, school, "classe_valide.csv"))

        assert User.objects.filter(email__iexact="aminata.diallo@example.org").count() == 1
        mother.refresh_from_db()
        assert mother.is_active
        assert [child.first_name for child in mother.children.all()] == ["Inès"]

    def test_importing_the_same_file_again_creates_nothing_new(self, staff_client, school):
        confirm(staff_client, upload(staff_client, school, "classe_valide.csv"))
        before = people_snapshot()

        preview = upload(staff_client, school, "classe_valide.csv")

        assert [row[5] for row in preview_rows(preview)] == ["Déjà présent, ignoré"] * 2 + [
            "Déjà présent, ignoré Pas d'e-mail de parent : l'accord des parents devra être recueilli sur papier."
        ]
        assert "0 élève(s) à créer, 3 déjà présent(s)" in text(preview)

        response = confirm(staff_client, preview)

        assert "0 élève(s) créé(s), 3 déjà présent(s)." in text(response)
        assert people_snapshot() == before
        assert User.objects.get(email="aminata.diallo@example.org").children.count() == 1

    def test_same_names_in_another_school_year_are_new_pupils(self, staff_client, school):
        confirm(staff_client, upload(staff_client, school, "classe_valide.csv"))
        csv_file = SimpleUploadedFile("classe.csv", (DATA / "classe_valide.csv").read_bytes())

        response = staff_client.post(
            IMPORT_URL, {"school": school.pk, "school_year": "2027-2028", "csv_file": csv_file}
        )

        assert "3 élève(s) à créer, 0 déjà présent(s)" in text(response)

    def test_semicolons_accents_and_bom_are_read(self, staff_client, school):
        preview = upload(staff_client, school, "classe_point_virgule_bom.csv")

        assert [row[:5] for row in preview_rows(preview)] == [
            ("2", "N'Diaye", "Aïssatou", "3e B", "famille.ndiaye@example.org"),
            ("3", "Lefèvre", "Chloé-Anaïs", "3e B", "maman.lefevre@example.org"),
            ("4", "Nguyễn", "Đức", "3e B", ""),
        ]
        confirm(staff_client, preview)

        assert User.objects.filter(groups__name=Role.PUPIL, last_name="N'Diaye", first_name="Aïssatou").exists()
        assert User.objects.filter(groups__name=Role.PUPIL, last_name="Nguyễn", first_name="Đức").exists()
        assert list(SchoolClass.objects.filter(school=school).values_list("name", flat=True)) == ["3e B"]
        assert User.objects.get(email="famille.ndiaye@example.org").children.get().first_name == "Aïssatou"


class TestRefusedFiles:
    def test_bad_rows_are_each_reported_with_their_line_and_nothing_is_imported(self, staff_client, school):
        before = people_snapshot()

        response = upload(staff_client, school, "classe_erreurs.csv")

        rows = {row[0]: row[5] for row in preview_rows(response)}
        assert rows["2"] == "À créer"
        assert rows["3"] == "Erreur L'adresse e-mail du parent « parent@@example » n'est pas valide."
        assert rows["4"].startswith("Erreur Classe « 5e A » non reconnue : écrivez par exemple « 4e A » ou « 3e B ».")
        assert rows["5"].startswith("Erreur Le nom est vide. Le prénom est vide.")
        page = text(response)
        assert "3 lignes contiennent des erreurs : rien n'a été importé." in page
        assert "Confirmer l'import" not in page
        assert "confirm_form" not in response.context
        assert people_snapshot() == before

    def test_a_pupil_twice_in_the_file_is_refused(self, staff_client, school):
        response = upload(staff_client, school, "classe_doublon.csv")

        rows = {row[0]: row[5] for row in preview_rows(response)}
        assert rows["4"].startswith("Erreur Doublon : cet élève figure déjà à la ligne 2.")
        assert "Confirmer l'import" not in text(response)
        assert not User.objects.filter(groups__name=Role.PUPIL).exists()

    def test_missing_columns_get_a_clear_error(self, staff_client, school):
        response = upload(staff_client, school, "classe_colonnes_manquantes.csv")

        assert response.status_code == 200
        assert (
            "Colonnes manquantes : classe. La première ligne doit contenir : nom, prénom, classe, email parent."
            in text(response)
        )
        assert "report" not in response.context

    def test_a_tampered_payload_is_refused(self, staff_client, school):
        preview = upload(staff_client, school, "classe_valide.csv")
        payload = preview.context["confirm_form"]["payload"].value()
        before = people_snapshot()

        response = confirm(staff_client, preview, payload="X" + payload[1:])

        assert "Le fichier à importer a été modifié. Recommencez l'import." in text(response)
        assert people_snapshot() == before

    def test_a_payload_signed_elsewhere_is_refused(self, staff_client, school):
        forged = signing.dumps("nom,prénom,classe,email parent\nIntrus,Eve,3e A,\n", salt="autre-chose")
        preview = upload(staff_client, school, "classe_valide.csv")

        response = confirm(staff_client, preview, payload=forged)

        assert "Le fichier à importer a été modifié." in text(response)
        assert not User.objects.filter(last_name="Intrus").exists()


@pytest.mark.parametrize("role", [Role.TEACHER, Role.PUPIL, Role.PARENT, Role.PARTNER], ids=lambda role: role.name)
def test_non_staff_cannot_reach_the_import(client, school, role):
    client.force_login(UserFactory(role=role))
    before = people_snapshot()

    response = client.get(IMPORT_URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login"))
    response = upload(client, school, "classe_valide.csv")

    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login"))
    assert people_snapshot() == before
    assert not User.objects.filter(last_name="Diallo", first_name="Inès").exists()


def test_staff_sees_the_import_form(staff_client):
    response = staff_client.get(IMPORT_URL)
    assert response.status_code == 200
    assert "Importer une liste d'élèves" in text(response)
    assert Group.objects.get(name=Role.STAFF).permissions.filter(codename="import_pupils").exists()


class TestImportGuards:
    """What the preview cannot be tricked into: linking a child to a non-parent account, another
    collège or year than the one checked, an old preview, spreadsheet formulas, oversized files."""

    def test_a_parent_email_of_a_pupil_or_adult_volunteer_is_refused(self, staff_client, school):
        UserFactory(email="eleve.existante@example.org", role=Role.PUPIL)
        UserFactory(email="benevole@example.org", role=Role.VOLUNTEER)
        csv_file = SimpleUploadedFile(
            "liste.csv",
            "nom,prénom,classe,email parent\n"
            "Martin,Léa,3e A,eleve.existante@example.org\n"
            "Durand,Hugo,3e A,benevole@example.org\n".encode(),
            content_type="text/csv",
        )
        before = people_snapshot()

        response = staff_client.post(IMPORT_URL, {"school": school.pk, "school_year": YEAR, "csv_file": csv_file})

        content = text(response)
        assert "n'est pas un compte de parent" in content
        assert content.count("n'est pas un compte de parent") == 2
        assert "confirm_form" not in response.context
        assert people_snapshot() == before

    def test_an_existing_parent_account_is_reused_and_announced(self, staff_client, school):
        parent = UserFactory(email="maman@example.org", role=Role.PARENT)
        csv_file = SimpleUploadedFile(
            "liste.csv", "nom,prénom,classe,email parent\nMartin,Léa,3e A,maman@example.org\n".encode()
        )
        preview = staff_client.post(IMPORT_URL, {"school": school.pk, "school_year": YEAR, "csv_file": csv_file})
        assert "Compte de parent existant" in text(preview)

        confirm(staff_client, preview)

        assert list(parent.children.values_list("first_name", flat=True)) == ["Léa"]

    def test_the_confirmation_cannot_switch_collège_or_year(self, staff_client, school):
        other_school = SchoolFactory()
        preview = upload(staff_client, school, "classe_valide.csv")

        # Extra fields posted beside the signed payload are ignored: the checked collège and year are used.
        confirm(staff_client, preview, school=other_school.pk, school_year="n-importe-quoi")

        assert not SchoolClass.objects.filter(school=other_school).exists()
        assert not SchoolClass.objects.exclude(school_year=YEAR).exists()
        assert SchoolClass.objects.filter(school=school, school_year=YEAR).exists()

    def test_a_preview_older_than_an_hour_must_be_checked_again(self, staff_client, school, monkeypatch):
        preview = upload(staff_client, school, "classe_valide.csv")
        before = people_snapshot()
        monkeypatch.setattr("accounts.views.IMPORT_MAX_AGE", -1)

        response = confirm(staff_client, preview)

        assert "L'aperçu date de plus d'une heure" in text(response)
        assert people_snapshot() == before

    def test_names_that_a_spreadsheet_would_run_as_formulas_are_refused(self, staff_client, school):
        csv_file = SimpleUploadedFile(
            "liste.csv",
            'nom,prénom,classe,email parent\n"=HYPERLINK(""http://x"")",Léa,3e A,\n@SUM(1+1),Hugo,3e A,\n'.encode(),
        )
        response = staff_client.post(IMPORT_URL, {"school": school.pk, "school_year": YEAR, "csv_file": csv_file})

        assert text(response).count("formule de tableur") == 2
        assert "confirm_form" not in response.context

    def test_an_oversized_file_is_refused_before_reading(self, staff_client, school):
        big = SimpleUploadedFile("liste.csv", b"nom,pr\xc3\xa9nom,classe,email parent\n" + b"a" * (1024 * 1024 + 10))

        response = staff_client.post(IMPORT_URL, {"school": school.pk, "school_year": YEAR, "csv_file": big})

        assert "Le fichier dépasse 1 Mo" in text(response)

    def test_a_malformed_csv_gets_a_french_message(self, staff_client, school):
        csv_file = SimpleUploadedFile(
            "liste.csv", ("nom,prénom,classe,email parent\n" + "Martin," + "x" * 200_000 + ",3e A,\n").encode()
        )
        response = staff_client.post(IMPORT_URL, {"school": school.pk, "school_year": YEAR, "csv_file": csv_file})

        content = text(response)
        assert "Le fichier CSV est mal formé" in content
        assert "field larger" not in content
