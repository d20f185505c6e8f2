"""Every e-mail of the portal goes one way: `queue_email(template_prefix, context, to)` renders a template
now and queues the send (the django-tasks queue, `manage.py db_worker` in production) once the current
transaction commits (`transaction.on_commit`; at once outside a transaction). A rolled-back change (a
booking refused at the last step, a failed save) sends nothing, and nothing is sent inside the request.
Who to write to about a pupil comes from `accounts.circle` (`recipients`, `staff_addresses`).

A failed send raises, so the task result is stored as failed (staff see it in « Envois d'e-mails » in
the admin), and a new attempt is queued a little later, up to `MAX_ATTEMPTS` in all.
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from django_tasks import task
from django_tasks.exceptions import InvalidTaskError

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 4
# Delay before attempt n+1 (minutes): 5, 30, 120.
RETRY_DELAYS = [5, 30, 120]
TASK_NAME = "send_email"


@task()
def send_email(subject, body, to, attempt=1):
    """Send one plain-text email. On failure, queue the next attempt, then fail this one visibly."""
    try:
        EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=to).send()
    except Exception:
        if attempt < MAX_ATTEMPTS:
            _queue_retry(subject, body, to, attempt + 1)
        # The message and its recipient stay out of the logs (personal data).
        logger.warning("Email send failed (attempt %s of %s)", attempt, MAX_ATTEMPTS)
        raise


def _queue_retry(subject, body, to, attempt):
    delay = RETRY_DELAYS[min(attempt - 2, len(RETRY_DELAYS) - 1)]
    try:
        send_email.using(run_after=timezone.now() + datetime.timedelta(minutes=delay)).enqueue(
            subject, body, to, attempt
        )
    except InvalidTaskError:  # a backend without deferred tasks (tests): try again now
        send_email.enqueue(subject, body, to, attempt)


def queue_email(template_prefix, context, to, language="fr"):
    """Render `<prefix>_subject.txt` and `<prefix>.txt` in `language` now, and queue the send once the
    current transaction commits (nothing if it rolls back)."""
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template_prefix}_subject.txt", context).split())
        body = render_to_string(f"{template_prefix}.txt", context)
    to = list(to)
    transaction.on_commit(lambda: send_email.enqueue(subject, body, to))
