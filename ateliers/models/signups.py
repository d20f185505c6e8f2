"""Pupils' sign-ups to sessions (django-fsm-2 states, seats counted by `ateliers.booking` under row locks),
their feedback after a session, and their personal calendar feeds."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from django_fsm import FSMField, FSMModelMixin, transition

from .pages import Session


def has_free_seat(signup):
    """Guard: a seat of the session is free. `signup.session` is the row `ateliers.booking` has locked, so
    the count read is the truth."""
    session = signup.session
    return session.cancelled_at is None and session.seats_taken < session.capacity


class SignUp(FSMModelMixin, models.Model):
    """A pupil's place (or place in the waiting list) in one session.

    States (django-fsm-2, protected): a sign-up starts confirmed, or waiting when the session is full;
    waiting → confirmed when a seat is free; confirmed or waiting → cancelled. Presence (`attended`) is
    noted on confirmed sign-ups only. Seats move with the transitions, in `ateliers.booking`, under the
    session's row lock."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Place confirmée")
        WAITING = "waiting", _("Liste d'attente")
        CANCELLED = "cancelled", _("Annulée")

    session = models.ForeignKey(Session, verbose_name=_("séance"), related_name="signups", on_delete=models.CASCADE)
    pupil = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("élève"), related_name="workshop_signups", on_delete=models.CASCADE
    )
    status = FSMField(_("statut"), max_length=10, choices=Status.choices, default=Status.CONFIRMED, protected=True)
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("réservé par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("date d'inscription"), default=timezone.now, db_index=True)
    cancelled_at = models.DateTimeField(_("date d'annulation"), null=True, blank=True)
    attended = models.BooleanField(_("présence"), null=True, blank=True)
    walk_in = models.BooleanField(_("sans inscription préalable"), default=False)
    # Set by `send_session_reminders`, so that running it twice sends one reminder.
    reminded_at = models.DateTimeField(_("rappel envoyé le"), null=True, blank=True, editable=False)

    # Personal data: kept out of Wagtail's reference index (no index row or task per save).
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("inscription")
        verbose_name_plural = _("inscriptions")
        ordering = ["created_at", "pk"]
        constraints = [
            # A double submit or two tabs can never give a pupil two places in one session.
            models.UniqueConstraint(
                fields=["session", "pupil"], condition=~Q(status="cancelled"), name="one_active_signup_per_pupil"
            ),
        ]

    def __str__(self):
        return f"{self.session} — {self.get_status_display()}"

    @property
    def is_active(self):
        return self.status != self.Status.CANCELLED

    @transition(field=status, source=Status.WAITING, target=Status.CONFIRMED, conditions=[has_free_seat])
    def confirm(self):
        """From the waiting list to a seat (the first in line, staff's choice, or a pupil who came)."""

    @transition(field=status, source=[Status.CONFIRMED, Status.WAITING], target=Status.CANCELLED)
    def cancel(self, at=None):
        self.cancelled_at = at or timezone.now()

    def get_additional_data(self):
        """What the history (django-auditlog) keeps beside the change: the reason of a system action
        (`booking.SystemAction`). Its actor is the staff member whose request started it, or nobody (the
        system) for a scheduled job."""
        reason = getattr(self, "system_reason", "")
        return {"raison": reason} if reason else None


class Feedback(models.Model):
    """A pupil's three answers after a session they attended. Staff read them; leaders only see the
    answers, never who gave them (the sign-up link is there to refuse a second answer)."""

    class Smiley(models.IntegerChoices):
        SAD = 1, _("Pas du tout")
        NEUTRAL = 2, _("Un peu")
        HAPPY = 3, _("Beaucoup")

    session = models.ForeignKey(Session, verbose_name=_("séance"), related_name="feedback", on_delete=models.CASCADE)
    # Emptied when the pupil's account is erased: the answers stay, anonymous.
    signup = models.OneToOneField(SignUp, related_name="feedback", null=True, blank=True, on_delete=models.SET_NULL)
    liked = models.PositiveSmallIntegerField(_("As-tu aimé cette séance ?"), choices=Smiley.choices)
    learned = models.PositiveSmallIntegerField(_("As-tu appris des choses sur ce métier ?"), choices=Smiley.choices)
    comment = models.TextField(_("Un mot pour nous ?"), blank=True, max_length=1000)
    created_at = models.DateTimeField(auto_now_add=True)

    # Personal data: kept out of Wagtail's reference index (no index row or task per save).
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("avis")
        verbose_name_plural = _("avis")

    def __str__(self):
        return str(self.session)


def new_feed_token():
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """The secret address of a person's calendar of sign-ups. Revoking gives a new token."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, related_name="workshop_feed", on_delete=models.CASCADE)
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)

    # Personal data: kept out of Wagtail's reference index (no index row or task per save).
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("agenda personnel")
        verbose_name_plural = _("agendas personnels")

    def __str__(self):
        return str(self.user_id)

    def revoke(self):
        self.token = new_feed_token()
        self.save(update_fields=["token"])
