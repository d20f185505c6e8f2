"""Workshops a teacher asks for, and the pool of speakers who give them.

A teacher's `WorkshopRequest` (their classes, a theme, a format, two or three preferred slots) moves
through a django-fsm-2 state machine (protected field, stored values in English, French labels):

    requested → proposed → accepted → confirmed → done
    proposed → requested (the speaker declines), and cancelled from any open state.

Who may make each move is the transition's `permission` (rules in `interventions.access`); the service
`interventions.workflow.apply()` runs a move under a row lock, records it (`RequestEvent`) and queues the
e-mail to whoever must act next. On confirmation the workshop becomes an `ateliers` session reserved to
the requesting classes (`interventions.booking`).

A `Speaker` is a professional or volunteer who offered to intervene: the métiers and domains they talk
about, the formats they accept, where they can go and when. Staff rank them for each request
(`interventions.ranking`).

Adult data only: teachers' and speakers' requests and profiles, never a pupil's name (the pupils booked
are `ateliers.SignUp` rows, under ateliers' rules).
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from django_fsm import FSMField, FSMModelMixin, transition

from accounts.roles import Role


class Format(models.TextChoices):
    IN_CLASS = "in_class", _("En classe")
    VISIT = "visit", _("Visite d'un lieu de travail")
    TALK = "talk", _("Intervention (présentation d'un métier)")
    FORUM = "forum_stand", _("Stand de forum des métiers")


class State(models.TextChoices):
    REQUESTED = "requested", _("Demandée")
    PROPOSED = "proposed", _("Proposée à un intervenant")
    ACCEPTED = "accepted", _("Acceptée par l'intervenant")
    CONFIRMED = "confirmed", _("Confirmée")
    DONE = "done", _("Réalisée")
    CANCELLED = "cancelled", _("Annulée")


S = State
OPEN_STATES = [S.REQUESTED, S.PROPOSED, S.ACCEPTED, S.CONFIRMED]
#: The states in which a speaker is holding the request (their load, what they see).
HELD_BY_SPEAKER = [S.PROPOSED, S.ACCEPTED, S.CONFIRMED, S.DONE]


WAITING_FOR = {
    S.REQUESTED: _("l'équipe (proposer un intervenant)"),
    S.PROPOSED: _("l'intervenant (accepter ou décliner)"),
    S.ACCEPTED: _("le professeur (confirmer la date)"),
    S.CONFIRMED: _("le jour de l'intervention"),
}


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("lundi")
    TUESDAY = 1, _("mardi")
    WEDNESDAY = 2, _("mercredi")
    THURSDAY = 3, _("jeudi")
    FRIDAY = 4, _("vendredi")


class Speaker(models.Model):
    """A professional or volunteer in the pool: what they talk about, how, where and when.

    `communes` are INSEE codes (`stages.travel`), `departements` two-digit codes (« 93 »): they go to a
    collège in one or the other. `weekdays` are the days of the week they are usually free, `dates` extra
    days (ISO dates) they can give. `home_commune` is where they leave from (the travel estimate)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compte"),
        related_name="speaker_profile",
        on_delete=models.CASCADE,
        # Role names (accounts.roles.Role): professionals and volunteers speak; pupils never.
        limit_choices_to={"groups__name__in": ["Professionnel", "Bénévole"]},
    )
    job = models.CharField(_("métier"), max_length=120, help_text=_("Montré aux élèves, par exemple « infirmière »."))
    sheets = models.ManyToManyField("metiers.MetierPage", verbose_name=_("fiches métier"), blank=True, related_name="+")
    domains = models.ManyToManyField(
        "metiers.GrandDomaine", verbose_name=_("grands domaines"), blank=True, related_name="+"
    )
    centres = models.ManyToManyField(
        "metiers.CentreInteret", verbose_name=_("centres d'intérêt"), blank=True, related_name="+"
    )
    formats = models.JSONField(_("formats acceptés"), default=list, blank=True)
    home_commune = models.CharField(_("commune de départ (code INSEE)"), max_length=5, blank=True)
    communes = models.JSONField(_("communes où intervenir (codes INSEE)"), default=list, blank=True)
    departements = models.JSONField(_("départements où intervenir"), default=list, blank=True)
    weekdays = models.JSONField(_("jours habituellement libres"), default=list, blank=True)
    dates = models.JSONField(_("autres dates possibles"), default=list, blank=True)
    monthly_limit = models.PositiveSmallIntegerField(
        _("interventions par mois au plus"), default=2, help_text=_("Personne n'est sollicité dix fois par mois.")
    )
    active = models.BooleanField(_("disponible pour de nouvelles interventions"), default=True)
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True)

    # Personal data: kept out of Wagtail's reference index (no index row or task per save).
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("intervenant")
        verbose_name_plural = _("intervenants")
        ordering = ["user__last_name", "user__first_name"]

    def __str__(self):
        return f"{self.user.get_full_name() or self.user_id} – {self.job}"

    @property
    def kind_label(self):
        return _("bénévole") if self.user.has_role(Role.VOLUNTEER) else _("professionnel")

    def is_available(self, moment):
        """Whether `moment` (an aware datetime) falls on a day the speaker said they are free."""
        day = timezone.localtime(moment).date()
        return day.weekday() in self.weekdays or day.isoformat() in self.dates

    def goes_to(self, commune_code):
        """Whether the speaker goes to a collège in this commune (INSEE code)."""
        if not commune_code:
            return False
        return commune_code in self.communes or commune_code[:2] in self.departements


def _may(action):
    def check(instance, user):
        from . import access

        return access.may_transition(user, instance, action)

    check.__name__ = f"may_{action}"
    return check


class WorkshopRequest(FSMModelMixin, models.Model):
    """A teacher's request for a workshop with their classes (see the module's docstring)."""

    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("professeur"),
        related_name="workshop_requests",
        null=True,
        on_delete=models.SET_NULL,
    )
    school = models.ForeignKey(
        "accounts.School", verbose_name=_("collège"), related_name="workshop_requests", on_delete=models.PROTECT
    )
    classes = models.ManyToManyField("accounts.SchoolClass", verbose_name=_("classes"), related_name="+")
    grand_domaine = models.ForeignKey(
        "metiers.GrandDomaine",
        verbose_name=_("grand domaine"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    centre = models.ForeignKey(
        "metiers.CentreInteret",
        verbose_name=_("centre d'intérêt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sheets = models.ManyToManyField("metiers.MetierPage", verbose_name=_("fiches métier"), blank=True, related_name="+")
    format = models.CharField(_("format"), max_length=12, choices=Format.choices, default=Format.IN_CLASS)
    slot_1 = models.DateTimeField(_("créneau 1"))
    slot_2 = models.DateTimeField(_("créneau 2"))
    slot_3 = models.DateTimeField(_("créneau 3"), null=True, blank=True)
    duration = models.PositiveSmallIntegerField(_("durée (minutes)"), default=120)
    place = models.CharField(_("lieu"), max_length=200, help_text=_("Le collège ou le lieu de la visite."))
    room = models.CharField(_("salle"), max_length=60, blank=True)
    pupils_count = models.PositiveSmallIntegerField(_("nombre d'élèves"))
    already_done = models.TextField(
        _("ce que la classe a déjà fait"), max_length=1000, blank=True, help_text=_("Lu par l'intervenant.")
    )
    state = FSMField(_("état"), max_length=10, choices=State.choices, default=State.REQUESTED, protected=True)
    speaker = models.ForeignKey(
        Speaker,
        verbose_name=_("intervenant"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="requests",
    )
    confirmed_slot = models.DateTimeField(_("date retenue"), null=True, blank=True)
    session = models.ForeignKey(
        "ateliers.Session",
        verbose_name=_("séance"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(_("raison (refus, annulation)"), blank=True)
    # Set by `send_intervention_reminders`, emptied at each move: one reminder per waiting state.
    reminded_at = models.DateTimeField(_("relance envoyée le"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    # Personal data: kept out of Wagtail's reference index (no index row or task per save).
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("demande d'intervention")
        verbose_name_plural = _("demandes d'intervention")
        ordering = ["-updated_at", "-pk"]

    def __str__(self):
        return _("Demande d'intervention n° %(pk)s") % {"pk": self.pk}

    @property
    def slots(self):
        return [slot for slot in (self.slot_1, self.slot_2, self.slot_3) if slot]

    @property
    def theme_label(self):
        """The theme in words, from the catalogue's names (never free text)."""
        sheets = list(self.sheets.all())
        if sheets:
            return ", ".join(sheet.title for sheet in sheets)
        if self.grand_domaine_id:
            return str(self.grand_domaine)
        if self.centre_id:
            return self.centre.name
        return ""

    @property
    def levels(self):
        return sorted({school_class.level for school_class in self.classes.all()})

    @property
    def month(self):
        moment = self.confirmed_slot or self.slot_1
        return timezone.localtime(moment).strftime("%Y-%m") if moment else ""

    @property
    def first_date(self):
        """The confirmed date, or the first slot asked for."""
        return self.confirmed_slot or self.slot_1

    @property
    def waiting_for(self):
        """Who must act next, for the coordination list."""
        return WAITING_FOR.get(self.state, "")

    def ends_at(self, start):
        return start + datetime.timedelta(minutes=self.duration)

    # Transitions. Each `permission` is a rule of interventions.access; workflow.apply() checks it.

    @transition(field=state, source=S.REQUESTED, target=S.PROPOSED, permission=_may("propose"))
    def propose(self, speaker, reason=""):
        self.speaker = speaker

    @transition(field=state, source=S.PROPOSED, target=S.ACCEPTED, permission=_may("accept"))
    def accept(self, reason=""):
        pass

    @transition(field=state, source=S.PROPOSED, target=S.REQUESTED, permission=_may("decline"))
    def decline(self, reason=""):
        self.speaker = None
        self.reason = reason

    @transition(field=state, source=S.ACCEPTED, target=S.CONFIRMED, permission=_may("confirm"))
    def confirm(self, slot, reason=""):
        self.confirmed_slot = slot

    @transition(field=state, source=S.CONFIRMED, target=S.DONE, permission=_may("complete"))
    def complete(self, reason=""):
        pass

    @transition(field=state, source=OPEN_STATES, target=S.CANCELLED, permission=_may("cancel"))
    def cancel(self, reason=""):
        self.reason = reason


class RequestEvent(models.Model):
    """One change of state: who, when, from and to, why (and which speaker, for a proposal or a refusal)."""

    request = models.ForeignKey(WorkshopRequest, related_name="events", on_delete=models.CASCADE)
    from_state = models.CharField(_("de"), max_length=10, choices=State.choices)
    to_state = models.CharField(_("vers"), max_length=10, choices=State.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("par"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    speaker = models.ForeignKey(
        Speaker, verbose_name=_("intervenant"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("raison"), blank=True)
    at = models.DateTimeField(_("le"), auto_now_add=True)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("changement d'état")
        verbose_name_plural = _("changements d'état")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_from_state_display()} → {self.get_to_state_display()}"
