"""The admin reports on the sheets' texts: sheets still without a staff-written « En bref »
(metiers/en_bref.py), and sheets whose opening text may describe another job (metiers/opening_check.py)."""

import datetime

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail.admin.views.reports import ReportView

from home.exports import SafeCsvExportMixin

from .models import MetierPage
from .opening_check import doubtful_sheets


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


class SheetsWithDoubtfulOpeningView(SafeCsvExportMixin, ReportView):
    """Live sheets whose opening text names another job than the title's and shares few of its words
    (« Éleveur d'animaux sauvages » opening on the lab animal technician): a list for staff to read and fix
    in the sheet's introduction. Public sheets' texts only, no personal data."""

    page_title = _("Fiches au texte d'ouverture douteux")
    header_icon = "doc-full"
    results_template_name = "metiers/admin/doubtful_openings_results.html"
    index_url_name = "metiers_doubtful_openings"
    index_results_url_name = "metiers_doubtful_openings_results"
    model = MetierPage
    list_export = ["title", "rome_code", "named_job", "introduction"]
    export_headings = {
        "title": _("Fiche"),
        "rome_code": _("Code ROME"),
        "named_job": _("Métier nommé par le texte"),
        "introduction": _("Texte d'ouverture"),
    }

    def get_filename(self):
        return f"fiches-texte-douteux-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        sheets = MetierPage.objects.live().filter(locale__language_code=settings.LANGUAGE_CODE).order_by("title")
        results = doubtful_sheets(
            sheets.only("title", "title_masculine", "title_feminine", "introduction", "rome_code")
        )
        for result in results:
            result.sheet.named_job = result.named_job
        return [result.sheet for result in results]
