"""The « parcours Découverte »: workshops, talks and job forums (event pages under the agenda), their
sessions, and pupils' sign-ups.

Seats are counted by the database, never in Python: `Session.seats_taken` is changed only by
`ateliers.booking` while the session row is locked (`select_for_update`), and two constraints hold even if
code forgets it: `seats_taken` never exceeds `capacity`, and a pupil has at most one active (confirmed or
waiting) sign-up per session.
"""

from .pages import (
    AgendaIndexPage,
    EventLeader,
    EventMetier,
    EventPage,
    EventPageForm,
    Kind,
    Level,
    Session,
    SessionsPanel,
    in_source_language,
)
from .signups import CalendarFeed, Feedback, SignUp, has_free_seat, new_feed_token

__all__ = [
    "AgendaIndexPage",
    "CalendarFeed",
    "EventLeader",
    "EventMetier",
    "EventPage",
    "EventPageForm",
    "Feedback",
    "Kind",
    "Level",
    "Session",
    "SessionsPanel",
    "SignUp",
    "has_free_seat",
    "in_source_language",
    "new_feed_token",
]
