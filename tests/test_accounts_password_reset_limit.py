"""Password reset emails are limited, so nobody can flood a parent's mailbox."""

from django.core import mail

import pytest

from accounts.factories import UserFactory
from accounts.roles import Role

# The clock is stopped: django-ratelimit counts in fixed windows, and a run crossing one would start again.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("stopped_clock")]

RESET_URL = "/fr/compte/mot-de-passe/"


def test_at_most_three_reset_emails_an_hour_for_one_address(client, django_capture_on_commit_callbacks):
    UserFactory(email="parent@example.org", role=Role.PARENT)

    with django_capture_on_commit_callbacks(execute=True):
        responses = [client.post(RESET_URL, {"email": "Parent@Example.org"}) for _ in range(6)]

    # The visitor always sees the same « check your mailbox » page…
    assert all(response.status_code == 302 for response in responses)
    assert {response["Location"] for response in responses} == {"/fr/compte/mot-de-passe/envoye/"}
    # …but only three emails leave.
    assert len(mail.outbox) == 3
    assert all(message.to == ["parent@example.org"] for message in mail.outbox)


def test_one_client_cannot_send_to_many_addresses(client, django_capture_on_commit_callbacks):
    for number in range(25):
        UserFactory(email=f"parent{number}@example.org", role=Role.PARENT)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(RESET_URL, {"email": f"parent{number}@example.org"})

    assert len(mail.outbox) == 20
