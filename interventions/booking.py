"""A confirmed workshop becomes a session of the parcours Découverte, reserved to the requesting classes.

`book(request)`, called by the workflow inside the confirmation's transaction:
1. the event page: the one made for this request earlier (slug ``intervention-<id>``), or a new one under
   the agenda, for the request's collège and level, with the theme's métier sheets (it then appears on
   those sheets) and the speaker as its leader (check-in, attendance sheet and feedback as for any leader);
2. one session on the confirmed date, booked by class (pupils never sign up themselves), its seats the
   number of pupils of the classes;
3. the classes' pupils booked through `ateliers.booking.book_class`, as their teacher (a pupil without
   consent, or who cannot take part, is refused there and told to the teacher);
4. the seats then shrink to the pupils booked: nobody else can take one (the session is « reserved »).
   A pupil whose consent comes later is added by staff (the session's page in the admin).

Titles and texts shown to pupils are built from the catalogue's names and the speaker's job, which the
speaker's form checked with the safeguarding filter.
"""

from django.contrib.auth import get_user_model
from django.db.models import F
from django.utils.translation import gettext as _

from wagtail.models import Locale

from accounts.roles import Role
from ateliers import booking as ateliers_booking
from ateliers.models import AgendaIndexPage, EventLeader, EventMetier, EventPage, Kind, Level, Session

from .models import Format

KIND_BY_FORMAT = {Format.FORUM: Kind.FORUM, Format.TALK: Kind.TALK}


class NoAgenda(Exception):
    """The site has no agenda page to hold the workshop's event."""


def _level(request):
    levels = set(request.levels)
    if levels == {Level.QUATRIEME.value}:
        return Level.QUATRIEME
    if levels == {Level.TROISIEME.value}:
        return Level.TROISIEME
    return Level.BOTH


def class_pupils(request):
    return (
        get_user_model()
        .objects.filter(school_class__in=request.classes.all(), groups__name=Role.PUPIL, is_active=True)
        .order_by("last_name", "first_name", "pk")
    )


def event_page(request):
    """The event of this request: found again by its slug, or created (live) under the French agenda."""
    locale = Locale.get_default()
    slug = f"intervention-{request.pk}"
    page = EventPage.objects.filter(slug=slug, locale=locale).first()
    if page is not None:
        return page
    agenda = AgendaIndexPage.objects.filter(locale=locale).first()
    if agenda is None:
        raise NoAgenda(_("Le site n'a pas encore d'agenda du parcours Découverte : créez-le d'abord."))
    theme = request.theme_label
    page = EventPage(
        title=_("Rencontre métiers : %(theme)s") % {"theme": theme} if theme else _("Rencontre métiers"),
        slug=slug,
        locale=locale,
        kind=KIND_BY_FORMAT.get(request.format, Kind.WORKSHOP),
        level=_level(request),
        school=request.school,
        introduction=_("Une intervention demandée par votre professeur, réservée à votre classe."),
    )
    for sheet in list(request.sheets.all())[:8]:
        page.related_metiers.add(EventMetier(metier=sheet))
    if request.speaker_id:
        page.leaders.add(EventLeader(user=request.speaker.user, job=request.speaker.job))
    agenda.add_child(instance=page)
    return page


def book(request, by):
    """Create (or find) the event and its session for the confirmed `request`, book its classes as their
    teacher (`by`, staff, when the teacher's account is gone); returns (session, booked, refusals) as
    `ateliers.booking.book_class` does."""
    page = event_page(request)
    pupils = list(class_pupils(request))
    starts_at = request.confirmed_slot
    session = Session.objects.filter(page=page, starts_at=starts_at).first()
    if session is None:
        place_kind = Session.Place.COMPANY if request.format == Format.VISIT else Session.Place.SCHOOL
        place = ", ".join(part for part in (request.place, request.room) if part)
        session = Session(
            page=page,
            starts_at=starts_at,
            ends_at=request.ends_at(starts_at),
            place_kind=place_kind,
            place=place[:200],
            capacity=max(len(pupils), 1),
            booking=Session.Booking.CLASS,
            names_on_the_day_only=True,  # the speaker reads the pupils' names on the day only
        )
        page.sessions.add(session)
        page.save_revision().publish()  # the revision holds the session: republishing it keeps it
        session = Session.objects.get(page=page, starts_at=starts_at)
    booked, refusals = ateliers_booking.book_class(session, request.teacher or by, pupils)
    # Reserved: the seats left (pupils refused) are withdrawn, so nobody else books them.
    Session.objects.filter(pk=session.pk).update(capacity=F("seats_taken"))
    session.refresh_from_db()
    return session, booked, refusals
