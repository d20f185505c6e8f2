"""Who hosts pupils and when: host organisations, their places (checked by staff before any matching),
the weeks each place is open with its seats, and each collège's stage weeks."""

import datetime
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from django_fsm import FSMField, FSMModelMixin, transition

import safeguarding
from accounts.models import current_school_year
from home import dates

from ..travel import find_commune

SIRET_VALIDATOR = RegexValidator(r"^\d{14}$", _("Le numéro SIRET a 14 chiffres, sans espace."))


class HostOrganisation(models.Model):
    """A company, administration, small business, craftsperson or association that hosts pupils.

    `members` are the professionals' accounts who manage its places and answer proposals."""

    class Kind(models.TextChoices):
        LARGE_COMPANY = "grande-entreprise", _("Grande entreprise")
        ADMINISTRATION = "administration", _("Administration")
        SME = "pme", _("PME")
        CRAFT = "artisan", _("Artisan")
        ASSOCIATION = "association", _("Association")

    name = models.CharField(_("nom"), max_length=200)

    class LegalKind(models.TextChoices):
        """What the age rule looks at (stages.legal.host_allowed): under 14, a pupil may only observe in a
        public body or a family business. Blank: not known yet, which blocks pupils under 14."""

        PUBLIC = "public", _("Public : administration, collectivité territoriale, établissement public")
        PRIVATE = "prive", _("Privé : entreprise, artisan, association…")
        FAMILY = "familiale", _("Entreprise familiale : n'y travaillent que des membres de la famille de l'élève")

    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    legal_kind = models.CharField(
        _("statut (pour l'âge des élèves)"),
        max_length=12,
        choices=LegalKind.choices,
        blank=True,
        help_text=_("Avant 14 ans, un élève n'observe que dans une structure publique ou une entreprise familiale."),
    )
    siret = models.CharField(_("SIRET"), max_length=14, blank=True, validators=[SIRET_VALIDATOR])
    address = models.CharField(_("adresse"), max_length=250)
    commune_code = models.CharField(
        _("commune (code INSEE)"), max_length=5, help_text=_("Une commune d'Île-de-France, par exemple 93066.")
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("comptes des professionnels"),
        related_name="host_organisations",
        blank=True,
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)

    class Meta:
        verbose_name = _("structure d'accueil")
        verbose_name_plural = _("structures d'accueil")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def commune(self):
        return find_commune(self.commune_code)

    def clean(self):
        if self.commune_code and find_commune(self.commune_code) is None:
            raise ValidationError(
                {"commune_code": _("Cette commune n'est pas connue : choisissez une commune d'Île-de-France.")}
            )


class PlaceStatus(models.TextChoices):
    PENDING = "pending", _("À vérifier")
    APPROVED = "approved", _("Validée")
    HIDDEN = "hidden", _("Masquée")


def has_hidden_reason(place):
    """Guard: an offer is hidden only with the reason staff give (kept in the audit log)."""
    return bool(place.hidden_reason.strip())


class Place(FSMModelMixin, models.Model):
    """A stage offer. Pupils are matched to it only once staff approved it (`status`).

    States (django-fsm-2, protected): pending → approved (staff) or hidden (staff, with a reason); approved →
    pending again when the host changes what pupils will see; hidden → approved. django-auditlog keeps who
    moved it and when."""

    host = models.ForeignKey(
        HostOrganisation, verbose_name=_("structure"), related_name="places", on_delete=models.CASCADE
    )
    title = models.CharField(_("intitulé"), max_length=150, help_text=_("Par exemple « Découvrir la boulangerie »."))
    sheets = models.ManyToManyField(
        "metiers.MetierPage", verbose_name=_("fiches métiers"), related_name="stage_places", blank=True
    )
    description = models.TextField(
        _("ce que l'élève verra"), max_length=1500, help_text=_("En mots simples, pour un élève de 14 ans.")
    )
    tutor = models.CharField(_("tuteur ou tutrice"), max_length=150)
    tutor_contact = models.CharField(
        _("téléphone ou e-mail du tuteur"),
        max_length=150,
        blank=True,
        help_text=_("Pour joindre le tuteur ou la tutrice pendant le stage (collège, famille)."),
    )
    hours = models.CharField(_("horaires"), max_length=150, help_text=_("Par exemple « 9 h – 16 h 30 »."))
    # The hours as the law checks them (stages.legal): the same each day of the week.
    starts_at = models.TimeField(_("heure d'arrivée"), null=True, blank=True)
    ends_at = models.TimeField(_("heure de départ"), null=True, blank=True)
    break_minutes = models.PositiveSmallIntegerField(_("pause (minutes)"), null=True, blank=True)
    lunch = models.CharField(_("déjeuner"), max_length=150, blank=True)
    accessibility = models.TextField(
        _("accessibilité pour un élève en situation de handicap"), max_length=500, blank=True
    )
    reserved_school = models.ForeignKey(
        "accounts.School",
        verbose_name=_("réservée au collège"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reserved_stage_places",
    )
    school_year = models.CharField(_("année scolaire"), max_length=9, default=current_school_year)
    status = FSMField(
        _("vérification"), max_length=12, choices=PlaceStatus.choices, default=PlaceStatus.PENDING, protected=True
    )
    hidden_reason = models.TextField(_("raison du masquage"), blank=True)
    # The texts as staff approved them, which pupils and the convention read: a host's later edit goes back
    # to « à vérifier » and is not shown until approved again.
    approved_texts = models.JSONField(_("textes validés"), default=dict, blank=True, editable=False)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)

    SHOWN_TO_PUPILS = ("title", "description", "tutor", "hours", "lunch", "accessibility")

    class Meta:
        verbose_name = _("place de stage")
        verbose_name_plural = _("places de stage")
        ordering = ["host__name", "title"]

    def __str__(self):
        return f"{self.title} – {self.host}"

    def save(self, *args, **kwargs):
        if self.status == PlaceStatus.APPROVED:  # saved as approved (by staff, or unchanged texts): the truth
            self.approved_texts = {name: getattr(self, name) for name in self.SHOWN_TO_PUPILS}
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "approved_texts"}
        super().save(*args, **kwargs)

    def texts_for_pupils(self):
        """{field: text} of `SHOWN_TO_PUPILS` as last approved, contact details masked (`safeguarding`):
        what a pupil and the convention read. Empty strings before a first approval."""
        return {name: safeguarding.mask(self.approved_texts.get(name, "")) for name in self.SHOWN_TO_PUPILS}

    def clean(self):
        if self.status == PlaceStatus.HIDDEN and not self.hidden_reason.strip():
            raise ValidationError({"hidden_reason": _("Indiquez pourquoi cette offre est masquée.")})

    # Transitions: staff decide in the admin (`forms_places.PlaceReviewForm`); a host's change of substance
    # sends an approved offer back (`views_spaces.place_edit`).

    @transition(
        field=status,
        source=[PlaceStatus.PENDING, PlaceStatus.HIDDEN],
        target=PlaceStatus.APPROVED,
        custom={"label": _("Valider l'offre")},
    )
    def approve(self):
        self.hidden_reason = ""

    @transition(
        field=status,
        source=[PlaceStatus.PENDING, PlaceStatus.APPROVED],
        target=PlaceStatus.HIDDEN,
        conditions=[has_hidden_reason],
        custom={"label": _("Masquer l'offre (indiquez la raison)")},
    )
    def hide(self):
        pass

    @transition(field=status, source=PlaceStatus.APPROVED, target=PlaceStatus.PENDING, custom={"label": ""})
    def send_back_to_check(self):
        """The host changed what pupils will see: staff check the offer again before any new matching."""


class StageWeek(models.Model):
    """A week when a collège's 3e pupils are on stage, for a school year."""

    school = models.ForeignKey(
        "accounts.School", verbose_name=_("collège"), related_name="stage_weeks", on_delete=models.CASCADE
    )
    school_year = models.CharField(_("année scolaire"), max_length=9, default=current_school_year)
    starts_on = models.DateField(_("lundi de la semaine"))

    class Meta:
        verbose_name = _("semaine de stage")
        verbose_name_plural = _("semaines de stage")
        ordering = ["starts_on"]
        constraints = [models.UniqueConstraint(fields=["school", "starts_on"], name="stages_week_unique_per_school")]

    def __str__(self):
        return _("semaine du %(date)s") % {"date": dates.day(self.starts_on, "j F Y")}

    @property
    def ends_on(self):
        """The Friday: a stage week runs Monday to Friday."""
        return self.starts_on + datetime.timedelta(days=4)

    def clean(self):
        if not self.starts_on:
            return
        errors = week_errors(self.starts_on, self.school_year)
        if not errors and self.school_id:
            same = StageWeek.objects.filter(school_id=self.school_id, starts_on=self.starts_on).exclude(pk=self.pk)
            if same.exists():
                errors.append(_("Cette semaine de stage est déjà enregistrée pour ce collège."))
        if errors:
            raise ValidationError({"starts_on": errors})


def school_year_bounds(school_year):
    """First and last day a stage week may fall in « 2026-2027 »: 1 September to 30 June."""
    start = int(school_year[:4])
    return datetime.date(start, 9, 1), datetime.date(start + 1, 6, 30)


def _long_date(day):
    return dates.day(day, "l j F Y")


def week_errors(monday, school_year):
    """French messages on a stage week's Monday: a Monday, Monday to Friday within the school year."""
    if monday.weekday() != 0:
        real_monday = monday - datetime.timedelta(days=monday.weekday())
        return [
            _("Le %(day)s n'est pas un lundi : choisissez le lundi de la semaine (le %(monday)s).")
            % {"day": _long_date(monday), "monday": _long_date(real_monday)}
        ]
    if not re.fullmatch(r"\d{4}-\d{4}", school_year or "") or int(school_year[5:]) != int(school_year[:4]) + 1:
        return [_("L'année scolaire s'écrit sous la forme 2026-2027.")]
    first, last = school_year_bounds(school_year)
    if monday < first or monday + datetime.timedelta(days=4) > last:
        return [
            _("Une semaine de stage de l'année %(year)s tombe entre le %(first)s et le %(last)s.")
            % {"year": school_year, "first": _long_date(first), "last": _long_date(last)}
        ]
    return []


class PlaceWeek(models.Model):
    """A week a place is open, with its seats. `seats_taken` never exceeds `seats` (a database
    constraint) and is only changed by one conditional UPDATE (`reserve`/`release`), so two staff
    proposing the last seat at once cannot both succeed."""

    place = models.ForeignKey(Place, verbose_name=_("place"), related_name="weeks", on_delete=models.CASCADE)
    starts_on = models.DateField(_("lundi de la semaine"))
    seats = models.PositiveSmallIntegerField(_("places"), default=1)
    seats_taken = models.PositiveSmallIntegerField(_("places prises"), default=0, editable=False)

    class Meta:
        verbose_name = _("semaine ouverte")
        verbose_name_plural = _("semaines ouvertes")
        ordering = ["starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["place", "starts_on"], name="stages_placeweek_unique"),
            models.CheckConstraint(
                condition=Q(seats_taken__lte=F("seats")), name="stages_placeweek_seats_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.place} – {dates.day(self.starts_on, 'j F Y')}"

    @property
    def seats_left(self):
        return self.seats - self.seats_taken

    def reserve(self):
        """Take one seat; False when none is left. Atomic: the row is locked by the UPDATE."""
        done = PlaceWeek.objects.filter(pk=self.pk, seats_taken__lt=F("seats")).update(seats_taken=F("seats_taken") + 1)
        self.refresh_from_db(fields=["seats_taken"])
        return bool(done)

    def release(self):
        PlaceWeek.objects.filter(pk=self.pk, seats_taken__gt=0).update(seats_taken=F("seats_taken") - 1)
        self.refresh_from_db(fields=["seats_taken"])
