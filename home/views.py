from django.http import HttpResponseRedirect
from django.utils.translation import get_language_from_request


def root_redirect(request):
    """`/` → the home page in the visitor's language (French unless the browser prefers English or Arabic).

    Answering here spares the request a full 404 render before LocaleMiddleware redirects.
    """
    query = request.META.get("QUERY_STRING", "")
    return HttpResponseRedirect(f"/{get_language_from_request(request)}/" + (f"?{query}" if query else ""))
