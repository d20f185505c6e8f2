"""Staff read who was told without a gendered participle (the portal does not store gender)."""

import html

from django.urls import reverse

import pytest

from accompagnement.factories import DocumentFactory, VolunteerFactory
from accounts.factories import StaffFactory

pytestmark = pytest.mark.django_db


def test_assigning_a_volunteer_says_we_told_them(client, django_capture_on_commit_callbacks):
    document = DocumentFactory()
    claire = VolunteerFactory(first_name="Claire", last_name="Durand")
    client.force_login(StaffFactory())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accompagnement_assign", args=[document.pk]), {"volunteer": claire.pk}, follow=True
        )
    page = html.unescape(response.content.decode())
    assert "C'est fait : nous avons prévenu Claire Durand par e-mail." in page
    assert "est prévenu" not in page
