"""Emails about sign-ups, queued through `accounts.emails` (the django-tasks queue, with retries).

A pupil without an email address gets none; when the session takes the pupil outside their collège, their
parents get a copy. Emails are queued inside the booking's transaction: with the database queue the task
is written with the sign-up, or not at all.
"""

from django.conf import settings
from django.utils import timezone

from accounts.emails import queue_email


def recipients(signup):
    from .booking import is_outside_school

    pupil = signup.pupil
    to = [pupil.email] if pupil.email else []
    if is_outside_school(signup.session, pupil):
        to += [parent.email for parent in pupil.parents.all() if parent.email]
    return to


def _send(template, signup, **extra):
    to = recipients(signup)
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
    pupil = signup.pupil
    to = [person.email for person in [pupil, *pupil.parents.all()] if person.email]
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
    }
    return queue_email("ateliers/emails/walk_in", context, to)
