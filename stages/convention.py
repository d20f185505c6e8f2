"""The convention de stage, filled from the data as a PDF (WeasyPrint renders an HTML template), with the
signature status of each party. Signatures themselves stay on paper or on the collège's tool.

WeasyPrint needs Pango (Debian: libpango-1.0-0, libpangoft2-1.0-0). The template uses the generic
`sans-serif` family, so no font file is fetched from anywhere."""

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import RequestState

AVAILABLE_FROM = {RequestState.ACCEPTED, RequestState.CONVENTION, RequestState.DONE}


def convention_html(stage_request):
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
