"""Who is told when a workshop request moves: whoever must act next, each by their own e-mail.

- a new request, a speaker declining: staff (to find a speaker);
- a proposal: the speaker (to accept or decline);
- an acceptance: the teacher (to confirm one of the dates);
- a confirmation: the speaker (the date and the place) and staff;
- a cancellation: the speaker holding it, the teacher (when staff cancel) and staff.

Through `accounts.emails.queue_email` (a template, after the transaction commits, the django-tasks queue
with retries). The e-mails hold the collège, the date and the state, never a pupil's name; the rest is
behind login.
"""

from django.conf import settings
from django.urls import reverse

from accounts import circle
from accounts.emails import queue_email

from .models import State


def _url(name, *args):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(name, args=args)


def send(step, workshop_request, to, url):
    to = [address for address in to if address]
    if not to:
        return 0
    context = {"step": step, "request": workshop_request, "school": workshop_request.school.name, "url": url}
    queue_email("interventions/emails/state_changed", context, to)
    return 1


def created(workshop_request):
    return send("created", workshop_request, circle.staff_addresses(), staff_url(workshop_request))


def staff_url(workshop_request):
    return _url("interventions_match", workshop_request.pk)


def detail_url(workshop_request):
    return _url("interventions:detail", workshop_request.pk)


def state_changed(workshop_request, event):
    detail = detail_url(workshop_request)
    speaker_email = workshop_request.speaker.user.email if workshop_request.speaker_id else None
    teacher_email = workshop_request.teacher.email if workshop_request.teacher_id else None
    staff = circle.staff_addresses()
    sent = 0
    if event.to_state == State.PROPOSED:
        sent += send("proposed", workshop_request, [speaker_email], detail)
    elif event.from_state == State.PROPOSED and event.to_state == State.REQUESTED:
        sent += send("declined", workshop_request, staff, staff_url(workshop_request))
    elif event.to_state == State.ACCEPTED:
        sent += send("accepted", workshop_request, [teacher_email], detail)
    elif event.to_state == State.CONFIRMED:
        sent += send("confirmed", workshop_request, [speaker_email], detail)
        sent += send("confirmed", workshop_request, staff, staff_url(workshop_request))
    elif event.to_state == State.CANCELLED:
        previous_speaker = event.speaker.user.email if event.speaker_id else None
        if previous_speaker and event.from_state != State.REQUESTED:
            sent += send("cancelled", workshop_request, [previous_speaker], detail)
        if teacher_email and event.by_id != workshop_request.teacher_id:
            sent += send("cancelled", workshop_request, [teacher_email], detail)
        sent += send("cancelled", workshop_request, staff, staff_url(workshop_request))
    return sent
