"""The portal's JSON API: Wagtail 8's API v3 (django-ninja) with the portal's own routers, under /api/v3/.

One NinjaAPI instance, `api`, holds Wagtail's read-only page endpoints (`routers.pages`) and the routers
of the portal's content (`routers.*`). Wagtail's write endpoints (create, edit, publish, sites) are not
mounted: content is edited in the admin, where workflows and moderation apply.

Every answer goes through `PortalAPI.create_response`, which adds to each successful read:

- `ETag` (a digest of the body) and `Last-Modified` when the view knows it, and answers `304 Not Modified`
  to a conditional request (`If-None-Match`, `If-Modified-Since`) whose copy is still good;
- `Cache-Control: public, max-age=…` for public answers, `private, no-store` for personal ones
  (`access.private`).

Errors are JSON with a stable code and a French message (`api.errors`); every operation is rate limited
per client (`api.throttle`, limit "api"); CORS is allowed only for origins in API_CORS_ORIGINS (settings).
The OpenAPI schema is served at /api/v3/openapi.json and committed as api/openapi.json (`make openapi`);
the docs page /api/v3/docs/ uses ninja's Swagger UI with its assets served by the site (no CDN).
"""

import hashlib

from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from ninja import NinjaAPI

from .errors import register_error_handlers
from .routers import agenda, articles, chiffres, me, metiers, pages, search
from .throttle import RateLimitThrottle

PUBLIC_MAX_AGE = 60

DESCRIPTION = """API en lecture du portail « Un stage et après » : fiches métiers, articles d'orientation,
recherche, suggestions et agenda du parcours Découverte, en français, anglais et arabe (`lang`).
`/moi/` donne à la personne connectée ses propres inscriptions et demandes de stage ; `/chiffres/` donne
aux partenaires et à l'équipe les chiffres anonymes du projet.
Erreurs : JSON `{code, message}` ; limite de requêtes par client (429 et `Retry-After`)."""


class PortalAPI(NinjaAPI):
    def create_response(self, request, data, *, status=None, temporal_response=None):
        response = super().create_response(request, data, status=status, temporal_response=temporal_response)
        # The API lives outside the language prefixes: without this, LocaleMiddleware would turn its JSON 404
        # into a redirect to /fr/api/… (the site's URLs under /fr/ match any path).
        request.urlconf = "api.urls"
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            return cacheable(request, response)
        return response


def cacheable(request, response):
    """Validators and cache headers on a successful read, and 304 when the client's copy is still good."""
    if getattr(request, "api_private", False):
        patch_cache_control(response, private=True, no_store=True)
        return response
    response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
    last_modified = getattr(request, "api_last_modified", None)
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified.timestamp())
    patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    conditional = get_conditional_response(
        request,
        etag=response["ETag"],
        last_modified=int(last_modified.timestamp()) if last_modified else None,
        response=response,
    )
    return conditional


api = PortalAPI(
    title="Un stage et après – API",
    version="3.0.0",
    description=DESCRIPTION,
    urls_namespace="wagtailapi_v3",  # Wagtail's page views link to their detail under this name
    openapi_url="/openapi.json",
    docs_url="/docs/",
    throttle=[RateLimitThrottle("api")],
)
register_error_handlers(api)

api.add_router("/pages/", pages.router)
api.add_router("/metiers/", metiers.router)
api.add_router("/articles/", articles.router)
api.add_router("/recherche/", search.router)
api.add_router("/agenda/", agenda.router)
api.add_router("/moi/", me.router)
api.add_router("/chiffres/", chiffres.router)
