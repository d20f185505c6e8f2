"""Who sees « Les chiffres du projet », role by neighbour: partners and staff see the page, its CSV and
its link in « Mon espace »; every other role gets a 404 (as if the page did not exist) and no link;
anonymous visitors get the login page. Responses are private."""

from django.urls import reverse

import pytest

from accompagnement.factories import VolunteerFactory
from accounts.factories import ParentFactory, PupilFactory, StaffFactory, TeacherFactory, UserFactory
from accounts.roles import Role
from chiffres.access import can_see_figures
from stages.factories import ProfessionalFactory

pytestmark = pytest.mark.django_db

SEES = {"partner", "staff"}


@pytest.fixture
def viewers():
    pupil = PupilFactory()
    parent = ParentFactory()
    parent.children.add(pupil)
    teacher = TeacherFactory()
    pupil.school_class.teachers.add(teacher)
    return {
        "pupil": pupil,
        "parent": parent,
        "teacher": teacher,
        "volunteer": VolunteerFactory(),
        "professional": ProfessionalFactory(),
        "partner": UserFactory(role=Role.PARTNER),
        "staff": StaffFactory(),
    }


@pytest.mark.parametrize("view", ["chiffres:figures", "chiffres:csv"])
def test_page_and_csv_role_by_neighbour(viewers, client, view):
    url = reverse(view)
    for name, user in viewers.items():
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == (200 if name in SEES else 404), name
        assert "no-store" in response["Cache-Control"], name
        assert "private" in response["Cache-Control"], name
        assert can_see_figures(user) == (name in SEES), name
    client.logout()
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert "no-store" in response["Cache-Control"]


def test_my_space_links_to_the_figures_for_partners_and_staff_only(viewers, client):
    url = reverse("chiffres:figures")
    for name, user in viewers.items():
        client.force_login(user)
        content = client.get(reverse("accounts:dashboard")).content.decode()
        assert (f'href="{url}"' in content) == (name in SEES), name


def test_the_csv_is_a_private_download(viewers, client):
    client.force_login(viewers["partner"])
    response = client.get(reverse("chiffres:csv"))
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith('attachment; filename="chiffres-')
    assert "private" in response["Cache-Control"]
