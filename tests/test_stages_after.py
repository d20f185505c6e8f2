"""After the stage: the pupil's report in three guided steps, read by their teacher, their parents and
staff (never a neighbour nor the host), and the host's appreciation, written only by the host of that
stage and read by the pupil, their parents, their teacher and staff. Both open once the stage is over."""

import datetime

from django.core import mail
from django.urls import reverse

import pytest

from accounts.extensions import erase_personal_data, personal_data
from accounts.factories import ParentFactory, PupilFactory, SchoolClassFactory, StaffFactory, TeacherFactory
from stages.factories import (
    HostOrganisationFactory,
    PlaceFactory,
    PlaceWeekFactory,
    ProfessionalFactory,
    StageRequestFactory,
)
from stages.models import HostAppreciation, RequestState, StageReport, stage_is_over

pytestmark = pytest.mark.django_db

STEPS = [
    "Une boulangerie, le fournil, la vente et la livraison des croissants.",
    "Pétrir la pâte à 5 h du matin, le goût du pain chaud.",
    "Je veux faire un CAP boulanger au lycée des métiers.",
]


@pytest.fixture
def world():
    host_member = ProfessionalFactory(email="boulangere@example.org")
    place_week = PlaceWeekFactory(place=PlaceFactory(host=HostOrganisationFactory(members=[host_member])))
    stage_request = StageRequestFactory(
        pupil__first_name="Lina", pupil__email="lina@example.org", state=RequestState.DONE, place_week=place_week
    )
    pupil = stage_request.pupil
    parent = ParentFactory(email="maman@example.org")
    parent.children.add(pupil)
    teacher = TeacherFactory(email="prof@example.org")
    pupil.school_class.teachers.add(teacher)
    other_class_teacher = TeacherFactory()
    SchoolClassFactory(school=pupil.school_class.school).teachers.add(other_class_teacher)
    other_parent = ParentFactory()
    other_parent.children.add(PupilFactory(school_class=pupil.school_class))
    return {
        "request": stage_request,
        "pupil": pupil,
        "parent": parent,
        "teacher": teacher,
        "staff": StaffFactory(),
        "host": host_member,
        "other pupil": PupilFactory(school_class=pupil.school_class),
        "other class's teacher": other_class_teacher,
        "other family's parent": other_parent,
        "other host": ProfessionalFactory(),
    }


def write_report(client, world):
    client.force_login(world["pupil"])
    pk = world["request"].pk
    for step, text in enumerate(STEPS, start=1):
        response = client.post(reverse("stages:report_step", args=[pk, step]), {"text": text})
        assert response.status_code == 302
    return response


def test_the_pupil_writes_in_three_steps_and_the_teacher_and_parent_are_told(
    world, client, django_capture_on_commit_callbacks
):
    client.force_login(world["pupil"])
    first = client.get(reverse("stages:report_step", args=[world["request"].pk, 1]))
    assert "Étape 1 sur 3" in first.content.decode() and "Qui as-tu rencontré" in first.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        last = write_report(client, world)
    assert last.url == reverse("stages:request_detail", args=[world["request"].pk])
    report = StageReport.objects.get(request=world["request"])
    assert report.is_submitted and report.next == STEPS[2]
    assert sorted(m.to[0] for m in mail.outbox) == ["maman@example.org", "prof@example.org"]
    assert all(STEPS[0] not in m.body for m in mail.outbox)  # the words stay behind login


def test_a_step_too_short_keeps_what_was_typed_with_a_french_message(world, client):
    client.force_login(world["pupil"])
    response = client.post(reverse("stages:report_step", args=[world["request"].pk, 1]), {"text": "bof"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Écris au moins une phrase" in content and "bof</textarea>" in content
    assert not StageReport.objects.exists()


def test_the_report_opens_only_once_the_stage_is_over(world, client):
    stage_request = world["request"]
    monday = stage_request.week.starts_on
    type(stage_request).objects.filter(pk=stage_request.pk).update(state=RequestState.CONVENTION)
    stage_request.refresh_from_db()
    assert not stage_is_over(stage_request, today=monday + datetime.timedelta(days=3))
    assert stage_is_over(stage_request, today=monday + datetime.timedelta(days=4))  # the Friday
    type(stage_request).objects.filter(pk=stage_request.pk).update(state=RequestState.ACCEPTED)
    client.force_login(world["pupil"])
    response = client.post(reverse("stages:report_step", args=[stage_request.pk, 1]), {"text": STEPS[0]})
    assert response.status_code == 302 and response.url.endswith(f"/demandes/{stage_request.pk}/")
    assert not StageReport.objects.exists()


READERS = {"pupil", "parent", "teacher", "staff"}


def test_who_reads_the_report_role_by_neighbour(world, client):
    write_report(client, world)
    url = reverse("stages:request_detail", args=[world["request"].pk])
    for name in [
        "pupil",
        "parent",
        "teacher",
        "staff",
        "other pupil",
        "other class's teacher",
        "other family's parent",
        "host",
        "other host",
    ]:
        client.force_login(world[name])
        response = client.get(url, follow=True)
        content = response.content.decode()
        assert ("Pétrir la pâte" in content) == (name in READERS), name
    # Only the pupil writes it: anyone else is not shown the form.
    for name in ["parent", "teacher", "staff", "other pupil", "host"]:
        client.force_login(world[name])
        response = client.post(
            reverse("stages:report_step", args=[world["request"].pk, 1]), {"text": "Autre texte ici"}
        )
        assert response.status_code == 404, name
    assert StageReport.objects.get().saw == STEPS[0]


def test_only_the_host_of_that_stage_writes_the_appreciation(world, client, django_capture_on_commit_callbacks):
    url = reverse("stages:appreciation", args=[world["request"].pk])
    data = {"punctuality": "toujours", "curiosity": "tres", "sentence": "Tu as posé de très bonnes questions."}
    for name in ["pupil", "parent", "teacher", "staff", "other host", "other class's teacher"]:
        client.force_login(world[name])
        assert client.post(url, data).status_code == 404, name
    assert not HostAppreciation.objects.exists()

    client.force_login(world["host"])
    missing = client.post(url, {"punctuality": "toujours", "sentence": "Bravo pour ta semaine."})
    assert "Choisissez la curiosité de l&#x27;élève." in missing.content.decode()
    assert "Bravo pour ta semaine." in missing.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, data).url == reverse("stages:host")
    assert HostAppreciation.objects.get().by == world["host"]
    assert sorted(m.to[0] for m in mail.outbox) == ["lina@example.org", "maman@example.org", "prof@example.org"]
    assert "Modifier mon appréciation du stage de Lina" in client.get(reverse("stages:host")).content.decode()


def test_who_reads_the_appreciation_role_by_neighbour(world, client):
    HostAppreciation.objects.create(
        request=world["request"],
        punctuality="toujours",
        curiosity="tres",
        sentence="Une vraie passion du pain.",
        by=world["host"],
    )
    url = reverse("stages:request_detail", args=[world["request"].pk])
    for name in [
        "pupil",
        "parent",
        "teacher",
        "staff",
        "other pupil",
        "other class's teacher",
        "other family's parent",
        "other host",
    ]:
        client.force_login(world[name])
        response = client.get(url)
        assert ("Une vraie passion du pain." in response.content.decode()) == (name in READERS), name


def test_the_host_is_told_to_wait_before_the_end_of_the_week(world, client):
    type(world["request"]).objects.filter(pk=world["request"].pk).update(state=RequestState.ACCEPTED)
    client.force_login(world["host"])
    response = client.get(reverse("stages:appreciation", args=[world["request"].pk]))
    assert response.url == reverse("stages:host")


def test_export_and_erasure_hold_the_report_and_the_appreciation(world, client):
    write_report(client, world)
    HostAppreciation.objects.create(
        request=world["request"], punctuality="souvent", curiosity="curieux", sentence="Très motivée.", by=world["host"]
    )
    exported = personal_data(world["pupil"])["demandes_de_stage"][0]
    assert exported["compte_rendu"]["et_apres"] == STEPS[2]
    assert exported["appréciation_de_l_accueil"]["phrase"] == "Très motivée."
    erase_personal_data(world["pupil"])
    assert not StageReport.objects.exists() and not HostAppreciation.objects.exists()


def test_the_dashboards_point_to_the_report(world, client):
    client.force_login(world["pupil"])
    dashboard = reverse("accounts:dashboard")
    assert "Écrire mon compte rendu de stage" in client.get(dashboard).content.decode()
    write_report(client, world)
    client.force_login(world["teacher"])
    assert "compte rendu de stage à lire" in client.get(dashboard).content.decode()
    client.force_login(world["other class's teacher"])
    assert "compte rendu de stage à lire" not in client.get(dashboard).content.decode()
