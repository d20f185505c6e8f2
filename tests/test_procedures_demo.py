"""The procedures demo content loads twice without duplicates, stays private, and its convention is a
real PDF that members can download."""

import io
from types import SimpleNamespace

import pytest

from accounts.factories import UserFactory
from accounts.roles import Role
from demo import procedures as demo_procedures
from demo.content import USERS
from procedures.models import ProcedureAttachment, ProcedurePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_staff():
    email = next(email for role, email, *_rest in USERS if role == Role.STAFF)
    return UserFactory(email=email, role=Role.STAFF)


def test_demo_procedures_load_twice_and_stay_private(client, home_page, demo_staff):
    command = SimpleNamespace(stdout=io.StringIO())
    demo_procedures.load(command, home_page)
    demo_procedures.load(command, home_page)

    procedures = ProcedurePage.objects.live()
    assert procedures.count() == 4
    assert all(procedure.steps.count() >= 3 for procedure in procedures)
    assert any(procedure.is_review_due for procedure in procedures)
    attachment = ProcedureAttachment.objects.get()

    welcome = procedures.get(slug="accueillir-un-eleve-en-stage")
    assert client.get(welcome.url).status_code == 302
    assert client.get(attachment.document.url).status_code == 302

    client.force_login(UserFactory(role=Role.PROFESSIONAL))
    assert client.get(welcome.url).status_code == 200
    response = client.get(attachment.document.url)
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    assert content.startswith(b"%PDF-1.4") and content.rstrip().endswith(b"%%EOF")
    assert b"Convention de stage d'observation" in content
