"""Each grand domaine has its pictogram, drawn from the installed Lucide set (served inline, no CDN) and
hidden from screen readers: the domain's name is always written next to it."""

import os
import re
import zipfile

import lucide
import pytest

from metiers.templatetags.pictograms import DOMAIN_ICONS, FALLBACK, domain_pictogram

pytestmark = pytest.mark.django_db


def test_every_domain_letter_has_an_icon_that_the_package_ships():
    shipped = set(zipfile.ZipFile(os.path.join(os.path.dirname(lucide.__file__), "lucide.zip")).namelist())
    assert sorted(DOMAIN_ICONS) == list("ABCDEFGHIJKLMN")
    for name in [*DOMAIN_ICONS.values(), FALLBACK]:
        assert f"{name}.svg" in shipped, name
    assert len(set(DOMAIN_ICONS.values())) == len(DOMAIN_ICONS), "two domains share a pictogram"


def test_the_sheet_and_the_cards_show_the_pictogram_hidden_from_screen_readers(client, imported):
    sheet = client.get("/fr/metiers/boulanger/").content.decode()
    kicker = sheet[sheet.index('class="metier__kicker"') :][:2000]
    svg = re.search(r"<svg[^>]*>", kicker).group(0)
    assert 'aria-hidden="true"' in svg and 'class="pictogram"' in svg and 'focusable="false"' in svg
    assert "Commerce, Vente et Grande distribution" in kicker

    listing = client.get("/fr/metiers/").content.decode()
    assert listing.count('class="pictogram"') == listing.count('class="card metier-card"') > 1
    # Inline: nothing fetched from elsewhere.
    assert "<img" not in domain_pictogram(type("Domain", (), {"code": "D"})())
    assert domain_pictogram(None) == ""
