"""A pupil's stage request, its wishes, and the record of every change of state.

States (django-fsm-2, the field is protected: only transitions change it):

    brouillon → envoyée → proposée → acceptée → convention signée → réalisé
    with annulée (from any open state), refusée (by the host, or by staff: back to staff's pool) and
    sans solution (staff) branches.

Who may make each move is checked by the transition's `permission` (rules in `stages.access`); the
service `stages.workflow.apply()` runs a move, records who, when and why (`RequestEvent`, plus
django-auditlog on the model) and queues the notifications.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from django_fsm import FSMField, FSMModelMixin, transition

from accounts.roles import Role

from ..travel import TravelMode
from .hosts import PlaceWeek, StageWeek


class RequestState(models.TextChoices):
    DRAFT = "brouillon", _("Brouillon")
    SENT = "envoyee", _("Envoyée")
    PROPOSED = "proposee", _("Place proposée")
    ACCEPTED = "acceptee", _("Acceptée par l'accueil")
    CONVENTION = "convention", _("Convention signée")
    DONE = "realise", _("Stage réalisé")
    CANCELLED = "annulee", _("Annulée")
    REFUSED = "refusee", _("Refusée")
    NO_SOLUTION = "sans-solution", _("Sans solution")


S = RequestState
OPEN_STATES = [S.DRAFT, S.SENT, S.PROPOSED, S.ACCEPTED, S.CONVENTION, S.REFUSED]
HOLDS_SEAT = [S.PROPOSED, S.ACCEPTED, S.CONVENTION, S.DONE]


def _may(action):
    def check(instance, user):
        from .. import access

        return access.may_transition(user, instance, action)

    check.__name__ = f"may_{action}"
    return check


class MissingReason(ValidationError):
    pass


class NoSeatLeft(Exception):
    """The place has no seat left that week (someone took the last one first)."""


class StageRequest(FSMModelMixin, models.Model):
    pupil = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("élève"),
        related_name="stage_requests",
        null=True,
        on_delete=models.SET_NULL,
    )
    week = models.ForeignKey(
        StageWeek, verbose_name=_("semaine de stage"), related_name="requests", on_delete=models.PROTECT
    )
    motivation = models.TextField(_("pourquoi ces souhaits"), max_length=600)
    travel_minutes = models.PositiveSmallIntegerField(_("temps de trajet maximum (minutes)"), default=45)
    travel_mode = models.CharField(
        _("moyen de transport"), max_length=12, choices=TravelMode.choices, default=TravelMode.TRANSPORTS
    )
    constraints = models.TextField(_("contraintes"), max_length=600, blank=True)
    state = FSMField(_("état"), max_length=14, choices=RequestState.choices, default=RequestState.DRAFT, protected=True)
    place_week = models.ForeignKey(
        PlaceWeek,
        verbose_name=_("place proposée"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="requests",
    )
    reason = models.TextField(_("raison (refus, annulation)"), blank=True)
    # Who signed the convention (on paper or the collège's tool), tracked by staff.
    signed_by_school = models.BooleanField(_("convention signée par le collège"), default=False)
    signed_by_host = models.BooleanField(_("convention signée par l'accueil"), default=False)
    signed_by_parent = models.BooleanField(_("convention signée par le parent"), default=False)
    signed_by_pupil = models.BooleanField(_("convention signée par l'élève"), default=False)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    # Personal data: kept out of Wagtail's reference index (no index row or task per save).
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("demande de stage")
        verbose_name_plural = _("demandes de stage")
        ordering = ["-updated_at"]
        constraints = [
            # One open request per pupil and week: a second one would compete with the first for seats.
            models.UniqueConstraint(
                fields=["pupil", "week"],
                condition=~Q(state__in=["annulee", "sans-solution"]),
                name="stages_one_open_request_per_week",
            )
        ]

    def __str__(self):
        return _("Demande de stage n° %(pk)s") % {"pk": self.pk}

    @property
    def school(self):
        return self.week.school

    # Transitions. Each `permission` is a rule of stages.access; workflow.apply() checks it.

    @transition(field=state, source=S.DRAFT, target=S.SENT, permission=_may("submit"))
    def submit(self, reason=""):
        pass

    @transition(field=state, source=[S.SENT, S.REFUSED], target=S.PROPOSED, permission=_may("propose"))
    def propose(self, place_week, reason=""):
        if not place_week.reserve():
            raise NoSeatLeft
        self.place_week = place_week

    @transition(field=state, source=S.PROPOSED, target=S.ACCEPTED, permission=_may("accept"))
    def accept(self, reason=""):
        pass

    @transition(field=state, source=S.PROPOSED, target=S.REFUSED, permission=_may("refuse"))
    def refuse(self, reason=""):
        _require(reason, _("Indiquez la raison du refus."))
        self._free_seat()
        self.reason = reason

    @transition(field=state, source=S.ACCEPTED, target=S.CONVENTION, permission=_may("sign_convention"))
    def sign_convention(self, reason=""):
        pass

    @transition(field=state, source=S.CONVENTION, target=S.DONE, permission=_may("complete"))
    def complete(self, reason=""):
        pass

    @transition(field=state, source=OPEN_STATES, target=S.CANCELLED, permission=_may("cancel"))
    def cancel(self, reason=""):
        _require(reason, _("Indiquez pourquoi la demande est annulée."))
        self._free_seat()
        self.reason = reason

    @transition(field=state, source=[S.SENT, S.REFUSED], target=S.NO_SOLUTION, permission=_may("no_solution"))
    def no_solution(self, reason=""):
        _require(reason, _("Indiquez pourquoi aucune place n'a été trouvée."))
        self.reason = reason

    def _free_seat(self):
        if self.place_week_id:
            self.place_week.release()
            self.place_week = None


def _require(reason, message):
    if not (reason or "").strip():
        raise MissingReason(message)


class Wish(models.Model):
    """One of a pupil's (at most three) wishes: a métier sheet, or when unsure a domain or a centre d'intérêt."""

    request = models.ForeignKey(StageRequest, related_name="wishes", on_delete=models.CASCADE)
    rank = models.PositiveSmallIntegerField(_("ordre"))
    sheet = models.ForeignKey(
        "metiers.MetierPage",
        verbose_name=_("fiche métier"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    domain = models.ForeignKey(
        "metiers.DomaineProfessionnel",
        verbose_name=_("domaine"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    centre = models.ForeignKey(
        "metiers.CentreInteret",
        verbose_name=_("centre d'intérêt"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )

    # Personal data: kept out of Wagtail's reference index (no index row or task per save).
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("souhait")
        verbose_name_plural = _("souhaits")
        ordering = ["rank"]
        constraints = [
            models.UniqueConstraint(fields=["request", "rank"], name="stages_wish_rank_unique"),
            models.CheckConstraint(condition=Q(rank__gte=1, rank__lte=3), name="stages_wish_at_most_three"),
            models.CheckConstraint(
                condition=(
                    Q(sheet__isnull=False, domain__isnull=True, centre__isnull=True)
                    | Q(sheet__isnull=True, domain__isnull=False, centre__isnull=True)
                    | Q(sheet__isnull=True, domain__isnull=True, centre__isnull=False)
                ),
                name="stages_wish_one_target",
            ),
        ]

    def __str__(self):
        return str(self.target)

    @property
    def target(self):
        return self.sheet or self.domain or self.centre

    @property
    def label(self):
        if self.sheet_id:
            return self.sheet.title
        if self.domain_id:
            return _("le domaine « %(name)s »") % {"name": self.domain}
        return _("le centre d'intérêt « %(name)s »") % {"name": self.centre}


class RequestEvent(models.Model):
    """One change of state: who, when, from and to, why. Shown to the people who may see the request."""

    request = models.ForeignKey(StageRequest, related_name="events", on_delete=models.CASCADE)
    from_state = models.CharField(_("de"), max_length=14, choices=RequestState.choices)
    to_state = models.CharField(_("vers"), max_length=14, choices=RequestState.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("par"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The role's value (« Élève », the group's name) is stored; its label is translated when shown.
    by_role = models.CharField(_("rôle"), max_length=20, blank=True, choices=Role.choices)
    reason = models.TextField(_("raison"), blank=True)
    at = models.DateTimeField(_("le"), auto_now_add=True)

    # Personal data: kept out of Wagtail's reference index (no index row or task per save).
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("changement d'état")
        verbose_name_plural = _("changements d'état")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_from_state_display()} → {self.get_to_state_display()}"
