"""The convention PDF: filled from the data (collège, pupil, host, dates, hours, tutor, signatures), offered
once the host accepted, to the people of the request and the host only."""

from django.urls import reverse

import pytest

from accounts.factories import ParentFactory
from stages.convention import convention_html, convention_pdf
from stages.factories import (
    HostOrganisationFactory,
    PlaceFactory,
    PlaceWeekFactory,
    ProfessionalFactory,
    StageRequestFactory,
)
from stages.models import RequestState, StageRequest

pytestmark = pytest.mark.django_db


def laid_out_text(html):
    """The text WeasyPrint lays out on the PDF's pages."""
    from weasyprint import HTML

    def walk(box):
        yield getattr(box, "text", "")
        for child in getattr(box, "children", []):
            yield from walk(child)

    return " ".join(t for page in HTML(string=html).render().pages for t in walk(page._page_box) if t)


@pytest.fixture
def accepted():
    host_member = ProfessionalFactory()
    place_week = PlaceWeekFactory(
        place=PlaceFactory(
            title="Découvrir le fournil",
            tutor="Nadia Kaci",
            hours="8 h – 15 h",
            host=HostOrganisationFactory(name="Boulangerie du Marché", siret="12345678900011", members=[host_member]),
        )
    )
    stage_request = StageRequestFactory(
        pupil__first_name="Lina", pupil__last_name="Benali", state=RequestState.ACCEPTED, signed_by_school=True
    )
    place_week.reserve()
    StageRequest.objects.filter(pk=stage_request.pk).update(place_week=place_week)
    stage_request.refresh_from_db()
    return stage_request, host_member


def test_the_convention_holds_the_data_and_the_signature_status(accepted):
    stage_request, _host = accepted
    text = laid_out_text(convention_html(stage_request))
    for expected in [
        "Lina Benali",
        stage_request.week.school.name,
        "Boulangerie du Marché",
        "12345678900011",
        "Saint-Denis",
        "Découvrir le fournil",
        "Nadia Kaci",
        "8 h – 15 h",
    ]:
        assert expected in text, expected
    assert "Collège signée" in text and "Parent à signer" in text
    assert convention_pdf(stage_request).startswith(b"%PDF-")


def test_the_convention_downloads_for_the_parent_and_the_host_only_once_accepted(accepted, client):
    stage_request, host_member = accepted
    parent = ParentFactory()
    parent.children.add(stage_request.pupil)
    url = reverse("stages:request_convention", args=[stage_request.pk])
    for user in (parent, host_member):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == f'attachment; filename="convention-stage-{stage_request.pk}.pdf"'
        assert "no-store" in response["Cache-Control"]
    client.force_login(ProfessionalFactory())
    assert client.get(url).status_code == 404
    StageRequest.objects.filter(pk=stage_request.pk).update(state=RequestState.SENT)
    client.force_login(parent)
    assert client.get(url).status_code == 404
