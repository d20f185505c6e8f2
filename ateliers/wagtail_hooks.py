"""The parcours Découverte in Wagtail and in « Mon espace ».

- Admin: sign-ups and sessions (filters, search, CSV export); a staff page per session to move a pupil
  from the waiting list, cancel a sign-up or the whole session (through `ateliers.booking`, so seats stay
  right and emails go out); a fill-rate report with no-shows and feedback, exportable as CSV.
- « Mon espace » (`accounts.extensions`): a pupil's sessions, waiting lists and « mon parcours »; a
  parent's children's sessions; a teacher's classes' bookings; a leader's sessions with the names signed up.
- The personal-data export and the erasure.
"""

from django.db.models import Avg, Count, Exists, OuterRef, Q
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

import safeguarding
from accounts import access as accounts_access
from accounts.extensions import DASHBOARD_SECTIONS, ERASE_PERSONAL_DATA, PERSONAL_DATA, DashboardSection
from accounts.roles import Role

from . import admin_views
from .access import FEEDBACK_MIN_ANSWERS, display_name
from .models import Feedback, Session, SignUp


class SignUpViewSet(ModelViewSet):
    model = SignUp
    name = "ateliers_signups"
    icon = "user"
    menu_label = _("Inscriptions")
    list_display = ["pupil", "session", "status", "attended", "created_at"]
    list_filter = ["status", "attended", "session__page"]
    search_fields = ["pupil__last_name", "pupil__first_name", "session__page__title"]
    list_export = ["session", "pupil", "status", "attended", "walk_in", "created_at", "cancelled_at"]
    form_fields = ["attended"]
    add_view_enabled = False
    inspect_view_enabled = True


class SessionViewSet(ModelViewSet):
    model = Session
    name = "ateliers_sessions"
    icon = "date"
    menu_label = _("Séances")
    list_display = ["__str__", "capacity", "seats_taken", "booking", "cancelled_at"]
    list_filter = ["booking", "place_kind", "page"]
    search_fields = ["page__title", "place"]
    list_export = ["page", "starts_at", "ends_at", "place_kind", "place", "capacity", "seats_taken", "booking"]
    # Sessions are edited with their event page (its revisions and workflow); here, read and act only.
    form_fields = ["place", "online_link"]
    add_view_enabled = False
    inspect_view_enabled = True


class FeedbackViewSet(ModelViewSet):
    model = Feedback
    name = "ateliers_feedback"
    icon = "help"
    menu_label = _("Avis des élèves")
    list_display = ["session", "liked", "learned", "comment", "created_at"]
    list_export = ["session", "liked", "learned", "comment", "created_at"]
    form_fields = ["comment"]
    add_view_enabled = False


class AteliersGroup(ModelViewSetGroup):
    menu_label = _("Parcours Découverte")
    menu_icon = "date"
    menu_order = 250
    items = (SessionViewSet, SignUpViewSet, FeedbackViewSet)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return AteliersGroup()


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("ateliers/seances/<int:pk>/gerer/", admin_views.manage_session, name="ateliers_manage_session"),
        path("ateliers/remplissage/", admin_views.fill_report, name="ateliers_fill_report"),
    ]


@hooks.register("register_reports_menu_item")
def register_fill_report_item():
    return MenuItem(_("Remplissage des ateliers"), reverse("ateliers_fill_report"), icon_name="date", order=260)


# « Mon espace » ------------------------------------------------------------------------------------


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
    children = _active_signups().filter(pupil__parents=user, session__ends_at__gt=now, status=SignUp.Status.CONFIRMED)
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
        SignUp.objects.filter(session__in=upcoming, status=SignUp.Status.CONFIRMED)
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
            "sessions": [(session, names.get(session.pk, [])) for session in upcoming],
            "past": [(session, comments.get(session.pk, [])) for session in past],
        },
        order=21,
    )


@hooks.register(DASHBOARD_SECTIONS)
def dashboard_sections(request):
    user = request.user
    if not user.is_authenticated:
        return []
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


@hooks.register(PERSONAL_DATA)
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


@hooks.register(ERASE_PERSONAL_DATA)
def erase_personal_data(user):
    """Future seats are freed (the waiting list moves up); past sign-ups are deleted, their feedback kept
    without the link to the pupil; the calendar address is removed."""
    from .booking import cancel

    for signup in SignUp.objects.filter(pupil=user, session__starts_at__gt=timezone.now()).exclude(
        status=SignUp.Status.CANCELLED
    ):
        cancel(signup, by=_StaffActor())
    SignUp.objects.filter(pupil=user).delete()
    from .models import CalendarFeed

    CalendarFeed.objects.filter(user=user).delete()


class _StaffActor:
    """The erasure acts as staff: it frees seats whatever the closing date."""

    is_authenticated = True
    is_superuser = True
    pk = None

    def has_role(self, role):
        return role == Role.STAFF
