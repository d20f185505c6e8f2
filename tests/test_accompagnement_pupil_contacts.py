"""The pupil's own text holds no contact details: a CV step or a letter holding a phone number, an e-mail
address, an account name, a link or a street address is refused with a French message a 13-year-old
understands, the text kept; a review request with such text saved earlier is refused and nothing reaches
the volunteer; a version already in review shows the volunteer a mask and is flagged for staff."""

import html

from django.urls import reverse
from django.utils import translation

import pytest

from accompagnement.factories import CV_TEXT, AssignmentFactory, DocumentFactory, VersionFactory
from accompagnement.models import DocumentState, Version
from accounts.factories import ConsentedPupilFactory, StaffFactory
from safeguarding import detect as contact_filter

pytestmark = pytest.mark.django_db

QA_TEXT = (
    "Appelle moi au 06 12 34 56 78 ou lina.morel@gmail.com, snap: lina_93, j'habite 12 rue de la Paix 93200 Saint-Denis"
)
WHY = "Les bénévoles n&#x27;ont pas besoin de te contacter en dehors du portail."


@pytest.fixture
def pupil(client):
    pupil = ConsentedPupilFactory(first_name="Lina", last_name="Morel")
    client.force_login(pupil)
    return pupil


def post_step(client, document, key, text):
    return client.post(reverse("accompagnement:step", args=[document.pk, key]), {"text": text, "go": "next"})


def page_text(response):
    return html.unescape(response.content.decode())


def test_the_qa_example_is_refused_with_each_detail_named_and_the_text_kept(client, pupil):
    cv = DocumentFactory(pupil=pupil)
    response = post_step(client, cv, "qualities", QA_TEXT)
    assert response.status_code == 200
    content = page_text(response)
    assert "Ton CV ne doit pas contenir ton numéro de téléphone : « 06 12 34 56 78 »." in content
    assert "Ton CV ne doit pas contenir ton adresse e-mail : « lina.morel@gmail.com »." in content
    assert "« snap: lina_93 »" in content
    assert "Ton CV ne doit pas contenir ton adresse (rue, code postal, ville)" in content
    assert "« 12 rue de la Paix 93200 »" in content and "« 93200 Saint-Denis »" in content
    assert html.unescape(WHY) in content and "ton prénom et ton nom suffisent" in content
    assert f"{html.escape(QA_TEXT)}</textarea>" in response.content.decode()  # the typed text is kept
    cv.refresh_from_db()
    assert cv.sections["qualities"] == CV_TEXT["qualities"]


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Tu peux m'appeler au 07 81 23 45 67 le soir.", "ton numéro de téléphone : « 07 81 23 45 67 »"),
        ("Mon mail : lina arobase gmail point com", "ton adresse e-mail"),
        ("Ajoute-moi sur Snapchat pour en parler.", "ton pseudo ou le nom d'une appli pour discuter"),
        (
            "Mon compte @lina_93 montre mes dessins.",
            "ton pseudo ou le nom d'une appli pour discuter (Snapchat, Instagram, WhatsApp…) : « @lina_93 »",
        ),
        ("Mes dessins sont sur www.lina-dessins.fr", "l'adresse d'un site ou d'un profil (un lien)"),
        (
            "J'habite au 3 bis avenue Jean-Jaurès.",
            "ton adresse (rue, code postal, ville) : « 3 bis avenue Jean-Jaurès »",
        ),
        ("Je vis au 5 bd Carnot.", "ton adresse (rue, code postal, ville)"),
        ("Je vis à 93200 Saint-Denis.", "ton adresse (rue, code postal, ville) : « 93200 Saint-Denis »"),
        ("Écris-moi : ines [at] gmail [dot] com", "ton adresse e-mail : « ines [at] gmail [dot] com »"),
        ("Mon mail : ines @ gmail . com", "ton adresse e-mail : « ines @ gmail . com »"),
        (
            "Mon numéro : zéro six douze trente-quatre cinquante-six soixante-dix-huit.",
            "ton numéro de téléphone : « zéro six douze trente-quatre cinquante-six soixante-dix-huit »",
        ),
        ("Appelle au zero 6 12 34 56 78", "ton numéro de téléphone : « zero 6 12 34 56 78 »"),
        ("Appelle au 06 douze 34 56 78", "ton numéro de téléphone : « 06 douze 34 56 78 »"),
    ],
)
def test_each_kind_of_contact_detail_alone_is_refused(client, pupil, text, named):
    cv = DocumentFactory(pupil=pupil)
    response = post_step(client, cv, "interests", text)
    assert response.status_code == 200
    assert f"Ton CV ne doit pas contenir {named}" in page_text(response)
    cv.refresh_from_db()
    assert cv.sections["interests"] == CV_TEXT["interests"]


@pytest.mark.parametrize(
    ("key", "text"),
    [
        ("school", "Élève de 3e B au collège Louise-Michel, déléguée de classe en 2025-2026."),
        ("interests", "Je fais du basket le mercredi de 14 h à 16 h 30, et du théâtre depuis le 12/09/2024."),
        ("qualities", "Sérieuse : à 15 ans, je garde mes 2 petits cousins le samedi à 8h30."),
        ("discover", "Un stage de 5 jours, du lundi 7 au vendredi 11 décembre, pour voir une journée entière."),
        ("languages", "Français, arabe (à la maison), anglais (LV1) et espagnol (LV2) depuis la 5e."),
        ("interests", "J'ai fini à la 1re place du cross du collège à Saint-Denis (93200)."),
        ("qualities", "Je suis bon at maths, et de mon point de vue c'est un point commun avec mon père."),
        ("discover", "J'ai quinze ans, je suis en quatrième : trois semaines de stage, le vingt-deux mars."),
        ("interests", "Je fais du judo depuis deux mille vingt-deux, à 8 h 30 le samedi."),
    ],
)
def test_ordinary_cv_sentences_are_saved(client, pupil, key, text):
    cv = DocumentFactory(pupil=pupil)
    response = post_step(client, cv, key, text)
    assert response.status_code == 302
    cv.refresh_from_db()
    assert cv.sections[key] == text


def test_a_letter_is_refused_too_and_told_where_the_places_address_goes(client, pupil):
    letter = DocumentFactory(pupil=pupil, kind="lettre", sections={"recipient": "Boulangerie du Marché"})
    response = post_step(client, letter, "recipient", "Boulangerie du Marché, 4 place du Marché, 93200 Saint-Denis")
    content = page_text(response)
    assert "Ta lettre ne doit pas contenir ton adresse (rue, code postal, ville)" in content
    assert "tu l'écriras à la main sur ta lettre imprimée" in content
    letter.refresh_from_db()
    assert letter.sections["recipient"] == "Boulangerie du Marché"


def legacy_cv(pupil, text=QA_TEXT):
    """A CV saved before steps were checked: its « Mes qualités » holds the QA example."""
    return DocumentFactory(pupil=pupil, sections={**CV_TEXT, "qualities": text})


def test_a_review_request_with_legacy_contact_details_is_refused_and_points_at_the_step(client, pupil):
    cv = legacy_cv(pupil)
    volunteer_assignment = AssignmentFactory(document=cv)
    response = client.post(reverse("accompagnement:ask_review", args=[cv.pk]))
    assert response.url == reverse("accompagnement:step", args=[cv.pk, "qualities"])
    assert not Version.objects.filter(document=cv).exists()  # nothing frozen, so nothing for the volunteer
    cv.refresh_from_db()
    assert cv.state == DocumentState.DRAFT
    step = client.get(response.url)
    content = page_text(step)
    assert (
        "Ta demande de relecture n'a pas été envoyée : l'étape « Mes qualités » contient ton numéro de téléphone"
        in content
    )
    assert "« 06 12 34 56 78 »" in content
    # The step itself says what to remove, with the saved text in the field.
    assert "Ton CV ne doit pas contenir ton adresse e-mail : « lina.morel@gmail.com »." in content
    assert f"{html.escape(QA_TEXT)}</textarea>" in step.content.decode()
    client.force_login(volunteer_assignment.volunteer)
    page = client.get(reverse("accompagnement:document", args=[cv.pk])).content.decode()
    assert "06 12 34 56 78" not in page and "Appelle moi" not in page


def test_once_the_step_is_fixed_the_review_request_goes_through(client, pupil):
    cv = legacy_cv(pupil)
    post_step(client, cv, "qualities", "Patiente : j'aide mon petit frère.")
    response = client.post(reverse("accompagnement:ask_review", args=[cv.pk]), follow=True)
    assert "Version 1 envoyée." in page_text(response)
    assert cv.versions.count() == 1


@pytest.fixture
def legacy_version(pupil):
    """A version frozen before the pupil's text was checked, in review, with its volunteer."""
    cv = legacy_cv(pupil)
    cv.request_review()
    cv.save()
    version = VersionFactory(document=cv, number=1)
    AssignmentFactory(document=cv)
    return version


def test_the_volunteer_reads_a_legacy_version_masked(client, legacy_version):
    cv = legacy_version.document
    client.force_login(cv.active_assignment().volunteer)
    response = client.get(reverse("accompagnement:document", args=[cv.pk]))
    content = page_text(response)
    assert "Appelle moi au [coordonnées masquées] ou [coordonnées masquées], [coordonnées masquées]" in content
    for secret in ["06 12 34 56 78", "lina.morel", "lina_93", "rue de la Paix", "93200", "Benali"]:
        assert secret not in content
    differences = page_text(client.get(reverse("accompagnement:differences", args=[cv.pk])))
    assert "[coordonnées masquées]" in differences
    for secret in ["06 12 34 56 78", "lina.morel", "lina_93", "rue de la Paix", "Benali"]:  # CV_TEXT's name line
        assert secret not in differences


def test_the_pupil_and_staff_read_the_legacy_version_as_written_with_a_warning(client, legacy_version):
    cv = legacy_version.document
    own = page_text(client.get(reverse("accompagnement:document", args=[cv.pk])))
    assert "06 12 34 56 78" in own
    assert "Cette partie contient ton numéro de téléphone, ton adresse e-mail" in own  # told before asking again
    client.force_login(StaffFactory())
    page = page_text(client.get(reverse("accompagnement:document", args=[cv.pk])))
    assert "06 12 34 56 78" in page
    assert "Coordonnées de l'élève :</strong> un numéro de téléphone, une adresse e-mail" in page
    assert "Le bénévole les voit masquées." in page


def test_staffs_console_flags_a_version_in_review_holding_contact_details(client, legacy_version):
    clean = DocumentFactory(state=DocumentState.REVIEW, pupil__first_name="Yanis")
    VersionFactory(document=clean, number=1)
    client.force_login(StaffFactory())
    content = page_text(client.get(reverse("accompagnement_console")))
    section = content.split("Coordonnées d'élèves dans des versions en relecture")[1].split("<section")[0]
    assert "CV de Lina, version 1" in section
    assert (
        "« Mes qualités » : un numéro de téléphone, une adresse e-mail, un compte de réseau social ou de "
        "messagerie, une adresse postale" in section
    )
    assert reverse("accompagnement:document", args=[legacy_version.document_id]) in section
    assert "Yanis" not in section


def test_the_english_interface_shows_the_message_in_english(client, pupil):
    cv = DocumentFactory(pupil=pupil)
    with translation.override("en"):
        url = reverse("accompagnement:step", args=[cv.pk, "qualities"])
    assert url.startswith("/en/")
    response = client.post(url, {"text": "Appelle-moi au 06 12 34 56 78"})
    assert response.status_code == 200  # refused, the typed text kept
    assert "Your CV must not contain your phone number: “06 12 34 56 78”." in page_text(response)
    assert "Appelle-moi au 06 12 34 56 78" in page_text(response)
    cv.refresh_from_db()
    assert cv.sections["qualities"] == CV_TEXT["qualities"]


def test_the_mask_keeps_ordinary_words_around_it():
    assert contact_filter.mask("Je suis sur Snap : lina_93 le soir.") == "Je suis sur [coordonnées masquées] le soir."
    assert contact_filter.mask("Patiente et curieuse.") == "Patiente et curieuse."


def test_the_volunteer_reads_an_account_name_after_an_app_as_one_mask(client, legacy_version):
    cv = legacy_version.document
    legacy_version.sections = {**legacy_version.sections, "interests": "Mes dessins : insta @inesdz, viens voir."}
    legacy_version.save()
    client.force_login(cv.active_assignment().volunteer)
    content = page_text(client.get(reverse("accompagnement:document", args=[cv.pk])))
    assert "Mes dessins : [coordonnées masquées], viens voir." in content
    assert "inesdz" not in content
