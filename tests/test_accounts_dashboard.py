"""« Mon espace »: each person sees their own data, never someone else's."""

import html

import pytest

from accounts.factories import (
    DEFAULT_PASSWORD,
    PupilFactory,
    SchoolClassFactory,
    SchoolFactory,
    StaffFactory,
    UserFactory,
)
from accounts.roles import Role

pytestmark = pytest.mark.django_db

DASHBOARD_URL = "/fr/compte/mon-espace/"


@pytest.fixture
def school_class():
    school = SchoolFactory(name="Collège Louise-Michel")
    return SchoolClassFactory(school=school, name="3e A", school_year="2026-2027")


@pytest.fixture
def other_class():
    return SchoolClassFactory(school=SchoolFactory(name="Collège Elsa-Triolet"), name="4e B")


@pytest.fixture
def ines(school_class):
    return PupilFactory(first_name="Inès", last_name="Diallo", school_class=school_class)


@pytest.fixture
def yanis(school_class):
    return PupilFactory(first_name="Yanis", last_name="Benkirane", school_class=school_class)


def dashboard(client, user):
    client.force_login(user)
    response = client.get(DASHBOARD_URL)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get(DASHBOARD_URL)
    assert response.status_code == 302
    assert response.url == f"/fr/compte/connexion/?next={DASHBOARD_URL}"


def test_after_logging_in_the_visitor_lands_back_in_my_space(client, ines):
    ines.email = "ines@example.org"
    ines.save()

    response = client.post(
        "/fr/compte/connexion/?next=/fr/compte/mon-espace/",
        {"username": "ines@example.org", "password": DEFAULT_PASSWORD, "next": DASHBOARD_URL},
    )
    assert response.url == DASHBOARD_URL


def test_pupil_sees_their_class_but_no_classmate(client, ines, yanis):
    content = dashboard(client, ines)

    assert "Bonjour Inès !" in content
    assert "Tu es en 3e A, Collège Louise-Michel." in content
    assert "Yanis" not in content
    assert "Benkirane" not in content
    assert "Ouvrir l'administration" not in content


def test_parent_sees_their_own_child_only(client, ines, yanis):
    mother = UserFactory(first_name="Aminata", role=Role.PARENT)
    mother.children.add(ines)
    father_of_yanis = UserFactory(role=Role.PARENT)
    father_of_yanis.children.add(yanis)

    content = dashboard(client, mother)

    assert "Mes enfants" in content
    assert "Inès – 3e A, Collège Louise-Michel" in content
    assert "Yanis" not in content


def test_parent_without_children_is_told_so(client):
    content = dashboard(client, UserFactory(role=Role.PARENT))
    assert "Aucun enfant n'est encore rattaché à votre compte." in content


def test_teacher_sees_their_classes_only(client, school_class, other_class, ines):
    teacher = UserFactory(first_name="Julien", role=Role.TEACHER)
    second_class = SchoolClassFactory(school=school_class.school, name="3e C", school_year="2026-2027")
    school_class.teachers.add(teacher)
    second_class.teachers.add(teacher)
    other_class.teachers.add(UserFactory(role=Role.TEACHER))

    content = dashboard(client, teacher)

    assert "Mes classes" in content
    assert "3e A – Collège Louise-Michel (2026-2027)" in content
    assert "3e C – Collège Louise-Michel (2026-2027)" in content
    assert "4e B" not in content
    assert "Elsa-Triolet" not in content
    assert "Inès" not in content


def test_staff_get_links_to_the_admin_and_the_class_import(client):
    content = dashboard(client, StaffFactory(first_name="Samia"))
    assert 'href="/admin/"' in content
    assert 'href="/admin/import-eleves/"' in content


def test_user_without_role_is_told_the_association_will_complete_it(client):
    content = dashboard(client, UserFactory())
    assert "Votre compte n'a pas encore de rôle." in content
