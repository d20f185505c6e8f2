"""Keep the term dictionary in step with the sheets staff publish, unpublish or delete in the admin.

The import writes sheets in bulk and sends no signal: the dictionary notices through its fingerprint
(`search.terms.ensure_fresh`). The caches of the search (who may see which page, autocomplete answers, the
dictionary's freshness check) are keyed on a generation number bumped here whenever a page or a view
restriction changes, so that a page taken offline or made private leaves the results at once.
"""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished

from metiers.models import CentreInteret, MetierPage

from . import terms
from .models import PupilWord, PupilWordSheet

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


@receiver(post_save)
@receiver(post_delete)
def page_saved_or_deleted(sender, instance, **kwargs):
    """Any page saved or deleted, or a view restriction changed: cached visibility lists are out of date."""
    if isinstance(instance, Page | PageViewRestriction):
        bump_generation()


@receiver(m2m_changed, sender=PageViewRestriction.groups.through)
def restriction_groups_changed(sender, **kwargs):
    bump_generation()


@receiver(post_save, sender=CentreInteret)
def interest_renamed(sender, instance, created, **kwargs):
    if not created:
        terms.mark_stale()


def _refresh_sheets_on_commit(page_ids):
    """Rewrite the dictionary rows of these sheets once the transaction commits, and drop the cached answers
    (autocomplete, visibility): a word staff just saved is searched and suggested at once."""
    page_ids = [page_id for page_id in page_ids if page_id]
    if not page_ids:
        return

    def refresh():
        terms.refresh_pages(page_ids)
        bump_generation()

    transaction.on_commit(refresh)


@receiver(post_save, sender=PupilWord)
def pupil_word_saved(sender, instance, **kwargs):
    _refresh_sheets_on_commit(list(PupilWordSheet.objects.filter(word=instance).values_list("page_id", flat=True)))
    _vocabulary_changed_on_commit()


@receiver(post_delete, sender=PupilWord)
def pupil_word_deleted(sender, instance, **kwargs):
    _vocabulary_changed_on_commit()


def _vocabulary_changed_on_commit():
    """A word's meaning (a concept, no sheet) is read by each process's meaning index (search.concepts): record
    the new fingerprint so that every process reloads that index, without rebuilding the whole dictionary."""

    def changed():
        terms.note_vocabulary_changed()
        bump_generation()

    transaction.on_commit(changed)


@receiver(post_save, sender=PupilWordSheet)
@receiver(post_delete, sender=PupilWordSheet)
def pupil_word_sheet_changed(sender, instance, **kwargs):
    _refresh_sheets_on_commit([instance.page_id])
