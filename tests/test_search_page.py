"""The search page: misspelt, unaccented and everyday words find the right sheet on the small extract of the
catalogue; filters, counts, pagination, highlighted extracts, promotions, suggestions; bad input never fails."""

from django.urls import reverse

from wagtail.contrib.search_promotions.models import Query, SearchPromotion

import pytest

from metiers.factories import MetierPageFactory
from metiers.models import MetierPage
from orientation.factories import GuidanceArticlePageFactory, GuidanceIndexPageFactory
from search import terms
from search.models import SearchTerm

pytestmark = pytest.mark.django_db

URL = reverse("search:search")


def titles(response):
    return [result.page.title for result in response.context["search"].page_obj.object_list]


def codes(response):
    return [getattr(result.page, "rome_code", None) for result in response.context["search"].page_obj.object_list]


@pytest.fixture
def guidance(home_page):
    index = GuidanceIndexPageFactory(parent=home_page)
    article = GuidanceArticlePageFactory(
        parent=index,
        title="L'apprentissage, comment ça marche ?",
        introduction="Apprendre un métier en alternance entre l'entreprise et le centre de formation.",
    )
    return index, article


class TestFindsTheSheet:
    @pytest.mark.parametrize(
        ("query", "code"),
        [
            ("boulanger", "D1102"),
            ("boulangé", "D1102"),  # misspelt
            ("boulengé", "D1102"),  # misspelt
            ("boulangers", "D1102"),  # plural
            ("BOULANGERE", "D1102"),  # feminine, capitals, no accent
            ("patissiere", "D1104"),  # feminine without accent
            ("pattissier", "D1104"),  # misspelt
            ("bouchère", "D1101"),
            ("developpeuse", "D1101".replace("D1101", "M1805")),
            ("jeux video", "M1805"),  # everyday words (search/data/synonymes.csv)
            ("informaticien", "M1805"),
        ],
    )
    def test_expected_sheet_comes_first(self, client, imported, query, code):
        response = client.get(URL, {"q": query})
        assert response.status_code == 200
        assert codes(response)[0] == code

    def test_alternative_names_are_searchable_and_shown(self, client, imported):
        sheet = MetierPage.objects.get(rome_code="D1102")
        name = sheet.alternative_names_list[-1]
        response = client.get(URL, {"q": name})
        assert sheet.rome_code in codes(response)[:3]

    def test_guidance_articles_are_found_by_their_words(self, client, imported, guidance):
        response = client.get(URL, {"q": "apprentissage"})
        assert titles(response)[0] == guidance[1].title

    def test_matched_words_are_marked_and_user_input_is_escaped(self, client, imported):
        response = client.get(URL, {"q": "boulanger <script>alert(1)</script>"})
        html = response.content.decode()
        assert "<mark>Boulanger</mark>" in html
        assert "<script>alert(1)</script>" not in html

    def test_a_misspelt_query_offers_the_right_name(self, client, imported):
        response = client.get(URL, {"q": "boulangé"})
        assert "Boulanger" in response.context["search"].suggestions
        assert "Tu voulais dire" in response.content.decode()

    def test_a_word_spelt_right_gets_no_correction(self, client, imported):
        # « Technicien » is part of a sheet's name without being the whole of it: nothing to correct.
        response = client.get(URL, {"q": "technicien"})
        assert response.context["search"].results_ids
        assert response.context["search"].suggestions == []
        assert "Tu voulais dire" not in response.content.decode()

    def test_nothing_found_offers_names_or_places_to_browse(self, client, imported, guidance):
        response = client.get(URL, {"q": "xylophonistequantique"})
        assert response.status_code == 200
        assert response.context["search"].count == 0
        assert "Nous n'avons rien trouvé" in response.content.decode()
        assert "Fiches métiers" in response.content.decode()  # link to the catalogue


class TestFilters:
    def test_type_filter_and_counts_per_type(self, client, imported, guidance):
        response = client.get(URL, {"q": "apprentissage métier boulanger", "type": "article"})
        search = response.context["search"]
        assert all(result.type.key == "article" for result in search.page_obj.object_list)
        counts = {option.value: option.count for option in search.facets["type"].options}
        # The count of each type is what choosing it would show: the type filter itself is left out.
        assert counts["article"] == 1
        assert counts["metier"] >= 1

    def test_domain_and_level_filters_keep_only_matching_sheets(self, client, imported):
        sheet = MetierPage.objects.get(rome_code="D1102")
        response = client.get(
            URL, {"q": "boulanger", "domaine": sheet.grand_domaine.code, "niveau": str(sheet.access_level)}
        )
        found = response.context["search"].page_obj.object_list
        assert found
        assert all(result.page.grand_domaine_id == sheet.grand_domaine_id for result in found)
        assert all(result.page.access_level == sheet.access_level for result in found)

    def test_pagination(self, client, metiers_index):
        for number in range(13):
            MetierPageFactory(parent=metiers_index, title=f"Soudeur {number}", title_masculine=f"Soudeur {number}")
        first = client.get(URL, {"q": "soudeur"})
        second = client.get(URL, {"q": "soudeur", "page": "2"})
        assert first.context["search"].count == 13
        assert len(first.context["search"].page_obj.object_list) == 10
        assert len(second.context["search"].page_obj.object_list) == 3
        assert "page=2" in first.content.decode()


class TestBadInput:
    @pytest.mark.parametrize(
        "params",
        [
            {},
            {"q": ""},
            {"q": "   "},
            {"q": "boulanger " * 200},  # 2,000 characters
            {"q": "& | ! : * ( ) ' \""},
            {"q": "boul*ng & (er) | !pain: \"'"},
            {"q": "🍞🥐 boulanger 🙂"},
            {"q": "le la les de avec"},  # only stop words
            {"q": "boulanger", "type": "inconnu"},
            {"q": "boulanger", "domaine": "ZZ"},
            {"q": "boulanger", "niveau": "99"},
            {"q": "boulanger", "page": "9999"},
            {"q": "boulanger", "page": "-1"},
            {"q": "boulanger", "page": "abc"},
            {"q": "\x00\x1f boulanger"},
        ],
    )
    def test_a_normal_page_never_a_500(self, client, imported, params):
        response = client.get(URL, params)
        assert response.status_code == 200
        assert b"<h1>" in response.content

    def test_operators_are_searched_as_words(self, client, imported):
        response = client.get(URL, {"q": "boulanger & | ! : * ( ) ' \""})
        assert codes(response)[0] == "D1102"

    def test_emoji_are_ignored(self, client, imported):
        response = client.get(URL, {"q": "🥖 boulanger"})
        assert codes(response)[0] == "D1102"

    def test_only_stop_words_says_so(self, client, imported):
        response = client.get(URL, {"q": "le la les de"})
        assert "petits mots" in response.content.decode()

    def test_unknown_filter_values_are_ignored_with_a_message(self, client, imported):
        response = client.get(URL, {"q": "boulanger", "domaine": "ZZ"})
        assert codes(response)[0] == "D1102"
        assert "ne connaît pas la valeur" in response.content.decode()

    def test_a_page_past_the_end_shows_the_last_page(self, client, imported):
        response = client.get(URL, {"q": "boulanger", "page": "9999"})
        page_obj = response.context["search"].page_obj
        assert page_obj.number == page_obj.paginator.num_pages


class TestPromotions:
    def test_staff_promotions_come_first(self, client, imported, guidance):
        query = Query.get("boulanger")
        SearchPromotion.objects.create(query=query, page=guidance[1], description="À lire avant de choisir.")
        html = client.get(URL, {"q": "Boulanger"}).content.decode()
        assert "Recommandé par l'équipe" in html
        assert html.index(guidance[1].title.replace("'", "&#x27;")) < html.index("search-results__list")


class TestDictionary:
    def test_rebuilt_after_the_import_without_any_signal(self, imported):
        terms.ensure_fresh()
        assert SearchTerm.objects.filter(term="boulangere").exists()
        assert SearchTerm.objects.filter(term="jeux video", kind="synonym").exists()

    def test_follows_a_sheet_published_in_the_admin(self, client, imported):
        sheet = MetierPage.objects.get(rome_code="D1104")
        client.get(URL, {"q": "patissier"})  # builds the dictionary
        sheet.title_feminine = "Chocolatière confiseuse"
        revision = sheet.save_revision()
        revision.publish()
        response = client.get(URL, {"q": "chocolatiere confiseuse"})
        assert codes(response)[0] == "D1104"


def test_a_query_without_letters_is_kept_in_the_box_and_explained(client, home_page):
    response = client.get("/fr/recherche/", {"q": "&| !:*() 😀"})

    assert response.status_code == 200
    content = response.content.decode()
    assert 'value="&amp;| !:*() 😀"' in content
    assert "ni lettre ni chiffre" in content
