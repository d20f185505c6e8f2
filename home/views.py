from django.conf import settings
from django.http import (
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
    HttpResponseServerError,
    JsonResponse,
)
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.translation import get_language_from_request
from django.views.decorators.cache import never_cache


def root_redirect(request):
    """`/` → the home page in the visitor's language (French unless the browser prefers English or Arabic).

    Answering here spares the request a full 404 render before LocaleMiddleware redirects.
    """
    query = request.META.get("QUERY_STRING", "")
    return HttpResponseRedirect(f"/{get_language_from_request(request)}/" + (f"?{query}" if query else ""))


def robots_txt(request):
    """What crawlers may index: the public pages in every language, not the admin, the personal spaces or
    the search results (endless combinations of queries); where the sitemap is."""
    languages = [code for code, _name in settings.LANGUAGES]
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /django-admin/"]
    # Personal spaces (they ask for a login anyway) and their forms; « Proposer un stage » stays public.
    private = ["compte/", "recherche/", "accompagnement/", "ateliers/", "chiffres/", "carnet/"]
    private += [f"stages/{part}/" for part in ("ma-demande", "demandes", "console", "accueil", "semaines")]
    for code in languages:
        lines += [f"Disallow: /{code}/{path}" for path in private]
    lines += ["", f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def csrf_failure(request, reason=""):
    """A form sent without a valid CSRF token (a page left open too long, cookies blocked): a page in the
    visitor's language saying what to do, instead of Django's technical one (settings.CSRF_FAILURE_VIEW)."""
    return render(request, "403_csrf.html", status=403)


def favicon(request):
    """/favicon.ico, which browsers and feed readers ask for whatever the page's <link rel="icon"> says: the
    site's icon. Its address is worked out here, not when the URLs load (the hashed name needs the manifest)."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


def server_error(request, *args, **kwargs):
    """The 500 page, truthful: it says the team was told only when someone is (ADMINS get the error by
    mail, or it goes to the error reporting service of SENTRY_DSN). Rendered without the request's context:
    whatever failed (the database, a context processor) must not fail this page too."""
    from django.template import loader

    team_told = bool(settings.ADMINS) or bool(getattr(settings, "SENTRY_DSN", ""))
    return HttpResponseServerError(loader.get_template("500.html").render({"team_told": team_told}))


@never_cache
def health(request):
    """For the load balancer (`/sante/`): is this app server fit to serve? JSON, no personal data, never cached.

    - `database`: a `SELECT 1`. Down: 503 (no page can be served without it);
    - `cache`: Redis answers a PING (`absent` without REDIS_URL). Down is reported but still 200: the
      portal serves without its cache (home/cache_backend.py), a little slower;
    - `queue`: seconds the oldest task ready to run has waited (mails, index updates); past
      `HEALTH_QUEUE_MAX_AGE` the queue is `late` (the worker is down or overwhelmed), still 200: the pages
      are fine, the monitoring must alert someone.
    """
    from django.core.cache import cache
    from django.db import connection

    from .task_queue import oldest_ready_age

    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception:
        checks["database"] = "down"
    client_getter = getattr(getattr(cache, "_cache", None), "get_client", None)
    if not settings.REDIS_URL or client_getter is None:
        checks["cache"] = "absent"
    else:
        try:
            client_getter(write=True).ping()
            checks["cache"] = "ok"
        except Exception:
            checks["cache"] = "down"
    if checks["database"] == "ok":
        try:
            age = oldest_ready_age()
            late = age > settings.HEALTH_QUEUE_MAX_AGE
            checks["queue"] = {"status": "late" if late else "ok", "oldest_ready_seconds": round(age)}
        except Exception:
            checks["queue"] = {"status": "unknown"}
    else:
        checks["queue"] = {"status": "unknown"}
    healthy = checks["database"] == "ok"
    degraded = checks["cache"] == "down" or checks["queue"]["status"] != "ok"
    status = "down" if not healthy else ("degraded" if degraded else "ok")
    return JsonResponse({"status": status, "checks": checks}, status=200 if healthy else 503)
