"""French pages shown in the other languages until they are translated.

French is the source language: every page exists in French, and English and Arabic hold translations
(wagtail-localize) of some of them. Rather than a dead end (a 404 under /ar/ or /en/, menus that link back to
/fr/), a visitor browsing in English or Arabic sees:

- the translation of a page when it exists;
- otherwise the French page, at the same path under their own language prefix (`/ar/metiers/…`), its content
  marked `lang="fr"` with a short notice in their language (see `templates/base.html`).

Two pieces make this work:

- routing (`LocaleFallbackRouteMixin`): a page of a translated tree that has no child with the requested
  slug routes the rest of the path from its French source page;
- links (`rewrite_for_visitor`): while a public page is rendered in English or Arabic, a French page's URL
  keeps the visitor's language prefix, so that following links does not switch the visitor to French.
  `real_urls()` turns this off where the true address is needed (canonical link, hreflang alternates,
  language switcher).

The middleware sets the visitor's language only for the public, language-prefixed part of the site: the
admin and the sitemap always show true addresses.
"""

import contextlib
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.http import Http404
from django.utils.functional import cached_property

_visitor = ContextVar("visitor_language", default=None)


@dataclass(frozen=True)
class Visitor:
    language: str
    default_locale_id: int


def default_language():
    return settings.LANGUAGE_CODE


class VisitorLanguageMiddleware:
    """Remember, for the request, that a public page is browsed in a language other than French."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefixes = {f"/{code}/": code for code, _name in settings.LANGUAGES if code != default_language()}

    @cached_property
    def default_locale_id(self):
        from wagtail.models import Locale

        return Locale.get_default().pk

    def __call__(self, request):
        language = next((code for prefix, code in self.prefixes.items() if request.path.startswith(prefix)), None)
        if language is None:
            return self.get_response(request)
        try:
            default_locale_id = self.default_locale_id
        except Exception:  # no locale yet (empty database): nothing to rewrite
            return self.get_response(request)
        token = _visitor.set(Visitor(language, default_locale_id))
        try:
            response = self.get_response(request)
            # Template responses render after the view returns: render them while the language is known.
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
            return response
        finally:
            _visitor.reset(token)


@contextlib.contextmanager
def real_urls():
    """Within this block, pages give their true address (a French page's is under /fr/)."""
    token = _visitor.set(None)
    try:
        yield
    finally:
        _visitor.reset(token)


def visitor_language():
    """The language of the public page being rendered when it is not French, else None."""
    visitor = _visitor.get()
    return visitor.language if visitor else None


def rewrite_for_visitor(page, page_path):
    """`page_path` (`/fr/…`) under the visitor's language prefix when `page` is a French page."""
    visitor = _visitor.get()
    if visitor is None or page_path is None or page.locale_id != visitor.default_locale_id:
        return page_path
    prefix = f"/{default_language()}/"
    if page_path.startswith(prefix):
        return f"/{visitor.language}/" + page_path[len(prefix) :]
    return page_path


def with_language_prefix(url, language):
    """A French page's URL moved under `language`'s prefix (for the language switcher)."""
    prefix = f"/{default_language()}/"
    if url and url.startswith(prefix):
        return f"/{language}/" + url[len(prefix) :]
    return url


class LocaleFallbackRouteMixin:
    """Route to the French page when a translated tree lacks the requested child (see the module docstring)."""

    def route(self, request, path_components):
        try:
            return super().route(request, path_components)
        except Http404:
            if not path_components:
                raise
            source = self.fallback_source()
            if source is None:
                raise
            return source.specific.route(request, path_components)

    def fallback_source(self):
        from wagtail.models import Locale

        default = Locale.get_default()
        if self.locale_id == default.pk:
            return None
        return self.get_translation_or_none(default)

    def get_url_parts(self, request=None):
        parts = super().get_url_parts(request)
        if not parts:
            return parts
        site_id, root_url, page_path = parts
        return site_id, root_url, rewrite_for_visitor(self, page_path)
