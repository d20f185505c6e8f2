"""Who is told when a stage request changes state: the pupil, their parents and their teachers, each by
their own e-mail (nobody sees another's address), plus the host when a pupil is proposed to them.
After the stage, the report (to the parents and teachers) and the host's appreciation (to the pupil too)
are announced the same way. A professional's proposal is sent to staff (`accounts.circle.staff_addresses`).
Who is around the pupil comes from `accounts.circle`; the e-mails go through `accounts.emails.queue_email`
(a template, after the transaction commits, the django-tasks queue with retries), never inside the request.
They hold the pupil's first name and the new state only; the details are behind login in « Mon espace »."""

from django.conf import settings
from django.urls import reverse

import safeguarding
from accounts import circle
from accounts.emails import queue_email

from .models import RequestEvent, RequestState


def recipients(stage_request):
    relations = circle.SCHOOL
    if stage_request.state == RequestState.PROPOSED and stage_request.place_week_id:
        relations |= {circle.Relation.HOST}
    return circle.recipients(stage_request.pupil, relations, about=stage_request) if stage_request.pupil else []


def notify_state_change(event_id):
    event = RequestEvent.objects.select_related("request__pupil").filter(pk=event_id).first()
    if event is None or event.request.pupil is None:
        return 0
    stage_request = event.request
    url = settings.WAGTAILADMIN_BASE_URL + reverse("accounts:dashboard")
    count = 0
    for person in recipients(stage_request):
        context = {
            "first_name": stage_request.pupil.first_name,
            "state": event.get_to_state_display(),
            "reason": safeguarding.mask(event.reason),
            "is_pupil": person.pk == stage_request.pupil_id,
            "url": url,
        }
        queue_email("stages/emails/state_changed", context, [person.email])
        count += 1
    return count


def notify_after_stage(stage_request, what):
    """`what` is « report » (the pupil wrote their report: parents and teachers are told) or
    « appreciation » (the host wrote theirs: the pupil too). First name only; the words stay behind login."""
    pupil = stage_request.pupil
    if pupil is None:
        return 0
    url = settings.WAGTAILADMIN_BASE_URL + reverse("stages:request_detail", args=[stage_request.pk])
    relations = circle.SCHOOL if what == "appreciation" else circle.SCHOOL - {circle.Relation.PUPIL}
    people = circle.recipients(pupil, relations)
    for person in people:
        context = {"first_name": pupil.first_name, "is_pupil": person.pk == pupil.pk, "url": url}
        queue_email(f"stages/emails/{what}_written", context, [person.email])
    return len(people)


def proposal_to_staff(proposal):
    """Tell staff that a professional made a proposal; the contact details and message stay in the admin."""
    to = circle.staff_addresses()
    if not to:
        return 0
    url = settings.WAGTAILADMIN_BASE_URL + reverse("professional_proposal:edit", args=[proposal.pk])
    queue_email("stages/emails/proposal_to_staff", {"proposal": proposal, "url": url}, to)
    return 1
