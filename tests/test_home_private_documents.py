"""No public page may show a document of a private collection; private procedures may."""

from django.core.exceptions import ValidationError

import pytest

from accounts.factories import StaffFactory
from accounts.roles import Role
from home.factories import StandardPageFactory
from procedures.factories import PrivateDocumentFactory, ProcedurePageFactory, ProceduresIndexPageFactory

pytestmark = pytest.mark.django_db


def test_a_legal_page_cannot_offer_a_private_document(home_page):
    document = PrivateDocumentFactory(title="Charte interne bénévoles")
    page = StandardPageFactory.build(
        title="Mentions", slug="mentions", body=[{"type": "document", "value": {"document": document.pk, "title": ""}}]
    )
    with pytest.raises(ValidationError, match="Charte interne bénévoles"):
        page.full_clean()


def test_the_home_page_mission_cannot_link_a_private_document(home_page):
    document = PrivateDocumentFactory(title="Charte interne bénévoles")
    home_page.mission = f'<p>Lire <a linktype="document" id="{document.pk}">la charte</a></p>'
    with pytest.raises(ValidationError) as error:
        home_page.full_clean()
    assert "mission" in error.value.message_dict


def test_a_procedure_may_attach_a_private_document(client, home_page):
    """Accepted on a procedure, and offered to its readers, who may download it."""
    document = PrivateDocumentFactory(title="Convention vierge")
    index = ProceduresIndexPageFactory(parent=home_page)
    procedure = ProcedurePageFactory(parent=index, audience=[Role.VOLUNTEER])
    procedure.body = [{"type": "document", "value": {"document": document.pk, "title": ""}}]
    procedure.full_clean()
    procedure.save_revision().publish()
    client.force_login(StaffFactory())
    html = client.get(procedure.url).content.decode()
    assert document.url in html
    assert "Convention vierge" in html
    assert client.get(document.url).status_code == 200
