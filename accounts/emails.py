"""Every e-mail of the portal goes one way: `queue_email(template_prefix, context, to)` renders a template
now and queues the send (the django-tasks queue, `manage.py run_worker` in production) once the current
transaction commits (`transaction.on_commit`; at once outside a transaction). A rolled-back change (a
booking refused at the last step, a failed save) sends nothing, and nothing is sent inside the request.
Who to write to about a pupil comes from `accounts.circle` (`recipients`, `staff_addresses`).

A failed send raises, so the task result is stored as failed (staff see it in « Envois d'e-mails » in
the admin), and a new attempt is queued a little later, up to `max_attempts()` in all; a message whose
last attempt failed can be sent again from there (« Renvoyer »). The connection to the mail server is
bounded by `EMAIL_TIMEOUT`: a hung server fails the attempt instead of holding the worker.
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template import Context
from django.template.loader import get_template
from django.utils import timezone, translation

from django_tasks import task
from django_tasks.exceptions import InvalidTaskError

logger = logging.getLogger(__name__)

TASK_NAME = "send_email"


def retry_delays():
    """Seconds before attempt 2, 3…: short at first, so that a mail server back within the hour delivers
    everything within 10 minutes of its return (settings.EMAIL_RETRY_DELAYS)."""
    return list(getattr(settings, "EMAIL_RETRY_DELAYS", [60, 120, 300, 600, 600, 600, 1800, 3600]))


def max_attempts():
    return len(retry_delays()) + 1


@task()
def send_email(subject, body, to, attempt=1):
    """Send one plain-text email. On failure, queue the next attempt, then fail this one visibly."""
    try:
        EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=to).send()
    except Exception:
        if attempt < max_attempts():
            _queue_retry(subject, body, to, attempt + 1)
        # The message and its recipient stay out of the logs (personal data).
        logger.warning("Email send failed (attempt %s of %s)", attempt, max_attempts())
        raise


def _queue_retry(subject, body, to, attempt):
    delays = retry_delays()
    delay = delays[min(attempt - 2, len(delays) - 1)]
    try:
        send_email.using(run_after=timezone.now() + datetime.timedelta(seconds=delay)).enqueue(
            subject, body, to, attempt
        )
    except InvalidTaskError:  # a backend without deferred tasks (tests): try again now
        send_email.enqueue(subject, body, to, attempt)


def render_text(template_name, context):
    """A plain-text e-mail template rendered without HTML escaping: « l'atelier », not « l&#x27;atelier ».
    Every e-mail template is rendered this way, so none needs its own `{% autoescape off %}`."""
    template = get_template(template_name).template  # the Django template behind the backend's wrapper
    return template.render(Context(dict(context or {}), autoescape=False))


def queue_email(template_prefix, context, to, language="fr"):
    """Render `<prefix>_subject.txt` and `<prefix>.txt` in `language` now, and queue the send once the
    current transaction commits (nothing if it rolls back)."""
    with translation.override(language):
        # One line: a newline typed in a form (an organisation's name…) cannot break the header.
        subject = " ".join(render_text(f"{template_prefix}_subject.txt", context).split())
        body = render_text(f"{template_prefix}.txt", context)
    to = list(to)
    transaction.on_commit(lambda: send_email.enqueue(subject, body, to))
