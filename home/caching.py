"""One content generation for every cached copy of public content (pages, header, footer, settings).

Everything the portal keeps in the shared cache about public content (the anonymous page cache of
`home.page_cache`, the menu, breadcrumbs, language links and site settings of
`home.templatetags.navigation_tags`) is stored under a key that includes the current *generation*, a
random value kept in the cache. When staff change content, the generation changes and every copy made
before is never read again (it expires after its timeout, or Redis evicts it first).

The generation changes when:

- a page is published, unpublished, moved or deleted (Wagtail's page signals), or any page is saved;
- a row of a content app is saved or deleted: snippets (the glossary), site settings, sheets and their
  related data, workshops and their sessions and sign-ups (seats left), stage places, search terms;
- a site, locale, view restriction, image, document or search promotion is saved or deleted.

When Redis was unreachable (`home.cache_backend`), the generation is renewed as soon as it answers again:
a change made during the outage could not renew it then.

Accounts (pupils, parents, staff), sessions, logs and queues never change it. Bulk `QuerySet.update()`
calls send no signal: code that changes public content that way calls `content_changed()` itself (the
catalogue import does).

One generation for everything, rather than a list of the pages each change affects: staff publish a few
times a day, a whole-site miss costs one render per page visited, and no rule can forget a listing, the
home page's featured cards or search results that show a changed sheet.
"""

import uuid

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from wagtail.signals import page_published, page_unpublished, post_page_move

GENERATION_KEY = "content-generation"

# Apps whose every model is public content (or changes what public pages show: seats left, places).
CONTENT_APPS = {"home", "metiers", "orientation", "procedures", "ateliers", "stages", "search"}
# Wagtail's models that public pages show; not revisions, logs, renditions, tasks or workflow states.
CONTENT_MODELS = {
    "wagtailcore.page",
    "wagtailcore.site",
    "wagtailcore.locale",
    "wagtailcore.pageviewrestriction",
    "wagtailcore.collectionviewrestriction",
    "wagtailimages.image",
    "wagtaildocs.document",
    "wagtailsearchpromotions.searchpromotion",
    "wagtailredirects.redirect",
}


def generation():
    """The current content generation (a short string)."""
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = uuid.uuid4().hex[:12]
        # Another process may have set one meanwhile: keep theirs.
        if not cache.add(GENERATION_KEY, value, timeout=None):
            value = cache.get(GENERATION_KEY) or value
    return value


def request_generation(request):
    """The generation, read once per request."""
    if request is None:
        return generation()
    value = getattr(request, "_content_generation", None)
    if value is None:
        value = request._content_generation = generation()
    return value


def _new_generation():
    cache.set(GENERATION_KEY, uuid.uuid4().hex[:12], timeout=None)


def content_changed():
    """Forget every cached copy of public content: now, and again when the transaction commits (a request
    served between the two would otherwise cache the old content under the new generation)."""
    _new_generation()
    if connection.in_atomic_block:
        transaction.on_commit(_new_generation)


def is_content(model):
    meta = model._meta
    if meta.auto_created:  # the table of a many-to-many field: content if its model is
        return is_content(meta.auto_created)
    if meta.app_label in CONTENT_APPS:
        return True
    return any(
        f"{parent._meta.app_label}.{parent._meta.model_name}" in CONTENT_MODELS for parent in meta.get_parent_list()
    ) or (f"{meta.app_label}.{meta.model_name}" in CONTENT_MODELS)


def _on_model_change(sender, **kwargs):
    if is_content(sender):
        content_changed()


def _on_page_signal(sender, **kwargs):
    content_changed()


def _on_cache_recovered(sender, **kwargs):
    # Content changed while Redis was unreachable could not forget its copies: forget them all now.
    _new_generation()


def connect():
    from .cache_backend import cache_recovered

    cache_recovered.connect(_on_cache_recovered, dispatch_uid="home.caching.cache_recovered")
    post_save.connect(_on_model_change, dispatch_uid="home.caching.post_save")
    post_delete.connect(_on_model_change, dispatch_uid="home.caching.post_delete")
    m2m_changed.connect(_on_model_change, dispatch_uid="home.caching.m2m_changed")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_on_page_signal, dispatch_uid=f"home.caching.{id(signal)}")


_MISSING = object()


def cached(request, name, compute, timeout=300):
    """`compute()`, kept in the cache under `name` for the current content generation."""
    key = f"{name}:{request_generation(request)}"
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(key, value, timeout)
    return value


def after_bulk_load(using="default"):
    """After a bulk load (demo content, the catalogue import): forget cached content (bulk updates send no
    signal) and, on PostgreSQL, refresh the planner's statistics.

    `load_demo` fills empty tables and autovacuum may be off or not yet run: without statistics PostgreSQL
    plans the filtered listing as if the tables were empty (84 ms of database CPU per request measured,
    27 ms after ANALYZE). SQLite's planner does well enough without (and `ANALYZE` there is rarely useful).
    """
    from django.db import connections

    content_changed()
    target = connections[using]
    if target.vendor == "postgresql":
        with target.cursor() as cursor:
            cursor.execute("ANALYZE")
