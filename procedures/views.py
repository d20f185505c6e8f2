"""The admin report of procedures due for review, for staff."""

import datetime

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.views.reports import ReportView

from home.exports import SafeCsvExportMixin

from .access import is_staff_reader
from .models import ProcedurePage


class ProceduresDueForReviewView(SafeCsvExportMixin, ReportView):
    """Procedures whose last review plus review period is today or past, the most overdue first."""

    page_title = _("Procédures à relire")
    header_icon = "time"
    results_template_name = "procedures/admin/review_due_results.html"
    index_url_name = "procedures_review_due"
    index_results_url_name = "procedures_review_due_results"
    model = ProcedurePage
    list_export = ["title", "procedure_owner", "last_reviewed", "review_due", "live"]
    export_headings = {
        "title": _("Procédure"),
        "procedure_owner": _("Responsable"),
        "last_reviewed": _("Dernière relecture"),
        "review_due": _("Relecture prévue le"),
        "live": _("Publiée"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not is_staff_reader(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def user_has_permission(self, permission):
        return True  # Decided by `dispatch`: staff only.

    def get_filename(self):
        return f"procedures-a-relire-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        return (
            ProcedurePage.objects.filter(review_due__lte=timezone.localdate())
            .select_related("procedure_owner")
            .order_by("review_due", "title")
        )
