"""Staff record each volunteer's charter and « attestation d'honorabilité » dates in the admin; the CV
help plugs into « Mon espace », the data export and the erasure (accounts.extensions)."""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.viewsets.model import ModelViewSet

from accounts.extensions import DASHBOARD_SECTIONS, ERASE_PERSONAL_DATA, PERSONAL_DATA

from . import dashboard
from .models import VolunteerProfile


class VolunteerProfileViewSet(ModelViewSet):
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


# « Mon espace », the data export and the erasure (accounts.extensions): the functions are in dashboard.py.
hooks.register(DASHBOARD_SECTIONS, dashboard.sections)
hooks.register(PERSONAL_DATA, dashboard.personal_data)
hooks.register(ERASE_PERSONAL_DATA, dashboard.erase)
