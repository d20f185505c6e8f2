"""Staff manage accounts in the admin but can never make or touch a superuser."""

from django.urls import reverse

import pytest

from accounts.factories import UserFactory
from accounts.models import User

pytestmark = pytest.mark.django_db


def new_user_data(**extra):
    return {
        "email": "nouvelle.benevole@example.org",
        "first_name": "Nadia",
        "last_name": "Kaci",
        "password1": "un-mot-de-passe-solide-2026",
        "password2": "un-mot-de-passe-solide-2026",
        **extra,
    }


def test_staff_create_accounts_but_the_superuser_switch_is_ignored(staff_client):
    form_page = staff_client.get(reverse("wagtailusers_users:add"))
    assert form_page.status_code == 200
    assert 'name="is_superuser"' not in form_page.content.decode()

    response = staff_client.post(reverse("wagtailusers_users:add"), new_user_data(is_superuser="on"))

    assert response.status_code == 302
    created = User.objects.get(email="nouvelle.benevole@example.org")
    assert created.is_superuser is False


def test_staff_cannot_raise_an_existing_account_to_superuser(staff_client):
    volunteer = UserFactory(email="benevole@example.org", first_name="Léo", last_name="Martin")

    staff_client.post(
        reverse("wagtailusers_users:edit", args=[volunteer.pk]),
        {"email": volunteer.email, "first_name": "Léo", "last_name": "Martin", "is_active": "on", "is_superuser": "on"},
    )

    volunteer.refresh_from_db()
    assert volunteer.is_superuser is False


def test_staff_cannot_edit_or_delete_a_superuser(staff_client):
    admin = User.objects.create_superuser(email="admin@example.org", password="un-mot-de-passe-solide-2026")

    # Wagtail's admin answers a refused permission with a redirect and a message.
    refused = staff_client.get(reverse("wagtailusers_users:edit", args=[admin.pk]), follow=True)
    assert refused.redirect_chain, "the edit form of a superuser must not be shown to staff"
    assert 'name="email"' not in refused.content.decode()
    staff_client.post(
        reverse("wagtailusers_users:edit", args=[admin.pk]),
        {"email": "pirate@example.org", "first_name": "X", "last_name": "Y", "password1": "a", "password2": "a"},
    )
    staff_client.post(reverse("wagtailusers_users:delete", args=[admin.pk]))
    admin.refresh_from_db()
    assert admin.email == "admin@example.org"
    assert admin.check_password("un-mot-de-passe-solide-2026")


def test_a_superuser_still_sees_and_uses_the_switch(client):
    client.force_login(User.objects.create_superuser(email="admin@example.org", password="x-2026-solide-mdp"))

    assert 'name="is_superuser"' in client.get(reverse("wagtailusers_users:add")).content.decode()
    client.post(reverse("wagtailusers_users:add"), new_user_data(is_superuser="on"))

    assert User.objects.get(email="nouvelle.benevole@example.org").is_superuser is True
