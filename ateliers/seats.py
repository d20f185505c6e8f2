"""Seats left on public pages, without a sign-up forgetting the whole page cache.

The agenda and every event page show the seats left and the waiting list of each session; anonymous copies
of those pages are kept by the page cache (`home.page_cache`). A sign-up is a pupil's personal row: it must
not change the content generation (every sheet, menu and listing forgotten at each sign-up during a forum).
Instead, those pages declare the seats they show (`home.caching.depends_on`) and a change of seats forgets
them alone (`home.caching.changed`): the event's pages in every language and the agenda.
"""

from django.db.models.signals import post_delete, post_save

from home.caching import changed, depends_on

AGENDA_KEY = "ateliers:seats"


def event_key(translation_key):
    """The key of one event's seats: its pages in every language show the French page's sessions."""
    return f"ateliers:seats:{translation_key}"


def shows_agenda_seats(request):
    depends_on(request, AGENDA_KEY)


def shows_event_seats(request, page):
    depends_on(request, event_key(page.translation_key))


def seats_changed(session_ids):
    """The seats of these sessions changed (a sign-up, a cancellation, a promotion from the waiting list)."""
    from .models import Session

    keys = {
        event_key(key)
        for key in Session.objects.filter(pk__in=list(session_ids)).values_list("page__translation_key", flat=True)
    }
    changed(AGENDA_KEY, *sorted(keys))


def _on_signup_change(sender, instance, **kwargs):
    seats_changed([instance.session_id])


def connect():
    from .models import SignUp

    post_save.connect(_on_signup_change, sender=SignUp, dispatch_uid="ateliers.seats.post_save")
    post_delete.connect(_on_signup_change, sender=SignUp, dispatch_uid="ateliers.seats.post_delete")
