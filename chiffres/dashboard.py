"""The figures' section of « Mon espace » (a hook of accounts.extensions, registered in wagtail_hooks.py),
for the people who may read them."""

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.extensions import DashboardSection

from .access import can_see_figures


def sections(request):
    if not can_see_figures(request.user):
        return []
    links = [(_("Les chiffres du projet (anonymes)"), reverse("chiffres:figures"))]
    return [DashboardSection("chiffres", _("Les chiffres du projet"), context={"links": links}, order=90)]
