"""A document as a clean one-page PDF (WeasyPrint renders an HTML template, as the stages convention does)
and the same sheet for the print view. The template uses the generic `sans-serif` family: no font or
image is fetched from anywhere."""

from django.template.loader import render_to_string


def sheet_context(document):
    return {"document": document, "sections": [(s, t) for s, t in document.section_list if t.strip()]}


def document_pdf(document):
    from weasyprint import HTML

    return HTML(string=render_to_string("accompagnement/document_pdf.html", sheet_context(document))).write_pdf()
