"""A week before each step of a collège's orientation calendar, its pupils who take part and their parents
get one e-mail (through the queue, after the transaction commits). Run by `manage.py
send_orientation_reminders` once a day; running it twice sends nothing more (`Step.reminded_at`, set under
a row lock)."""

import datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts import circle
from accounts.access import can_take_part
from accounts.emails import queue_email
from accounts.models import User
from accounts.roles import Role

from .models import Step

DAYS_BEFORE = 7


def send_reminders(today=None):
    """Queue the reminders of the steps due within a week; returns the number of e-mails queued."""
    today = today or timezone.localdate()
    sent = 0
    with transaction.atomic():
        steps = Step.objects.select_for_update(of=("self",)).filter(
            reminded_at__isnull=True, on__gte=today, on__lte=today + datetime.timedelta(days=DAYS_BEFORE)
        )
        for step in steps.select_related("school"):
            sent += _remind(step)
            step.reminded_at = timezone.now()
            step.save(update_fields=["reminded_at"])
    return sent


def _remind(step):
    pupils = (
        User.objects.filter(groups__name=Role.PUPIL, school_class__school=step.school, is_active=True)
        .prefetch_related("groups", "consent_records")
        .order_by("pk")
    )
    sent = 0
    for pupil in pupils:
        if not can_take_part(pupil):
            continue
        to = [person.email for person in circle.recipients(pupil, circle.FAMILY)]
        if not to:
            continue
        url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("carnet:notebook", args=[pupil.pk])
        queue_email("carnet/emails/step_reminder", {"pupil": pupil, "step": step, "url": url}, to)
        sent += 1
    return sent
