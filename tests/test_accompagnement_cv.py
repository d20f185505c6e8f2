"""The guided CV: a pupil fills in the steps, sees the preview, downloads a one-page PDF whose text holds
their sections, prints it; oversized text and HTML are handled with a French message, nothing lost."""

import io

from django.urls import reverse

import pytest
from pypdf import PdfReader

from accompagnement.factories import DocumentFactory
from accompagnement.models import Document
from accompagnement.pdf import document_pdf
from accompagnement.sections import CV_SECTIONS
from accounts.factories import ConsentedPupilFactory
from stages.factories import StageRequestFactory

pytestmark = pytest.mark.django_db

ANSWERS = {
    "name": "Lina Benali",
    "school": "3e B au collège Jean-Moulin",
    "interests": "Je fais du basket et je dessine des mangas.",
    "qualities": "Patiente : j'aide mon petit frère à faire ses devoirs.",
    "languages": "Français, arabe, anglais",
    "discover": "Comment on soigne les animaux.",
}


@pytest.fixture
def pupil(client):
    pupil = ConsentedPupilFactory(first_name="Lina", last_name="Benali")
    client.force_login(pupil)
    return pupil


def test_the_guided_steps_fill_the_cv_in_order(client, pupil):
    first = client.get(reverse("accompagnement:cv"))
    cv = Document.objects.get(pupil=pupil, kind="cv")
    assert first.url == reverse("accompagnement:step", args=[cv.pk, "name"])
    page = client.get(first.url).content.decode()
    assert "étape 1 sur 6" in page and "pas de photo, pas d&#x27;adresse" in page
    assert 'value="Lina Benali"' in page  # prefilled from the account
    for index, section in enumerate(CV_SECTIONS):
        response = client.post(
            reverse("accompagnement:step", args=[cv.pk, section.key]), {"text": ANSWERS[section.key], "go": "next"}
        )
        following = CV_SECTIONS[index + 1].key if index + 1 < len(CV_SECTIONS) else None
        expected = (
            reverse("accompagnement:step", args=[cv.pk, following])
            if following
            else reverse("accompagnement:document", args=[cv.pk])
        )
        assert response.url == expected
    cv.refresh_from_db()
    assert cv.sections == ANSWERS
    page = client.get(reverse("accompagnement:document", args=[cv.pk])).content.decode()
    assert "Je fais du basket et je dessine des mangas." in page


def test_the_pdf_holds_the_pupils_sections_on_one_page(pupil):
    cv = DocumentFactory(pupil=pupil, sections=ANSWERS)
    reader = PdfReader(io.BytesIO(document_pdf(cv)))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    for expected in ["Lina Benali", "basket", "Patiente", "arabe", "soigne les animaux", "MES QUALITÉS"]:
        assert expected in text


def test_download_and_print_view(client, pupil):
    cv = DocumentFactory(pupil=pupil, sections=ANSWERS)
    response = client.get(reverse("accompagnement:pdf", args=[cv.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="cv.pdf"'
    printed = client.get(reverse("accompagnement:print", args=[cv.pk])).content.decode()
    assert "Lina Benali" in printed and "Mes qualités" in printed


def test_oversized_text_is_refused_in_french_and_kept(client, pupil):
    cv = DocumentFactory(pupil=pupil, sections={"name": "Lina"})
    long_text = "Je suis curieuse. " * 60
    response = client.post(reverse("accompagnement:step", args=[cv.pk, "qualities"]), {"text": long_text})
    assert response.status_code == 200
    content = response.content.decode()
    assert "C&#x27;est un peu long : 600 caractères au plus" in content
    assert long_text.strip()[:100] in content
    cv.refresh_from_db()
    assert "qualities" not in cv.sections


def test_html_and_script_are_stored_as_typed_and_shown_escaped(client, pupil):
    cv = DocumentFactory(pupil=pupil, sections={"name": "Lina"})
    typed = '<script>alert("x")</script><b>gras</b>'
    client.post(reverse("accompagnement:step", args=[cv.pk, "interests"]), {"text": typed, "go": "preview"})
    cv.refresh_from_db()
    assert cv.sections["interests"] == typed
    page = client.get(reverse("accompagnement:document", args=[cv.pk])).content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page
    assert b"<script>alert" not in document_pdf(cv)


def test_an_unknown_step_is_a_404(client, pupil):
    cv = DocumentFactory(pupil=pupil)
    assert client.get(reverse("accompagnement:step", args=[cv.pk, "photo"])).status_code == 404


def test_a_letter_for_a_stage_request_starts_with_its_week(client, pupil):
    stage_request = StageRequestFactory(pupil=pupil)
    response = client.post(reverse("accompagnement:mine"), {"stage_request": stage_request.pk})
    letter = Document.objects.get(pupil=pupil, kind="lettre")
    assert letter.stage_request == stage_request
    assert response.url == reverse("accompagnement:step", args=[letter.pk, "recipient"])
    assert str(stage_request.week) in letter.sections["availability"]


def test_a_letter_for_someone_elses_request_is_refused(client, pupil):
    other = StageRequestFactory()
    response = client.post(reverse("accompagnement:mine"), {"stage_request": other.pk})
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.content.decode()
    assert not Document.objects.filter(kind="lettre").exists()


def test_a_pupil_without_consent_writes_but_cannot_ask_for_help(client):
    pupil = ConsentedPupilFactory(consent_given=False)
    client.force_login(pupil)
    cv = DocumentFactory(pupil=pupil)
    page = client.get(reverse("accompagnement:document", args=[cv.pk])).content.decode()
    assert "Demander une relecture" not in page
    response = client.post(reverse("accompagnement:ask_review", args=[cv.pk]), follow=True)
    assert "accord" in response.content.decode()
    assert cv.versions.count() == 0


def test_the_pdf_and_print_stay_in_french_whatever_the_interface_language(client, pupil):
    """A CV is for a French employer: headings in French, left to right, under /ar/ too; the pupil's own
    text right to left only where it is Arabic."""
    from django.utils import translation

    cv = DocumentFactory(pupil=pupil, sections={**ANSWERS, "languages": "العربية والفرنسية"})
    with translation.override("ar"):
        text = " ".join(PdfReader(io.BytesIO(document_pdf(cv))).pages[0].extract_text().split())
        assert "MES QUALITÉS" in text and "صفاتي" not in text
    client.force_login(pupil)
    with translation.override("ar"):
        url = reverse("accompagnement:print", args=[cv.pk])
    assert url.startswith("/ar/")
    printed = client.get(url).content.decode()
    assert '<article class="help-sheet" lang="fr" dir="ltr">' in printed
    assert "Mes qualités" in printed and "صفاتي" not in printed
    assert '<p dir="auto">العربية والفرنسية</p>' in printed
