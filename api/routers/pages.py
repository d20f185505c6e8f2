"""Wagtail's own page endpoints, read only and always anonymous: list, find by path, detail.

The views, filters and schemas are Wagtail's (`wagtail.api.v3.routers.pages`); they are mounted here rather
than through Wagtail's `api` object so that its write endpoints stay off and a token or a session never
widens the public tier to drafts (see `api.access`)."""

from wagtail.api.v3.routers import pages as wagtail_pages
from wagtail.api.v3.schemas import BasePageSchema

from ninja import Router

from ..access import public
from ..errors import COMMON_ERRORS

router = Router(tags=["pages"])

router.add_api_operation(
    "/",
    ["GET"],
    public(wagtail_pages.list_pages),
    response={200: list[BasePageSchema], **COMMON_ERRORS},
    url_name="list_pages",
    summary="Pages publiques (Wagtail)",
    operation_id="pages_list",
)
router.add_api_operation(
    "/find/",
    ["GET"],
    public(wagtail_pages.find_page),
    response={302: None, **COMMON_ERRORS},
    url_name="find_page",
    summary="Trouver une page par son chemin (redirige vers son détail)",
    operation_id="pages_find",
)
router.add_api_operation(
    "/{page_id}/",
    ["GET"],
    public(wagtail_pages.get_page),
    response={200: wagtail_pages.PageDetailSchema, **COMMON_ERRORS},
    url_name="detail_page",
    summary="Détail d'une page publique (Wagtail)",
    operation_id="pages_detail",
)
