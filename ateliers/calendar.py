"""iCalendar feeds (RFC 5545, written by the `icalendar` library): the agenda's public feed and each
person's secret feed of the sessions they hold a seat in or lead. The public feed never holds a pupil's
name or an online link; the personal one gives the link to those who may see it."""

from django.conf import settings
from django.utils import timezone

from icalendar import Calendar, Event


def build(sessions, request, *, name, show_links=False):
    cal = Calendar()
    cal.add("prodid", "-//Un stage et après//Parcours Découverte//FR")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", str(name))
    host = request.get_host() if request else settings.WAGTAILADMIN_BASE_URL
    for session in sessions:
        event = Event()
        event.add("uid", f"seance-{session.pk}@{host}")
        event.add("dtstamp", timezone.now())
        event.add("dtstart", session.starts_at)
        event.add("dtend", session.ends_at)
        event.add("summary", session.page.title)
        event.add("location", str(session.place_label()))
        page_url = session.page.get_full_url(request) or ""
        event.add("url", page_url)
        description = session.page.introduction or ""
        if show_links and session.online_link:
            description = f"{description}\n{session.online_link}".strip()
        event.add("description", description)
        cal.add_component(event)
    return cal.to_ical()
