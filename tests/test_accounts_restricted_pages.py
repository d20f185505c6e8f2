"""A logged-in person opening a page restricted to other groups is told so, not sent round in circles."""

from django.contrib.auth.models import Group

from wagtail.models import PageViewRestriction

import pytest

from accounts.factories import UserFactory
from accounts.roles import Role
from home.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_only_page(home_page):
    page = StandardPageFactory(parent=home_page, title="Réservé à l'équipe", slug="reserve-equipe")
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([Group.objects.get(name=Role.STAFF)])
    return page


def test_a_pupil_is_told_the_account_has_no_access_instead_of_a_redirect_loop(client, staff_only_page):
    client.force_login(UserFactory(email="eleve@example.org", role=Role.PUPIL))

    response = client.get("/fr/reserve-equipe/", follow=True)

    assert len(response.redirect_chain) == 1
    assert response.redirect_chain[0][0].startswith("/fr/compte/connexion/?next=")
    content = response.content.decode()
    assert "eleve@example.org, qui n'a pas accès à la page demandée" in content
    assert "Réservé à l" not in content


def test_logging_in_with_the_right_account_opens_the_page(client, staff_only_page):
    client.force_login(UserFactory(email="eleve@example.org", role=Role.PUPIL))
    UserFactory(email="equipe@example.org", role=Role.STAFF)

    response = client.post(
        "/fr/compte/connexion/?next=/fr/reserve-equipe/",
        {"username": "equipe@example.org", "password": "mot-de-passe-de-test-2026", "next": "/fr/reserve-equipe/"},
        follow=True,
    )

    assert "<h1>Réservé à l" in response.content.decode()


def test_a_logged_in_visitor_without_a_destination_goes_to_their_space(client):
    client.force_login(UserFactory(role=Role.PARENT))

    response = client.get("/fr/compte/connexion/")

    assert response.status_code == 302
    assert response["Location"] == "/fr/compte/mon-espace/"
