"""The figures plug into « Mon espace » (accounts.extensions) for the people who may read them."""

from django.urls import reverse
from django.utils.translation import gettext as _

from wagtail import hooks

from accounts.extensions import DASHBOARD_SECTIONS, DashboardSection

from .access import can_see_figures


@hooks.register(DASHBOARD_SECTIONS)
def chiffres_dashboard_sections(request):
    if not can_see_figures(request.user):
        return []
    context = {"url": reverse("chiffres:figures")}
    return [DashboardSection("chiffres", _("Les chiffres du projet"), "chiffres/dashboard_section.html", context, 90)]
