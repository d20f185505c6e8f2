"""The parcours Découverte's sections of « Mon espace », its part of a person's data export and of an
erasure (hooks of accounts.extensions, registered in wagtail_hooks.py). Each returns only what concerns the
user: a pupil's sessions, waiting lists and « mon parcours »; a parent's children's sessions; a teacher's
classes' bookings; a leader's sessions with the names signed up."""

from django.db.models import Avg, Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

import safeguarding
from accounts import access as accounts_access
from accounts import circle
from accounts.extensions import DashboardSection
from accounts.roles import Role

from .access import FEEDBACK_MIN_ANSWERS, display_name, names_shown_to_leaders
from .booking import SystemAction, cancel
from .models import CalendarFeed, Feedback, Session, SignUp


def _active_signups():
    return SignUp.objects.exclude(status=SignUp.Status.CANCELLED).select_related("session__page")


def _pupil_section(user, now):
    mine = list(
        _active_signups()
        .filter(pupil=user)
        .annotate(has_feedback=Exists(Feedback.objects.filter(signup=OuterRef("pk"))))
        .order_by("session__starts_at")
    )
    upcoming = [s for s in mine if s.session.ends_at > now and not s.session.cancelled_at]
    attended = [s for s in mine if s.session.is_past and s.attended]
    feedback_done = {s.pk for s in attended if s.has_feedback}
    return DashboardSection(
        key="parcours-decouverte",
        title=_("Ateliers et forums"),
        template="ateliers/includes/dashboard_pupil.html",
        context={"upcoming": upcoming, "attended": attended, "feedback_done": feedback_done},
        order=20,
    )


def _parent_section(user, now):
    signups = _active_signups().filter(session__ends_at__gt=now, status=SignUp.Status.CONFIRMED)
    children = circle.visible(signups, user, {circle.Relation.PARENT})
    rows = [(s, s.pupil.first_name) for s in children.select_related("pupil").order_by("session__starts_at")]
    return DashboardSection(
        key="ateliers-parent",
        title=_("Les ateliers de mes enfants"),
        template="ateliers/includes/dashboard_rows.html",
        context={"rows": rows},
        order=20,
    )


def _teacher_section(user, now):
    classes = accounts_access.managed_classes(user)
    bookings = _active_signups().filter(pupil__school_class__in=classes, session__ends_at__gt=now)
    rows = [
        (s, display_name(s.pupil))
        for s in bookings.select_related("pupil__school_class").order_by("session__starts_at", "pupil__last_name")
    ]
    return DashboardSection(
        key="ateliers-teacher",
        title=_("Les ateliers de mes classes"),
        template="ateliers/includes/dashboard_rows.html",
        context={"rows": rows, "agenda_hint": True},
        order=20,
    )


def _leader_section(user, now):
    """Upcoming sessions the person leads, with the names signed up; past ones with the pupils' feedback,
    without who gave it."""
    # One query for both lists (most people lead nothing): the sessions still to come or of the last day,
    # and the past ones with feedback.
    recent = now - timezone.timedelta(days=1)
    led = list(
        Session.objects.filter(page__leaders__user=user)
        .select_related("page")
        .annotate(answers=Count("feedback", distinct=True), liked=Avg("feedback__liked"))
        .filter(Q(ends_at__gt=recent) | Q(ends_at__lte=now, answers__gte=FEEDBACK_MIN_ANSWERS))
        .order_by("starts_at")
    )
    upcoming = [session for session in led if session.ends_at > recent]
    past = [session for session in reversed(led) if session.ends_at <= now and session.answers >= FEEDBACK_MIN_ANSWERS][
        :10
    ]
    if not upcoming and not past:
        return None
    names = {}
    for signup in (
        SignUp.objects.filter(
            session__in=[session for session in upcoming if names_shown_to_leaders(session, timezone.localdate(now))],
            status=SignUp.Status.CONFIRMED,
        )
        .select_related("pupil__school_class")
        .order_by("pupil__first_name")
    ):
        names.setdefault(signup.session_id, []).append(display_name(signup.pupil))
    comments = {}
    for session_id, comment in (
        Feedback.objects.filter(session__in=past).exclude(comment="").order_by("?").values_list("session_id", "comment")
    ):
        comments.setdefault(session_id, []).append(safeguarding.mask(comment))
    return DashboardSection(
        key="ateliers-leader",
        title=_("Les séances que j'anime"),
        template="ateliers/includes/dashboard_leader.html",
        context={
            "sessions": [
                (session, names.get(session.pk, []), names_shown_to_leaders(session, timezone.localdate(now)))
                for session in upcoming
            ],
            "past": [(session, comments.get(session.pk, [])) for session in past],
        },
        order=21,
    )


def sections(request):
    user = request.user
    now = timezone.now()
    sections = []
    if user.has_role(Role.PUPIL):
        sections.append(_pupil_section(user, now))
    if user.has_role(Role.PARENT):
        sections.append(_parent_section(user, now))
    if user.has_role(Role.TEACHER):
        sections.append(_teacher_section(user, now))
    leader = _leader_section(user, now)
    if leader:
        sections.append(leader)
    return sections


def personal_data(user):
    signups = SignUp.objects.filter(pupil=user).select_related("session__page").order_by("created_at")
    if not signups:
        return {}
    return {
        "ateliers": [
            {
                "événement": signup.session.page.title,
                "date": timezone.localtime(signup.session.starts_at).isoformat(),
                "statut": str(signup.get_status_display()),
                "présence": signup.attended,
                "date d'inscription": timezone.localtime(signup.created_at).isoformat(),
            }
            for signup in signups
        ]
    }


def erase(user):
    """Future seats are freed (the waiting list moves up) by a system action whose reason the history
    keeps; past sign-ups are deleted, their feedback kept without the link to the pupil; the calendar
    address is removed."""
    erasure = SystemAction("effacement des données du compte")  # a stored value: French, not translated
    for signup in SignUp.objects.filter(pupil=user, session__starts_at__gt=timezone.now()).exclude(
        status=SignUp.Status.CANCELLED
    ):
        cancel(signup, by=erasure)
    SignUp.objects.filter(pupil=user).delete()
    CalendarFeed.objects.filter(user=user).delete()
