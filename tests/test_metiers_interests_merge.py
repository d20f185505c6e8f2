"""Duplicate centres d'intérêt are merged on import: an Onisep centre that says the same as a France Travail
one (INTEREST_MERGES) becomes that tag on every sheet, and a tag left from an earlier import goes away."""

import pytest

from metiers.importer import CatalogueImporter
from metiers.importer.classifications import INTEREST_MERGES
from metiers.models import CentreInteret, MetierPage, MetierPageCentreInteret
from tests.conftest import METIERS_EXTRACT as EXTRACT_DIR

pytestmark = pytest.mark.django_db

HANDS_ONISEP = "T-IDEO2.4806"  # « Je veux travailler de mes mains »
MANUAL_ROME = "14"  # « J'aime le travail manuel »


def test_an_onisep_twin_becomes_the_france_travail_tag(imported):
    assert INTEREST_MERGES[HANDS_ONISEP] == MANUAL_ROME
    assert not CentreInteret.objects.filter(onisep_id__in=list(INTEREST_MERGES), rome_code="").exists()
    assert not CentreInteret.objects.filter(name="Je veux travailler de mes mains").exists()
    manual = CentreInteret.objects.get(rome_code=MANUAL_ROME)
    baker = MetierPage.objects.get(rome_code="D1102")
    assert manual in baker.centres_interet.all()


def test_a_tag_left_by_an_earlier_import_is_replaced_and_removed(metiers_index, imported):
    baker = MetierPage.objects.get(rome_code="D1102")
    old = CentreInteret.objects.create(
        name="Je veux travailler de mes mains",
        source_name="Je veux travailler de mes mains",
        slug="je-veux-travailler-de-mes-mains",
        onisep_id=HANDS_ONISEP,
    )
    # As the earlier import left it: the sheet points to the Onisep tag, and the snapshot says so.
    manual = CentreInteret.objects.get(rome_code=MANUAL_ROME)
    MetierPageCentreInteret.objects.filter(content_object=baker, tag=manual).update(tag=old)
    snapshot = baker.import_snapshot
    snapshot["centres_interet"] = sorted(old.pk if pk == manual.pk else pk for pk in snapshot["centres_interet"])
    MetierPage.objects.filter(pk=baker.pk).update(import_snapshot=snapshot)

    report = CatalogueImporter(metiers_index, EXTRACT_DIR, update_search_index=False).run()

    assert not CentreInteret.objects.filter(pk=old.pk).exists()
    assert manual in MetierPage.objects.get(pk=baker.pk).centres_interet.all()
    assert report.interests_retired == 1
    assert any("Centres d'intérêt en double fusionnés" in line for line in report.lines())
