"""The portal's search and autocomplete, as the site answers an anonymous visitor (`search.engine`): same
dictionary with typo tolerance, same blended relevance, same filters and counts; procedures never appear."""

from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from ninja import Query, Router, Schema

from search.engine import SiteSearch
from search.text import MAX_QUERY_LENGTH
from search.views import suggestions_for

from ..access import locale_for, public
from ..errors import COMMON_ERRORS
from ..schemas import FacetSchema, Lang, PageInfo, facets_out, page_info, query_dict

router = Router(tags=["recherche"])

MAX_PAGE_SIZE = 50
QUERY = Query("", max_length=MAX_QUERY_LENGTH * 2, description="Ce que la personne a tapé")


class SearchResult(Schema):
    id: int
    type: str
    type_label: str
    title: str
    summary: str
    also_called: str
    locale: str
    url: str


class Link(Schema):
    name: str
    url: str


class SearchResults(PageInfo):
    query: str
    items: list[SearchResult]
    facets: list[FacetSchema]
    suggestions: list[str]
    warnings: list[str]
    found_nothing: bool
    closest: list[SearchResult]
    interests: list[Link]
    domains: list[Link]


class Suggestion(Schema):
    title: str
    url: str
    type: str


def result_out(request, result):
    return SearchResult(
        id=result.page.pk,
        type=result.type.key,
        type_label=str(result.type.label),
        title=result.page.title,
        summary=result.summary or "",
        also_called=result.alias,
        locale=result.page.locale.language_code,
        url=result.page.get_full_url(request) or "",
    )


@router.get("/", response={200: SearchResults, **COMMON_ERRORS}, url_name="search", operation_id="search")
@public
def search(
    request,
    q: str = QUERY,
    lang: Lang = "fr",
    type: str = Query("", max_length=20, description="metier ou article"),
    domaine: str = Query("", max_length=40),
    niveau: str = Query("", max_length=2),
    page: int = Query(1, ge=1, le=10_000),
    page_size: int = Query(10, ge=1, le=MAX_PAGE_SIZE),
):
    """La recherche du site (fiches métiers et articles), les plus pertinents d'abord."""
    with translation.override(lang):
        params = query_dict(q=q, type=type, domaine=domaine, niveau=niveau, page=page)
        site_search = SiteSearch(params, AnonymousUser(), locale_for(lang), per_page=page_size)
        page_obj = site_search.page_obj
        facets = site_search.ordered_facets
        return {
            **page_info(page_obj),
            "query": site_search.query,
            # When nothing matched, as on the page: the sheets whose names the query could have meant (never
            # sheets sharing letters only), and the centres d'intérêt and domains that share its words.
            "found_nothing": site_search.found_nothing,
            "closest": [result_out(request, result) for result in site_search.closest],
            "interests": [Link(name=name, url=request.build_absolute_uri(url)) for name, url in site_search.interests],
            "domains": [
                Link(name=name, url=request.build_absolute_uri(url)) for name, url in site_search.fitting_domains
            ],
            "items": [result_out(request, result) for result in page_obj.object_list],
            "facets": facets_out(facets),
            "suggestions": site_search.suggestions,
            "warnings": [str(error) for error in site_search.errors],
        }


@router.get(
    "/suggestions/",
    response={200: list[Suggestion], **COMMON_ERRORS},
    url_name="autocomplete",
    operation_id="search_autocomplete",
)
@public
def autocomplete(request, q: str = QUERY, lang: Lang = "fr"):
    """Les suggestions de la boîte de recherche pendant la frappe (fiches dont le nom commence ainsi)."""
    with translation.override(lang):
        return [
            Suggestion(title=item["title"], url=request.build_absolute_uri(item["url"]), type=item["type"])
            for item in suggestions_for(request, q, locale_for(lang))
        ]
