"""Languages: French first, English and Arabic (right to left); the 404 page; the language switcher."""

from wagtail.models import Locale

import pytest

from home.models import StandardPage

pytestmark = pytest.mark.django_db

TRANSLATED_HERO = {"en": "Discover jobs, find your work placement", "ar": "اكتشف المهن وابحث عن تدريبك"}


def translate(page, code, **fields):
    locale, _created = Locale.objects.get_or_create(language_code=code)
    translated = page.copy_for_translation(locale).specific
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    return translated


@pytest.fixture
def translated_home(home_page):
    home_page.hero_title = "Découvre des métiers, trouve ton stage"
    home_page.save_revision().publish()
    return {
        "fr": home_page,
        **{code: translate(home_page, code, hero_title=hero) for code, hero in TRANSLATED_HERO.items()},
    }


@pytest.fixture
def legal_page(translated_home):
    page = translated_home["fr"].add_child(
        instance=StandardPage(title="Mentions légales", slug="mentions-legales", introduction="Qui publie ce portail.")
    )
    page.save_revision().publish()
    return page


def html_tag(response):
    content = response.content.decode()
    start = content.index("<html")
    return content[start : content.index(">", start) + 1]


def test_root_redirects_to_french(client, home_page):
    response = client.get("/")
    assert response.status_code == 302
    assert response.url == "/fr/"


def test_french_home_page_is_served_in_french(client, translated_home):
    response = client.get("/fr/")
    assert response.status_code == 200
    assert html_tag(response) == '<html lang="fr" dir="ltr">'
    assert "Découvre des métiers, trouve ton stage" in response.content.decode()


@pytest.mark.parametrize(("code", "direction"), [("en", "ltr"), ("ar", "rtl")], ids=["english", "arabic"])
def test_translated_home_pages_are_served_with_their_language_and_direction(client, translated_home, code, direction):
    response = client.get(f"/{code}/")

    assert response.status_code == 200
    assert response.context["page"].pk == translated_home[code].pk
    assert html_tag(response) == f'<html lang="{code}" dir="{direction}">'
    assert TRANSLATED_HERO[code] in response.content.decode()


def test_language_without_a_translated_home_page_still_serves_the_site(client, home_page):
    # Before translations exist, /en/ falls back to the French home page instead of a 404.
    response = client.get("/en/")
    assert response.status_code == 200
    assert response.context["page"].pk == home_page.pk


def test_language_switcher_links_to_the_page_in_each_language(client, legal_page):
    translate(legal_page, "en", title="Legal notice")
    translate(legal_page, "ar", title="الإشعارات القانونية")

    content = client.get("/fr/mentions-legales/").content.decode()

    assert '<a href="/fr/mentions-legales/" lang="fr" hreflang="fr" aria-current="true">Français</a>' in content
    assert '<a href="/en/mentions-legales/" lang="en" hreflang="en">English</a>' in content
    assert '<a href="/ar/mentions-legales/" lang="ar" hreflang="ar">العربية</a>' in content

    arabic = client.get("/ar/mentions-legales/")
    assert html_tag(arabic) == '<html lang="ar" dir="rtl">'
    assert "الإشعارات القانونية" in arabic.content.decode()
    assert '<a href="/fr/mentions-legales/" lang="fr" hreflang="fr">Français</a>' in arabic.content.decode()


def test_language_switcher_leads_to_the_french_page_under_a_language_without_translation(client, legal_page):
    """No dead end: the French page is served under /ar/ with a notice (home.i18n)."""
    translate(legal_page, "en", title="Legal notice")

    content = client.get("/fr/mentions-legales/").content.decode()

    assert '<a href="/en/mentions-legales/" lang="en" hreflang="en">English</a>' in content
    assert '<a href="/ar/mentions-legales/" lang="ar" hreflang="ar">العربية</a>' in content


class TestNotFound:
    def test_unknown_address_shows_the_french_404_page(self, client, home_page):
        response = client.get("/fr/nexiste-pas/")

        assert response.status_code == 404
        content = response.content.decode()
        assert html_tag(response) == '<html lang="fr" dir="ltr">'
        assert "<h1>Page introuvable</h1>" in content
        assert "Cette page n'existe pas ou n'existe plus." in content
        assert '<a class="button" href="/">Retour à l\'accueil</a>' in content

    def test_unpublished_page_is_a_404(self, client, home_page):
        page = home_page.add_child(instance=StandardPage(title="Brouillon", slug="brouillon", live=False))
        response = client.get(f"/fr/{page.slug}/")
        assert response.status_code == 404
        assert "Page introuvable" in response.content.decode()
