"""Sign-ups, cancellations, class bookings and the waiting list: the only code that moves seats.

Every change of seats happens in one transaction that first locks the pupil's row, then the session's row
(`select_for_update`, always in that order, so two requests never wait on each other in a circle). While
the session row is locked nobody else can count or take its seats, so the count read is the truth; the
database constraints (`session_not_overbooked`, `one_active_signup_per_pupil`) refuse anything that would
still slip through. Two presses of the same button give one sign-up: the second finds the first and says so.

Rules:
- a pupil takes part only with consent (`accounts.access.can_take_part`), and a session outside their
  collège also needs `can_share_with_outside`;
- the level and collège of the event must match the pupil's class;
- pupils sign up themselves only on « self » sessions, between the opening and closing dates; the closing
  date also stops their cancellations. Staff are bound by neither; teachers book their own classes within
  the same window;
- a full session puts the pupil on the waiting list; a freed seat goes to the first on the list (an email
  tells them);
- a pupil cannot hold two sessions that overlap in time;
- a walk-in (a leader adds, on the check-in page, a pupil who came without a seat) is only a pupil already
  signed up, or one who could have signed up by the session's own rules (consent, collège, level, clash),
  on the day, from an hour before the start to the end; every refusal gets the same answer (nobody learns
  whether an identifier exists or why), the leader's tries are limited (`ateliers_walk_in`), and the pupil
  and their parents are told by e-mail.

A sign-up's status changes only through its django-fsm-2 transitions (`SignUp.confirm`, `SignUp.cancel`),
called here on rows locked as above; `confirm` is guarded by a free seat of the locked session.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from django_fsm import can_proceed

from accounts import access as accounts_access
from accounts import consent
from home import dates
from home.caching import content_changed

from . import notifications
from .models import Level, Session, SignUp
from .seats import seats_changed


class SystemAction:
    """An action no person clicked: the erasure of an account (by the scheduled clean-up or a staff member's
    request), a job. Passed as `by`, it acts with staff's latitude (whatever the closing date) without
    pretending to be anyone; the history records it with no person of its own and with its `reason`."""

    is_authenticated = False

    def __init__(self, reason):
        self.reason = str(reason)

    def __repr__(self):
        return f"SystemAction({self.reason!r})"


def acts_as_staff(by):
    """Staff and system actions are bound by no closing date."""
    return isinstance(by, SystemAction) or accounts_access.is_staff_member(by)


class BookingError(Exception):
    """A refusal, with the French message to show. Nothing was written.

    `message` speaks to the pupil (« tu »); `about` says the same to a teacher booking for the pupil
    (« vous », the pupil in the third person), when it differs."""

    def __init__(self, message, about=None):
        super().__init__(message)
        self.message = message
        self.about = about or message


def reason_for_teacher(pupil):
    """Why the pupil cannot take part yet, told to their teacher; empty when they can."""
    if accounts_access.can_take_part(pupil):
        return ""
    state = consent.status(pupil)
    if state == consent.Status.PENDING:
        return _("sa famille n'a pas encore donné son accord (lettre aux parents à transmettre).")
    if state == consent.Status.PENDING_SELF:
        return _("l'élève doit d'abord donner son propre accord dans « Mon espace ».")
    if state == consent.Status.REFUSED:
        return _("l'accord pour participer a été refusé.")
    if state == consent.Status.WITHDRAWN:
        return _("l'accord pour participer a été retiré.")
    return _("son compte n'est pas encore activé (codes de sa carte à utiliser).")


def is_outside_school(session, pupil):
    """Whether the session takes the pupil outside their own collège (another collège, a company, online)."""
    school_id = pupil.school_class.school_id if pupil.school_class_id else None
    event = session.page
    return session.place_kind != Session.Place.SCHOOL or event.school_id is None or event.school_id != school_id


def check_eligible(session, pupil, walk_in=False):
    """Raise BookingError if this pupil may not hold a place in this session, whoever books it. A walk-in
    (`walk_in`) comes when the session starts: its start is no refusal then."""
    if not accounts_access.can_take_part(pupil):
        raise BookingError(
            accounts_access.blocked_message(pupil) or _("Cet élève ne peut pas encore s'inscrire aux ateliers."),
            about=reason_for_teacher(pupil),
        )
    if is_outside_school(session, pupil) and not accounts_access.can_share_with_outside(pupil):
        raise BookingError(_("Cette séance a lieu hors du collège : il faut l'accord de la famille."))
    event = session.page
    school_class = pupil.school_class
    if school_class is None:
        raise BookingError(_("Cet élève n'a pas de classe sur le portail."))
    if event.level != Level.BOTH and event.level != school_class.level:
        raise BookingError(
            _("Cette séance est réservée aux élèves de %(level)s.") % {"level": event.get_level_display()}
        )
    if event.school_id and event.school_id != school_class.school_id:
        raise BookingError(
            _("Cette séance est réservée aux élèves d'un collège : %(school)s.") % {"school": event.school}
        )
    if session.cancelled_at:
        raise BookingError(_("Cette séance est annulée."))
    if session.starts_at <= timezone.now() and not walk_in:
        raise BookingError(_("Cette séance a déjà commencé ou est passée."))


def check_window(session, now=None):
    now = now or timezone.now()
    if session.signup_opens_at and now < session.signup_opens_at:
        opens_at = timezone.localtime(session.signup_opens_at)
        raise BookingError(
            _("Les inscriptions ouvrent le %(date)s à %(time)s.")
            % {"date": dates.day(opens_at, "j F Y"), "time": dates.clock(opens_at)}
        )
    if session.signup_closes_at and now >= session.signup_closes_at:
        raise BookingError(_("Les inscriptions à cette séance sont closes."))


def _check_clash(session, pupil):
    clash = (
        SignUp.objects.filter(
            pupil=pupil, session__starts_at__lt=session.ends_at, session__ends_at__gt=session.starts_at
        )
        .exclude(status=SignUp.Status.CANCELLED)
        .exclude(session=session)
        .exclude(session__cancelled_at__isnull=False)
        .select_related("session__page")
        .first()
    )
    if clash:
        title = clash.session.page.title
        raise BookingError(
            _("Tu as déjà une place à « %(title)s » au même moment.") % {"title": title},
            about=_("a déjà une place à « %(title)s » au même moment.") % {"title": title},
        )


def _lock(session_id, pupil):
    """Lock the pupil, then the session (always this order), and return the fresh session.

    The consent decisions are read again after the pupil's lock (a prefetched list may predate a
    withdrawal that `accounts.consent.withdraw`, holding the same lock, has just committed)."""
    get_user_model().objects.select_for_update().filter(pk=pupil.pk).first()
    getattr(pupil, "_prefetched_objects_cache", {}).pop("consent_records", None)
    return Session.objects.select_for_update(of=("self",)).select_related("page").get(pk=session_id)


def sign_up(session, pupil, *, by=None):
    """Give `pupil` a seat in `session`, or a place on its waiting list when it is full.

    `by` is who books: the pupil themselves (None or the pupil), their teacher, or staff. Returns
    `(signup, created)`; a second call returns the existing sign-up with `created` False.
    """
    by = by or pupil
    is_staff = accounts_access.is_staff_member(by)
    with transaction.atomic():
        session = _lock(session.pk, pupil)
        existing = SignUp.objects.filter(session=session, pupil=pupil).exclude(status=SignUp.Status.CANCELLED).first()
        if existing:
            return existing, False
        check_eligible(session, pupil)
        if by == pupil:
            if session.booking != Session.Booking.SELF:
                raise BookingError(_("Pour cette séance, c'est ton professeur qui inscrit la classe."))
            check_window(session)
        elif not is_staff:
            check_window(session)
        _check_clash(session, pupil)
        if session.seats_taken < session.capacity:
            status = SignUp.Status.CONFIRMED
            Session.objects.filter(pk=session.pk).update(seats_taken=F("seats_taken") + 1)
        else:
            status = SignUp.Status.WAITING
        signup = SignUp.objects.create(
            session=session, pupil=pupil, status=status, booked_by=None if by == pupil else by
        )
        signup.session = session
        notifications.signed_up(signup)
    return signup, True


def cancel(signup, *, by=None, consent_withdrawn=False):
    """Cancel a sign-up and give its seat to the first pupil waiting. Pupils (and their teacher) may
    cancel until the closing date; staff and system actions (`SystemAction`) at any time, the latter with
    their reason in the history, and so does a withdrawal of consent (`consent_withdrawn`). Cancelling twice
    does nothing the second time."""
    by = by or signup.pupil
    with transaction.atomic():
        session = _lock(signup.session_id, signup.pupil)
        signup = SignUp.objects.select_for_update().get(pk=signup.pk)
        if signup.status == SignUp.Status.CANCELLED:
            return signup, None
        if not consent_withdrawn and not acts_as_staff(by):
            if session.starts_at <= timezone.now():
                raise BookingError(_("Cette séance a déjà commencé : elle ne peut plus être annulée en ligne."))
            if session.signup_closes_at and timezone.now() >= session.signup_closes_at:
                raise BookingError(
                    _("Les inscriptions sont closes : pour annuler, préviens ton professeur ou l'association.")
                )
        was_confirmed = signup.status == SignUp.Status.CONFIRMED
        signup.cancel()
        if isinstance(by, SystemAction):
            signup.system_reason = by.reason
        signup.save(update_fields=["status", "cancelled_at"])
        promoted = None
        if was_confirmed:
            Session.objects.filter(pk=session.pk).update(seats_taken=F("seats_taken") - 1)
            session.refresh_from_db(fields=["seats_taken"])
            promoted = _promote_next(session)
    return signup, promoted


def _promote_next(session):
    """Give a free seat of the locked `session` to the first pupil waiting, in order of sign-up."""
    if session.seats_taken >= session.capacity or session.cancelled_at:
        return None
    waiting = (
        SignUp.objects.select_for_update()
        .filter(session=session, status=SignUp.Status.WAITING)
        .order_by("created_at", "pk")
        .first()
    )
    if waiting is None:
        return None
    waiting.session = session
    waiting.confirm()
    waiting.save(update_fields=["status"])
    Session.objects.filter(pk=session.pk).update(seats_taken=F("seats_taken") + 1)
    notifications.promoted(waiting)
    return waiting


def promote(signup, *, by):
    """Staff move a pupil from the waiting list to a free seat (never past the capacity)."""
    with transaction.atomic():
        session = _lock(signup.session_id, signup.pupil)
        signup = SignUp.objects.select_for_update().get(pk=signup.pk)
        signup.session = session
        if not can_proceed(signup.confirm, check_conditions=False):
            raise BookingError(_("Cet élève n'est pas sur la liste d'attente."))
        if not can_proceed(signup.confirm):
            raise BookingError(_("La séance est complète : libérez ou ajoutez d'abord une place."))
        signup.confirm()
        signup.save(update_fields=["status"])
        Session.objects.filter(pk=session.pk).update(seats_taken=F("seats_taken") + 1)
        notifications.promoted(signup)
    return signup


def book_class(session, teacher, pupils):
    """A teacher (or staff) books seats for pupils of their classes. Returns (booked, refusals), where
    refusals is a list of (pupil, message): each pupil is booked or refused on their own."""
    allowed = set(
        accounts_access.visible_pupils(teacher)
        .filter(school_class__in=accounts_access.managed_classes(teacher))
        .values_list("pk", flat=True)
    )
    booked, refusals = [], []
    for pupil in pupils:
        if pupil.pk not in allowed:
            refusals.append((pupil, _("Cet élève n'est pas dans une de vos classes.")))
            continue
        try:
            signup, _created = sign_up(session, pupil, by=teacher)
        except BookingError as error:
            refusals.append((pupil, error.about))
        else:
            booked.append(signup)
    return booked, refusals


def cancel_session(session, *, by):
    """Staff cancel a whole session: every sign-up is cancelled and everyone signed up is told."""
    with transaction.atomic():
        session = Session.objects.select_for_update(of=("self",)).select_related("page").get(pk=session.pk)
        if session.cancelled_at:
            return []
        active = list(
            SignUp.objects.select_for_update(of=("self",))
            .filter(session=session)
            .exclude(status=SignUp.Status.CANCELLED)
            .select_related("pupil__school_class")
        )
        now = timezone.now()
        for signup in active:
            signup.cancel(at=now)
            signup.save(update_fields=["status", "cancelled_at"])
        Session.objects.filter(pk=session.pk).update(seats_taken=0, cancelled_at=now)
        session.cancelled_at = now
        # Bulk updates send no signal: the session leaves the sheets and the agenda (content), its seats too.
        content_changed()
        seats_changed([session.pk])
        for signup in active:
            signup.session = session
            notifications.session_cancelled(signup)
    return active


def stop_for_withdrawn_consent(pupil, dry_run, by=None):
    """`accounts_consent_withdrawn` hook: the pupil's sign-ups to sessions still to come are cancelled
    (a confirmed seat goes to the first pupil waiting, through `cancel`, with its locks) and their
    waiting-list places removed. Past sessions and attendance stay, for the pupil's own record."""
    from accounts.extensions import Stopped

    signups = (
        SignUp.objects.filter(pupil=pupil, session__starts_at__gt=timezone.now(), session__cancelled_at__isnull=True)
        .exclude(status=SignUp.Status.CANCELLED)
        .select_related("session__page")
        .order_by("session__starts_at", "pk")
    )
    stopped = []
    for signup in signups:
        was_confirmed = signup.status == SignUp.Status.CONFIRMED
        if not dry_run:
            cancel(signup, by=by, consent_withdrawn=True)
        starts_at = timezone.localtime(signup.session.starts_at)
        params = {"title": signup.session.page.title, "date": dates.day(starts_at, "j F Y")}
        if was_confirmed:
            text = gettext_lazy(
                "Atelier « %(title)s » du %(date)s : place annulée, donnée au premier de la liste d'attente."
            )
        else:
            text = gettext_lazy("Atelier « %(title)s » du %(date)s : place sur la liste d'attente retirée.")
        stopped.append(Stopped("ateliers", text, params))
    return stopped


WALK_IN_OPENS = datetime.timedelta(hours=1)
WALK_IN_REFUSED = gettext_lazy(
    "Cet élève ne peut pas être ajouté à cette séance. Vérifiez l'identifiant sur sa carte ; sinon, il peut "
    "s'inscrire à une autre séance depuis « Mon espace », ou l'équipe de l'association peut vous aider."
)


def _walk_in_allowed(session, pupil, now):
    """Whether `pupil` may be added on the day as a walk-in: the session's own rules, the day's window."""
    if not session.starts_at - WALK_IN_OPENS <= now <= session.ends_at or session.cancelled_at:
        return False
    try:
        check_eligible(session, pupil, walk_in=True)
        _check_clash(session, pupil)
    except BookingError:
        return False
    return True


def add_walk_in(session, identifier, by, now=None):
    """Add a pupil who came without a seat as present: one already signed up, or one the session's rules
    allow, while a seat is free. Returns True when done, False for every refusal (one answer for all)."""
    from accounts.models import User
    from accounts.roles import Role

    now = now or timezone.now()
    pupil = User.objects.filter(identifier=identifier, groups__name=Role.PUPIL).select_related("school_class").first()
    if pupil is None:
        return False
    with transaction.atomic():
        locked = _lock(session.pk, pupil)
        existing = (
            SignUp.objects.select_for_update()
            .filter(session=locked, pupil=pupil)
            .exclude(status=SignUp.Status.CANCELLED)
            .first()
        )
        if existing and existing.status == SignUp.Status.CONFIRMED:
            if not existing.attended:
                existing.attended = True
                existing.save(update_fields=["attended"])
            return True
        if not _walk_in_allowed(locked, pupil, now) or locked.seats_taken >= locked.capacity:
            return False
        if existing:  # on the waiting list: a seat through its transition (guard: a free seat of `locked`)
            existing.session = locked
            if not can_proceed(existing.confirm):
                return False
            existing.confirm()
            existing.attended, existing.walk_in = True, True
            existing.save(update_fields=["status", "attended", "walk_in"])
            signup = existing
        else:
            signup = SignUp.objects.create(
                session=locked, pupil=pupil, status=SignUp.Status.CONFIRMED, attended=True, walk_in=True, booked_by=by
            )
        Session.objects.filter(pk=locked.pk).update(seats_taken=F("seats_taken") + 1)
        transaction.on_commit(lambda: notifications.walked_in(signup))
    return True
