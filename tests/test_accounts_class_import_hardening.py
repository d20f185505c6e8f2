"""Class import: control characters and spreadsheet formulas are refused in every field, at the preview.

A NUL byte used to pass the preview and crash the confirmation on PostgreSQL; a parent email starting with
`=` or `+` passed and would run as a formula in any CSV export opened in a spreadsheet."""

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from accounts.factories import SchoolFactory
from accounts.models import SchoolClass, User

pytestmark = pytest.mark.django_db

IMPORT_URL = "/admin/import-eleves/"
YEAR = "2026-2027"
HEADER = "nom,prénom,classe,email parent\n"


@pytest.fixture
def school():
    return SchoolFactory(name="Collège Louise-Michel")


def preview(client, school, rows):
    csv_file = SimpleUploadedFile("liste.csv", (HEADER + rows).encode(), content_type="text/csv")
    return client.post(IMPORT_URL, {"school": school.pk, "school_year": YEAR, "csv_file": csv_file})


@pytest.mark.parametrize(
    "row",
    [
        "Diallo\x00,Inès,3e A,\n",
        "Diallo,Inès\x07,3e A,\n",
        "Diallo,Inès,3e A\x00,\n",
        "Diallo,Inès,3e A,parent\x00@example.org\n",
        "Diallo,In\u202eès,3e A,\n",
    ],
    ids=["nul-last-name", "bell-first-name", "nul-class", "nul-email", "bidi-override"],
)
def test_control_characters_are_refused_at_the_preview(staff_client, school, row):
    response = preview(staff_client, school, row)
    assert response.status_code == 200
    assert "caractère invisible ou de contrôle" in response.content.decode()
    assert "confirm_form" not in response.context
    assert not User.objects.filter(last_name__startswith="Diallo").exists()
    assert not SchoolClass.objects.exists()


@pytest.mark.parametrize(
    "row",
    ["Diallo,Inès,3e A,=1+2@example.org\n", "Diallo,Inès,3e A,+33@example.org\n", "Diallo,Inès,3e A,-x@example.org\n"],
    ids=["equals", "plus", "minus"],
)
def test_formulas_are_refused_in_the_parent_email(staff_client, school, row):
    response = preview(staff_client, school, row)
    assert "formule de tableur" in response.content.decode()
    assert "confirm_form" not in response.context


def test_an_ordinary_row_still_passes(staff_client, school):
    response = preview(staff_client, school, "Diallo,Inès,3e A,parent.diallo@example.org\n")
    assert "confirm_form" in response.context
