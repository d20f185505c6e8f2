"""A pupil's CV and cover letters, their frozen versions, the volunteers' comments on them, the
assignments of a volunteer to a document, the reports (« signaler ») and the volunteers' safeguarding
records.

- `Document`: the pupil's current text, by section (`sections.py`); a letter may be for a stage request.
  States (django-fsm-2, protected: only transitions change them): draft → review → done, and a done
  document may be sent for review again.
- `Version`: the text frozen when the pupil asks for a review; comments are made on a version.
- `Comment`: anchored to a section and, optionally, to a sentence of it (`quote`); it may carry a rewording
  (`suggestion`) the pupil accepts or not (pending → accepted / declined). Held for staff when it contains
  contact details or a pupil reported it (visible ⇄ held → removed). Both are django-fsm-2 machines; the
  audit log keeps who moved them and when.
- `Assignment`: one volunteer helps on one document, until the pupil marks it done, staff end it, or
  `ends_on` passes. Rows are never deleted: the history stays.
- `VolunteerProfile`: the dates staff recorded for the charter and the « attestation d'honorabilité »,
  and a block. Only the dates are kept, never the document itself.
- `HelpSettings`: what staff switch on (automatic assignment) and the durations.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from django_fsm import FSMField, FSMModelMixin, transition

from .sections import SECTIONS, sections_for


@register_setting(icon="group")
class HelpSettings(BaseGenericSetting):
    auto_assign = models.BooleanField(
        _("attribution automatique"),
        default=False,
        help_text=_(
            "Quand un élève demande une relecture, le bénévole disponible le moins chargé est choisi "
            "automatiquement. Sinon, l'équipe choisit."
        ),
    )
    assignment_days = models.PositiveSmallIntegerField(
        _("durée d'un accompagnement (jours)"),
        default=30,
        help_text=_("L'accompagnement se termine seul après ce nombre de jours."),
    )
    charter_valid_days = models.PositiveSmallIntegerField(_("validité de la charte signée (jours)"), default=365)
    attestation_valid_days = models.PositiveSmallIntegerField(
        _("validité de l'attestation d'honorabilité (jours)"), default=365
    )

    rules_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("règles entre adultes et élèves"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("La procédure interne que chaque bénévole relit : un lien la montre dans son espace."),
    )

    select_related = ["rules_page"]  # the volunteer's pages link to it: read with the settings

    panels = [
        FieldPanel("auto_assign"),
        FieldPanel("rules_page"),
        FieldPanel("assignment_days"),
        FieldPanel("charter_valid_days"),
        FieldPanel("attestation_valid_days"),
    ]

    class Meta:
        verbose_name = _("réglages de l'accompagnement")


class VolunteerProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("bénévole"), related_name="volunteer_profile", on_delete=models.CASCADE
    )
    charter_signed_on = models.DateField(_("charte signée le"), null=True, blank=True)
    attestation_checked_on = models.DateField(_("attestation d'honorabilité vérifiée le"), null=True, blank=True)
    available = models.BooleanField(_("disponible pour accompagner"), default=True)
    max_documents = models.PositiveSmallIntegerField(_("documents suivis en même temps (maximum)"), default=5)
    blocked_at = models.DateTimeField(_("bloqué le"), null=True, blank=True)
    blocked_reason = models.TextField(_("raison du blocage"), blank=True, max_length=600)

    # Personal data: kept out of Wagtail's reference index (no index row or task per save).
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("bénévole accompagnant")
        verbose_name_plural = _("bénévoles accompagnants")
        ordering = ["user__last_name", "user__first_name"]

    def __str__(self):
        return str(self.user)

    def charter_expires_on(self, days):
        return self.charter_signed_on + datetime.timedelta(days=days) if self.charter_signed_on else None

    def attestation_expires_on(self, days):
        return self.attestation_checked_on + datetime.timedelta(days=days) if self.attestation_checked_on else None


class DocumentKind(models.TextChoices):
    CV = "cv", _("CV")
    LETTER = "lettre", _("Lettre de motivation")


class DocumentState(models.TextChoices):
    DRAFT = "draft", _("En cours d'écriture")
    REVIEW = "review", _("Relecture demandée")
    DONE = "done", _("Terminé")


def has_text(document):
    """Guard: an empty document is neither sent for review nor finished."""
    return not document.is_empty


class Document(FSMModelMixin, models.Model):
    pupil = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("élève"), related_name="help_documents", on_delete=models.CASCADE
    )
    kind = models.CharField(_("type"), max_length=6, choices=DocumentKind.choices)
    stage_request = models.ForeignKey(
        "stages.StageRequest",
        verbose_name=_("demande de stage"),
        related_name="letters",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    sections = models.JSONField(_("texte, par partie"), default=dict, blank=True)
    state = FSMField(
        _("état"), max_length=10, choices=DocumentState.choices, default=DocumentState.DRAFT, protected=True
    )
    review_requested_at = models.DateTimeField(_("relecture demandée le"), null=True, blank=True)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    # Personal data: kept out of Wagtail's reference index (no index row or task per save).
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("CV ou lettre")
        verbose_name_plural = _("CV et lettres")
        ordering = ["kind", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["pupil"], condition=Q(kind="cv"), name="accompagnement_one_cv_per_pupil"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} n° {self.pk}"

    @property
    def section_list(self):
        """(Section, text) in the order of the guided steps."""
        return [(s, self.sections.get(s.key, "")) for s in sections_for(self.kind)]

    @property
    def is_empty(self):
        return not any(text.strip() for text in self.sections.values())

    def active_assignment(self, today=None):
        return Assignment.objects.active(today).filter(document=self).select_related("volunteer").first()

    # Transitions: run by `documents.py` on a row it has locked (`select_for_update`).

    @transition(
        field=state,
        source=[DocumentState.DRAFT, DocumentState.REVIEW, DocumentState.DONE],
        target=DocumentState.REVIEW,
        conditions=[has_text],
    )
    def request_review(self):
        self.review_requested_at = timezone.now()

    @transition(
        field=state,
        source=[DocumentState.DRAFT, DocumentState.REVIEW],
        target=DocumentState.DONE,
        conditions=[has_text],
    )
    def finish(self):
        pass


class Version(models.Model):
    document = models.ForeignKey(
        Document, verbose_name=_("document"), related_name="versions", on_delete=models.CASCADE
    )
    number = models.PositiveSmallIntegerField(_("numéro"))
    sections = models.JSONField(_("texte, par partie"), default=dict)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)

    # Personal data: kept out of Wagtail's reference index (no index row or task per save).
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("version")
        verbose_name_plural = _("versions")
        ordering = ["document", "number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="accompagnement_version_number_unique")
        ]

    def __str__(self):
        return _("Version %(number)s") % {"number": self.number}

    @property
    def section_list(self):
        return [(s, self.sections.get(s.key, "")) for s in SECTIONS[self.document.kind]]


class AssignmentQuerySet(models.QuerySet):
    def active(self, today=None):
        """Not ended by anyone, and its last day not passed: expiry needs no scheduled job."""
        today = today or timezone.localdate()
        return self.filter(ended_at__isnull=True, ends_on__gte=today)


class Assignment(models.Model):
    class EndReason(models.TextChoices):
        DONE = "termine", _("Document terminé par l'élève")
        STAFF = "equipe", _("Arrêté par l'équipe")
        BLOCKED = "bloque", _("Bénévole bloqué")
        CONSENT = "accord", _("Accord de la famille retiré")
        EXPIRED = "expire", _("Durée écoulée")

    document = models.ForeignKey(
        Document, verbose_name=_("document"), related_name="assignments", on_delete=models.CASCADE
    )
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("bénévole"), related_name="help_assignments", on_delete=models.CASCADE
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("attribué par"),
        related_name="+",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        help_text=_("Vide : attribution automatique."),
    )
    started_at = models.DateTimeField(_("début"), auto_now_add=True)
    ends_on = models.DateField(_("dernier jour"))
    ended_at = models.DateTimeField(_("terminé le"), null=True, blank=True)
    end_reason = models.CharField(_("raison de la fin"), max_length=8, choices=EndReason.choices, blank=True)

    objects = AssignmentQuerySet.as_manager()

    # Personal data: kept out of Wagtail's reference index (no index row or task per save).
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("accompagnement")
        verbose_name_plural = _("accompagnements")
        ordering = ["-started_at"]
        constraints = [
            # One volunteer at a time on a document, whoever assigns (two staff members, the automatic rule).
            models.UniqueConstraint(
                fields=["document"], condition=Q(ended_at__isnull=True), name="accompagnement_one_open_assignment"
            )
        ]

    def __str__(self):
        return f"{self.volunteer} – {self.document}"


class CommentStatus(models.TextChoices):
    VISIBLE = "visible", _("Visible")
    HELD = "held", _("Retenu pour relecture par l'équipe")
    REMOVED = "removed", _("Retiré par l'équipe")


class SuggestionState(models.TextChoices):
    NONE = "", _("Pas de suggestion")
    PENDING = "pending", _("En attente")
    ACCEPTED = "accepted", _("Acceptée")
    DECLINED = "declined", _("Pas retenue")


def is_visible(comment):
    """Guard: a pupil answers only a suggestion they can see (not one held for staff or removed)."""
    return comment.status == CommentStatus.VISIBLE


class Comment(FSMModelMixin, models.Model):
    version = models.ForeignKey(Version, verbose_name=_("version"), related_name="comments", on_delete=models.CASCADE)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        related_name="help_comments",
        null=True,
        on_delete=models.SET_NULL,
    )
    section = models.CharField(_("partie"), max_length=20)
    quote = models.CharField(_("passage commenté"), max_length=300, blank=True)
    body = models.TextField(_("commentaire"), max_length=1500)
    suggestion = models.TextField(_("proposition de formulation"), max_length=600, blank=True)
    # Both states are set once when the comment is written (`documents.add_comment`), then only by the
    # transitions below.
    suggestion_state = FSMField(
        _("suggestion"),
        max_length=8,
        choices=SuggestionState.choices,
        default=SuggestionState.NONE,
        blank=True,
        protected=True,
    )
    status = FSMField(
        _("état"), max_length=8, choices=CommentStatus.choices, default=CommentStatus.VISIBLE, protected=True
    )
    held_reason = models.CharField(_("raison de la retenue"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("écrit le"), auto_now_add=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("relu par"), related_name="+", null=True, on_delete=models.SET_NULL
    )
    moderated_at = models.DateTimeField(_("relu le"), null=True, blank=True)

    # Personal data: kept out of Wagtail's reference index (no index row or task per save).
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("commentaire")
        verbose_name_plural = _("commentaires")
        ordering = ["created_at"]

    def __str__(self):
        return _("Commentaire n° %(pk)s") % {"pk": self.pk}

    @property
    def document(self):
        return self.version.document

    @property
    def section_title(self):
        found = next((s for s in SECTIONS[self.version.document.kind] if s.key == self.section), None)
        return found.title if found else self.section

    # Transitions: run by `documents.py` on a row it has locked (`select_for_update`).

    @transition(
        field=suggestion_state, source=SuggestionState.PENDING, target=SuggestionState.ACCEPTED, conditions=[is_visible]
    )
    def accept_suggestion(self):
        pass

    @transition(
        field=suggestion_state, source=SuggestionState.PENDING, target=SuggestionState.DECLINED, conditions=[is_visible]
    )
    def decline_suggestion(self):
        pass

    @transition(field=status, source=CommentStatus.VISIBLE, target=CommentStatus.HELD)
    def hold(self, reason):
        self.held_reason = reason

    @transition(field=status, source=CommentStatus.HELD, target=CommentStatus.VISIBLE)
    def publish(self, by):
        self.moderated_by, self.moderated_at = by, timezone.now()

    @transition(field=status, source=CommentStatus.HELD, target=CommentStatus.REMOVED)
    def remove(self, by):
        self.moderated_by, self.moderated_at = by, timezone.now()


class Report(models.Model):
    """A pupil's « signaler » on a comment: the comment is hidden until staff have looked at it."""

    comment = models.ForeignKey(
        Comment, verbose_name=_("commentaire"), related_name="reports", on_delete=models.CASCADE
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("signalé par"), related_name="+", null=True, on_delete=models.SET_NULL
    )
    reason = models.TextField(_("ce qui ne va pas"), max_length=600, blank=True)
    created_at = models.DateTimeField(_("signalé le"), auto_now_add=True)
    handled_at = models.DateTimeField(_("traité le"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("traité par"), related_name="+", null=True, on_delete=models.SET_NULL
    )

    # Personal data: kept out of Wagtail's reference index (no index row or task per save).
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("signalement")
        verbose_name_plural = _("signalements")
        ordering = ["-created_at"]

    def __str__(self):
        return _("Signalement n° %(pk)s") % {"pk": self.pk}
