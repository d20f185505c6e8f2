"""The server errors a security review found on bad ids (issue 24, item 10), each a plain answer now: a 404
for an id outside the database's range in a URL, a French message in a form, the filter ignored in a query
string. `home.converters` holds the one way ids are read (`<id:…>`, `parse_id`, model choices)."""

from django.test import Client
from django.urls import reverse

import pytest

from accompagnement.factories import DocumentFactory
from accounts.factories import StaffFactory
from ateliers.factories import SessionFactory
from ateliers.models import Session
from home.converters import MAX_ID, IdField, parse_id
from tests.test_ateliers_access import world  # noqa: F401 (fixture)
from tests.test_stages_spaces import case  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

TWENTY = "9" * 20
FORTY = "9" * 40


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


def test_parse_id_takes_only_ids_the_database_can_hold():
    assert parse_id("42") == 42 and parse_id(" 7 ") == 7 and parse_id(MAX_ID) == MAX_ID
    for bad in ("", "abc", "0", "-1", "1e9", "١٢", TWENTY, str(MAX_ID + 1), None, 3.5, True):
        assert parse_id(bad) is None, bad
    field = IdField()
    assert field.clean("12") == 12
    for bad in ("abc", TWENTY, "0"):
        with pytest.raises(Exception, match="valable|supérieur|inférieur"):
            field.clean(bad)


def test_urls_with_huge_ids_are_404(client, home_page):
    assert client.get(f"/fr/ateliers/agenda/{TWENTY}.ics").status_code == 404
    assert client.get(f"/fr/ateliers/agenda/{MAX_ID + 1}.ics").status_code == 404
    assert client.get(f"/api/v3/articles/{TWENTY}/").status_code in (404, 422)
    client.force_login(StaffFactory())
    assert client.get(f"/fr/stages/console/{TWENTY}/").status_code == 404
    assert client.get(f"/admin/accompagnement/documents/{TWENTY}/attribuer/", follow=True).status_code == 404


def test_a_full_text_syntax_error_in_the_api_search_is_no_server_error(client, home_page):
    for query in ('"', "'", "a & | b", "(", "!:*"):
        assert client.get("/api/v3/pages/", {"search": query}).status_code < 500, query


def test_check_in_with_a_word_for_a_sign_up_is_a_404(client, world):
    session = world["session"]
    client.force_login(world["roles"]["leader of the event"])
    url = reverse("ateliers:check_in", args=[session.pk])
    assert client.post(url, {"signup": "abc", "present": "1"}).status_code == 404
    assert client.post(url, {"signup": TWENTY, "present": "1"}).status_code == 404


def test_a_class_booking_with_a_forty_digit_pupil_is_refused_in_words(client, world):
    session = SessionFactory(
        page=world["event"], booking=Session.Booking.CLASS, capacity=3, starts_at=world["session"].starts_at
    )
    client.force_login(world["roles"]["their teacher"])
    response = client.post(reverse("ateliers:class_booking", args=[session.pk]), {"pupils": [FORTY]})
    assert response.status_code == 200
    assert "Élève inconnu." in response.content.decode() or "valide" in response.content.decode()


def test_the_console_ignores_a_bad_college_and_refuses_a_bad_place(client, case):
    client.force_login(StaffFactory())
    for college in ("abc", FORTY, "-3"):
        assert client.get(reverse("stages:console"), {"college": college}).status_code == 200
    url = reverse("stages:console_request", args=[case["request"].pk])
    for place_week in ("abc", FORTY):
        response = client.post(url, {"place_week": place_week}, follow=True)
        assert response.status_code == 200
        assert "Cette place n'existe plus" in response.content.decode().replace("&#x27;", "'")
    assert client.get(url, {"place_week": FORTY}).status_code == 200


def test_the_assign_form_refuses_a_word_for_a_volunteer(client):
    document = DocumentFactory()
    client.force_login(StaffFactory())
    for volunteer in ("abc", FORTY):
        response = client.post(reverse("accompagnement_assign", args=[document.pk]), {"volunteer": volunteer})
        assert response.status_code in (200, 302)


def test_a_hosts_place_form_with_bad_numbers_answers_in_words(client, case):
    client.force_login(case["host"])
    place = case["place_week"].place
    for value in ("abc", FORTY):
        response = client.post(
            reverse("stages:place_edit", args=[place.pk]),
            {"host": value, "title": "x", "break_minutes": value, "sheets": [value], "reserved_school": value},
        )
        assert response.status_code == 200, value
