"""The parcours Découverte in Wagtail and in « Mon espace ».

- Admin: sign-ups and sessions (filters, search, CSV export); a staff page per session to move a pupil
  from the waiting list, cancel a sign-up or the whole session (through `ateliers.booking`, so seats stay
  right and emails go out); a fill-rate report with no-shows and feedback, exportable as CSV.
- « Mon espace », the personal-data export and the erasure (`accounts.extensions`), from dashboard.py.
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from accounts import extensions
from accounts.extensions import CONSENT_WITHDRAWN
from home.exports import SafeExportViewSetMixin

from . import admin_views, booking, dashboard
from .models import Feedback, Session, SignUp


class SignUpViewSet(SafeExportViewSetMixin, ModelViewSet):
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


class SessionViewSet(SafeExportViewSetMixin, ModelViewSet):
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


class FeedbackViewSet(SafeExportViewSetMixin, ModelViewSet):
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
        path("ateliers/seances/<id:pk>/gerer/", admin_views.manage_session, name="ateliers_manage_session"),
        path("ateliers/remplissage/", admin_views.fill_report, name="ateliers_fill_report"),
    ]


@hooks.register("register_reports_menu_item")
def register_fill_report_item():
    return MenuItem(_("Remplissage des ateliers"), reverse("ateliers_fill_report"), icon_name="date", order=260)


@hooks.register(CONSENT_WITHDRAWN)
def ateliers_consent_withdrawn(pupil, dry_run, by=None):
    return booking.stop_for_withdrawn_consent(pupil, dry_run, by)


extensions.register(dashboard)  # « Mon espace », the data export and the erasure: see dashboard.py


@hooks.register("safeguarding_held_texts")
def held_feedback():
    """Feedback comments holding contact details: the leader reads them masked; staff may edit them here."""
    from django.urls import reverse
    from django.utils import timezone

    import safeguarding
    from safeguarding.held import HeldText

    recent = Feedback.objects.filter(created_at__gte=timezone.now() - timezone.timedelta(days=365))
    rows = recent.exclude(comment="").values_list(
        "pk", "comment", "created_at", "signup__pupil__first_name", "signup__pupil__school_class__name"
    )
    for pk, text, at, first_name, class_name in rows:
        found = safeguarding.kinds(text)
        if found:
            yield HeldText(
                channel=_("Avis après un atelier"),
                written_by=", ".join(part for part in (first_name, class_name) if part) or "—",
                text=text,
                reason=safeguarding.held_reason(found),
                at=at,
                url=reverse("ateliers_feedback:edit", args=[pk]),
            )
