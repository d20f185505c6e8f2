"""What the API shows, and to whom: the one place its routers ask.

Public operations (everything but `/moi/`) answer the same thing to everyone: the request is made anonymous
before the view runs (`public`), whatever session cookie or token it carries, so a staff member's browser
cannot turn a public answer into one with drafts or procedures, and every public answer may be cached by a
CDN (`Cache-Control: public`). They read through the same querysets as the HTML pages:

- métier sheets and guidance articles: live pages without a view restriction (`public_pages`), the same
  listing, facets and counts as the catalogue (`metiers.listing`) and the guidance index;
- search and autocomplete: `search.engine`, with an anonymous visitor: procedures are never in it;
- the agenda: `ateliers.agenda` (upcoming sessions of public events), with only what `ateliers.access` calls
  public: dates, place, seats left, waiting list length. Never a name, an online link or an attendance.
- Wagtail's page endpoints: its public queryset (live, public, in the site), base fields only (no page type
  declares `api_fields`).

Procedures, drafts, private pages, documents of private collections and pupils' personal data never appear
in a public answer: no operation serves them, whatever the parameters (tests/test_api_privacy.py).

`/moi/` operations (session cookie or a Wagtail API token) answer only the signed-in person's own records:
their workshop sign-ups and the state of their stage requests, read only, `Cache-Control: private,
no-store`. A parent or a teacher gets their own (empty) lists, never their children's or pupils': the HTML
« Mon espace » is where they see those, with its own checks (`accounts.access`).
"""

import re
from functools import wraps

from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from wagtail.models import Locale, Page

from ninja.errors import ValidationError

from home.converters import parse_id

LANGUAGES = ("fr", "en", "ar")
# The largest integer the databases compare (PostgreSQL's bigint).
MAX_INTEGER = 2**63 - 1


def public(view):
    """Run `view` as an anonymous visitor (see the module's docstring)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        request.user = AnonymousUser()
        check_query(request)
        for value in kwargs.values():  # an id in the path (`/articles/<20 digits>/`): no such thing
            if isinstance(value, int) and not isinstance(value, bool) and parse_id(value) is None:
                raise Http404
        plain_search(kwargs)
        return view(request, *args, **kwargs)

    return wrapped


def plain_search(kwargs):
    """`?search=` (Wagtail's page list, parsed into a schema) as words: the database's full-text syntax
    (quotes, brackets, operators) is taken out, so that `?search="` searches for nothing rather than
    raising a syntax error in the database (SQLite's FTS)."""
    for value in kwargs.values():
        if isinstance(getattr(value, "search", None), str):
            value.search = " ".join(re.sub(r"[^\w’-]+", " ", value.search).split())


def check_query(request):
    """Refuse (422) what no database can compare: a NUL character (PostgreSQL rejects it in any text) or an
    integer past bigint (an `offset` of twenty digits). Wagtail's page views pass such values to the database
    as they come; Schemathesis found both."""
    for key, values in request.GET.lists():
        for value in values:
            digits = value.strip().lstrip("+-")
            if "\x00" in value or (digits.isdigit() and len(digits) > 18 and int(digits) > MAX_INTEGER):
                raise ValidationError([{"loc": ["query", key], "type": "value_error"}])


def private(request):
    """Mark the answer as personal: `Cache-Control: private, no-store` (see `api.api.PortalAPI`)."""
    request.api_private = True


def public_pages(queryset):
    """Live pages without a view restriction: what an anonymous visitor may open."""
    return queryset.live().public()


def locale_for(lang):
    """The Locale of `lang` (one of LANGUAGES), or the default one."""
    return Locale.objects.filter(language_code=lang).first() or Locale.get_default()


def index_for(model, locale):
    """The public index page of `model` in `locale`, else the French one (pages not translated yet are
    served in French, as on the site), else None."""
    pages = public_pages(model.objects.all())
    return pages.filter(locale=locale).first() or pages.filter(locale=Locale.get_default()).first()


def is_public_page(page):
    return public_pages(Page.objects.filter(pk=page.pk)).exists()
