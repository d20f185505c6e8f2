"""Schemas shared by the routers: pages of results, facets, labelled values, links to sheets."""

from typing import Literal

from django.http import QueryDict
from django.urls import reverse

from ninja import Schema

Lang = Literal["fr", "en", "ar"]


class Labelled(Schema):
    """A coded value and its label in the requested language."""

    value: str
    label: str


class FacetOptionSchema(Schema):
    value: str
    label: str
    count: int
    selected: bool


class FacetSchema(Schema):
    """A filter of a list: its parameter, label and the values that match at least one item, each with the
    number of items the list would have if it were chosen (the other filters staying as they are)."""

    param: str
    label: str
    options: list[FacetOptionSchema]


class PageInfo(Schema):
    count: int
    page: int
    pages: int
    page_size: int


class SheetLink(Schema):
    """A métier sheet in a list or a link."""

    id: int
    title: str
    rome_code: str
    url: str
    api_url: str


def facets_out(facets):
    return [
        FacetSchema(
            param=facet.param,
            label=str(facet.label),
            options=[
                FacetOptionSchema(value=str(o.value), label=str(o.label), count=o.count, selected=o.selected)
                for o in facet.visible_options
            ],
        )
        for facet in facets
    ]


def page_info(page_obj):
    paginator = page_obj.paginator
    return {
        "count": paginator.count,
        "page": page_obj.number,
        "pages": paginator.num_pages,
        "page_size": paginator.per_page,
    }


def query_dict(**params):
    """The GET parameters a listing of the HTML site reads, from the API's typed parameters."""
    query = QueryDict(mutable=True)
    for key, value in params.items():
        if value not in (None, ""):
            query[key] = str(value)
    return query


def sheet_link(request, sheet):
    return SheetLink(
        id=sheet.pk,
        title=sheet.title,
        rome_code=sheet.rome_code,
        url=sheet.get_full_url(request) or "",
        api_url=request.build_absolute_uri(reverse("wagtailapi_v3:metier_detail", args=[sheet.rome_code])),
    )


def labelled(value, label):
    return Labelled(value=str(value), label=str(label)) if value not in (None, "") else None
