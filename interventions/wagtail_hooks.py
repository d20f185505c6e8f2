"""Interventions in Wagtail and in « Mon espace ».

- Admin (« Interventions » menu): the coordination list of every request (filters by state, collège and
  month, CSV export through `SafeExportViewSetMixin`), the speakers' pool, and for each open request the
  matching page (speakers ranked, « Proposer »), `admin_views.match`.
- « Mon espace », the personal-data export and the erasure (`accounts.extensions`), from dashboard.py.

Nothing to stop on a withdrawn consent here: the pupils booked are ateliers sign-ups, which ateliers'
own hook cancels.
"""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from accounts import extensions
from home.exports import SafeExportViewSetMixin

from . import admin_views, dashboard
from .models import Speaker


class WorkshopRequestViewSet(SafeExportViewSetMixin, ModelViewSet):
    """The coordination list: who is waiting for whom, by state, collège and month."""

    model = admin_views.WorkshopRequest
    name = "interventions_requests"
    icon = "date"
    menu_label = _("Demandes d'intervention")
    index_view_class = admin_views.RequestIndexView
    filterset_class = admin_views.RequestFilterSet
    list_display = ["__str__", "school", "format", "state", admin_views.waiting_for_column(), "first_date", "speaker"]
    list_export = [
        "pk",
        "school",
        "format",
        "state",
        "waiting_for",
        "first_date",
        "confirmed_slot",
        "pupils_count",
        "speaker",
        "created_at",
    ]
    export_headings = {"pk": "n°", "waiting_for": _("en attente de"), "first_date": _("date")}
    search_fields = ["school__name"]
    add_view_enabled = False
    inspect_view_enabled = True
    form_fields = ["room"]


class SpeakerViewSet(SafeExportViewSetMixin, ModelViewSet):
    model = Speaker
    name = "interventions_speakers"
    index_view_class = admin_views.SpeakerIndexView
    icon = "user"
    menu_label = _("Vivier d'intervenants")
    list_display = ["user", "job", admin_views.year_load_column(), "monthly_limit", "active"]
    list_filter = ["active"]
    search_fields = ["job", "user__last_name", "user__first_name"]
    list_export = ["user", "job", "formats", "communes", "departements", "monthly_limit", "active"]
    form_fields = ["user", "job", "sheets", "domains", "centres", "formats", "weekdays", "monthly_limit", "active"]

    def get_form_class(self, for_update=False):
        """The speaker's own form (communes and dates typed as words, the job checked by `safeguarding`)."""
        from .forms import SpeakerAdminForm

        return SpeakerAdminForm


class InterventionsGroup(ModelViewSetGroup):
    menu_label = _("Interventions")
    menu_icon = "group"
    menu_order = 255
    items = (WorkshopRequestViewSet, SpeakerViewSet)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return InterventionsGroup()


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("interventions/<id:pk>/intervenants/", admin_views.match, name="interventions_match"),
        path("interventions/inviter/", admin_views.invite, name="interventions_invite"),
    ]


extensions.register(dashboard)  # « Mon espace », the data export and the erasure: see dashboard.py
