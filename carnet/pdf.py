"""« Ma fiche orientation »: the notebook on one page, to bring to the family–teacher meeting. The same
template serves the print view and the PDF (WeasyPrint renders it, as the stages convention and the CV do);
generic font families only, nothing fetched from anywhere. In French, the meeting's language; when the
reader uses the portal in another language (a parent in Arabic), the same page follows in that language, so
that the family reads what the teacher reads."""

from django.template.loader import render_to_string
from django.utils import translation

from . import gathering
from .access import masked_for, parts_for


def sheet_context(pupil, relation):
    parts = parts_for(relation)
    masked = masked_for(relation)
    return {
        "pupil": pupil,
        "sheets": gathering.marked_sheets(pupil) if "sheets" in parts else [],
        "workshops": gathering.workshops(pupil, masked) if "workshops" in parts else [],
        "stages": gathering.stages(pupil, masked) if "stage" in parts else [],
        "wishes": gathering.wishes(pupil, masked) if "wishes" in parts else [],
    }


def languages(language):
    """The pages' languages: French, then the reader's own when it is another."""
    return ["fr"] if not language or language == "fr" else ["fr", language]


def sheet_pages(pupil, relation, language=None):
    """[(language code, text direction, rendered page)], French first."""
    context = sheet_context(pupil, relation)
    pages = []
    for code in languages(language):
        with translation.override(code):
            html = render_to_string("carnet/includes/sheet.html", context)
            pages.append((code, "rtl" if translation.get_language_bidi() else "ltr", html))
    return pages


def sheet_html(pupil, relation, language=None):
    return render_to_string("carnet/sheet_pdf.html", {"pages": sheet_pages(pupil, relation, language)})


def sheet_pdf(pupil, relation, language=None):
    from weasyprint import HTML

    return HTML(string=sheet_html(pupil, relation, language)).write_pdf()
