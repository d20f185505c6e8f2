"""Wagtail's admin password reset writes only to staff accounts, and under the portal's limit."""

from django.core import mail
from django.urls import reverse

import pytest

from accounts.factories import PupilFactory, StaffFactory, UserFactory
from accounts.roles import Role

pytestmark = pytest.mark.django_db

ADMIN_RESET_URL = "/admin/password_reset/"
PORTAL_RESET_URL = "/fr/compte/mot-de-passe/"


@pytest.mark.parametrize("role", [Role.PARENT, Role.TEACHER, Role.VOLUNTEER, Role.PUPIL], ids=lambda role: role.name)
def test_no_admin_reset_email_for_other_accounts(client, role, django_capture_on_commit_callbacks):
    user = (
        PupilFactory(email="eleve@example.org") if role == Role.PUPIL else UserFactory(email="x@example.org", role=role)
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ADMIN_RESET_URL, {"email": user.email})
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_password_reset_done")
    assert mail.outbox == []
    page = client.get(response.url).content.decode()
    assert reverse("accounts:password_reset") in page  # told to use the portal's reset


def test_staff_get_the_admin_reset_email_at_most_three_times_an_hour(client, django_capture_on_commit_callbacks):
    StaffFactory(email="equipe@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(6):
            client.post(ADMIN_RESET_URL, {"email": "equipe@example.org"})
    assert len(mail.outbox) == 3
    assert all(message.to == ["equipe@example.org"] for message in mail.outbox)


def test_admin_and_portal_resets_share_one_limit(client, django_capture_on_commit_callbacks):
    StaffFactory(email="equipe@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            client.post(PORTAL_RESET_URL, {"email": "equipe@example.org"})
        client.post(ADMIN_RESET_URL, {"email": "equipe@example.org"})
    assert len(mail.outbox) == 3
