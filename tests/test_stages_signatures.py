"""The convention online: drawn up when the host accepts (the law checked again), four parties sign,
« Convention signée » by itself at the fourth signature, a change of substance voids the signatures and
tells everyone, the parent's link works once and answers the same when wrong, used or stale, the PDF holds
every article and every signature, a week's signed conventions as one ZIP, reminders to those missing."""

import datetime
import io
import zipfile

from django.core import mail
from django.core.management import call_command
from django.urls import reverse

import pytest
from pypdf import PdfReader

from accounts.factories import ConsentedPupilFactory, ParentFactory, StaffFactory, TeacherFactory
from stages import signature_links, signatures
from stages.convention import convention_pdf
from stages.factories import (
    HostOrganisationFactory,
    PlaceFactory,
    PlaceWeekFactory,
    ProfessionalFactory,
    StageRequestFactory,
)
from stages.models import (
    Convention,
    ConventionEvent,
    ConventionState,
    ConventionText,
    HostOrganisation,
    Party,
    RequestState,
    SignatureMethod,
)
from stages.workflow import PlaceDoesNotFit, apply

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    pupil = ConsentedPupilFactory(email="lina@example.org", first_name="Lina", last_name="Benali")
    parent = ParentFactory(email="maman@example.org", first_name="Samia", last_name="Benali")
    parent.children.add(pupil)
    teacher = TeacherFactory(email="prof@example.org", first_name="Paul", last_name="Prof")
    pupil.school_class.teachers.add(teacher)
    host_member = ProfessionalFactory(email="boulangere@example.org", first_name="Nadia", last_name="Kaci")
    place_week = PlaceWeekFactory(
        place=PlaceFactory(
            title="Découvrir le fournil",
            host=HostOrganisationFactory(name="Boulangerie du Marché", members=[host_member]),
        )
    )
    staff = StaffFactory()
    stage_request = StageRequestFactory(pupil=pupil)
    apply(staff, stage_request, "propose", place_week=place_week)
    return {
        "pupil": pupil,
        "parent": parent,
        "teacher": teacher,
        "host": host_member,
        "staff": staff,
        "request": stage_request,
        "place_week": place_week,
    }


def accepted(people):
    apply(people["host"], people["request"], "accept")
    return Convention.objects.get(request=people["request"])


def sign_all_but_parent(people, convention):
    signatures.sign(convention, Party.HOST, people["host"])
    signatures.sign(convention, Party.SCHOOL, people["teacher"], acting_for="Mme Claire Dubois")
    signatures.sign(convention, Party.PUPIL, people["pupil"])


def test_the_host_accepting_draws_up_the_convention_with_the_current_text(people):
    convention = accepted(people)
    assert convention.text == ConventionText.objects.get(version=1)
    assert convention.state == ConventionState.WAITING
    assert convention.first_day == people["request"].week.starts_on
    assert convention.tutor_name == "Nadia Kaci" and convention.tutor_contact == "01 48 00 00 00"
    assert len(convention.content_hash) == 64
    assert list(convention.events.values_list("action", flat=True)) == [ConventionEvent.Action.DRAWN]


def test_accepting_is_refused_when_the_convention_would_break_the_law(people):
    HostOrganisation.objects.filter(pk=people["place_week"].place.host_id).update(legal_kind="")
    with pytest.raises(PlaceDoesNotFit) as refused:
        apply(people["host"], people["request"], "accept")
    assert "statut de la structure" in str(refused.value)
    people["request"].refresh_from_db()
    assert people["request"].state == RequestState.PROPOSED
    assert not Convention.objects.exists()


def test_the_fourth_signature_signs_the_convention_and_moves_the_request(people, django_capture_on_commit_callbacks):
    convention = accepted(people)
    sign_all_but_parent(people, convention)
    people["request"].refresh_from_db()
    convention.refresh_from_db()
    assert people["request"].state == RequestState.ACCEPTED
    assert convention.state == ConventionState.SIGNING
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        signatures.sign(convention, Party.PARENT, people["parent"])
    people["request"].refresh_from_db()
    convention.refresh_from_db()
    assert people["request"].state == RequestState.CONVENTION
    assert people["request"].events.last().by == people["parent"]
    assert convention.state == ConventionState.SIGNED and convention.signed_at is not None
    school = convention.signature_of(Party.SCHOOL)
    assert (school.signer, school.acting_for, school.method, school.text_version) == (
        people["teacher"],
        "Mme Claire Dubois",
        SignatureMethod.ACCOUNT,
        1,
    )
    assert convention.principal_name == "Mme Claire Dubois" and convention.teacher_name == "Paul Prof"
    assert {s.content_hash for s in convention.valid_signatures()} == {convention.content_hash}
    subjects = {m.subject for m in mail.outbox}
    assert f"Convention de stage {convention.reference} signée" in subjects
    recipients = {m.to[0] for m in mail.outbox}
    assert {"lina@example.org", "maman@example.org", "prof@example.org", "boulangere@example.org"} <= recipients


def test_nobody_signs_twice_nor_for_a_party_not_theirs(people):
    convention = accepted(people)
    signatures.sign(convention, Party.HOST, people["host"])
    with pytest.raises(signatures.CannotSign):
        signatures.sign(convention, Party.HOST, people["host"])
    with pytest.raises(signatures.CannotSign):
        signatures.sign(convention, Party.PARENT, people["teacher"])
    with pytest.raises(signatures.CannotSign):
        signatures.sign(convention, Party.SCHOOL, people["teacher"], acting_for="  ")
    assert convention.valid_signatures().count() == 1


def test_a_change_of_hours_after_a_signature_voids_them_and_tells_everyone(people, django_capture_on_commit_callbacks):
    convention = accepted(people)
    sign_all_but_parent(people, convention)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        signatures.change(convention, people["staff"], starts_at=datetime.time(9, 30), ends_at=datetime.time(15, 30))
    convention.refresh_from_db()
    assert convention.state == ConventionState.WAITING
    assert convention.valid_signatures().count() == 0
    assert convention.signatures.filter(voided_at__isnull=False).count() == 3
    assert "heure d'arrivée" in convention.signatures.first().void_reason
    assert {m.to[0] for m in mail.outbox} == {
        "lina@example.org",
        "maman@example.org",
        "prof@example.org",
        "boulangere@example.org",
    }
    assert all("à signer de nouveau" in m.subject for m in mail.outbox)


def test_a_change_that_breaks_the_law_is_refused_and_a_signed_convention_does_not_change(people):
    convention = accepted(people)
    with pytest.raises(signatures.ConventionRefused) as refused:
        signatures.change(convention, people["staff"], ends_at=datetime.time(21, 0))
    assert "20 h et 6 h" in str(refused.value)
    convention.refresh_from_db()
    assert convention.ends_at == datetime.time(15, 0)
    sign_all_but_parent(people, convention)
    signatures.sign(convention, Party.PARENT, people["parent"])
    with pytest.raises(signatures.CannotSign):
        signatures.change(convention, people["staff"], tutor_name="Quelqu'un d'autre")


def test_the_parent_link_works_once_and_answers_the_same_when_wrong_used_or_stale(people, client):
    convention = accepted(people)
    sign_all_but_parent(people, convention)
    convention.refresh_from_db()
    token = signatures.make_link_token(convention, people["parent"])
    url = reverse("stages:convention_sign_link", args=[token])
    page = client.get(url)
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert "Article 6 – Sécurité, pas de travail productif" in page.content.decode()
    assert client.post(url, {}).status_code == 200  # the box not ticked: asked again
    assert convention.signature_of(Party.PARENT) is None
    done = client.post(url, {"agree": "1"})
    assert done.status_code == 200 and "Signature enregistrée" in done.content.decode()
    signature = convention.signature_of(Party.PARENT)
    assert signature.method == SignatureMethod.LINK and signature.signer == people["parent"]
    people["request"].refresh_from_db()
    assert people["request"].state == RequestState.CONVENTION
    used = client.get(url)
    wrong = client.get(reverse("stages:convention_sign_link", args=["nimporte-quoi"]))
    assert used.status_code == wrong.status_code == 404
    # The same page, but for the address itself (in the language links).
    assert used.content.decode().replace(token, "X") == wrong.content.decode().replace("nimporte-quoi", "X")


def test_a_link_sent_before_a_change_or_too_old_no_longer_works(people, client, monkeypatch):
    convention = accepted(people)
    token = signatures.make_link_token(convention, people["parent"])
    signatures.change(convention, people["staff"], tutor_name="Karim Haddad")
    assert client.get(reverse("stages:convention_sign_link", args=[token])).status_code == 404
    convention.refresh_from_db()
    fresh = signatures.make_link_token(convention, people["parent"])
    assert client.get(reverse("stages:convention_sign_link", args=[fresh])).status_code == 200
    monkeypatch.setattr(signature_links, "LINK_MAX_AGE", -1)
    assert client.get(reverse("stages:convention_sign_link", args=[fresh])).status_code == 404


def test_each_party_signs_from_the_convention_page_the_collège_naming_the_principal(people, client):
    convention = accepted(people)
    url = reverse("stages:convention", args=[convention.pk])
    client.force_login(people["teacher"])
    page = client.get(url).content.decode()
    assert "Signer pour Le collège" in page and "Signer pour L&#x27;élève" not in page
    refused = client.post(url, {"party": Party.SCHOOL, "acting_for": ""})
    assert refused.status_code == 200 and "Indiquez le nom du chef d&#x27;établissement" in refused.content.decode()
    assert convention.signature_of(Party.SCHOOL) is None
    client.post(url, {"party": Party.SCHOOL, "acting_for": "Mme Claire Dubois"})
    assert convention.signature_of(Party.SCHOOL).acting_for == "Mme Claire Dubois"
    client.force_login(people["pupil"])
    assert client.post(url, {"party": Party.HOST}).status_code == 404  # not theirs
    client.post(url, {"party": Party.PUPIL})
    assert convention.signature_of(Party.PUPIL).signer == people["pupil"]


def test_the_pdf_holds_every_article_the_fields_and_every_signature(people):
    convention = accepted(people)
    sign_all_but_parent(people, convention)
    signatures.sign(convention, Party.PARENT, people["parent"])
    convention.refresh_from_db()
    reader = PdfReader(io.BytesIO(convention_pdf(people["request"])))
    assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=1)  # A4
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    for article in convention.text.articles.all():
        assert article.title in text, article.title
    for expected in [
        convention.reference,
        "Lina Benali",
        "Boulangerie du Marché",
        "Nadia Kaci",
        "8 h – 15 h, pause de 45 min",
        "Mme Claire Dubois",
        "Paul Prof",
        "Samia Benali",
        "avec son compte sur le portail",
        convention.content_hash[:20],
    ]:
        assert expected in text.replace(" ", "") or expected in text, expected
    assert "à signer" not in text


def test_the_pdf_is_in_french_whatever_the_language(people, settings):
    from django.utils import translation

    accepted(people)
    with translation.override("en"):
        pdf = convention_pdf(people["request"])
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Les parties" in text and "Signatures" in text and "à signer" in text


def test_staff_and_the_collèges_teacher_download_a_weeks_signed_conventions_as_one_zip(people, client):
    convention = accepted(people)
    sign_all_but_parent(people, convention)
    signatures.sign(convention, Party.PARENT, people["parent"])
    url = reverse("stages:week_conventions_zip", args=[people["request"].week_id])
    for user in (people["staff"], people["teacher"]):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200 and response["Content-Type"] == "application/zip"
        names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
        assert names == [f"{convention.reference}.pdf"]
    for user in (TeacherFactory(), people["host"], people["parent"]):
        client.force_login(user)
        assert client.get(url).status_code == 404


def test_reminders_go_to_those_who_have_not_signed_until_the_week_starts(people, django_capture_on_commit_callbacks):
    convention = accepted(people)
    signatures.sign(convention, Party.HOST, people["host"])
    mail.outbox.clear()
    before = convention.first_day - datetime.timedelta(days=3)
    with django_capture_on_commit_callbacks(execute=True):  # queue_email sends once committed
        assert signatures.send_reminders(today=before) == 3
    assert {m.to[0] for m in mail.outbox} == {"lina@example.org", "maman@example.org", "prof@example.org"}
    parent_mail = next(m for m in mail.outbox if m.to == ["maman@example.org"])
    assert "/stages/conventions/signer/" in parent_mail.body
    mail.outbox.clear()
    assert signatures.send_reminders(today=convention.first_day) == 0
    assert mail.outbox == []
    call_command("send_convention_reminders", stdout=io.StringIO())


def test_mon_espace_lists_the_conventions_waiting_for_each_partys_signature(people, client):
    convention = accepted(people)
    dashboard = reverse("accounts:dashboard")
    label = f"Convention {convention.reference} (Lina) : à signer"
    client.force_login(people["host"])
    assert label in client.get(dashboard).content.decode()
    signatures.sign(convention, Party.HOST, people["host"])
    for who in ("teacher", "parent", "pupil"):
        client.force_login(people[who])
        assert label in client.get(dashboard).content.decode(), who
    client.force_login(people["host"])  # already signed
    assert label not in client.get(dashboard).content.decode()
    client.force_login(TeacherFactory())
    assert label not in client.get(dashboard).content.decode()


def test_the_host_changes_the_hours_a_rule_broken_is_named_the_input_kept_then_signatures_voided(people, client):
    convention = accepted(people)
    signatures.sign(convention, Party.PUPIL, people["pupil"])
    url = reverse("stages:convention_change", args=[convention.pk])
    data = {
        "first_day": str(convention.first_day),
        "last_day": str(convention.last_day),
        "starts_at": "13:00",
        "ends_at": "20:30",
        "break_minutes": "30",
        "tutor_name": "Nadia Kaci",
        "tutor_contact": "01 48 00 00 00",
    }
    client.force_login(people["host"])
    refused = client.post(url, data)
    page = refused.content.decode()
    assert refused.status_code == 200 and "Travail de nuit (Code du travail, art. L.3163-2)" in page
    assert 'value="20:30"' in page
    assert convention.signature_of(Party.PUPIL) is not None
    data["ends_at"] = "17:00"
    assert client.post(url, data).status_code == 302
    convention.refresh_from_db()
    assert convention.ends_at == datetime.time(17, 0) and convention.signature_of(Party.PUPIL) is None
    for user in (people["pupil"], people["parent"], people["teacher"], ProfessionalFactory()):
        client.force_login(user)
        assert client.post(url, data).status_code == 404
