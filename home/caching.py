"""One content generation for every cached copy of public content (pages, header, footer, settings).

Everything the portal keeps in the shared cache about public content (the anonymous page cache of
`home.page_cache`, the menu, breadcrumbs, language links and site settings of
`home.templatetags.navigation_tags`) is stored under a key that includes the current *generation*, a
random value kept in the shared cache (Redis in production), so a change seen by one worker is seen by
all. When staff change content, the generation changes and every copy made before is never read again
(it expires after its timeout, or Redis evicts it first).

The generation changes when:

- a page is published, unpublished, moved or deleted (Wagtail's page signals), or any page is saved;
- a row of a model an app declared public content is saved or deleted: each app opts its models in from
  its `AppConfig.ready()` with `register_content_models(...)` (sheets and their snippets, the glossary,
  site settings, workshops' sessions, stage places, the search's term dictionary), so `home` names no
  other app of ours; `home` itself registers the Wagtail models public pages show (sites, locales, view
  restrictions, images, documents, search promotions, redirects);
- code that changes public content with a bulk `QuerySet.update()` (which sends no signal) calls
  `content_changed()` itself (the catalogue import does).

Personal rows and logs never change it: accounts, sign-ups, stage requests, documents, consent records, the
search log, sessions and queues. An anonymous search with no result or a pupil's sign-up forgets nothing.

When Redis was unreachable (`home.cache_backend`), the generation is renewed as soon as it answers again:
a change made during the outage could not renew it then.

Seats left are the one personal-driven figure public pages show (the agenda and the event pages). Those
pages declare it with `depends_on(request, key)`: the page cache keeps, with the stored copy, the value of
that key when the page was rendered, and serves the copy only while the key is unchanged. A sign-up calls
`changed(key)` for its event and the agenda, and nothing else is forgotten.

One generation for all content, rather than a list of the pages each change affects: staff publish a few
times a day, a whole-site miss costs one render per page visited, and no rule can forget a listing, the
home page's featured cards or search results that show a changed sheet.
"""

import uuid

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from wagtail.signals import page_unpublished, post_page_move

GENERATION_KEY = "content-generation"

LIVE_KEY_PREFIX = "live:"
# Labels ("app_label.model_name") of the models whose rows public pages show: filled by the apps'
# `AppConfig.ready()` through `register_content_models`. A subclass (multi-table inheritance, as every page
# type is of wagtailcore.Page) is content when a parent is.
_content_models = set()
# Wagtail's models that public pages show; not revisions, logs, renditions, tasks or workflow states.
WAGTAIL_CONTENT_MODELS = (
    "wagtailcore.Page",
    "wagtailcore.Site",
    "wagtailcore.Locale",
    "wagtailcore.PageViewRestriction",
    "wagtailcore.CollectionViewRestriction",
    "wagtailimages.Image",
    "wagtaildocs.Document",
    "wagtailsearchpromotions.SearchPromotion",
    "wagtailredirects.Redirect",
)


def _label(model):
    if isinstance(model, str):
        app_label, _dot, name = model.partition(".")
        return f"{app_label}.{name.lower()}"
    return f"{model._meta.app_label}.{model._meta.model_name}"


def register_content_models(*models):
    """Declare models (classes or "app_label.Model" strings) as public content: saving or deleting one of
    their rows forgets every cached copy of public content. Never a log, a queue or a person's data."""
    _content_models.update(_label(model) for model in models)


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
    return _label(model) in _content_models or any(
        _label(parent) in _content_models for parent in meta.get_parent_list()
    )


# A page's fields (attribute names) that only Wagtail's bookkeeping changes (saving a draft, locking, scheduling): the live
# page shows none of them.
BOOKKEEPING_FIELDS = {
    "latest_revision_id",
    "latest_revision_created_at",
    "draft_title",
    "has_unpublished_changes",
    "live_revision_id",
    "first_published_at",
    "last_published_at",
    "locked",
    "locked_at",
    "locked_by_id",
    "owner_id",
    "go_live_at",
    "expire_at",
}
PAGES_KEY = "pages"


def page_key(page_id):
    """The `depends_on` key of one page's cached copies (the page, its fragments)."""
    return f"page:{page_id}"


def own_fields(model):
    """The fields of a page model shown on its own page only: its rich text and StreamFields, and what the
    model adds in `page_only_fields`. A change of any other field (title, slug, listing summary and image,
    classifications...) may show in menus, cards and other pages: it forgets everything."""
    from wagtail.fields import RichTextField, StreamField

    fields = {f.attname for f in model._meta.concrete_fields if isinstance(f, (RichTextField, StreamField))}
    return fields | set(getattr(model, "page_only_fields", ()))


def _is_page(model):
    from wagtail.models import Page

    return issubclass(model, Page)


def _compared(model):
    """Rows compared with the database before they are saved: pages, and the rows a page owns through a
    ParentalKey (Wagtail's publish saves them all again, changed or not)."""
    if _is_page(model):
        return True
    from modelcluster.fields import ParentalKey

    return any(isinstance(field, ParentalKey) for field in model._meta.concrete_fields)


def _changed_fields(instance):
    """The names of the fields whose value differs from the stored row (one query), or None if unknown."""
    model = type(instance)
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    stored = model._base_manager.filter(pk=instance.pk).values(*[f.attname for f in fields]).first()
    if stored is None:
        return None
    changed = set()
    for field in fields:
        try:
            before = field.get_prep_value(stored[field.attname])
            after = field.get_prep_value(getattr(instance, field.attname))
        except (TypeError, ValueError):
            changed.add(field.attname)
            continue
        if before != after:
            changed.add(field.attname)
    return changed


def _before_save(sender, instance=None, raw=False, **kwargs):
    if raw or instance is None or instance.pk is None or instance._state.adding:
        return
    if is_content(sender) and _compared(sender):
        instance._content_changed_fields = _changed_fields(instance)


def _on_model_change(sender, instance=None, **kwargs):
    if not is_content(sender):
        return
    is_save = kwargs.get("signal") is post_save and instance is not None
    changed = instance.__dict__.pop("_content_changed_fields", None) if is_save else None
    if changed is not None:
        changed -= BOOKKEEPING_FIELDS if _is_page(sender) else set()
        if not changed:
            return  # a save that changes nothing shown (Wagtail's publish saves every row again) forgets nothing
        if _is_page(sender) and changed <= own_fields(sender):
            page_changed(instance)
            return
    content_changed()


def page_changed(page):
    """Forget the cached copies of `page` (the page, its fragments, its glossary markup), of its ancestors
    (the listings and the home page that show it) and of the views that are not pages (the search): a body
    change of one sheet leaves the other 531 sheets' copies in place."""
    from wagtail.models import Page

    steps = Page.steplen
    paths = [page.path[:end] for end in range(steps, len(page.path), steps)]
    ancestors = list(Page.objects.filter(path__in=paths).values_list("pk", flat=True)) if paths else []
    changed(page_key(page.pk), *(page_key(pk) for pk in ancestors), PAGES_KEY)


def _on_page_signal(sender, **kwargs):
    content_changed()


def _on_cache_recovered(sender, **kwargs):
    # Content changed while Redis was unreachable could not forget its copies: forget them all now.
    _new_generation()


def connect():
    from .cache_backend import cache_recovered

    cache_recovered.connect(_on_cache_recovered, dispatch_uid="home.caching.cache_recovered")
    pre_save.connect(_before_save, dispatch_uid="home.caching.pre_save")
    post_save.connect(_on_model_change, dispatch_uid="home.caching.post_save")
    post_delete.connect(_on_model_change, dispatch_uid="home.caching.post_delete")
    m2m_changed.connect(_on_model_change, dispatch_uid="home.caching.m2m_changed")
    # A publication saves the page's row (post_save above decides what it forgets); unpublishing and moving
    # change menus, listings and URLs.
    for signal in (page_unpublished, post_page_move):
        signal.connect(_on_page_signal, dispatch_uid=f"home.caching.{id(signal)}")


_MISSING = object()


def _live_value(key):
    value = cache.get(LIVE_KEY_PREFIX + key)
    if value is None:
        value = uuid.uuid4().hex[:12]
        if not cache.add(LIVE_KEY_PREFIX + key, value, timeout=None):
            value = cache.get(LIVE_KEY_PREFIX + key) or value
    return value


def depends_on(request, *keys):
    """Say that the page being rendered for `request` shows a figure that changes without a content change
    (seats left): the page cache serves its copy only while each key is unchanged (see `changed`).

    The key's value is read now, before the figure is, so a change during the render leaves the copy out
    of date at once rather than stale."""
    if request is None:
        return
    live = request.__dict__.setdefault("_live_keys", {})
    for key in keys:
        if key not in live:
            live[key] = _live_value(key)
    # A cached fragment being rendered keeps these keys with its copy (content_cache_tags).
    for recorded in getattr(request, "_dependency_recorders", ()):
        recorded.update(keys)


def live_keys(request):
    """The keys `depends_on` recorded for `request`, with their values at render time."""
    return getattr(request, "_live_keys", {})


def live_values(keys):
    """The current values of `keys` (None for a key never set or evicted)."""
    found = cache.get_many([LIVE_KEY_PREFIX + key for key in keys])
    return {key: found.get(LIVE_KEY_PREFIX + key) for key in keys}


def _new_live_value(keys):
    cache.set_many({LIVE_KEY_PREFIX + key: uuid.uuid4().hex[:12] for key in keys}, timeout=None)


def changed(*keys):
    """Forget the cached pages that declared `depends_on` one of `keys` (and only those): now, and again when
    the transaction commits (as `content_changed` does)."""
    _new_live_value(keys)
    if connection.in_atomic_block:
        transaction.on_commit(lambda: _new_live_value(keys))


def cached(request, name, compute, timeout=300):
    """`compute()`, kept in the cache under `name` for the current content generation."""
    key = f"{name}:{request_generation(request)}"
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(key, value, timeout)
    return value


def cached_entry(request, name, item, compute_all, default=None, timeout=300):
    """The entry `item` of the table `compute_all()` ({item: value}, every item at once), kept in the cache one
    entry per key for the current content generation.

    For what each of many pages shows about other rows (a sheet's classifications and related sheets): the
    first page asked after a change computes the whole table in a few queries and stores every entry; each
    other page's first visit then reads its own small entry, no query, and never the whole table. The table
    should hold every item (an empty value too): an item it lacks gets `default`, but only the asker's is
    stored, and an entry missing from the cache (never stored, or evicted) makes its asker compute the table
    again."""
    prefix = f"{name}:{request_generation(request)}:"
    value = cache.get(prefix + str(item), _MISSING)
    if value is _MISSING:
        table = compute_all()
        value = table.get(item, default)
        entries = {prefix + str(key): entry for key, entry in table.items()}
        entries.setdefault(prefix + str(item), value)
        cache.set_many(entries, timeout)
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
