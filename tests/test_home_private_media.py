"""Media of private collections: images cannot go there (image files are public), private documents get
file names nobody can guess."""

from django.core.files.base import ContentFile
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

import pytest
import wagtail_factories

from accounts.factories import StaffFactory
from procedures.access import private_collection
from procedures.factories import PrivateDocumentFactory

pytestmark = pytest.mark.django_db

Image = get_image_model()
Document = get_document_model()


@pytest.fixture
def staff(client):
    client.force_login(StaffFactory(is_superuser=True))
    return client


def test_an_image_cannot_be_uploaded_into_a_private_collection(staff):
    response = staff.post(
        reverse("wagtailimages:add"),
        {
            "title": "Photo interne",
            "file": wagtail_factories.ImageFactory.build().file,
            "collection": private_collection().pk,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["collection"]  # not among the choices
    assert not Image.objects.filter(title="Photo interne").exists()


def test_an_image_cannot_be_moved_into_a_private_collection(staff):
    image = wagtail_factories.ImageFactory(title="Photo d'atelier", collection=Collection.get_first_root_node())
    response = staff.post(
        reverse("wagtailimages:edit", args=(image.pk,)),
        {"title": "Photo d'atelier", "collection": private_collection().pk, "tags": ""},
    )
    assert response.context["form"].errors["collection"]
    url = reverse("wagtail_bulk_action", args=("wagtailimages", "image", "add_to_collection")) + f"?id={image.pk}"
    response = staff.post(url, {"collection": private_collection().pk}, follow=True)
    assert "Les images sont publiques" in response.content.decode()
    image.refresh_from_db()
    assert image.collection == Collection.get_first_root_node()


def test_the_image_form_does_not_offer_private_collections(staff):
    Collection.get_first_root_node().add_child(name="Ateliers")
    html = staff.get(reverse("wagtailimages:add")).content.decode()
    assert "Ateliers" in html
    assert "Procédures internes" not in html


def test_private_documents_get_unguessable_file_names():
    first = PrivateDocumentFactory()
    second = PrivateDocumentFactory()
    assert first.file.name != "documents/convention.txt"
    assert first.file.name.startswith("documents/convention-")
    assert first.file.name != second.file.name
    assert len(first.file.name) > len("documents/convention-.txt") + 20
    public = Document.objects.create(
        title="Plaquette",
        file=ContentFile(b"plaquette", name="plaquette.pdf"),
        collection=Collection.get_first_root_node(),
    )
    assert public.file.name == "documents/plaquette.pdf"
