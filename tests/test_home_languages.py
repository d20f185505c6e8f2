"""English and Arabic lead somewhere: each language's home, menu, métiers listing, a sheet, search with
results and the parents' guidance article; French pages not yet translated are served under the visitor's
language with lang="fr" and a notice; hreflang alternates; robots.txt."""

import io
import re
from types import SimpleNamespace

from wagtail.models import Locale

import pytest

from demo import orientation as demo_orientation
from demo.orientation_translations import PARENTS_ARTICLE

pytestmark = pytest.mark.django_db

HOME_TITLES = {"en": "Home", "ar": "الصفحة الرئيسية"}
PARENTS_TITLES = {
    "fr": "Comment aider votre enfant à trouver un stage",
    "en": "How to help your child find a work placement",
    "ar": "كيف تساعد طفلك على إيجاد تدريب",
}
GUIDANCE_TITLES = {"fr": "Orientation", "en": "Guidance", "ar": "التوجيه"}
# The notice of a page not yet translated, in the visitor's interface language.
NOTICES = {
    "fr": "Cette page n'est pas encore traduite dans votre langue",
    "en": "This page is not translated into your language yet",
    "ar": "هذه الصفحة غير مترجمة إلى لغتكم بعد",
}


@pytest.fixture
def site_in_three_languages(home_page, imported, metiers_index):
    """French home with its English and Arabic translations, the catalogue extract (French only) in the
    menu, and the demo guidance section with the parents' article translated through wagtail-localize."""
    for code, title in HOME_TITLES.items():
        locale, _created = Locale.objects.get_or_create(language_code=code)
        translated = home_page.copy_for_translation(locale).specific
        translated.title = title
        translated.save_revision().publish()
    metiers_index.show_in_menus = True
    metiers_index.save_revision().publish()
    demo_orientation.load(SimpleNamespace(stdout=io.StringIO()), home_page)
    return home_page


def html_tag(response):
    return re.search(r"<html[^>]*>", response.content.decode()).group(0)


def main_menu(response):
    content = response.content.decode()
    return re.search(r'<nav class="main-nav".*?</nav>', content, re.S).group(0)


@pytest.mark.parametrize("code", ["en", "ar"])
class TestEachLanguage:
    def test_home_menu_listing_and_sheet(self, client, site_in_three_languages, code):
        home = client.get(f"/{code}/")
        assert home.status_code == 200
        menu = main_menu(home)
        # The translated section in the visitor's language, under their prefix…
        assert f'<a href="/{code}/orientation/">{GUIDANCE_TITLES[code]}</a>' in menu
        # The catalogue's menu name in the visitor's language (gettext), the page in French (hreflang).
        assert f'<a href="/{code}/metiers/" hreflang="fr">{ {"en": "Jobs", "ar": "المهن"}[code] }</a>' in menu

        listing = client.get(f"/{code}/metiers/")
        assert listing.status_code == 200
        content = listing.content.decode()
        assert html_tag(listing).startswith(f'<html lang="{code}"')
        assert NOTICES[code] in content
        assert '<div lang="fr" dir="ltr">' in content
        # The cards keep the visitor in their language.
        assert f'href="/{code}/metiers/boulanger/"' in content
        assert 'href="/fr/metiers/boulanger/"' not in content

        sheet = client.get(f"/{code}/metiers/boulanger/")
        assert sheet.status_code == 200
        content = sheet.content.decode()
        assert ">Boulanger / Boulangère</h1>" in content
        assert NOTICES[code] in content
        assert '<link rel="canonical" href="http://testserver/fr/metiers/boulanger/">' in content
        # The language switcher leads back to the real French page.
        assert '<a href="/fr/metiers/boulanger/" lang="fr" hreflang="fr">Français</a>' in content

    def test_search_finds_french_sheets_and_translated_articles(self, client, site_in_three_languages, code):
        response = client.get(f"/{code}/recherche/", {"q": "boulanger"})

        assert response.status_code == 200
        results = response.context["search"].page_obj.object_list
        assert results, "no result for « boulanger »"
        assert results[0].page.title == "Boulanger / Boulangère"
        assert (
            f'<h3 class="search-result__title" lang="fr" dir="ltr"><a href="/{code}/metiers/boulanger/">'
            in response.content.decode()
        )

        word = {"en": "placement", "ar": "تدريب"}[code]
        response = client.get(f"/{code}/recherche/", {"q": word})
        titles = [result.page.title for result in response.context["search"].page_obj.object_list]
        assert PARENTS_TITLES[code] in titles
        # The translation, not its French source as well.
        assert PARENTS_TITLES["fr"] not in titles

    def test_parents_article_is_translated_and_others_shown_in_french(self, client, site_in_three_languages, code):
        response = client.get(f"/{code}/orientation/{PARENTS_ARTICLE}/")

        assert response.status_code == 200
        content = response.content.decode()
        assert f"<h1>{PARENTS_TITLES[code]}</h1>" in content
        assert NOTICES[code] not in content
        for other in ("fr", "en", "ar"):
            assert (
                f'<link rel="alternate" hreflang="{other}" '
                f'href="http://testserver/{other}/orientation/{PARENTS_ARTICLE}/">' in content
            )
        assert (
            f'<link rel="alternate" hreflang="x-default" href="http://testserver/fr/orientation/{PARENTS_ARTICLE}/">'
            in content
        )

        untranslated = client.get(f"/{code}/orientation/stage-de-3e-etape-par-etape/")
        assert untranslated.status_code == 200
        content = untranslated.content.decode()
        assert NOTICES[code] in content
        assert "<h1>Le stage de 3e, étape par étape</h1>" in content


def test_a_page_that_exists_in_no_language_is_still_a_404(client, site_in_three_languages):
    assert client.get("/ar/metiers/nexiste-pas/").status_code == 404
    assert client.get("/en/nexiste-pas/").status_code == 404


def test_french_pages_keep_french_addresses(client, site_in_three_languages):
    content = client.get("/fr/metiers/").content.decode()

    assert 'href="/fr/metiers/boulanger/"' in content
    assert NOTICES["fr"] not in content
    assert '<html lang="fr" dir="ltr">' in content


def test_a_french_page_without_translation_has_no_hreflang_alternates(client, site_in_three_languages):
    content = client.get("/fr/metiers/boulanger/").content.decode()

    assert 'rel="alternate" hreflang' not in content
    assert '<link rel="canonical" href="http://testserver/fr/metiers/boulanger/">' in content


def test_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_private_parts(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    for code in ("fr", "en", "ar"):
        assert f"Disallow: /{code}/compte/" in lines
        assert f"Disallow: /{code}/accompagnement/" in lines
        assert f"Disallow: /{code}/stages/demandes/" in lines
        assert f"Disallow: /{code}/stages/" not in lines  # « Proposer un stage » is for every professional
    assert "Sitemap: http://testserver/sitemap.xml" in lines
