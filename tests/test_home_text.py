"""The shared text helpers: folding for comparison, and both forms of a gendered title."""

from home.text import fold, split_genders


def test_fold_ignores_case_accents_ligatures_and_punctuation():
    assert fold("INFIRMIÈRE") == fold("infirmiere") == "infirmiere"
    assert fold("Chef d’œuvre !") == "chef d oeuvre"
    assert fold("  aide-soignant(e)  ") == "aide soignant e"
    assert fold("") == fold(None) == ""


def test_fold_can_join_words_without_space():
    assert fold("3e A", sep="") == fold("3eA", sep="") == "3ea"
    assert fold("Jean-Pierre", sep="") == "jeanpierre"


def test_split_genders_rebuilds_both_complete_titles():
    assert split_genders("Conducteur / Conductrice d'engins agricoles") == (
        "Conducteur d'engins agricoles",
        "Conductrice d'engins agricoles",
    )
    assert split_genders("Boulanger / Boulangère") == ("Boulanger", "Boulangère")
    assert split_genders("Fleuriste") == ("Fleuriste", "Fleuriste")
