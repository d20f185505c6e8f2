"""Guidance articles: the guidance index's list (audience and topic filters) and one article."""

from datetime import datetime

from django.core.paginator import Paginator
from django.db.models import Count, Max
from django.http import Http404
from django.urls import reverse
from django.utils import translation

from ninja import Query, Router, Schema

from home.facets import Facets
from orientation.forms import GuidanceFilterForm
from orientation.models import Audience, GuidanceArticlePage, GuidanceIndexPage, Topic

from ..access import index_for, locale_for, public, public_pages
from ..errors import COMMON_ERRORS
from ..schemas import FacetSchema, Labelled, Lang, PageInfo, SheetLink, facets_out, page_info, query_dict, sheet_link

router = Router(tags=["orientation"])

MAX_PAGE_SIZE = 50


class ArticleSummary(Schema):
    id: int
    title: str
    summary: str
    audience: Labelled
    topic: Labelled
    reading_time: int
    easy_read: bool
    locale: str
    first_published_at: datetime | None
    url: str
    api_url: str


class ArticleList(PageInfo):
    items: list[ArticleSummary]
    facets: list[FacetSchema]
    warnings: list[str]


class ArticleDetail(ArticleSummary):
    introduction: str
    body_html: str
    related_metiers: list[SheetLink]
    related_articles: list[ArticleSummary]


def _summary(request, article):
    return ArticleSummary(
        id=article.pk,
        title=article.title,
        summary=article.listing_summary or article.introduction,
        audience=Labelled(value=article.audience, label=str(Audience(article.audience).label)),
        topic=Labelled(value=article.topic, label=str(Topic(article.topic).label)),
        reading_time=article.estimated_reading_time,
        easy_read=article.easy_read,
        locale=article.locale.language_code,
        first_published_at=article.first_published_at,
        url=article.get_full_url(request) or "",
        api_url=request.build_absolute_uri(reverse("wagtailapi_v3:article_detail", args=[article.pk])),
    )


@router.get("/", response={200: ArticleList, **COMMON_ERRORS}, url_name="article_list", operation_id="articles_list")
@public
def list_articles(
    request,
    lang: Lang = "fr",
    audience: str = Query("", max_length=20, description=" ou ".join(Audience.values)),
    topic: str = Query("", max_length=20, description=" ou ".join(Topic.values)),
    page: int = Query(1, ge=1, le=10_000),
    page_size: int = Query(12, ge=1, le=MAX_PAGE_SIZE),
):
    """Les articles d'orientation de la rubrique, les plus récents d'abord, filtrés par public et thème."""
    with translation.override(lang):
        index = index_for(GuidanceIndexPage, locale_for(lang))
        if index is None:
            raise Http404
        articles = index.get_articles().select_related("locale")
        facets = Facets(query_dict(audience=audience, topic=topic), GuidanceFilterForm().facets())

        def counter(facet, chosen):
            kept = articles.filter(**{param: option.value for param, option in chosen.items()}).order_by()
            return dict(kept.values_list(facet.param).annotate(n=Count("pk")))

        facets.count(counter)
        chosen = articles.filter(**{param: option.value for param, option in facets.chosen().items()})
        request.api_last_modified = articles.aggregate(latest=Max("last_published_at"))["latest"]
        page_obj = Paginator(chosen.order_by("-first_published_at", "title", "pk"), page_size).get_page(page)
        return {
            **page_info(page_obj),
            "items": [_summary(request, article) for article in page_obj.object_list],
            "facets": facets_out(facets),
            "warnings": [str(error) for error in facets.errors],
        }


@router.get(
    "/{article_id}/",
    response={200: ArticleDetail, **COMMON_ERRORS},
    url_name="article_detail",
    operation_id="articles_detail",
)
@public
def article_detail(request, article_id: int, lang: Lang = "fr"):
    """Un article : son texte (HTML), les fiches métiers et articles liés qui sont publics."""
    with translation.override(lang):
        article = public_pages(GuidanceArticlePage.objects.filter(pk=article_id)).first()
        if article is None:
            raise Http404
        request.api_last_modified = article.last_published_at
        return ArticleDetail(
            **_summary(request, article).dict(),
            introduction=article.introduction,
            body_html=str(article.body.render_as_block(context={"request": request, "page": article})),
            related_metiers=[sheet_link(request, sheet) for sheet in article.get_related_metiers()],
            related_articles=[_summary(request, other) for other in article.get_related_articles()],
        )
