"""The API over HTTP: caching headers and 304, CORS for listed origins only, the rate limit's 429 with
Retry-After, JSON errors in French with stable codes, the committed OpenAPI schema and the local docs page."""

from django.test import override_settings

import pytest

from api.openapi import FILE, generate

pytestmark = pytest.mark.django_db

API = "/api/v3"


def test_reads_carry_validators_and_answer_304_to_a_conditional_request(client, imported):
    response = client.get(f"{API}/metiers/")
    assert response.status_code == 200
    assert "public" in response["Cache-Control"] and "max-age=60" in response["Cache-Control"]
    etag, last_modified = response["ETag"], response["Last-Modified"]
    assert client.get(f"{API}/metiers/", headers={"if-none-match": etag}).status_code == 304
    assert client.get(f"{API}/metiers/", headers={"if-modified-since": last_modified}).status_code == 304
    changed = client.get(f"{API}/metiers/", {"domaine": "D"}, headers={"if-none-match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag
    detail = client.get(f"{API}/metiers/D1102/")
    assert client.get(f"{API}/metiers/D1102/", headers={"if-none-match": detail["ETag"]}).status_code == 304


def test_a_logged_in_visitor_gets_the_same_public_answer(client, imported, staff_client):
    anonymous = client.get(f"{API}/recherche/", {"q": "boulanger"})
    staff = staff_client.get(f"{API}/recherche/", {"q": "boulanger"})
    assert staff.json() == anonymous.json()
    assert staff["ETag"] == anonymous["ETag"]


@override_settings(CORS_ALLOWED_ORIGINS=["https://ent.example.org"])
def test_cors_only_for_the_listed_origins(client, imported):
    allowed = client.get(f"{API}/metiers/", headers={"origin": "https://ent.example.org"})
    assert allowed["Access-Control-Allow-Origin"] == "https://ent.example.org"
    assert "ETag" in allowed["Access-Control-Expose-Headers"]
    other = client.get(f"{API}/metiers/", headers={"origin": "https://pirate.example.com"})
    assert "Access-Control-Allow-Origin" not in other
    preflight = client.options(
        f"{API}/metiers/",
        headers={"origin": "https://ent.example.org", "access-control-request-method": "GET"},
    )
    assert preflight["Access-Control-Allow-Origin"] == "https://ent.example.org"
    site = client.get("/fr/", headers={"origin": "https://ent.example.org"})
    assert "Access-Control-Allow-Origin" not in site


@pytest.mark.usefixtures("stopped_clock")  # counted in a fixed 1-minute window: a run must not cross it
def test_past_the_rate_limit_a_json_429_with_retry_after(client, settings, home_page):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "api": "3/m"}
    statuses = [client.get(f"{API}/recherche/suggestions/", {"q": "bo"}).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = client.get(f"{API}/recherche/suggestions/", {"q": "bo"})
    assert int(response["Retry-After"]) >= 1
    assert response.json()["code"] == "rate_limited"
    assert response.json()["message"].startswith("Trop de requêtes")
    other_client = client.get(f"{API}/recherche/suggestions/", {"q": "bo"}, REMOTE_ADDR="10.0.0.9")
    assert other_client.status_code == 200


@pytest.mark.parametrize(
    ("url", "status", "code"),
    [
        ("/metiers/?page=0", 422, "invalid_parameters"),
        ("/metiers/?page_size=500", 422, "invalid_parameters"),
        ("/metiers/B0000/", 404, "not_found"),
        ("/articles/999999/", 404, "not_found"),
        ("/pages/999999/", 404, "not_found"),
        ("/pages/?limit=500", 400, "bad_request"),
        ("/moi/ateliers/", 401, "authentication_required"),
        ("/pages/?offset=99999999999999999999", 422, "invalid_parameters"),
        ("/pages/?search=%00", 422, "invalid_parameters"),
        ("/pages/find/?html_path=%00", 422, "invalid_parameters"),
        ("/recherche/?q=a%00", 422, "invalid_parameters"),
    ],
)
def test_errors_are_json_with_a_stable_code_and_a_french_message(client, home_page, url, status, code):
    response = client.get(f"{API}{url}")
    assert response.status_code == status
    data = response.json()
    assert data["code"] == code
    assert data["message"] and data["message"][-1] in ".)"
    assert all(set(error) == {"loc", "type"} for error in data.get("errors") or [])  # never the value sent


def test_the_committed_openapi_schema_is_the_one_the_code_generates():
    committed = FILE.read_text(encoding="utf-8").strip()
    assert committed == generate(), "The API changed: run `make openapi` and commit api/openapi.json"


def test_the_schema_and_its_docs_page_are_served_with_local_assets(client, home_page):
    schema = client.get(f"{API}/openapi.json").json()
    assert {"/api/v3/metiers/", "/api/v3/agenda/", "/api/v3/moi/stages/"} <= set(schema["paths"])
    assert not any(method != "get" for path in schema["paths"].values() for method in path)
    docs = client.get(f"{API}/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()
