"""A pupil's orientation notebook (« Mon orientation »): the métier sheets they marked, one to three wishes
for after the 3e, their questions to the teacher with the answers, and their parents' comments.

Minimal data: no grades, no school reports. What the pupil discovered elsewhere (workshops attended, the
stage and its report) is read from `ateliers` and `stages`, never copied here. Every row is personal: out of
Wagtail's reference index, in the data export and erased with the pupil (`carnet.dashboard`). Who reads what:
`carnet.access`."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_WISHES = 3


class Notebook(models.Model):
    """The pupil's choices about their notebook: for now, whether the volunteer who helps with their CV
    may read it (off until the pupil turns it on; turned off when consent is withdrawn)."""

    pupil = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("élève"), related_name="notebook", on_delete=models.CASCADE
    )
    shared_with_volunteer = models.BooleanField(_("partagé avec le bénévole"), default=False)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("carnet d'orientation")
        verbose_name_plural = _("carnets d'orientation")

    def __str__(self):
        return _("Carnet n° %(pk)s") % {"pk": self.pk}


class InterestMark(models.Model):
    """« Ce métier m'intéresse »: a sheet the pupil marked. Once per sheet."""

    pupil = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("élève"), related_name="interest_marks", on_delete=models.CASCADE
    )
    sheet = models.ForeignKey(
        "metiers.MetierPage", verbose_name=_("fiche métier"), related_name="interest_marks", on_delete=models.CASCADE
    )
    created_at = models.DateTimeField(_("le"), default=timezone.now)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("métier qui m'intéresse")
        verbose_name_plural = _("métiers qui m'intéressent")
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["pupil", "sheet"], name="carnet_one_mark_per_sheet")]

    def __str__(self):
        return str(self.sheet_id)


class Path(models.TextChoices):
    """The paths after the 3e a pupil may wish for (stored in English, French labels)."""

    GENERAL = "general", _("Seconde générale et technologique")
    VOCATIONAL = "vocational", _("Seconde professionnelle")
    CAP = "cap", _("CAP")
    APPRENTICESHIP = "apprenticeship", _("Apprentissage")


class Wish(models.Model):
    """One of the pupil's one to three wishes for after the 3e. The rank (1 to 3) is unique per pupil and
    checked by the database: two tabs can never give a pupil a fourth wish."""

    pupil = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("élève"), related_name="orientation_wishes", on_delete=models.CASCADE
    )
    rank = models.PositiveSmallIntegerField(_("ordre"))
    path = models.CharField(_("voie"), max_length=16, choices=Path.choices)
    field = models.CharField(_("spécialité ou domaine"), max_length=120, blank=True)
    sheets = models.ManyToManyField(
        "metiers.MetierPage", verbose_name=_("fiches métiers"), related_name="+", blank=True
    )
    note = models.TextField(_("pourquoi ce vœu"), max_length=600, blank=True)
    created_at = models.DateTimeField(_("le"), default=timezone.now)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("vœu d'orientation")
        verbose_name_plural = _("vœux d'orientation")
        ordering = ["rank", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["pupil", "rank"], name="carnet_one_wish_per_rank"),
            models.CheckConstraint(
                condition=Q(rank__gte=1) & Q(rank__lte=MAX_WISHES), name="carnet_at_most_three_wishes"
            ),
        ]

    def __str__(self):
        return f"{self.get_path_display()} {self.field}".strip()


class Question(models.Model):
    """A pupil's question to their teacher (or the guidance counsellor through them), and its answer. The
    question is the pupil's text (masked for adults); the answer an adult's (checked before it is saved)."""

    pupil = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("élève"),
        related_name="orientation_questions",
        on_delete=models.CASCADE,
    )
    text = models.TextField(_("ta question"), max_length=600)
    created_at = models.DateTimeField(_("posée le"), default=timezone.now)
    answer = models.TextField(_("réponse"), max_length=1500, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("répondu par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("répondu le"), null=True, blank=True)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("question d'orientation")
        verbose_name_plural = _("questions d'orientation")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return _("Question n° %(pk)s") % {"pk": self.pk}

    @property
    def is_answered(self):
        return self.answered_at is not None


class ParentComment(models.Model):
    """A parent's comment on their child's notebook (an adult's text read by the pupil: checked)."""

    pupil = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("élève"), related_name="orientation_comments", on_delete=models.CASCADE
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("commentaire"), max_length=1000)
    created_at = models.DateTimeField(_("le"), default=timezone.now)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("commentaire de parent")
        verbose_name_plural = _("commentaires de parents")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return _("Commentaire n° %(pk)s") % {"pk": self.pk}


class Step(models.Model):
    """A date of the collège's orientation year (staff set them in the admin, with the collège): provisional
    wishes, final wishes, the family–teacher meeting. Shown in the notebooks of the collège's pupils; a week
    before, the pupil and their parents get one reminder (`carnet.reminders`). Not personal data."""

    class Kind(models.TextChoices):
        PROVISIONAL = "provisional", _("Vœux provisoires")
        FINAL = "final", _("Vœux définitifs")
        MEETING = "meeting", _("Rencontre entre la famille et le professeur")
        OTHER = "other", _("Autre étape")

    school = models.ForeignKey(
        "accounts.School", verbose_name=_("collège"), related_name="orientation_steps", on_delete=models.CASCADE
    )
    kind = models.CharField(_("étape"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("intitulé"), max_length=150, blank=True, help_text=_("Laissé vide : le nom de l'étape."))
    on = models.DateField(_("date"))
    reminded_at = models.DateTimeField(_("rappel envoyé le"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("étape de l'orientation")
        verbose_name_plural = _("calendrier de l'orientation")
        ordering = ["on", "pk"]

    def __str__(self):
        return f"{self.label} ({self.on:%d/%m/%Y})"

    @property
    def label(self):
        return self.title or self.get_kind_display()
