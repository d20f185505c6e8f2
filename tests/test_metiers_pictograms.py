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
    cards = [card.split("</li>")[0] for card in listing.split('class="card metier-card"')[1:]]
    assert len(cards) > 1 and all(card.count('class="pictogram"') == 1 for card in cards)
    # Inline: nothing fetched from elsewhere.
    assert "<img" not in domain_pictogram(type("Domain", (), {"code": "D"})())
    assert domain_pictogram(None) == ""


def test_every_centre_d_interet_has_its_own_shipped_icon_and_the_listing_chips_show_them(client, imported):
    from metiers.models import CentreInteret
    from metiers.templatetags.pictograms import INTEREST_FALLBACK, INTEREST_ICONS

    shipped = set(zipfile.ZipFile(os.path.join(os.path.dirname(lucide.__file__), "lucide.zip")).namelist())
    for name in [*INTEREST_ICONS.values(), INTEREST_FALLBACK]:
        assert f"{name}.svg" in shipped, name
    assert len(set(INTEREST_ICONS.values())) == len(INTEREST_ICONS), "two centres share a pictogram"
    slugs = set(CentreInteret.objects.filter(tagged_sheets__isnull=False).values_list("slug", flat=True))
    assert slugs and slugs <= set(INTEREST_ICONS), slugs - set(INTEREST_ICONS)
    listing = client.get("/fr/metiers/").content.decode()
    interests = listing[listing.index('id="interests-title"') :].split("</ul>")[0]
    assert interests.count('<a class="chip"') == interests.count('class="pictogram"') > 1
    assert 'aria-hidden="true"' in re.search(r"<svg[^>]*>", interests).group(0)
