"""The admin report of sheets still without a staff-written « En bref » (metiers/en_bref.py)."""

import datetime

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail.admin.views.reports import ReportView

from home.exports import SafeCsvExportMixin

from .models import MetierPage


class SheetsWithoutEnBrefView(SafeCsvExportMixin, ReportView):
    """Live sheets whose three « En bref » lines are all blank: visitors see the derived first version (or
    nothing), so staff know which sheets still need their plain-words summary. Admin users only (the admin
    URLs require access to the admin); it shows public sheets' titles, no personal data."""

    page_title = _("Fiches sans « En bref »")
    header_icon = "doc-full"
    results_template_name = "metiers/admin/without_en_bref_results.html"
    index_url_name = "metiers_without_en_bref"
    index_results_url_name = "metiers_without_en_bref_results"
    model = MetierPage
    list_export = ["title", "rome_code", "derived_lines"]
    export_headings = {
        "title": _("Fiche"),
        "rome_code": _("Code ROME"),
        "derived_lines": _("Lignes tirées des données"),
    }

    def get_filename(self):
        return f"fiches-sans-en-bref-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        blank = Q(en_bref_what="") & Q(en_bref_where="") & Q(en_bref_who="")
        return MetierPage.objects.live().filter(blank).order_by("title")

    def decorate_paginated_queryset(self, object_list):
        for sheet in object_list:
            sheet.derived_lines = ", ".join(str(label) for _key, label, _sentence, _derived in sheet.en_bref) or "—"
        return object_list
