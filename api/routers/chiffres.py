"""« Les chiffres du projet » for partners and staff: the anonymised tables of the figures page, read only.

The same access as the page (`chiffres.access.can_see_figures`): partners and staff; anyone else signed in
gets 403, an anonymous request 401 (session cookie or `Authorization: Bearer <Wagtail API token>`, as
`/moi/`). The tables are exactly what `chiffres.anonymity.publish` gives the page and the CSV: texts only,
« moins de 5 », « non publié » and « non calculé » included, never a raw count. Answers are
`Cache-Control: private, no-store`, without ETag."""

from django.core.exceptions import PermissionDenied
from django.utils import translation

from wagtail.api.v3.auth import BearerTokenAuth

from ninja import Query, Router, Schema
from ninja.errors import ValidationError
from ninja.security import SessionAuth

from chiffres import figures
from chiffres.access import can_see_figures

from ..access import private
from ..errors import COMMON_ERRORS, ErrorSchema
from ..schemas import Lang

router = Router(tags=["chiffres"], auth=[BearerTokenAuth(), SessionAuth()])
ERRORS = {**COMMON_ERRORS, 401: ErrorSchema, 403: ErrorSchema}
YEAR = r"^\d{4}-\d{4}$"


class FigureRow(Schema):
    label: str
    cells: list[str]
    total: bool


class FigureTable(Schema):
    id: str
    title: str
    row_header: str
    columns: list[str]
    rows: list[FigureRow]
    note: str


class Figures(Schema):
    school_year: str
    school_years: list[str]
    tables: list[FigureTable]


def _table(table):
    return FigureTable(
        id=table.key,
        title=str(table.caption),
        row_header=str(table.row_header),
        columns=[str(column) for column in table.columns],
        rows=[FigureRow(label=str(label), cells=list(cells), total=total) for label, cells, total in table.rows],
        note=str(table.note),
    )


@router.get("/", response={200: Figures, **ERRORS}, url_name="figures", operation_id="chiffres_figures")
def project_figures(
    request,
    lang: Lang = "fr",
    annee: str | None = Query(None, pattern=YEAR, description="Année scolaire (2026-2027) ; l'année en cours sinon"),
):
    """Les chiffres anonymes du projet pour une année scolaire (partenaires et équipe seulement)."""
    private(request)
    if not can_see_figures(request.user):
        raise PermissionDenied
    years = figures.school_years()
    if annee is not None and annee not in years:
        raise ValidationError([{"loc": ["query", "annee"], "type": "value_error"}])
    year = annee or years[0]
    with translation.override(lang):
        tables = [_table(table) for table in figures.published_tables(year)]
    return Figures(school_year=year, school_years=years, tables=tables)
