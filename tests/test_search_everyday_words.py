"""What pupils type when they do not know a job's name (issue 29): a wish in everyday words finds the sheets
whose texts describe it, on the search page, the autocomplete and the API, in every language of the site; and a
search never offers sheets that only share letters with the query (« Cordiste » for « les ordis »)."""

from django.urls import reverse
from django.utils import translation

import pytest

from metiers.factories import MetierPageFactory
from metiers.models import MetierPage
from search import concepts, terms

pytestmark = pytest.mark.django_db

LETTER_LOOKALIKES = {"Cordiste", "Corniste", "Copiste", "Coloriste"}


@pytest.fixture
def lookalikes(imported, metiers_index):
    """The extract's five sheets, and four whose names share letters with « ordis » and nothing else."""
    for number, title in enumerate(sorted(LETTER_LOOKALIKES)):
        MetierPageFactory(
            parent=metiers_index,
            title=title,
            slug=title.lower(),
            rome_code=f"I15{number:02d}",
            title_masculine=title,
            title_feminine=title,
            alternative_names="",
            introduction="Un métier d'art et de précision.",
            tasks="<ul><li>Travaille en hauteur</li></ul>",
        )
    terms.rebuild(force=True)
    concepts._index.version = None
    yield
    concepts._index.version = None


def search_page(client, query, language="fr"):
    with translation.override(language):
        url = reverse("search:search")
    response = client.get(url, {"q": query})
    assert response.status_code == 200
    return response, response.context["search"]


def shown_titles(search):
    results = [result.page.title for result in search.page_obj.object_list]
    closest = [result.page.title for result in search.closest]
    return results, closest, list(search.suggestions)


@pytest.mark.parametrize("language", ["fr", "en", "ar"])
def test_a_wish_in_everyday_words_finds_computing_on_every_language_page(client, lookalikes, language):
    response, search = search_page(client, "travailler avec les ordis", language)
    results, closest, suggestions = shown_titles(search)
    assert results[0] == "Développeur / Développeuse informatique"
    assert not LETTER_LOOKALIKES & set(results + closest + suggestions)
    assert "Tu voulais dire" not in response.content.decode()


@pytest.mark.parametrize("query", ["je veux bosser avec des bagnoles", "ordis", "les ordis zorglub", "ordistes"])
def test_no_page_offers_sheets_that_only_share_letters(client, lookalikes, query):
    _response, search = search_page(client, query)
    results, closest, suggestions = shown_titles(search)
    assert not LETTER_LOOKALIKES & set(results + closest + suggestions)


def test_a_real_misspelling_is_still_corrected(client, lookalikes):
    _response, search = search_page(client, "cordistes")
    results, _closest, _suggestions = shown_titles(search)
    assert results[0] == "Cordiste"
    response, search = search_page(client, "boulangé")
    assert "Boulanger" in search.suggestions
    assert "Tu voulais dire" in response.content.decode()


def test_when_nothing_fits_the_page_says_so_and_offers_what_resembles_the_words(client, lookalikes):
    # « pêche » is in a grand domaine's name (« Agriculture et Pêche… ») but in no sheet of the extract.
    response, search = search_page(client, "pêche")
    page = response.content.decode()
    assert search.found_nothing
    assert "Aucune fiche ne correspond vraiment à ces mots" in page
    assert [name for name, _url in search.fitting_domains][:1] == [
        "Agriculture et Pêche, Espaces naturels et Espaces verts, Soins aux animaux"
    ]
    assert "?domaine=A" in page
    assert not LETTER_LOOKALIKES & set(sum(shown_titles(search), []))


@pytest.mark.parametrize("language", ["fr", "en", "ar"])
def test_the_autocomplete_reads_the_wish_too(client, lookalikes, language):
    with translation.override(language):
        url = reverse("search:autocomplete")
    titles = [item["title"] for item in client.get(url, {"q": "travailler avec les ordis"}).json()]
    assert "Développeur / Développeuse informatique" in titles
    assert not LETTER_LOOKALIKES & set(titles)
    assert not LETTER_LOOKALIKES & {item["title"] for item in client.get(url, {"q": "ordis"}).json()}


@pytest.mark.parametrize("lang", ["fr", "en", "ar"])
def test_the_api_answers_the_same(client, lookalikes, lang):
    body = client.get("/api/v3/recherche/", {"q": "travailler avec les ordis", "lang": lang}).json()
    assert body["items"][0]["title"] == "Développeur / Développeuse informatique"
    assert not LETTER_LOOKALIKES & {item["title"] for item in body["items"]}
    assert body["suggestions"] == []
    suggestions = client.get("/api/v3/recherche/suggestions/", {"q": "ordis", "lang": lang}).json()
    assert not LETTER_LOOKALIKES & {item["title"] for item in suggestions}


def test_a_sheet_name_still_wins_over_texts(client, lookalikes):
    _response, search = search_page(client, "je veux être boulanger")
    assert search.page_obj.object_list[0].page.rome_code == "D1102"
    assert MetierPage.objects.filter(title__in=LETTER_LOOKALIKES).count() == 4


def test_the_api_gives_the_same_plain_fallback(client, lookalikes):
    body = client.get("/api/v3/recherche/", {"q": "pêche", "lang": "en"}).json()
    assert body["found_nothing"] is True
    assert body["items"] == []
    assert body["domains"][0]["name"].startswith("Agriculture et Pêche")
    assert "?domaine=A" in body["domains"][0]["url"]
    assert not LETTER_LOOKALIKES & {item["title"] for item in body["closest"]}
