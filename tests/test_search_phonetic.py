"""French sound keys and word roots (home.text), and the search finding a sheet typed as it sounds."""

from django.urls import reverse

import pytest

from home.text import sound_key, word_root

URL = reverse("search:search")


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("boulanjé", "boulanger"),  # « é » ending for « er », « j » for « g »
        ("plonbié", "plombier"),  # « n » before « b », « é » ending
        ("pharmassien", "pharmacien"),  # « ss » for « c »
        ("masson", "maçon"),  # « ss » for « ç »
        ("dantiste", "dentiste"),  # « an » for « en »
        ("avoca", "avocat"),  # silent final letter missing
        ("notère", "notaire"),  # « ère » for « aire »
        ("sécrétère", "secrétaire"),
        ("ostéopate", "ostéopathe"),  # silent « h » missing
        ("ortofoniste", "orthophoniste"),  # « f » for « ph »
        ("psikologue", "psychologue"),  # « k » for « ch », « i » for « y »
        ("arkitecte", "architecte"),
        ("jandarm", "gendarme"),  # « j » for « g », final « e » missing
        ("késsière", "caissière"),
        ("manekin", "mannequin"),  # « k » for « qu », one « n »
        ("coifeuze", "coiffeuse"),  # « z » for « s », one « f »
        ("journalisse", "journaliste"),
        ("puéricultrisse", "puéricultrice"),
    ],
)
def test_a_word_spelt_as_it_sounds_has_the_same_key(typed, meant):
    assert sound_key(typed) == sound_key(meant)


@pytest.mark.parametrize(("first", "second"), [("boulanger", "boucher"), ("plombier", "pompier"), ("maçon", "masseur")])
def test_different_jobs_keep_different_keys(first, second):
    assert sound_key(first) != sound_key(second)


@pytest.mark.parametrize(
    ("words", "same"),
    [
        (["reparer", "reparation", "reparateur"], True),
        (["soigner", "soigneur"], True),
        (["vendre", "vendeur"], True),
        (["ferme", "fermier"], True),
        (["photos", "photo"], True),
        (["boulanger", "boucher"], False),
    ],
)
def test_word_roots_join_a_verb_and_its_nouns(words, same):
    assert (len({word_root(word) for word in words}) == 1) is same


@pytest.mark.django_db
@pytest.mark.parametrize(("query", "code"), [("boulenjé", "D1102"), ("dévelopeuze", "M1805"), ("patissié", "D1104")])
def test_the_search_finds_a_sheet_typed_as_it_sounds(client, imported, query, code):
    response = client.get(URL, {"q": query})
    results = response.context["search"].page_obj.object_list
    assert results[0].page.rome_code == code
