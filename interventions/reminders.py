"""Reminders to whoever keeps a request waiting: the speaker who has not answered a proposal, the teacher
who has not confirmed a date, staff for a request still without a speaker. One reminder per waiting state
(`WorkshopRequest.reminded_at`, emptied at each move), once it has waited `WAIT[state]`, and only while
the first date is still to come. Run by `manage.py send_intervention_reminders` once a day; running it
twice sends nothing more."""

import datetime

from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from accounts import circle

from . import notifications
from .models import RequestEvent, State, WorkshopRequest

WAIT = {
    State.REQUESTED: datetime.timedelta(days=5),
    State.PROPOSED: datetime.timedelta(days=3),
    State.ACCEPTED: datetime.timedelta(days=3),
}


def send_reminders(now=None):
    now = now or timezone.now()
    sent = 0
    with transaction.atomic():
        waiting = (
            WorkshopRequest.objects.select_for_update(of=("self",))
            .filter(state__in=list(WAIT), reminded_at__isnull=True, slot_1__gt=now)
            # A subquery, not an aggregate: PostgreSQL locks no row of a GROUP BY.
            .annotate(
                last_move=Subquery(
                    RequestEvent.objects.filter(request=OuterRef("pk")).order_by("-at", "-pk").values("at")[:1]
                )
            )
            .select_related("school", "teacher", "speaker__user")
        )
        for item in waiting:
            since = item.last_move or item.created_at
            if now - since < WAIT[item.state]:
                continue
            if item.state == State.REQUESTED:
                to, url = circle.staff_addresses(), notifications.staff_url(item)
            elif item.state == State.PROPOSED:
                to, url = [item.speaker.user.email], notifications.detail_url(item)
            else:
                to, url = [item.teacher.email if item.teacher_id else None], notifications.detail_url(item)
            sent += notifications.send(f"reminder_{item.state}", item, to, url)
            WorkshopRequest.objects.filter(pk=item.pk).update(reminded_at=now)
    return sent
