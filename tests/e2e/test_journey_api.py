"""A partner's developer reads the API's docs page on a phone: Swagger UI loads from the portal's own static
files (no request leaves the site), lists the operations, and « Try it out » calls the catalogue, which answers
JSON with a cache validator."""

from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from .conftest import assert_no_axe_violations

pytestmark = pytest.mark.e2e


def test_docs_page_served_locally_lists_operations_and_tries_the_catalogue(mobile_page, base_url, imported):
    page = mobile_page
    hosts = set()
    page.on("request", lambda request: hosts.add(urlparse(request.url).netloc))
    page.goto(base_url + "/api/v3/docs/")
    expect(page.get_by_role("heading", name="Un stage et après – API")).to_be_visible()
    operation = page.locator("#operations-métiers-metiers_list")
    expect(operation).to_be_visible()
    assert hosts == {urlparse(base_url).netloc}, f"requests left the site: {hosts}"
    # The page is ours (api/templates/ninja/swagger.html: language, main landmark), the widget is Swagger UI's:
    # its headings start at h2 and skip levels, its operation summaries nest a copy button in the toggle, and
    # its method badges are below AA contrast. Those rules are left to Swagger UI; every other one must pass.
    swagger_ui_rules = ("heading-order", "page-has-heading-one", "nested-interactive", "color-contrast")
    assert_no_axe_violations(page, skip_rules=swagger_ui_rules)

    operation.locator(".opblock-summary").click()
    page.get_by_role("button", name="Try it out").click()
    with page.expect_response(lambda response: "/api/v3/metiers/" in response.url) as answer:
        page.get_by_role("button", name="Execute").click()
    response = answer.value
    assert response.status == 200
    assert response.headers["etag"]
    assert response.json()["count"] == 5
