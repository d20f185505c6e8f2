"""The catalogue listing: facets, counts, sort, pagination and bad input, all through GET parameters."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from metiers.factories import (
    AppellationFactory,
    CentreInteretFactory,
    GrandDomaineFactory,
    MetierPageFactory,
    SecteurFactory,
)
from metiers.models import AccessLevel, CentreInteret, Secteur

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(metiers_index):
    """Four sheets spread over two domains, two sectors, two interests and three levels."""
    commerce = GrandDomaineFactory(code="D", name="Commerce, Vente et Grande distribution")
    digital = GrandDomaineFactory(code="M", name="Support à l'entreprise")
    food = SecteurFactory(code="83", name="Industrie - Alimentaire")
    it = SecteurFactory(code="93", name="Informatique")
    sub = SecteurFactory(code="931", name="Jeux vidéo", parent=it)
    hands = CentreInteretFactory(name="Je veux travailler de mes mains", slug="je-veux-travailler-de-mes-mains")
    tech = CentreInteretFactory(name="Je suis accro au numérique", slug="je-suis-accro-au-numerique")
    sheets = {
        "baker": MetierPageFactory(
            parent=metiers_index,
            title="Boulanger / Boulangère",
            slug="boulanger",
            rome_code="D1102",
            grand_domaine=commerce,
            access_level=AccessLevel.CAP,
            interests=[hands],
            sectors_list=[food],
        ),
        "butcher": MetierPageFactory(
            parent=metiers_index,
            title="Boucher / Bouchère",
            slug="boucher",
            rome_code="D1101",
            grand_domaine=commerce,
            access_level=AccessLevel.CAP,
            interests=[hands],
            sectors_list=[food],
        ),
        "developer": MetierPageFactory(
            parent=metiers_index,
            title="Développeur / Développeuse informatique",
            slug="developpeur",
            rome_code="M1805",
            grand_domaine=digital,
            access_level=AccessLevel.BAC_5,
            interests=[tech],
            sectors_list=[it, sub],
        ),
        "tester": MetierPageFactory(
            parent=metiers_index,
            title="Testeur / Testeuse de jeux vidéo",
            slug="testeur",
            rome_code="M1806",
            grand_domaine=digital,
            access_level=AccessLevel.BAC,
            interests=[tech, hands],
            sectors_list=[it, sub],
        ),
    }
    draft = MetierPageFactory(parent=metiers_index, title="Fiche en préparation", slug="brouillon", rome_code="M1807")
    draft.unpublish()
    return sheets


def titles(response):
    return [sheet.title for sheet in response.context["listing"].page_obj.object_list]


def facet(response, name):
    return {option.value: option.count for option in response.context["listing"].facets[name].options}


class TestFacets:
    def test_without_filters_every_live_sheet_is_listed_alphabetically(self, client, metiers_index, catalogue):
        response = client.get(metiers_index.url)
        assert response.status_code == 200
        assert titles(response) == [
            "Boucher / Bouchère",
            "Boulanger / Boulangère",
            "Développeur / Développeuse informatique",
            "Testeur / Testeuse de jeux vidéo",
        ]
        assert "4 métiers" in response.content.decode()

    def test_grand_domaine_filter(self, client, metiers_index, catalogue):
        response = client.get(metiers_index.url, {"domaine": "M"})
        assert titles(response) == ["Développeur / Développeuse informatique", "Testeur / Testeuse de jeux vidéo"]

    def test_sector_filter_includes_sheets_of_its_sub_sectors(self, client, metiers_index, catalogue):
        response = client.get(metiers_index.url, {"secteur": "83"})
        assert titles(response) == ["Boucher / Bouchère", "Boulanger / Boulangère"]
        response = client.get(metiers_index.url, {"secteur": "93"})
        assert len(titles(response)) == 2
        # Only top-level sectors are offered.
        assert "931" not in facet(response, "secteur")

    def test_interest_filter(self, client, metiers_index, catalogue):
        response = client.get(metiers_index.url, {"interet": "je-veux-travailler-de-mes-mains"})
        assert titles(response) == [
            "Boucher / Bouchère",
            "Boulanger / Boulangère",
            "Testeur / Testeuse de jeux vidéo",
        ]

    def test_access_level_filter(self, client, metiers_index, catalogue):
        response = client.get(metiers_index.url, {"niveau": str(AccessLevel.BAC)})
        assert titles(response) == ["Testeur / Testeuse de jeux vidéo"]

    def test_filters_combine(self, client, metiers_index, catalogue):
        response = client.get(metiers_index.url, {"interet": "je-veux-travailler-de-mes-mains", "domaine": "M"})
        assert titles(response) == ["Testeur / Testeuse de jeux vidéo"]

    def test_counts_per_facet_ignore_that_facets_own_choice(self, client, metiers_index, catalogue):
        response = client.get(metiers_index.url, {"interet": "je-veux-travailler-de-mes-mains"})
        assert facet(response, "domaine")["D"] == 2
        assert facet(response, "domaine")["M"] == 1
        assert facet(response, "niveau")[str(AccessLevel.CAP)] == 2
        assert facet(response, "niveau")[str(AccessLevel.BAC_5)] == 0
        # The interest facet counts as if no interest was chosen.
        assert facet(response, "interet") == {"je-suis-accro-au-numerique": 2, "je-veux-travailler-de-mes-mains": 3}
        html = response.content.decode()
        assert "Commerce, Vente et Grande distribution (2)" in html
        assert 'value="je-veux-travailler-de-mes-mains" selected' in html

    def test_interest_links_let_pupils_browse_without_javascript(self, client, metiers_index, catalogue):
        html = client.get(metiers_index.url).content.decode()
        assert '<a class="chip" href="?interet=je-veux-travailler-de-mes-mains">' in html
        assert "Je veux travailler de mes mains" in html
        assert 'method="get"' in html

    def test_a_chosen_filter_can_be_removed_and_others_stay(self, client, metiers_index, catalogue):
        response = client.get(metiers_index.url, {"domaine": "M", "niveau": "4"})
        html = response.content.decode()
        assert 'href="?niveau=4"' in html  # remove the domain
        assert 'href="?domaine=M"' in html  # remove the level


class TestSortAndPages:
    def test_sort_by_level_then_title(self, client, metiers_index, catalogue):
        response = client.get(metiers_index.url, {"tri": "-niveau"})
        assert titles(response)[:2] == ["Développeur / Développeuse informatique", "Testeur / Testeuse de jeux vidéo"]
        response = client.get(metiers_index.url, {"tri": "-titre"})
        assert titles(response)[0] == "Testeur / Testeuse de jeux vidéo"

    def test_pagination_keeps_the_filters_in_its_links(self, client, metiers_index, catalogue):
        metiers_index.per_page = 1
        metiers_index.save_revision().publish()
        response = client.get(metiers_index.url, {"domaine": "D"})
        assert titles(response) == ["Boucher / Bouchère"]
        html = response.content.decode()
        assert 'href="?domaine=D&amp;page=2"' in html
        response = client.get(metiers_index.url, {"domaine": "D", "page": "2"})
        assert titles(response) == ["Boulanger / Boulangère"]


class TestBadInput:
    @pytest.mark.parametrize(
        ("params", "message"),
        [
            ({"domaine": "Z"}, "Le filtre « Grand domaine » ne connaît pas la valeur « Z »"),
            (
                {"secteur": "<script>"},
                "Le filtre « Secteur d&#x27;activité » ne connaît pas la valeur « &lt;script&gt; »",
            ),
            ({"interet": "inconnu"}, "ne connaît pas la valeur « inconnu »"),
            ({"niveau": "bac+12"}, "Le filtre « Niveau d&#x27;études minimum » ne connaît pas la valeur « bac+12 »"),
            ({"tri": "prix"}, "Le tri « prix » n&#x27;existe pas"),
        ],
    )
    def test_unknown_values_are_ignored_with_a_french_message(self, client, metiers_index, catalogue, params, message):
        response = client.get(metiers_index.url, params)
        assert response.status_code == 200
        assert message in response.content.decode()
        assert len(titles(response)) == 4  # unfiltered

    @pytest.mark.parametrize("page", ["abc", "-1", "0", "9999", "1.5", "x" * 500])
    def test_malformed_page_numbers_never_fail(self, client, metiers_index, catalogue, page):
        response = client.get(metiers_index.url, {"page": page})
        assert response.status_code == 200
        assert titles(response)

    def test_a_filter_with_no_match_says_so(self, client, metiers_index, catalogue):
        response = client.get(metiers_index.url, {"domaine": "D", "niveau": str(AccessLevel.BAC_8)})
        assert response.status_code == 200
        assert "Aucun métier ne correspond à ces filtres." in response.content.decode()


class TestQueries:
    def test_query_count_does_not_grow_with_sheets_or_tags(self, client, metiers_index, catalogue):
        params = {"interet": "je-veux-travailler-de-mes-mains", "secteur": "83"}
        client.get(metiers_index.url, params)  # warm caches (site, locales)
        with CaptureQueriesContext(connection) as before:
            client.get(metiers_index.url, params)
        hands = CentreInteret.objects.get(slug="je-veux-travailler-de-mes-mains")
        food = Secteur.objects.get(code="83")
        extra_tags = [hands, *(CentreInteretFactory() for _ in range(5))]
        for number in range(10):
            sheet = MetierPageFactory(
                parent=metiers_index,
                slug=f"extra-{number}",
                interests=extra_tags,
                sectors_list=[food, SecteurFactory()],
            )
            AppellationFactory.create_batch(3, page=sheet)
        client.get(metiers_index.url, params)  # the new sheets emptied the cached menus and routes: warm again
        with CaptureQueriesContext(connection) as after:
            response = client.get(metiers_index.url, params)
        assert len(titles(response)) == 12  # the new sheets are on the page
        assert len(after) == len(before)
