"""French elides « de » before a first name that starts with a vowel: « CV d'Inès », « lettre d'Émile »,
but « CV de Karim », « CV de Yanis » (y is a consonant here) and « CV de Hugo » (h is not elided). The
headings, the volunteer's list, staff's queue and the family's e-mail say it so; other languages keep their
own translation of the same sentence."""

from django.core import mail
from django.urls import reverse
from django.utils import translation

import pytest

from accompagnement import notifications
from accompagnement.factories import AssignmentFactory, CommentFactory, DocumentFactory, VersionFactory
from accompagnement.models import CommentStatus
from accounts.factories import StaffFactory
from home.text import elide_de, starts_with_vowel


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Inès", "CV d'Inès"),
        ("Émile", "CV d'Émile"),
        ("Ahmed", "CV d'Ahmed"),
        ("Oumar", "CV d'Oumar"),
        ("Karim", "CV de Karim"),
        ("Yanis", "CV de Yanis"),
        ("Hugo", "CV de Hugo"),
        ("", "CV de "),
    ],
)
def test_de_is_elided_before_a_vowel_in_french(name, expected):
    assert elide_de(f"CV de {name}", name) == expected


def test_only_the_name_given_is_elided_and_the_sentence_keeps_its_other_words():
    sentence = "Lettre de motivation de Inès – commentaire de Élodie Martin"
    assert elide_de(sentence, "Inès") == "Lettre de motivation d'Inès – commentaire de Élodie Martin"
    assert elide_de(sentence, "Inès", "Élodie Martin") == ("Lettre de motivation d'Inès – commentaire d'Élodie Martin")
    assert elide_de("Code Inès", "Inès") == "Code Inès"  # « de » as a word only
    assert elide_de("De Inès", "Inès") == "D'Inès"


def test_other_languages_are_left_alone():
    with translation.override("en"):
        assert elide_de("CV de Inès", "Inès") == "CV de Inès"
    with translation.override("ar"):
        assert elide_de("CV de Inès", "Inès") == "CV de Inès"


def test_accented_and_ligatured_initials_count_as_vowels():
    assert all(starts_with_vowel(name) for name in ("Éloïse", "Èva", "Îris", "Ève", "Œdipe", "Ulysse", "anaïs"))
    assert not any(starts_with_vowel(name) for name in ("Yanis", "Hugo", "Hélène", "Karim", "", " "))


@pytest.fixture
def followed(db):
    """Inès's CV and Émile's letter, followed by Claire; Yanis's CV followed by her too."""
    documents = {
        "Inès": DocumentFactory(pupil__first_name="Inès", pupil__email="ines@example.org"),
        "Émile": DocumentFactory(pupil__first_name="Émile", kind="lettre", sections={}),
        "Yanis": DocumentFactory(pupil__first_name="Yanis"),
    }
    volunteer = AssignmentFactory(document=documents["Inès"], volunteer__first_name="Claire").volunteer
    for name in ("Émile", "Yanis"):
        AssignmentFactory(document=documents[name], volunteer=volunteer)
    return documents, volunteer


def test_the_volunteer_reads_d_ines_and_de_yanis(client, followed):
    documents, volunteer = followed
    client.force_login(volunteer)
    space = client.get(reverse("accompagnement:volunteer")).content.decode()
    assert "CV d'Inès" in space
    assert "Lettre de motivation d'Émile" in space
    assert "CV de Yanis" in space
    assert "de Inès" not in space and "de Émile" not in space

    page = client.get(reverse("accompagnement:document", args=[documents["Inès"].pk])).content.decode()
    assert "<h1>CV d'Inès</h1>" in page


def test_the_english_page_keeps_its_translation(client, followed):
    documents, volunteer = followed
    client.force_login(volunteer)
    with translation.override("en"):
        url = reverse("accompagnement:document", args=[documents["Inès"].pk])
    assert url.startswith("/en/")
    page = client.get(url).content.decode()
    assert "<h1>CV by Inès</h1>" in page


def test_staffs_queue_elides_the_pupils_and_the_authors_names(client, followed):
    documents, _volunteer = followed
    version = VersionFactory(document=documents["Inès"], number=1)
    CommentFactory(version=version, author__first_name="Élodie", author__last_name="Martin", status=CommentStatus.HELD)
    client.force_login(StaffFactory())
    console = client.get(reverse("accompagnement_console")).content.decode()
    assert "<h3>CV d'Inès – commentaire d'Élodie Martin</h3>" in console


def test_the_familys_email_says_d_ines(followed, django_capture_on_commit_callbacks):
    documents, volunteer = followed
    version = VersionFactory(document=documents["Inès"], number=1)
    with django_capture_on_commit_callbacks(execute=True):
        notifications.comment_visible(CommentFactory(version=version, author=volunteer))
    body = mail.outbox[0].body
    assert "a commenté un document d'Inès (CV)." in body
