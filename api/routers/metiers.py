"""Métier sheets: the catalogue (the HTML listing's facets, counts, sort and pagination) and one sheet."""

from datetime import datetime

from django.db.models import Max
from django.http import Http404
from django.utils import translation

from wagtail.rich_text import expand_db_html

from ninja import Path, Query, Router, Schema

from metiers.listing import SORTS, MetierListing
from metiers.models import AccessLevel, MetierPage, MetiersIndexPage

from ..access import index_for, locale_for, public, public_pages
from ..errors import COMMON_ERRORS
from ..schemas import FacetSchema, Labelled, Lang, PageInfo, SheetLink, facets_out, labelled, page_info, query_dict
from ..schemas import sheet_link as link

router = Router(tags=["métiers"])

ROME_CODE = r"^[A-Na-n][0-9]{4}$"
MAX_PAGE_SIZE = 50


class SheetSummary(SheetLink):
    summary: str
    access_level: Labelled | None
    grand_domaine: Labelled | None


class SheetList(PageInfo):
    items: list[SheetSummary]
    facets: list[FacetSchema]
    sort: str
    warnings: list[str]


class Credit(Schema):
    name: str
    url: str
    text: str


class EnBref(Schema):
    label: str
    text: str


class SheetDetail(SheetLink):
    locale: str
    last_published_at: datetime | None
    title_masculine: str
    title_feminine: str
    introduction: str
    en_bref: list[EnBref]
    tasks: str
    work_description: str
    qualities: str
    skills: list[str]
    access_level: Labelled | None
    access_summary: str
    access_details: str
    formations: list[str]
    grand_domaine: Labelled | None
    domaine_professionnel: Labelled | None
    sectors: list[Labelled]
    centres_interet: list[Labelled]
    alternative_names: list[str]
    related: list[SheetLink]
    onisep: Credit | None
    onisep_family: list[Credit]


class ApiListing(MetierListing):
    """The HTML catalogue's listing, also filtered by ROME code (codes starting with the letters given)."""

    def __init__(self, index_page, params, per_page, rome=""):
        self.rome = rome.upper()
        super().__init__(index_page, params, per_page=per_page)

    def _filtered(self, chosen):
        queryset = super()._filtered(chosen)
        return queryset.filter(rome_code__startswith=self.rome) if self.rome else queryset


def _summary(request, sheet):
    level = labelled(sheet.access_level, AccessLevel(sheet.access_level).label) if sheet.access_level else None
    domaine = sheet.grand_domaine
    return SheetSummary(
        **link(request, sheet).dict(),
        summary=sheet.listing_summary or sheet.introduction,
        access_level=level,
        grand_domaine=labelled(domaine.code, domaine.name) if domaine else None,
    )


@router.get("/", response={200: SheetList, **COMMON_ERRORS}, url_name="metier_list", operation_id="metiers_list")
@public
def list_sheets(
    request,
    lang: Lang = "fr",
    domaine: str = Query("", max_length=40, description="Grand domaine ROME (lettre A à N)"),
    secteur: str = Query("", max_length=40, description="Code d'un secteur d'activité"),
    interet: str = Query("", max_length=100, description="Centre d'intérêt (slug)"),
    niveau: str = Query("", max_length=2, description="Niveau d'études minimum (2 à 8)"),
    rome: str = Query("", pattern=r"^[A-Na-n][0-9]{0,4}$|^$", description="Code ROME ou son début (D11)"),
    tri: str = Query("titre", description=" ou ".join(SORTS)),
    page: int = Query(1, ge=1, le=10_000),
    page_size: int = Query(20, ge=1, le=MAX_PAGE_SIZE),
):
    """Le catalogue : mêmes filtres, comptes et tri que la page « Métiers » du site."""
    with translation.override(lang):
        index = index_for(MetiersIndexPage, locale_for(lang))
        if index is None:
            raise Http404
        params = query_dict(domaine=domaine, secteur=secteur, interet=interet, niveau=niveau, tri=tri, page=page)
        listing = ApiListing(index, params, per_page=page_size, rome=rome)
        request.api_last_modified = listing.base.aggregate(latest=Max("last_published_at"))["latest"]
        page_obj = listing.page_obj
        return {
            **page_info(page_obj),
            "items": [_summary(request, sheet) for sheet in page_obj.object_list],
            "facets": facets_out(listing.ordered_facets),
            "sort": listing.sort,
            "warnings": [str(error) for error in listing.errors],
        }


def find_sheet(code, lang):
    """The public sheet with this ROME code in `lang`, else the French one."""
    sheets = public_pages(MetierPage.objects.filter(rome_code=code.upper()))
    sheet = sheets.filter(locale=locale_for(lang)).first() or sheets.filter(locale__language_code="fr").first()
    if sheet is None:
        raise Http404
    return sheet


def _credit(link_data):
    return Credit(name=link_data.get("name", ""), url=link_data.get("url", ""), text=link_data.get("text", ""))


@router.get(
    "/{code}/",
    response={200: SheetDetail, **COMMON_ERRORS},
    url_name="metier_detail",
    operation_id="metiers_detail",
)
@public
def sheet_detail(request, code: str = Path(..., pattern=ROME_CODE), lang: Lang = "fr"):
    """Une fiche métier, par son code ROME : ses textes, ses classements, ses autres noms, les métiers proches
    et les fiches Onisep dont elle cite les textes (crédits)."""
    with translation.override(lang):
        sheet = find_sheet(code, lang)
        request.api_last_modified = sheet.last_published_at
        related_ids = set(
            public_pages(MetierPage.objects.filter(pk__in=[s.pk for s in sheet.related_sheets])).values_list(
                "pk", flat=True
            )
        )
        level = AccessLevel(sheet.access_level).label if sheet.access_level else ""
        domaine, professionnel = sheet.grand_domaine, sheet.domaine_professionnel
        return SheetDetail(
            **link(request, sheet).dict(),
            locale=sheet.locale.language_code,
            last_published_at=sheet.last_published_at,
            title_masculine=sheet.title_masculine,
            title_feminine=sheet.title_feminine,
            introduction=sheet.introduction,
            en_bref=[EnBref(label=str(label), text=text) for _key, label, text, _derived in sheet.en_bref],
            tasks=expand_db_html(sheet.tasks),
            work_description=expand_db_html(sheet.work_description),
            qualities=expand_db_html(sheet.qualities),
            skills=[skill.get("label", "") for skill in sheet.skills],
            access_level=labelled(sheet.access_level, level),
            access_summary=sheet.access_summary,
            access_details=expand_db_html(sheet.access_details),
            formations=sheet.formations_list,
            grand_domaine=labelled(domaine.code, domaine.name) if domaine else None,
            domaine_professionnel=labelled(professionnel.code, professionnel.name) if professionnel else None,
            sectors=[labelled(sector.code, sector.name) for sector in sheet.sector_list],
            centres_interet=[labelled(interest.slug, interest.name) for interest in sheet.interest_list],
            alternative_names=sheet.alternative_names_list,
            related=[link(request, other) for other in sheet.related_sheets if other.pk in related_ids],
            onisep=_credit(sheet.onisep_primary) if sheet.onisep_primary else None,
            onisep_family=[_credit(item) for item in sheet.onisep_family],
        )
