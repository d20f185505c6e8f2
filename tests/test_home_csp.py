"""The public site runs no inline script; the admin keeps what Wagtail needs."""

import pytest

from accounts.factories import StaffFactory

pytestmark = pytest.mark.django_db


def script_src(response):
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    return directives["script-src"].split()


def test_public_pages_forbid_inline_scripts(client, home_page):
    assert script_src(client.get("/fr/")) == ["'self'"]
    assert "'unsafe-inline'" not in script_src(client.get("/fr/compte/connexion/"))


def test_the_admin_allows_wagtails_inline_scripts(client):
    client.force_login(StaffFactory())
    assert "'unsafe-inline'" in script_src(client.get("/admin/"))
