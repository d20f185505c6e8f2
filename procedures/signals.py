"""Put back the view restriction of a procedures page when anything else changes or removes it.

The admin hides the privacy control of these pages, but a restriction can still be edited through a
crafted request, the Django admin or the shell. Once the transaction commits, the page's restriction is
rewritten from the code's rules (a no-op when it already matches, so this does not loop).
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from wagtail.models import Page, PageViewRestriction

from .models import PrivatePageMixin


def enforce_later(page_id):
    def enforce():
        page = Page.objects.filter(pk=page_id).first()
        if page is not None and isinstance(page.specific_deferred, PrivatePageMixin):
            page.specific.enforce_view_restriction()

    transaction.on_commit(enforce)


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def restriction_changed(sender, instance, **kwargs):
    enforce_later(instance.page_id)


@receiver(m2m_changed, sender=PageViewRestriction.groups.through)
def restriction_groups_changed(sender, instance, action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"} and isinstance(instance, PageViewRestriction):
        enforce_later(instance.page_id)
