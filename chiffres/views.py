"""The page « Les chiffres du projet » and its CSV: for partners and staff (`chiffres.access`), the same
anonymised tables (`figures.published_tables`) in both."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from home.exports import SafeCsvWriter

from . import figures
from .access import can_see_figures
from .forms import YearForm


def _year(request):
    if not can_see_figures(request.user):
        raise Http404
    years = figures.school_years()
    year = YearForm(request.GET, years=years).year()
    # The form shows the year whose figures are shown, even when an unknown one was asked for.
    return YearForm({"annee": year}, years=years), year


@never_cache
@login_required
def figures_page(request):
    form, year = _year(request)
    context = {"form": form, "year": year, "tables": figures.published_tables(year)}
    return TemplateResponse(request, "chiffres/figures.html", context)


@never_cache
@login_required
def figures_csv(request):
    _form, year = _year(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="chiffres-{year}.csv"'
    response.write("\ufeff")  # so that a spreadsheet reads the accents as UTF-8
    writer = SafeCsvWriter(response, delimiter=";")
    writer.writerow([_("Les chiffres du projet, année scolaire %(year)s") % {"year": year}])
    for table in figures.published_tables(year):
        writer.writerow([])
        writer.writerow([table.caption])
        writer.writerow([table.row_header, *table.columns])
        for label, cells, _is_total in table.rows:
            writer.writerow([label, *cells])
        if table.note:
            writer.writerow([table.note])
    return response
