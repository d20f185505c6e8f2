"""The autocomplete endpoint behind the header search box: JSON, forgiving, cached, rate-limited per client."""

from django.urls import reverse

import pytest

pytestmark = pytest.mark.django_db

URL = reverse("search:autocomplete")


def test_returns_title_url_and_type(client, imported):
    response = client.get(URL, {"q": "boulang"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    first = response.json()[0]
    assert first == {"title": "Boulanger / Boulangère", "url": "/fr/metiers/boulanger/", "type": "Fiche métier"}


@pytest.mark.parametrize("query", ["boulangé", "boulangere", "BOULAN"])
def test_forgives_accents_capitals_and_typos(client, imported, query):
    assert client.get(URL, {"q": query}).json()[0]["title"] == "Boulanger / Boulangère"


@pytest.mark.parametrize("query", ["", "b", "le la", "&|!:*()'\"", "🙂🙂", "x" * 2000])
def test_bad_input_answers_a_list(client, imported, query):
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    assert isinstance(response.json(), list)


@pytest.mark.usefixtures("stopped_clock")  # counted in a fixed window: a run must not cross its end
def test_rate_limited_per_client_address(client, imported, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "search_autocomplete": "3/h"}
    for _ in range(3):
        assert client.get(URL, {"q": "boulang"}, REMOTE_ADDR="10.0.0.1").status_code == 200
    refused = client.get(URL, {"q": "boulang"}, REMOTE_ADDR="10.0.0.1")
    assert refused.status_code == 429
    assert "Trop de requêtes" in refused.json()["error"]
    assert refused["Retry-After"]
    # Another client is not affected.
    assert client.get(URL, {"q": "boulang"}, REMOTE_ADDR="10.0.0.2").status_code == 200


def test_header_search_box_is_a_labelled_form_that_works_without_javascript(client, imported):
    html = client.get("/fr/").content.decode()
    assert 'role="search"' in html
    assert 'action="/fr/recherche/"' in html
    assert '<label for="site-search-q"' in html
    assert "js/autocomplete.js" in html


# Names as the dictionary stores them, and what pupils type (folded) while their words are half written: parts of longer names,
# misspellings, phrases of intent.
NAMES = [
    "conducteur de train",
    "agent de securite",
    "boulanger",
    "chef boulanger",
    "ouvrier boulanger de nuit",
    "technicien de maintenance informatique",
    "assistant de service social",
    "ouvrier d'elevage agricole",
    "conseiller en insertion professionnelle",
]
TYPED = ["conduc de trin", "securit", "boulenge", "maintenance info", "je veux travailler", "travailler d", "social"]


@pytest.mark.parametrize("query", TYPED)
@pytest.mark.parametrize("bar", ["MIN_SCORE", 0.25])  # the search and autocomplete's bar; « Tu voulais dire »'s
def test_the_bar_skips_only_what_it_would_drop(query, bar):
    """Names are ranked with a bar and the edit ratio is skipped where it cannot lift a part of a name over it:
    every name kept has the score it has without the bar, and no name that reaches the bar is dropped."""
    from search import terms

    bar = getattr(terms, bar) if isinstance(bar, str) else bar
    for name in NAMES:
        for prefix in (False, True):
            full = terms.score_term(query, name, prefix=prefix)
            barred = terms.score_term(query, name, prefix=prefix, min_score=bar)
            assert (barred >= bar) == (full >= bar), (query, name)
            if full >= bar:
                assert barred == full, (query, name)
