from django.conf import settings
from django.http import HttpResponse, HttpResponsePermanentRedirect, HttpResponseRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.translation import get_language_from_request


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
    private = ["compte/", "recherche/", "accompagnement/", "ateliers/", "chiffres/"]
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
