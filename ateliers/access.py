"""Who may see or do what in the parcours Découverte: the one place the views, templates and hooks ask.

Public (anyone, logged in or not): the agenda, the event pages, each session's date, place name, seats
left and waiting-list length, the leaders' first names and jobs, the agenda's iCalendar feed. Never a
pupil's name, the online link or the attendance list.

That a pupil is signed up (or waiting) is seen only by:
- the pupil (their « Mon espace », the event page, their personal calendar feed);
- their parents (the parent's « Mon espace » through `accounts.access.visible_pupils`);
- their teacher: the sign-ups of pupils of the classes they teach (`accounts.access.managed_classes`),
  not other classes of the same collège;
- the leaders of that event: the names signed up to their sessions (first name, class initial), on the
  attendance sheet and the check-in page, and nothing of other events;
- staff (« Équipe ») and superusers: everything, in the admin too.

The online link is shown to staff, the event's leaders and pupils with a confirmed seat. The attendance
sheet and the check-in page: staff and the event's leaders. Feedback: staff read it with names; leaders see
only the answers of their sessions, without names, once a session has `FEEDBACK_MIN_ANSWERS` answers (with
fewer, the leader, who holds the attendance names, could tell who wrote what), its comments masked
(`safeguarding`: a pupil's words read by an adult).

Enforced in `ateliers.views` (each view loads the session or sign-up, then asks this module, and answers
404 rather than 403 so nobody learns what exists), in `EventPage.get_context` (through `session_rows`),
and in the « Mon espace » hooks of `ateliers.wagtail_hooks`. Every response to a logged-in person is
`Cache-Control: private, no-store` (`home.middleware`).
"""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from accounts import access as accounts_access
from accounts.roles import Role

from .models import Session, SignUp

FEEDBACK_MIN_ANSWERS = 5


def is_staff(user):
    return accounts_access.is_staff_member(user)


def leads(user, session):
    """Whether `user` is one of the leaders of the session's event."""
    return user.is_authenticated and session.page.leaders.filter(user=user).exists()


def names_shown_to_leaders(session, today=None):
    """Whether the event's leaders may read the names signed up to `session` now: always, except for a
    session reserved to outside speakers (`names_on_the_day_only`), from its day on."""
    if not session.names_on_the_day_only:
        return True
    return (today or timezone.localdate()) >= timezone.localdate(session.starts_at)


def can_run(user, session):
    """Attendance sheet and check-in: staff, and the event's leaders when they may read the names."""
    return is_staff(user) or (leads(user, session) and names_shown_to_leaders(session))


def visible_signups(user, session):
    """The active sign-ups of `session` that `user` may see."""
    signups = SignUp.objects.filter(session=session).exclude(status=SignUp.Status.CANCELLED)
    if not user.is_authenticated:
        return signups.none()
    if can_run(user, session):
        return signups
    return signups.filter(pupil__in=accounts_access.visible_pupils(user))


def can_see_online_link(user, session, signup=None):
    if not user.is_authenticated:
        return False
    if can_run(user, session):
        return True
    if signup is None:
        signup = SignUp.objects.filter(session=session, pupil=user).first()
    return signup is not None and signup.pupil_id == user.pk and signup.status == SignUp.Status.CONFIRMED


def can_book_for_class(user):
    return user.is_authenticated and (is_staff(user) or user.has_role(Role.TEACHER))


def can_give_feedback(user, signup):
    return (
        signup.pupil_id == user.pk
        and signup.attended is True
        and signup.status == SignUp.Status.CONFIRMED
        and signup.session.is_past
    )


@dataclass
class SessionRow:
    """A session as the event page shows it to one visitor."""

    session: Session
    waiting_count: int
    signup: SignUp | None
    show_link: bool
    can_run: bool


def session_rows(user, page):
    """The event's sessions with what `user` may see of each: at most three queries whatever the size. On a
    translation, the French page's sessions (`EventPage.sessions_shown`)."""
    sessions = list(
        page.sessions_shown()
        .filter(cancelled_at__isnull=True)
        .select_related("page")
        .annotate(waiting_count=Count("signups", filter=Q(signups__status=SignUp.Status.WAITING)))
        .order_by("starts_at")
    )
    source = sessions[0].page if sessions else page
    mine = {}
    if user.is_authenticated:
        mine = {
            signup.session_id: signup
            for signup in SignUp.objects.filter(session__in=sessions, pupil=user).exclude(
                status=SignUp.Status.CANCELLED
            )
        }
    running = user.is_authenticated and (is_staff(user) or source.leaders.filter(user=user).exists())
    rows = []
    for session in sessions:
        signup = mine.get(session.pk)
        show_link = running or (signup is not None and signup.status == SignUp.Status.CONFIRMED)
        rows.append(SessionRow(session, session.waiting_count, signup, show_link, running))
    return rows


def display_name(pupil):
    """How leaders see a pupil: first name and the initial of the last name, and the class."""
    initial = f" {pupil.last_name[:1]}." if pupil.last_name else ""
    school_class = f" ({pupil.school_class.name})" if pupil.school_class_id else ""
    return f"{pupil.first_name}{initial}{school_class}"
