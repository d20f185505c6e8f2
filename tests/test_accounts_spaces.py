"""Who sees which pupils: each role against its neighbours (other class, other collège, other family),
and anonymous visitors. Also « Mon espace » lists, for every role, what it can do today as links."""

import html

from django.urls import reverse

import pytest

from accounts import access
from accounts.factories import (
    NewPupilFactory,
    ParentFactory,
    PupilFactory,
    SchoolClassFactory,
    StaffFactory,
    TeacherFactory,
    UserFactory,
)
from accounts.models import AccessCode
from accounts.roles import Role

pytestmark = pytest.mark.django_db


def text(response):
    return html.unescape(response.content.decode())


@pytest.fixture
def world():
    """Two collèges; in the first, two classes; a pupil in each class, each with their own parent."""
    own_class = SchoolClassFactory(name="3e A")
    other_class = SchoolClassFactory(name="3e B", school=own_class.school)
    other_school_class = SchoolClassFactory(name="3e A")
    pupils = {
        "own": NewPupilFactory(school_class=own_class, first_name="Inès", last_name="Diallo"),
        "other_class": NewPupilFactory(school_class=other_class, first_name="Yanis", last_name="Benkacem"),
        "other_school": NewPupilFactory(school_class=other_school_class, first_name="Lina", last_name="Morel"),
    }
    teacher = TeacherFactory()
    own_class.teachers.add(teacher)
    parent = ParentFactory()
    parent.children.add(pupils["own"])
    other_parent = ParentFactory()
    other_parent.children.add(pupils["other_class"])
    return {
        "own_class": own_class,
        "other_class": other_class,
        "other_school_class": other_school_class,
        "pupils": pupils,
        "teacher": teacher,
        "parent": parent,
        "other_parent": other_parent,
        "own_pupil_self": PupilFactory(school_class=own_class),
    }


# The access API ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("who", "visible"),
    [
        ("teacher", {"own"}),
        ("parent", {"own"}),
        ("other_parent", {"other_class"}),
        ("staff", {"own", "other_class", "other_school"}),
        ("pupil", set()),
        ("anonymous", set()),
    ],
)
def test_who_sees_which_pupil(world, who, visible):
    from django.contrib.auth.models import AnonymousUser

    users = {
        "teacher": world["teacher"],
        "parent": world["parent"],
        "other_parent": world["other_parent"],
        "staff": StaffFactory(),
        "pupil": world["own_pupil_self"],
        "anonymous": AnonymousUser(),
    }
    user = users[who]
    for name, pupil in world["pupils"].items():
        assert access.can_see_pupil(user, pupil) == (name in visible), (who, name)
    if who == "pupil":
        assert access.can_see_pupil(user, user)


@pytest.mark.parametrize(
    ("who", "manages"),
    [
        ("teacher", {"own_class"}),
        ("staff", {"own_class", "other_class", "other_school_class"}),
        ("parent", set()),
        ("pupil", set()),
        ("volunteer", set()),
        ("anonymous", set()),
    ],
)
def test_who_manages_which_class(world, who, manages):
    from django.contrib.auth.models import AnonymousUser

    users = {
        "teacher": world["teacher"],
        "staff": StaffFactory(),
        "parent": world["parent"],
        "pupil": world["own_pupil_self"],
        "volunteer": UserFactory(role=Role.VOLUNTEER),
        "anonymous": AnonymousUser(),
    }
    for name in ("own_class", "other_class", "other_school_class"):
        assert access.can_manage_class(users[who], world[name]) == (name in manages), (who, name)


# The teacher's pages ----------------------------------------------------------------------------
def test_teacher_sees_their_class_with_statuses_and_counts(client, world):
    client.force_login(world["teacher"])

    response = client.get(reverse("accounts:class_detail", args=[world["own_class"].pk]))

    content = text(response)
    assert "Diallo Inès" in content
    assert "Pas encore activé" in content
    assert "En attente de l'accord d'un parent" in content
    assert "Comptes activés : 1" in content  # the pupil who logs in already
    assert "Benkacem" not in content and "Morel" not in content
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("neighbour", ["other_class", "other_school_class"])
def test_teacher_cannot_open_print_or_regenerate_for_a_class_not_theirs(client, world, neighbour):
    client.force_login(world["teacher"])
    school_class = world[neighbour]
    pupil = world["pupils"]["other_class" if neighbour == "other_class" else "other_school"]

    assert client.get(reverse("accounts:class_detail", args=[school_class.pk])).status_code == 404
    assert client.post(reverse("accounts:class_cards", args=[school_class.pk])).status_code == 404
    assert client.post(reverse("accounts:class_cards", args=[school_class.pk]), {"pupil": pupil.pk}).status_code == 404
    assert not AccessCode.objects.filter(pupil=pupil).exists()


def test_regenerating_one_card_cannot_reach_a_pupil_of_another_class(client, world):
    client.force_login(world["teacher"])
    outsider = world["pupils"]["other_class"]

    response = client.post(reverse("accounts:class_cards", args=[world["own_class"].pk]), {"pupil": outsider.pk})

    assert response.status_code == 404
    assert not AccessCode.objects.filter(pupil=outsider).exists()


def test_regenerating_a_lost_card_replaces_only_that_pupils_code(client, world):
    client.force_login(world["teacher"])
    own = world["pupils"]["own"]
    client.post(reverse("accounts:class_cards", args=[world["own_class"].pk]))
    before = dict(AccessCode.objects.values_list("pupil_id", "code_hash").filter(purpose="activation"))

    response = client.post(reverse("accounts:class_cards", args=[world["own_class"].pk]), {"pupil": own.pk})

    assert own.first_name in text(response)
    after = dict(AccessCode.objects.values_list("pupil_id", "code_hash").filter(purpose="activation"))
    assert after[own.pk] != before[own.pk]
    assert AccessCode.objects.filter(pupil=own, purpose="activation").count() == 1


@pytest.mark.parametrize("who", ["parent", "pupil", "anonymous"])
def test_no_one_else_reaches_a_class_page(client, world, who):
    if who == "parent":
        client.force_login(world["parent"])
    elif who == "pupil":
        client.force_login(world["own_pupil_self"])

    response = client.get(reverse("accounts:class_detail", args=[world["own_class"].pk]))

    assert response.status_code in (302, 404)
    if who == "anonymous":
        assert reverse("accounts:login") in response["Location"]


# The parent's pages -----------------------------------------------------------------------------
def test_parent_sees_their_child_and_nothing_of_other_families(client, world):
    client.force_login(world["parent"])

    dashboard = text(client.get(reverse("accounts:dashboard")))

    assert "Inès" in dashboard
    assert "Yanis" not in dashboard and "Lina" not in dashboard
    assert reverse("accounts:child_consent", args=[world["pupils"]["own"].pk]) in dashboard


@pytest.mark.parametrize("neighbour", ["other_class", "other_school"])
def test_parent_cannot_open_or_change_another_childs_consent_or_data(client, world, neighbour):
    client.force_login(world["parent"])
    other = world["pupils"][neighbour]

    assert client.get(reverse("accounts:child_consent", args=[other.pk])).status_code == 404
    assert client.post(reverse("accounts:child_consent", args=[other.pk]), {"decision": "given"}).status_code == 404
    assert client.get(reverse("accounts:child_data", args=[other.pk])).status_code == 404
    assert client.get(reverse("accounts:child_data_json", args=[other.pk])).status_code == 404
    assert not other.consent_records.exists()


def test_teacher_cannot_use_parent_pages_for_their_pupils(client, world):
    client.force_login(world["teacher"])
    own = world["pupils"]["own"]

    assert client.get(reverse("accounts:child_consent", args=[own.pk])).status_code == 404
    assert client.get(reverse("accounts:child_data", args=[own.pk])).status_code == 404


# « Mon espace » lists what each role can do ---------------------------------------------------------
@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (Role.PUPIL, ["Accord :", "Voir et télécharger mes données"]),
        (Role.PARENT, ["Mes enfants", "Voir et télécharger mes données"]),
        (Role.TEACHER, ["Mes classes", "Voir et télécharger mes données"]),
        (Role.VOLUNTEER, ["Bénévolat", "Voir et télécharger mes données"]),
        (Role.PROFESSIONAL, ["Professionnel", "Voir et télécharger mes données"]),
        (Role.PARTNER, ["Partenaire", "Voir et télécharger mes données"]),
    ],
)
def test_mon_espace_lists_links_for_every_role_and_no_promise(client, role, expected):
    user = PupilFactory() if role == Role.PUPIL else UserFactory(role=role)
    client.force_login(user)

    response = client.get(reverse("accounts:dashboard"))

    content = text(response)
    for phrase in expected:
        assert phrase in content
    assert "bientôt" not in content
    assert "no-store" in response["Cache-Control"]


def test_mon_espace_links_to_the_sections_that_exist(client, home_page):
    from metiers.factories import MetiersIndexPageFactory
    from orientation.factories import GuidanceIndexPageFactory
    from procedures.factories import ProceduresIndexPageFactory

    metiers = MetiersIndexPageFactory(parent=home_page)
    guidance = GuidanceIndexPageFactory(parent=home_page)
    procedures = ProceduresIndexPageFactory(parent=home_page)
    teacher = TeacherFactory()
    client.force_login(teacher)

    content = text(client.get(reverse("accounts:dashboard")))

    assert f'href="{metiers.url}"' in content
    assert f'href="{guidance.url}?audience=teachers"' in content
    assert f'href="{procedures.url}"' in content
