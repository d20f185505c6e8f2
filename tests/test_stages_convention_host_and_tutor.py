"""Nobody ticks a convention's signature by hand (the old `signed_by_*` flags are read-only in the admin);
the host's page lists the conventions waiting for the host's signature; the tutor's phone or e-mail is
never shown on the pupil's own pages nor in the e-mails the pupil receives, only in the convention itself."""

import html

from django.core import mail
from django.urls import reverse

import pytest

from accounts.factories import ConsentedPupilFactory, ParentFactory, StaffFactory, TeacherFactory
from stages import signatures
from stages.factories import (
    HostOrganisationFactory,
    PlaceFactory,
    PlaceWeekFactory,
    ProfessionalFactory,
    StageRequestFactory,
)
from stages.models import Convention, Party, RequestState, StageRequest
from stages.workflow import apply

pytestmark = pytest.mark.django_db

TUTOR_PHONE = "06 12 34 56 78"
TUTOR_MAIL = "nadia.tutrice@boulangerie.example"


@pytest.fixture
def people(django_capture_on_commit_callbacks):
    pupil = ConsentedPupilFactory(email="lina@example.org", first_name="Lina")
    parent = ParentFactory(email="maman@example.org")
    parent.children.add(pupil)
    teacher = TeacherFactory(email="prof@example.org")
    pupil.school_class.teachers.add(teacher)
    host_member = ProfessionalFactory(email="boulangere@example.org")
    place_week = PlaceWeekFactory(
        place=PlaceFactory(
            title="Découvrir le fournil",
            tutor="Nadia Kaci",
            tutor_contact=f"{TUTOR_PHONE} / {TUTOR_MAIL}",
            host=HostOrganisationFactory(name="Boulangerie du Marché", members=[host_member]),
        )
    )
    stage_request = StageRequestFactory(pupil=pupil)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        apply(StaffFactory(), stage_request, "propose", place_week=place_week)
        apply(host_member, stage_request, "accept")
    convention = Convention.objects.get(request=stage_request)
    return {
        "pupil": pupil,
        "parent": parent,
        "teacher": teacher,
        "host": host_member,
        "request": stage_request,
        "convention": convention,
    }


def test_the_old_signature_flags_are_read_only_in_the_admin(people, client):
    stage_request = people["request"]
    client.force_login(StaffFactory(is_superuser=True, is_staff=True))
    url = reverse("stagerequest:edit", args=[stage_request.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="signed_by_school"' not in page.content.decode()
    client.post(url, {"signed_by_school": "on", "signed_by_parent": "on"})
    stage_request.refresh_from_db()
    assert not stage_request.signed_by_school and not stage_request.signed_by_parent


def test_the_hosts_page_lists_the_conventions_waiting_for_the_hosts_signature(people, client):
    convention = people["convention"]
    label = f"Convention {convention.reference} (Lina) : à signer"
    url = reverse("stages:host")
    client.force_login(people["host"])
    page = html.unescape(client.get(url).content.decode())
    assert label in page
    assert reverse("stages:convention", args=[convention.pk]) in page
    signatures.sign(convention, Party.HOST, people["host"])
    assert label not in html.unescape(client.get(url).content.decode())
    other_host = ProfessionalFactory()
    PlaceFactory(host=HostOrganisationFactory(members=[other_host]))
    client.force_login(other_host)
    assert label not in html.unescape(client.get(url).content.decode())


def test_the_tutors_contact_is_only_in_the_convention_never_on_the_pupils_pages_or_mails(people, client):
    stage_request, convention = people["request"], people["convention"]
    signatures.sign(convention, Party.HOST, people["host"])
    signatures.sign(convention, Party.SCHOOL, people["teacher"], acting_for="Mme Claire Dubois")
    signatures.sign(convention, Party.PARENT, people["parent"])
    signatures.notify(convention.pk, "convention_to_sign")
    pupil_mails = [m for m in mail.outbox if "lina@example.org" in m.to]
    assert pupil_mails  # the pupil was told of the proposal, the acceptance and the convention
    for message in pupil_mails:
        assert TUTOR_PHONE not in message.body and TUTOR_MAIL not in message.body, message.subject
    client.force_login(people["pupil"])
    for url in (
        reverse("accounts:dashboard"),
        reverse("stages:request_detail", args=[stage_request.pk]),
        reverse("stages:request_form"),
    ):
        response = client.get(url, follow=True)
        text = html.unescape(response.content.decode())
        assert response.status_code == 200, url
        assert TUTOR_PHONE not in text and TUTOR_MAIL not in text, url
    # The convention itself carries it: the document the family and the collège sign and file.
    document = html.unescape(client.get(reverse("stages:convention", args=[convention.pk])).content.decode())
    assert "Nadia Kaci" in document and TUTOR_PHONE in document
    assert StageRequest.objects.get(pk=stage_request.pk).state == RequestState.ACCEPTED
