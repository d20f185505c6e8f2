from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib.staticfiles.urls import staticfiles_urlpatterns
from django.urls import include, path
from django.views.i18n import set_language

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from accounts.admin_auth import AdminLogoutView, AdminPasswordResetView
from home.views import favicon, health, robots_txt, root_redirect

handler500 = "home.views.server_error"

urlpatterns = [
    path("", root_redirect),
    # For the load balancer: database, cache and queue (home/views.py), outside the language prefixes.
    path("sante/", health, name="health"),
    # Before Wagtail's own: reset for staff accounts only, under the portal's limit; logout by POST only
    # (see accounts.admin_auth).
    path("admin/password_reset/", AdminPasswordResetView.as_view(), name="wagtailadmin_password_reset"),
    path("admin/logout/", AdminLogoutView.as_view(), name="wagtailadmin_logout"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # The JSON API, its OpenAPI schema and docs page: outside the language prefixes (?lang= chooses).
    path("", include("api.urls")),
    path("sitemap.xml", sitemap),
    path("robots.txt", robots_txt),
    path("favicon.ico", favicon),
    path("i18n/setlang/", set_language, name="set_language"),
]

if settings.DEBUG:
    urlpatterns += staticfiles_urlpatterns()
    # Images only: documents are always served by Wagtail's view, which checks private collections.
    for folder in ("images", "original_images"):
        urlpatterns += static(f"{settings.MEDIA_URL}{folder}/", document_root=settings.MEDIA_ROOT / folder)

# Public pages carry their language in the URL: /fr/, /en/, /ar/. `/` redirects to /fr/.
urlpatterns += i18n_patterns(
    path("compte/", include("accounts.urls")),
    path("recherche/", include("search.urls")),
    path("stages/", include("stages.urls")),
    path("ateliers/", include("ateliers.urls")),
    path("interventions/", include("interventions.urls")),
    path("accompagnement/", include("accompagnement.urls")),
    path("chiffres/", include("chiffres.urls")),
    path("carnet/", include("carnet.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
