"""Bulk insertion of new pages into Wagtail's page tree: the import's only use of private APIs.

Wagtail's `add_child` saves one page at a time (several queries each, plus a revision). Creating the
532 sheets that way takes minutes; inserting them in bulk takes about a second. Bulk insertion needs
three things neither Wagtail nor Django offers publicly:

* treebeard's materialised-path helpers `MP_Node._get_path` and `MP_Node._str2int` (and `steplen`), to
  compute each new page's `path` exactly as `add_child` would;
* Django's `QuerySet._insert`, because `bulk_create` refuses multi-table child models such as every
  page type: the `wagtailcore_page` rows are bulk-created first, then the child rows pointing to them.

They are used here and nowhere else, and `tests/test_metiers_import.py` checks the resulting tree with
treebeard's own `find_problems`, so a Wagtail, treebeard or Django upgrade that changes them breaks this
function, loudly, in one place.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import connections, router
from django.db.models import F

from wagtail.models import Page


def bulk_add_children(parent, pages, batch_size=200):
    """Insert unsaved `pages` (all of one specific page model) as the last children of `parent`.

    Each page must have its slug, titles, locale and publication fields set; this sets its tree fields
    (`path`, `depth`, `numchild`, `url_path`) and content type, inserts the rows, and adds the new
    children to the parent's `numchild`, in the database and on the `parent` object itself (as
    `add_child` does: a stale count saved later, say by publishing the parent, would hide its children).
    """
    if not pages:
        return pages
    model = type(pages[0])
    fresh = Page.objects.get(pk=parent.pk)  # current path and numchild, whatever the caller holds
    siblings = Page.objects.filter(path__startswith=fresh.path, depth=fresh.depth + 1)
    last_path = siblings.order_by("-path").values_list("path", flat=True).first()
    position = Page._str2int(last_path[-Page.steplen :]) if last_path else 0
    content_type = ContentType.objects.get_for_model(model)
    for offset, page in enumerate(pages, start=1):
        page.path = Page._get_path(fresh.path, fresh.depth + 1, position + offset)
        page.depth = fresh.depth + 1
        page.numchild = 0
        page.url_path = f"{fresh.url_path}{page.slug}/"
        page.content_type = content_type

    Page.objects.bulk_create(pages, batch_size=batch_size)
    for page in pages:
        page.page_ptr_id = page.id
    using = router.db_for_write(model)
    fields = model._meta.local_concrete_fields
    batch = max(1, connections[using].ops.bulk_batch_size(fields, pages))
    for start in range(0, len(pages), batch):
        model._base_manager.using(using)._insert(pages[start : start + batch], fields=fields, using=using)

    Page.objects.filter(pk=fresh.pk).update(numchild=F("numchild") + len(pages))
    parent.numchild = Page.objects.values_list("numchild", flat=True).get(pk=fresh.pk)
    return pages
