"""Anonymous visitors cannot tell whether a procedure exists, nor read its title in the login's `next`."""

from urllib.parse import parse_qs, urlsplit

from django.conf import settings
from django.urls import reverse

import pytest

from accounts.factories import DEFAULT_PASSWORD, PupilFactory, UserFactory
from accounts.roles import Role
from procedures.factories import ProcedurePageFactory, ProceduresIndexPageFactory

pytestmark = pytest.mark.django_db

LOGIN_URL = reverse(settings.LOGIN_URL)


@pytest.fixture
def procedure(home_page):
    index = ProceduresIndexPageFactory(parent=home_page)
    return ProcedurePageFactory(parent=index, title="Signalement d'un harcèlement", audience=[Role.VOLUNTEER])


def next_of(response):
    assert response.status_code == 302
    assert response.url.startswith(LOGIN_URL + "?")
    return parse_qs(urlsplit(response.url).query)["next"][0]


def test_existing_and_missing_procedures_answer_alike(client, procedure):
    index_url = procedure.get_parent().url
    urls = [
        procedure.url,
        procedure.url + "imprimer/",
        procedure.url + "nimporte-quoi/",
        index_url + "signalement-dun-vol/",
        index_url + "signalement-dun-vol/imprimer/",
    ]
    for url in urls:
        target = next_of(client.get(url))
        assert target.startswith(index_url + "?suite=")
        assert "signalement" not in target
        assert "harcelement" not in client.get(url).url
    # Each address has its own digest, all of the same length.
    targets = [next_of(client.get(url)) for url in urls]
    assert len(set(targets)) == len(urls)
    assert len({len(target) for target in targets}) == 1


def test_people_without_access_get_the_same_refusal(client, procedure):
    client.force_login(PupilFactory())
    index_url = procedure.get_parent().url
    assert client.get(procedure.url).status_code == 403
    assert client.get(index_url + "signalement-dun-vol/").status_code == 403


def test_a_reader_of_the_section_gets_the_same_404_for_a_procedure_outside_their_audience(client, procedure):
    client.force_login(UserFactory(role=Role.TEACHER))
    index_url = procedure.get_parent().url
    assert client.get(index_url).status_code == 200
    for url in (procedure.url, procedure.url + "imprimer/"):
        assert client.get(url).status_code == 404
    for url in (index_url + "signalement-dun-vol/", index_url + "signalement-dun-vol/imprimer/"):
        assert client.get(url).status_code == 404


def test_after_logging_in_the_reader_lands_on_the_procedure(client, procedure):
    volunteer = UserFactory(role=Role.VOLUNTEER, email="benevole@example.org")
    for url in (procedure.url, procedure.url + "imprimer/"):
        target = next_of(client.get(url))
        response = client.post(
            LOGIN_URL, {"username": volunteer.email, "password": DEFAULT_PASSWORD, "next": target}, follow=True
        )
        assert response.redirect_chain[-1][0] == url
        assert response.status_code == 200
        assert "Signalement d&#x27;un harcèlement" in response.content.decode()
        client.logout()


def test_a_reader_outside_the_audience_is_not_told_the_address(client, procedure):
    teacher = UserFactory(role=Role.TEACHER, email="prof@example.org")
    target = next_of(client.get(procedure.url))
    response = client.post(LOGIN_URL, {"username": teacher.email, "password": DEFAULT_PASSWORD, "next": target})
    assert response.status_code == 302
    page = client.get(response.url, follow=True)
    assert page.redirect_chain[-1][0] == procedure.get_parent().url  # the plain index, without that procedure
    assert page.status_code == 200
    assert "harcèlement" not in page.content.decode()


def test_the_index_itself_is_the_plain_next(client, procedure):
    index_url = procedure.get_parent().url
    assert next_of(client.get(index_url)) == index_url
