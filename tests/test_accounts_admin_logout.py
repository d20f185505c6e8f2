"""A staff member cannot be logged out of the admin by a link: logout is a POST."""

import pytest

from accounts.factories import StaffFactory

pytestmark = pytest.mark.django_db


def test_a_get_on_the_admin_logout_keeps_the_session(client):
    client.force_login(StaffFactory())
    response = client.get("/admin/logout/")
    assert response.status_code == 405
    assert "sessionid" not in response.cookies  # the browser's cookie is neither deleted nor replaced
    assert client.get("/admin/").status_code == 200


def test_a_post_logs_out(client):
    client.force_login(StaffFactory())
    response = client.post("/admin/logout/")
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 302
