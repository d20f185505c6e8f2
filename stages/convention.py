"""The convention de stage as a PDF (WeasyPrint renders an HTML template), always in French: the text
version's articles, the filled fields, the signature block (who, when, how) and a SHA-256 of the signed
content. A request accepted before conventions were drawn up online keeps the old one-page summary.

WeasyPrint needs Pango (Debian: libpango-1.0-0, libpangoft2-1.0-0). The template uses the generic
`sans-serif` family, so no font file is fetched from anywhere."""

import io
import zipfile

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import legal
from .models import Convention, Party, RequestState

AVAILABLE_FROM = {RequestState.ACCEPTED, RequestState.CONVENTION, RequestState.DONE}


def document_html(convention):
    from .signatures import content_hash

    stage_request = convention.request
    with translation.override("fr"):
        context = {
            "convention": convention,
            "text": convention.text,
            "articles": list(convention.text.articles.all()),
            "pupil": stage_request.pupil,
            "school": stage_request.week.school,
            "host": convention.host,
            "hours": legal.hours_label(convention.starts_at, convention.ends_at, convention.break_minutes),
            "signatures": [(party.label, convention.signature_of(party)) for party in Party],
            "digest": convention.content_hash or content_hash(convention),
        }
        return render_to_string("stages/convention_document.html", context)


def convention_html(stage_request):
    convention = Convention.objects.filter(request=stage_request).first()
    if convention is not None:
        return document_html(convention)
    place_week = stage_request.place_week
    context = {
        "stage_request": stage_request,
        "pupil": stage_request.pupil,
        "school": stage_request.week.school,
        "place": place_week.place,
        # The place's texts as staff approved them, masked: not a host's later edit waiting for checking.
        "approved": place_week.place.texts_for_pupils(),
        "host": place_week.place.host,
        "starts_on": place_week.starts_on,
        "ends_on": place_week.starts_on + timezone.timedelta(days=4),
        "signatures": [
            (_("Collège"), stage_request.signed_by_school),
            (_("Structure d'accueil"), stage_request.signed_by_host),
            (_("Parent"), stage_request.signed_by_parent),
            (_("Élève"), stage_request.signed_by_pupil),
        ],
    }
    return render_to_string("stages/convention.html", context)


def convention_pdf(stage_request):
    from weasyprint import HTML

    return HTML(string=convention_html(stage_request)).write_pdf()


def week_zip(conventions):
    """The signed conventions of a week, one PDF each, in one ZIP (named by reference: no pupil's name)."""
    from weasyprint import HTML

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for convention in conventions:
            archive.writestr(f"{convention.reference}.pdf", HTML(string=document_html(convention)).write_pdf())
    return buffer.getvalue()
