"""The check of the sheets' opening texts (issue 28): a sheet whose opening text names another job than its
title is listed for staff (a report in the admin, `manage.py check_sheet_openings`); over the whole catalogue
of 532 sheets the two sheets found by hand are listed, the plain ones are not."""

import io

from django.core.management import call_command
from django.urls import reverse

import pytest

from metiers.factories import MetiersIndexPageFactory
from metiers.importer import DEFAULT_DATA_DIR, CatalogueImporter
from metiers.models import MetierPage
from metiers.opening_check import check

pytestmark = pytest.mark.django_db


def sheet(title, introduction):
    masculine = title.split(" / ")[0]
    return MetierPage(title=title, title_masculine=masculine, title_feminine=masculine, introduction=introduction)


def test_a_text_that_names_another_job_is_doubtful_its_own_or_rome_definition_is_not():
    wrong = check(
        sheet(
            "Eleveur / Eleveuse d'animaux sauvages",
            "Apporter un bien-être aux animaux de laboratoire et assurer la prise en charge technique des "
            "expérimentations, c'est la mission principale de l'animalier de laboratoire.",
        )
    )
    assert wrong.doubtful and wrong.named_job == "animalier"

    own = check(sheet("Boulanger / Boulangère", "Baguettes, brioches... Le boulanger fabrique et vend du pain."))
    assert not own.doubtful
    # ROME's definition names no job: it is the sheet's own fiche.
    rome = check(sheet("Conducteur / Conductrice d'engins agricoles", "Réalise des travaux agricoles mécanisés."))
    assert not rome.doubtful
    # A text about the same job with other words (« élevage » and « éleveur » share their root).
    family = check(sheet("Aide d'élevage agricole", "L'aide d'élevage nourrit les animaux de la ferme."))
    assert not family.doubtful


@pytest.fixture
def whole_catalogue(home_page):
    index = MetiersIndexPageFactory(parent=home_page)
    CatalogueImporter(index, DEFAULT_DATA_DIR, update_search_index=False).run()
    return index


def test_over_the_532_sheets_the_command_and_the_staff_report_list_the_doubtful_ones(
    whole_catalogue, staff_client, client, pupil
):
    out = io.StringIO()
    call_command("check_sheet_openings", stdout=out)
    output = out.getvalue()
    total = MetierPage.objects.live().count()
    assert total == 532
    assert "Eleveur / Eleveuse d'animaux sauvages" in output and "« animalier »" in output
    assert "Aide d'élevage agricole" in output and "« palefrenier »" in output
    assert "Boulanger / Boulangère" not in output
    count = int(output.strip().splitlines()[-1].split()[0])
    assert 0 < count < total * 0.15, "a list to read, not the catalogue"
    assert output.strip().endswith(f"sur {total}.")

    url = reverse("metiers_doubtful_openings")
    report = staff_client.get(url)
    assert report.status_code == 200
    page = report.content.decode()
    assert "Aide d&#x27;élevage agricole" in page and "palefrenier" in page
    assert "Boulanger / Boulangère" not in page
    csv = staff_client.get(url, {"export": "csv"})
    assert csv.status_code == 200 and "palefrenier" in csv.getvalue().decode()

    client.force_login(pupil)
    assert client.get(url).status_code in (302, 403)
