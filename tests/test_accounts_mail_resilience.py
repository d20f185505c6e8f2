"""Mail never blocks a request and is never lost: the password reset goes through the queue, a task whose
worker died is given back, a message whose last attempt failed can be sent again by staff (« Renvoyer »),
statuses in French; the worker waits out a database outage instead of dying."""

import datetime
import html
import logging
import re

from django.core import mail
from django.core.management import call_command
from django.db import OperationalError
from django.urls import reverse
from django.utils import timezone

import pytest

from accounts import emails
from accounts.factories import StaffFactory, UserFactory
from accounts.roles import Role
from home import task_queue
from home.management.commands import run_worker

pytestmark = pytest.mark.django_db


def text(response):
    return html.unescape(response.content.decode())


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def email_rows():
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path="accounts.emails.send_email").order_by("enqueued_at")


# The worker closes the database connection after each task, as in production: the test cannot run inside
# a transaction; the migrations' rows (role groups) are restored afterwards.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_password_reset_is_queued_then_sent_by_the_worker_even_when_the_server_first_refuses(
    client, database_queue, monkeypatch
):
    UserFactory(email="aminata.diallo@example.org", role=Role.PARENT)
    real_send = emails.EmailMessage.send
    monkeypatch.setattr(emails.EmailMessage, "send", lambda self, *a, **k: (_ for _ in ()).throw(OSError("refusé")))

    response = client.post("/fr/compte/mot-de-passe/", {"email": "aminata.diallo@example.org"}, follow=True)

    assert "Vérifiez votre boîte e-mail" in text(response)
    assert mail.outbox == []  # nothing sent inside the request
    assert [row.status for row in email_rows()] == ["READY"]

    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)  # the mail server refuses
    assert [row.status for row in email_rows()] == ["FAILED", "READY"]  # kept, and tried again later

    monkeypatch.setattr(emails.EmailMessage, "send", real_send)
    email_rows().filter(status="READY").update(run_after=timezone.now())
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["aminata.diallo@example.org"]
    assert re.search(r"/fr/compte/mot-de-passe/[^\s]+/[^\s]+/", mail.outbox[0].body)


def test_a_task_whose_worker_died_is_given_back_and_one_that_kills_workers_fails(database_queue, settings):
    emails.send_email.enqueue("Objet", "Corps", ["a@example.org"])
    emails.send_email.enqueue("Objet 2", "Corps", ["b@example.org"])
    lost, poison = email_rows()
    long_ago = timezone.now() - datetime.timedelta(seconds=settings.TASK_LEASE_SECONDS + 5)
    lost.status, lost.started_at, lost.worker_ids = "RUNNING", long_ago, ["w1"]
    lost.save()
    poison.status, poison.started_at, poison.worker_ids = "RUNNING", long_ago, ["w1", "w2", "w3"]
    poison.save()

    assert task_queue.requeue_stale() == (1, 1)

    lost.refresh_from_db()
    poison.refresh_from_db()
    assert lost.status == "READY" and lost.started_at is None
    assert poison.status == "FAILED"
    # A task still within its lease is left alone (its worker may be sending it right now).
    lost.status, lost.started_at = "RUNNING", timezone.now()
    lost.save()
    assert task_queue.requeue_stale() == (0, 0)


def test_the_oldest_ready_task_s_age(database_queue):
    assert task_queue.oldest_ready_age() == 0
    emails.send_email.enqueue("Objet", "Corps", ["a@example.org"])
    email_rows().update(enqueued_at=timezone.now() - datetime.timedelta(seconds=90))
    assert 89 < task_queue.oldest_ready_age() < 120


def test_staff_read_statuses_in_french_and_send_a_failed_message_again(client, database_queue, settings):
    settings.EMAIL_RETRY_DELAYS = []  # a single attempt: its failure is final
    emails.send_email.enqueue("Créer votre compte parent", "Corps", ["parent@example.org"])
    emails.send_email.enqueue("Consentement", "Corps", ["autre@example.org"])
    failed, waiting = email_rows()
    failed.status, failed.exception_class_path = "FAILED", "smtplib.SMTPServerDisconnected"
    failed.save()
    client.force_login(StaffFactory())

    page = text(client.get(reverse("accounts_email_sends")))
    assert "Échec" in page and "En attente" in page
    assert "FAILED" not in page and "READY" not in page
    resend_url = reverse("accounts_email_resend", args=[failed.pk])
    assert resend_url in page
    assert reverse("accounts_email_resend", args=[waiting.pk]) not in page

    assert client.get(resend_url).status_code == 405  # a POST only
    response = client.post(resend_url, follow=True)
    assert "de nouveau dans la file" in text(response)
    again = email_rows().last()
    assert again.status == "READY" and again.args_kwargs["args"][:3] == [
        "Créer votre compte parent",
        "Corps",
        ["parent@example.org"],
    ]
    assert resend_url not in text(client.get(reverse("accounts_email_sends")))  # not twice


def test_the_email_sends_page_is_for_staff_only(client, database_queue):
    client.force_login(UserFactory(role=Role.PARENT))
    assert client.get(reverse("accounts_email_sends")).status_code in (302, 403)


def test_the_worker_waits_out_a_database_outage_and_gives_back_its_tasks(monkeypatch, caplog, database_queue):
    rounds, requeued, tries_while_down = [], [], []

    def run(worker):  # the database goes away during the first round, and is back for the second
        rounds.append(1)
        if len(rounds) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        worker.running = False

    def give_back(worker_id):  # still down for two more tries, then back
        if len(tries_while_down) < 2:
            tries_while_down.append(1)
            raise OperationalError("connection refused")
        requeued.append(worker_id)

    monkeypatch.setattr(run_worker.ResilientWorker, "run", run)
    monkeypatch.setattr(run_worker.ResilientWorker, "configure_signals", lambda worker: None)
    monkeypatch.setattr(run_worker, "requeue_worker_tasks", give_back)
    monkeypatch.setattr(run_worker.time, "sleep", lambda seconds: None)
    # The test's own connection (inside its transaction) stays open.
    monkeypatch.setattr(run_worker, "_reset_connections", lambda: None)
    monkeypatch.setattr(run_worker, "close_old_connections", lambda: None)

    with caplog.at_level(logging.WARNING, logger="home.worker"):
        call_command("run_worker", worker_id="w-test")  # returns: it did not die on the first error

    assert len(rounds) == 2
    assert requeued == ["w-test"]  # what it was running is given back once the database answers
    messages = [record.getMessage() for record in caplog.records if record.name == "home.worker"]
    assert sum("unreachable" in message for message in messages) == 1  # once per outage, not per try
    assert sum("reachable again" in message for message in messages) == 1
