"""The load balancer's health endpoint (/sante/) and the truthful 500 page."""

import datetime
import socket

from django.test import RequestFactory
from django.utils import timezone

import pytest

from accounts import emails
from home.views import server_error

pytestmark = pytest.mark.django_db


def test_health_says_ok_in_json_without_personal_data_and_is_never_cached(client, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    response = client.get("/sante/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    body = response.json()
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["queue"] == {"status": "ok", "oldest_ready_seconds": 0}
    assert set(body) == {"status", "checks"}


def test_a_late_queue_is_reported_but_the_server_stays_in_service(client, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    emails.send_email.enqueue("Objet", "Corps", ["parent@example.org"])
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.update(enqueued_at=timezone.now() - datetime.timedelta(hours=1))
    response = client.get("/sante/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["queue"]["status"] == "late"
    assert body["checks"]["queue"]["oldest_ready_seconds"] >= 3600
    assert "parent@example.org" not in response.content.decode()


def test_redis_down_is_reported_but_the_server_stays_in_service(client, settings):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.REDIS_URL = f"redis://127.0.0.1:{port}/3"
    settings.CACHES = {"default": {"BACKEND": "home.cache_backend.ResilientRedisCache", "LOCATION": settings.REDIS_URL}}
    response = client.get("/sante/")
    assert response.status_code == 200
    assert response.json()["checks"]["cache"] == "down"


def test_the_database_down_answers_503(client, monkeypatch):
    from django.db.backends.utils import CursorWrapper

    def refuse(self, sql, params=None):
        if sql == "SELECT 1":
            raise RuntimeError("connection refused")
        return original(self, sql, params)

    original = CursorWrapper.execute
    monkeypatch.setattr(CursorWrapper, "execute", refuse)
    response = client.get("/sante/")
    assert response.status_code == 503
    assert response.json()["status"] == "down"


@pytest.mark.parametrize(
    ("admins", "dsn", "told"),
    [([], "", False), ([("Équipe", "tech@example.org")], "", True), ([], "https://key@errors.example.org/1", True)],
)
def test_the_500_page_says_the_team_was_told_only_when_someone_is(settings, admins, dsn, told):
    settings.ADMINS, settings.SENTRY_DSN = admins, dsn
    response = server_error(RequestFactory().get("/fr/"))
    assert response.status_code == 500
    content = response.content.decode()
    assert ("L'équipe a été prévenue" in content) is told
    assert "Réessayez dans quelques minutes" in content
