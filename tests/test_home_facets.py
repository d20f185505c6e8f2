"""The one facet module (home/facets.py): reading filters from the address, French messages for unknown
values, counts « as if its own filter were not chosen », and links that remove one filter."""

from django import forms
from django.http import QueryDict

from home.facets import Facet, FacetOption, Facets

ITEMS = [
    {"colour": "rouge", "size": "s"},
    {"colour": "rouge", "size": "m"},
    {"colour": "bleu", "size": "m"},
    {"colour": "bleu", "size": "m"},
]


def build(query):
    return Facets(
        QueryDict(query),
        [
            Facet("couleur", "Couleur", "Toutes", [FacetOption("rouge", "Rouge"), FacetOption("bleu", "Bleu")]),
            Facet("taille", "Taille", "Toutes", [FacetOption("s", "S"), FacetOption("m", "M")]),
        ],
    )


def count_items(facet, chosen):
    field = {"couleur": "colour", "taille": "size"}
    kept = [item for item in ITEMS if all(item[field[p]] == option.value for p, option in chosen.items())]
    counts = {}
    for item in kept:
        counts[item[field[facet.param]]] = counts.get(item[field[facet.param]], 0) + 1
    return counts


def test_counts_ignore_the_facets_own_choice_but_follow_the_others():
    facets = build("couleur=rouge&taille=m")
    facets.count(count_items)
    # Colour counts among size M only; size counts among red only.
    assert {o.value: o.count for o in facets["couleur"].options} == {"rouge": 1, "bleu": 2}
    assert {o.value: o.count for o in facets["taille"].options} == {"s": 1, "m": 1}
    assert {param: option.value for param, option in facets.chosen().items()} == {"couleur": "rouge", "taille": "m"}


def test_an_unknown_value_is_ignored_with_a_french_message_and_the_others_apply():
    facets = build("couleur=vert&taille=s")
    assert list(facets.chosen()) == ["taille"]
    assert facets.errors == ["Le filtre « Couleur » ne connaît pas la valeur « vert » : il n'a pas été appliqué."]


def test_each_active_filter_links_to_the_list_without_it_and_back_to_page_one():
    facets = build("couleur=rouge&taille=m&page=3&q=pain")
    links = {facet.param: facet.remove_query for facet in facets.active}
    assert links == {"couleur": "?taille=m&q=pain", "taille": "?couleur=rouge&q=pain"}


def test_a_facet_of_a_filter_form_field():
    field = forms.ChoiceField(label="Pour qui ?", choices=[("", "Tous les publics"), ("parents", "Parents")])
    facet = Facet.from_choice_field("audience", field)
    assert (facet.label, facet.all_label, [o.value for o in facet.options]) == (
        "Pour qui ?",
        "Tous les publics",
        ["parents"],
    )
