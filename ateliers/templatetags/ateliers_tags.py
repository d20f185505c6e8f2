"""Template tags that show the parcours Découverte elsewhere (the métier sheets), so `metiers` never
imports `ateliers`."""

from collections import defaultdict

from django import template
from django.conf import settings
from django.utils import timezone

from ateliers.models import EventMetier, EventPage, Session
from home.caching import cached

register = template.Library()

MAX_ON_SHEET = 5


def _upcoming_index():
    """{French sheet's translation key: [(start, session id), …]} of the upcoming, not cancelled sessions of
    live, public French events, for every sheet at once (two queries)."""
    events = EventPage.objects.live().public().filter(locale__language_code=settings.LANGUAGE_CODE).values("pk")
    sheets_of = defaultdict(set)
    links = EventMetier.objects.filter(page__in=events, metier__locale__language_code=settings.LANGUAGE_CODE)
    for page_id, key in links.values_list("page_id", "metier__translation_key"):
        sheets_of[page_id].add(key)
    index = defaultdict(list)
    sessions = Session.objects.filter(page__in=events, cancelled_at__isnull=True, starts_at__gt=timezone.now())
    for pk, page_id, starts_at in sessions.values_list("pk", "page_id", "starts_at"):
        for key in sheets_of[page_id]:
            index[key].append((starts_at, pk))
    return {key: sorted(rows) for key, rows in index.items()}


@register.simple_tag(takes_context=True)
def upcoming_sessions_for(context, metier_page):
    """The next sessions of live, public events about this métier sheet. Events link to French sheets and
    sessions belong to French events: a translated sheet shows those of its French sheet.

    Which sessions are upcoming for which sheet is one index for all sheets, kept for the content generation
    (sessions and events are content; at most `cached`'s 300 s old, as cached pages are): a sheet without
    workshops (most of them) costs no query, one with some costs one."""
    if metier_page is None or not getattr(metier_page, "pk", None):
        return []
    index = cached(context.get("request"), "upcoming-sessions-by-sheet", _upcoming_index)
    now = timezone.now()
    pks = [pk for starts_at, pk in index.get(metier_page.translation_key, ()) if starts_at > now][:MAX_ON_SHEET]
    if not pks:
        return []
    return list(
        Session.objects.filter(pk__in=pks, cancelled_at__isnull=True).select_related("page").order_by("starts_at")
    )
