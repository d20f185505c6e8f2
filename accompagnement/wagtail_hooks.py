"""The CV help in the Wagtail admin: staff's console (assign, end, block, moderate: views_staff.py), the
comments with their moderation (filters by state, kind and report, read only: changes go through the
console), and each volunteer's charter and « attestation d'honorabilité » dates. The CV help plugs into
« Mon espace », the data export and the erasure (accounts.extensions)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.viewsets.model import ModelViewSet

import django_filters

from accounts import circle, extensions
from accounts.access import is_staff_member
from accounts.extensions import CONSENT_WITHDRAWN
from home.exports import SafeExportViewSetMixin

from . import access, dashboard, views_staff
from .models import Comment, DocumentKind, VolunteerProfile


class VolunteerProfileViewSet(SafeExportViewSetMixin, ModelViewSet):
    model = VolunteerProfile
    icon = "group"
    menu_label = _("Bénévoles accompagnants")
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["user", "charter_signed_on", "attestation_checked_on", "available", "max_documents", "blocked_at"]
    list_filter = ["available"]
    search_fields = ["user__first_name", "user__last_name", "user__email"]
    list_export = ["user", "charter_signed_on", "attestation_checked_on", "available", "max_documents", "blocked_at"]
    panels = [
        FieldPanel("user"),
        FieldPanel("charter_signed_on"),
        FieldPanel("attestation_checked_on"),
        FieldPanel("available"),
        FieldPanel("max_documents"),
        FieldPanel("blocked_at", read_only=True),
        FieldPanel("blocked_reason"),
    ]


volunteer_profile_viewset = VolunteerProfileViewSet()


@hooks.register("register_admin_viewset")
def register_volunteer_profile_viewset():
    return volunteer_profile_viewset


@hooks.register("register_admin_urls")
def register_console_urls():
    return [
        path("accompagnement/", views_staff.console, name="accompagnement_console"),
        path("accompagnement/documents/<id:pk>/attribuer/", views_staff.assign, name="accompagnement_assign"),
        path(
            "accompagnement/accompagnements/<id:pk>/terminer/",
            views_staff.end_assignment,
            name="accompagnement_end_assignment",
        ),
        path("accompagnement/benevoles/<id:pk>/bloquer/", views_staff.block, name="accompagnement_block"),
        path(
            "accompagnement/commentaires/<id:pk>/<slug:action>/",
            views_staff.moderate,
            name="accompagnement_moderate",
        ),
    ]


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return is_staff_member(request.user)


@hooks.register("register_admin_menu_item")
def register_console_menu_item():
    return StaffMenuItem(
        _("Accompagnement CV et lettres"), reverse("accompagnement_console"), icon_name="edit", order=305
    )


class CommentFilterSet(WagtailFilterSet):
    """The comments' filters; the form ignores a value that is not one of the choices."""

    kind = django_filters.ChoiceFilter(
        label=_("Type de document"), field_name="version__document__kind", choices=DocumentKind.choices
    )
    reported = django_filters.BooleanFilter(label=_("Signalé par l'élève"), method="filter_reported")

    class Meta:
        model = Comment
        fields = ["status"]

    def filter_reported(self, queryset, name, value):
        return queryset.filter(reports__isnull=not value).distinct()


class CommentViewSet(SafeExportViewSetMixin, ModelViewSet):
    """Every comment with its state and who moderated it; publishing or removing one is done in the console
    (`documents.moderate`, which tells the pupil), so the form here is read only."""

    model = Comment
    name = "accompagnement_comments"
    url_prefix = "accompagnement/commentaires"
    icon = "comment"
    menu_label = _("Commentaires des bénévoles")
    add_to_admin_menu = True
    menu_order = 306
    filterset_class = CommentFilterSet
    list_display = ["__str__", "status", "held_reason", "created_at", "moderated_by", "moderated_at"]
    list_export = ["pk", "status", "held_reason", "created_at", "moderated_at"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "section",
        "quote",
        "body",
        "suggestion",
        "status",
        "held_reason",
        "moderated_by",
        "moderated_at",
    ]
    copy_view_enabled = False
    panels = [
        FieldPanel("status", read_only=True),
        FieldPanel("held_reason", read_only=True),
        FieldPanel("body", read_only=True),
        FieldPanel("suggestion", read_only=True),
    ]

    def get_queryset(self, request):
        return Comment.objects.select_related("moderated_by").order_by("-created_at")


comment_viewset = CommentViewSet()


@hooks.register("register_admin_viewset")
def register_comment_viewset():
    return comment_viewset


@hooks.register(circle.PROVIDERS)
def assigned_volunteers_in_circle():
    return circle.Provider(circle.Relation.VOLUNTEER, pupils=access.volunteer_pupils, members=access.pupil_volunteers)


@hooks.register(CONSENT_WITHDRAWN)
def accompagnement_consent_withdrawn(pupil, dry_run, by=None):
    from .assignment import stop_for_withdrawn_consent

    return stop_for_withdrawn_consent(pupil, dry_run, by)


extensions.register(dashboard)  # « Mon espace », the data export and the erasure: see dashboard.py
