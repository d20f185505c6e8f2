"""Template tags that show the parcours Découverte elsewhere (the métier sheets), so `metiers` never
imports `ateliers`."""

from django import template
from django.conf import settings
from django.utils import timezone

from wagtail.models import Page

from ateliers.models import EventPage, Session, in_source_language

register = template.Library()

MAX_ON_SHEET = 5


@register.simple_tag
def upcoming_sessions_for(metier_page):
    """The next sessions of live, public events about this métier sheet (one query). Events link to French
    sheets and sessions belong to French events: a translated sheet shows those of its French sheet."""
    if metier_page is None or not getattr(metier_page, "pk", None):
        return []
    sheets = in_source_language(Page.objects, metier_page.translation_key).values("pk")
    events = (
        EventPage.objects.live()
        .public()
        .filter(related_metiers__metier_id__in=sheets, locale__language_code=settings.LANGUAGE_CODE)
    )
    return list(
        Session.objects.filter(page__in=events.values("pk"), cancelled_at__isnull=True, starts_at__gt=timezone.now())
        .select_related("page")
        .order_by("starts_at")[:MAX_ON_SHEET]
    )
