"""Privacy by construction, role by neighbour: no public operation reveals a procedure, a draft, a private
page or a pupil's name, whoever asks and whatever the parameters; « moi » shows each person their own
records and nothing of anyone else's (the same roles as the HTML pages' tests)."""

from wagtail.models import APIToken, PageViewRestriction

import pytest

from accounts.factories import (
    ConsentedPupilFactory,
    ParentFactory,
    SchoolClassFactory,
    StaffFactory,
    TeacherFactory,
    UserFactory,
)
from accounts.roles import Role
from ateliers.booking import sign_up
from ateliers.factories import AgendaIndexPageFactory, EventPageFactory, SessionFactory
from metiers.factories import MetierPageFactory, MetiersIndexPageFactory
from orientation.factories import GuidanceArticlePageFactory, GuidanceIndexPageFactory
from procedures.factories import ProcedurePageFactory, ProceduresIndexPageFactory
from stages.factories import StageRequestFactory

pytestmark = pytest.mark.django_db

API = "/api/v3"
SECRET_WORDS = ["Zanzibar procédure", "Zanzibar brouillon", "Zanzibar protégé", "Quatremain", "Zéphyrine"]
VISITORS = ["anonymous", Role.PUPIL, Role.PARENT, Role.TEACHER, Role.VOLUNTEER, Role.PROFESSIONAL, Role.STAFF]


@pytest.fixture
def content(home_page):
    metiers = MetiersIndexPageFactory(parent=home_page)
    MetierPageFactory(parent=metiers, title="Zanzibar public", title_masculine="Zanzibar public", rome_code="D1102")
    draft = MetierPageFactory(parent=metiers, title="Zanzibar brouillon", rome_code="D1103")
    draft.unpublish()
    guidance = GuidanceIndexPageFactory(parent=home_page)
    private = GuidanceArticlePageFactory(parent=guidance, title="Zanzibar protégé")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    procedures = ProceduresIndexPageFactory(parent=home_page)
    procedure = ProcedurePageFactory(parent=procedures, title="Zanzibar procédure", audience=[Role.VOLUNTEER])
    agenda = AgendaIndexPageFactory(parent=home_page)
    session = SessionFactory(page=EventPageFactory(parent=agenda), online_link="https://visio.example.org/secret")
    sign_up(session, ConsentedPupilFactory(first_name="Zéphyrine", last_name="Quatremain"))
    return {"draft": draft, "private": private, "procedure": procedure, "procedures": procedures}


def public_urls(pages):
    return [
        "/metiers/",
        "/metiers/D1103/",
        "/articles/",
        f"/articles/{pages['private'].pk}/",
        "/recherche/?q=zanzibar",
        "/recherche/?q=zanzibar&type=procedure",
        "/recherche/?q=procedure",
        "/recherche/suggestions/?q=zanz",
        "/agenda/",
        "/pages/?limit=20",
        "/pages/?search=zanzibar",
        "/pages/?type=procedures.ProcedurePage",
        f"/pages/?child_of={pages['procedures'].pk}",
        f"/pages/{pages['procedure'].pk}/",
        f"/pages/{pages['draft'].pk}/?version=draft",
        f"/pages/{pages['private'].pk}/",
        f"/pages/find/?id={pages['procedure'].pk}",
    ]


def login(client, visitor):
    if visitor != "anonymous":
        client.force_login(UserFactory(role=visitor))
    return client


@pytest.mark.parametrize("visitor", VISITORS)
def test_no_public_operation_reveals_private_content_or_a_pupils_name(client, content, visitor):
    login(client, visitor)
    for url in public_urls(content):
        response = client.get(f"{API}{url}", follow=True)
        assert response.status_code in (200, 404, 422), url
        text = response.content.decode()
        leaked = [word for word in SECRET_WORDS if word in text]
        assert not leaked, f"{url} shows {leaked} to {visitor}"
        assert "visio.example.org" not in text


def test_a_staff_token_does_not_widen_the_public_pages(client, content):
    _token, key = APIToken.create_token(user=StaffFactory(), name="test")
    response = client.get(
        f"{API}/pages/{content['draft'].pk}/?version=draft", headers={"authorization": f"Bearer {key}"}
    )
    assert response.status_code == 404


@pytest.fixture
def family(home_page):
    school_class = SchoolClassFactory()
    request = StageRequestFactory(pupil=ConsentedPupilFactory(school_class=school_class))
    pupil = request.pupil
    agenda = AgendaIndexPageFactory(parent=home_page)
    sign_up(SessionFactory(page=EventPageFactory(parent=agenda, title="Mains à la pâte")), pupil)
    parent = ParentFactory()
    parent.children.add(pupil)
    teacher = TeacherFactory()
    school_class.teachers.add(teacher)
    return {
        "the pupil": pupil,
        "their parent": parent,
        "their teacher": teacher,
        "staff": StaffFactory(),
        "other pupil of the class": ConsentedPupilFactory(school_class=school_class),
        "parent of another family": ParentFactory(),
    }


@pytest.mark.parametrize(
    "role",
    ["the pupil", "their parent", "their teacher", "staff", "other pupil of the class", "parent of another family"],
)
def test_moi_shows_only_ones_own_records(client, family, role):
    client.force_login(family[role])
    signups = client.get(f"{API}/moi/ateliers/")
    stages = client.get(f"{API}/moi/stages/")
    assert signups.status_code == stages.status_code == 200
    assert "no-store" in signups["Cache-Control"] and "private" in stages["Cache-Control"]
    own = role == "the pupil"
    assert [item["event_title"] for item in signups.json()] == (["Mains à la pâte"] if own else [])
    assert [item["state"]["value"] for item in stages.json()] == (["envoyee"] if own else [])


def test_moi_with_a_token_and_without_credentials(client, family):
    _token, key = APIToken.create_token(user=family["the pupil"], name="appli")
    mine = client.get(f"{API}/moi/stages/", headers={"authorization": f"Bearer {key}"})
    assert [item["state"]["label"] for item in mine.json()] == ["Envoyée"]
    assert "motivation" not in mine.content.decode()
    assert client.get(f"{API}/moi/stages/", headers={"authorization": "Bearer wagtail_faux"}).status_code == 401
    assert client.get(f"{API}/moi/ateliers/").json()["code"] == "authentication_required"
