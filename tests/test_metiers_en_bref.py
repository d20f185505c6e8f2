"""« En bref » at the top of each sheet: a first version derived from the data, staff's sentences when
written, a staff report of the sheets still without one; the other names below the body, each once."""

import re

from django.utils.html import escape

import pytest

from metiers.models import MetierPage

pytestmark = pytest.mark.django_db


def en_bref_box(content):
    match = re.search(r'<section class="metier__en-bref".*?</section>', content, re.S)
    return match.group(0) if match else ""


def test_a_first_version_is_derived_from_the_data(client, imported):
    sheet = MetierPage.objects.get(rome_code="D1102")

    box = en_bref_box(client.get(sheet.url).content.decode())

    assert '<h2 id="en-bref-title">En bref</h2>' in box
    assert "<dt>Ce que tu fais</dt><dd>Le boulanger " in box
    assert "<dt>Où</dt>" in box
    # The derived sentence is a task of the sheet, cut before its « selon les règles… » tail.
    what = re.search(r"<dt>Ce que tu fais</dt><dd>(.*?)</dd>", box).group(1)
    assert "selon" not in what and what.endswith(".")


def test_staff_sentences_replace_the_derived_ones(client, imported):
    sheet = MetierPage.objects.get(rome_code="D1102")
    sheet.en_bref_what = "Tu fabriques le pain et les croissants, souvent tôt le matin."
    sheet.en_bref_who = "Avec l'équipe de la boulangerie et les clients."
    sheet.save_revision().publish()

    box = en_bref_box(client.get(sheet.url).content.decode())

    assert escape(sheet.en_bref_what) in box
    assert escape(sheet.en_bref_who) in box
    assert "Le boulanger " not in box


def test_report_lists_the_sheets_without_a_staff_en_bref(staff_client, imported):
    written = MetierPage.objects.get(rome_code="D1102")
    written.en_bref_what = "Tu fabriques le pain."
    written.save_revision().publish()
    waiting = MetierPage.objects.get(rome_code="D1104")

    response = staff_client.get("/admin/rapports/fiches-sans-en-bref/")

    assert response.status_code == 200
    content = response.content.decode()
    assert escape(waiting.title) in content
    assert escape(written.title) not in content
    export = staff_client.get("/admin/rapports/fiches-sans-en-bref/?export=csv")
    exported = b"".join(export.streaming_content).decode() if export.streaming else export.content.decode()
    assert waiting.rome_code in exported and written.rome_code not in exported


def test_the_report_is_for_admin_users_only(client, imported):
    from accounts.factories import PupilFactory

    client.force_login(PupilFactory())
    response = client.get("/admin/rapports/fiches-sans-en-bref/")
    assert response.status_code in (302, 403)


def test_other_names_are_below_the_body_once_each_and_whole(client, imported):
    sheet = MetierPage.objects.get(rome_code="D1102")
    sheet.alternative_names = (
        "Mitron\nmitron\nBoulanger\n  Ouvrier   boulanger \nOuvrier boulanger\nBoulanger / Boulangère"
    )
    sheet.save_revision().publish()

    content = client.get(sheet.url).content.decode()

    names = re.search(r'<ul class="metier__names-list">(.*?)</ul>', content, re.S).group(1)
    assert re.findall(r"<li>(.*?)</li>", names) == ["Mitron", "Ouvrier boulanger"]
    # Below « Le métier », not in the header under the title.
    assert content.index('id="noms-title"') > content.index('id="le-metier-title"')
    assert "On dit aussi" not in content


def test_rome_code_is_unique_per_language(imported):
    from django.core.exceptions import ValidationError

    from wagtail.models import Locale

    sheet = MetierPage.objects.get(rome_code="D1102")
    other = MetierPage.objects.get(rome_code="D1104")
    other.rome_code = "D1102"
    with pytest.raises(ValidationError) as error:
        other.full_clean()
    assert "Une autre fiche de cette langue a déjà ce code ROME." in str(error.value)

    # A translation of the sheet keeps its code: allowed in another language.
    english, _created = Locale.objects.get_or_create(language_code="en")
    sheet.get_parent().copy_for_translation(english, copy_parents=True)
    translated = sheet.copy_for_translation(english)
    assert translated.rome_code == "D1102"
    translated.full_clean()
