"""Keep the term dictionary in step with the sheets staff publish, unpublish or delete in the admin.

The import writes sheets in bulk and sends no signal: the dictionary notices through its fingerprint
(`search.terms.ensure_fresh`). The autocomplete cache is keyed on a generation number bumped here, so that
a page taken offline leaves the suggestions at once.
"""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.signals import page_published, page_unpublished

from metiers.models import CentreInteret, MetierPage

from . import terms

GENERATION_KEY = "search:generation"


def bump_generation():
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 1, None)


def generation():
    return cache.get_or_set(GENERATION_KEY, 1, None)


@receiver(page_published)
@receiver(page_unpublished)
def page_changed(sender, instance, **kwargs):
    bump_generation()
    if isinstance(instance, MetierPage):
        page_id = instance.pk
        transaction.on_commit(lambda: terms.refresh_pages([page_id]))


@receiver(post_delete)
def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, MetierPage):
        bump_generation()


@receiver(post_save, sender=CentreInteret)
def interest_renamed(sender, instance, created, **kwargs):
    if not created:
        terms.mark_stale()
