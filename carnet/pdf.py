"""« Ma fiche orientation »: the notebook on one page, to bring to the family–teacher meeting. The same
template serves the print view and the PDF (WeasyPrint renders it, as the stages convention and the CV do);
generic font families only, nothing fetched from anywhere. In French: the meeting's language."""

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


def sheet_html(pupil, relation):
    with translation.override("fr"):
        return render_to_string("carnet/sheet_pdf.html", sheet_context(pupil, relation))


def sheet_pdf(pupil, relation):
    from weasyprint import HTML

    return HTML(string=sheet_html(pupil, relation)).write_pdf()
