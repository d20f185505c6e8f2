"""« Mon espace » for each role (pupil, parent, teacher, volunteer, staff), and the CV help's part of a
person's data export and erasure."""

from django.urls import reverse

import pytest

from accompagnement.factories import AssignmentFactory, CommentFactory, VersionFactory
from accompagnement.models import Comment, Document, DocumentState
from accounts import rights
from accounts.factories import ParentFactory, StaffFactory, TeacherFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    made = AssignmentFactory(document__pupil__first_name="Lina", document__pupil__last_name="Benali")
    document = made.document
    parent = ParentFactory()
    parent.children.add(document.pupil)
    teacher = TeacherFactory()
    document.pupil.school_class.teachers.add(teacher)
    comment = CommentFactory(version=VersionFactory(document=document, number=1), author=made.volunteer)
    return {"document": document, "parent": parent, "teacher": teacher, "volunteer": made.volunteer, "comment": comment}


def dashboard(client, user):
    client.force_login(user)
    return client.get(reverse("accounts:dashboard")).content.decode()


def test_each_role_finds_its_section(client, world):
    document = world["document"]
    pupil_page = dashboard(client, document.pupil)
    assert "Mon CV et mes lettres" in pupil_page and reverse("accompagnement:mine") in pupil_page
    parent_page = dashboard(client, world["parent"])
    assert reverse("accompagnement:document", args=[document.pk]) in parent_page
    volunteer_page = dashboard(client, world["volunteer"])
    assert "Vous accompagnez 1 document(s)." in volunteer_page
    staff_page = dashboard(client, StaffFactory())
    assert reverse("accompagnement_console") in staff_page


def test_the_teacher_sees_which_pupils_have_a_cv_ready_not_the_text(client, world):
    document = world["document"]
    page = dashboard(client, world["teacher"])
    assert "CV terminés : 0" in page and "Lina Benali" not in page
    Document.objects.filter(pk=document.pk).update(state=DocumentState.DONE)
    page = dashboard(client, world["teacher"])
    assert "CV terminés : 1" in page and "Lina Benali" in page
    assert "basket" not in page
    assert client.get(reverse("accompagnement:document", args=[document.pk])).status_code == 404


def test_export_and_erasure(world):
    document, volunteer = world["document"], world["volunteer"]
    exported = rights.export(document.pupil)
    assert exported["cv_et_lettres"][0]["versions"][0]["commentaires"][0]["commentaire"] == world["comment"].body
    assert rights.export(volunteer)["commentaires_de_benevole"][0]["commentaire"] == world["comment"].body
    rights.anonymise(volunteer)
    assert Comment.objects.get().author is None
    rights.anonymise(document.pupil)
    assert not Document.objects.exists()
