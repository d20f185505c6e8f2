"""The reminder the day before: each confirmed pupil of a session starting tomorrow (local time) gets one
email (and their parents a copy when it is outside the collège). Run by `manage.py send_session_reminders`
once a day (see docs/ateliers.md); running it twice sends nothing more."""

import datetime

from django.db import transaction
from django.utils import timezone

from . import notifications
from .models import SignUp


def send_reminders(today=None):
    today = today or timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)
    start = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time.min))
    end = start + datetime.timedelta(days=1)
    sent = 0
    with transaction.atomic():
        signups = (
            SignUp.objects.select_for_update(of=("self",))
            .filter(
                status=SignUp.Status.CONFIRMED,
                reminded_at__isnull=True,
                session__cancelled_at__isnull=True,
                session__starts_at__gte=start,
                session__starts_at__lt=end,
            )
            .select_related("session__page", "pupil__school_class")
        )
        for signup in signups:
            notifications.reminder(signup)
            signup.reminded_at = timezone.now()
            signup.save(update_fields=["reminded_at"])
            sent += 1
    return sent
