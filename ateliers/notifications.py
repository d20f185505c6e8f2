"""Emails about sign-ups, queued through `accounts.emails.queue_email` (a template, the django-tasks queue,
with retries).

A pupil without an email address gets none; when the session takes the pupil outside their collège, their
parents get a copy (active accounts, each address once: `accounts.circle.recipients`). The booking calls
these inside its transaction; `queue_email` sends only once it commits, so a rolled-back booking sends
nothing.
"""

from django.conf import settings
from django.utils import timezone

from accounts import circle
from accounts.emails import queue_email


def recipients(signup):
    from .booking import is_outside_school

    pupil = signup.pupil
    relations = circle.FAMILY if is_outside_school(signup.session, pupil) else {circle.Relation.PUPIL}
    return [person.email for person in circle.recipients(pupil, relations)]


def _send(template, signup, to=None, **extra):
    to = recipients(signup) if to is None else to
    if not to:
        return None
    session = signup.session
    context = {
        "signup": signup,
        "session": session,
        "event": session.page,
        "starts_at": timezone.localtime(session.starts_at),
        "ends_at": timezone.localtime(session.ends_at),
        "event_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + (session.page.url or ""),
        **extra,
    }
    return queue_email(f"ateliers/emails/{template}", context, to)


def signed_up(signup):
    return _send("waiting" if signup.status == signup.Status.WAITING else "confirmation", signup)


def promoted(signup):
    return _send("promotion", signup)


def session_cancelled(signup):
    return _send("session_cancelled", signup)


def reminder(signup):
    return _send("reminder", signup)


def walked_in(signup):
    """A leader added the pupil on the day: the pupil and their parents are told, wherever the session is."""
    return _send("walk_in", signup, to=[person.email for person in circle.recipients(signup.pupil, circle.FAMILY)])
