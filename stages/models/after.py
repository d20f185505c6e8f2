"""After the stage: the pupil's report, written in three guided steps and read by their teacher (the
start of the « réflexion autour de l'orientation »), and the host's short appreciation of the pupil.

Both open once the stage is over (`stage_is_over`): the request is « stage réalisé », or the convention is
signed and the stage week's Friday has come — a host who forgets to mark the stage as done must not keep
the pupil from writing while they remember it. Who writes and who reads is in `stages.access`."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .requests import RequestState, StageRequest


def stage_is_over(stage_request, today=None):
    if stage_request.state == RequestState.DONE:
        return True
    if stage_request.state != RequestState.CONVENTION:
        return False
    today = today or timezone.localdate()
    return today >= stage_request.week.starts_on + datetime.timedelta(days=4)


class StageReport(models.Model):
    """The pupil's own words after their stage: what they saw, what they liked, what next."""

    STEPS = ("saw", "liked", "next")

    request = models.OneToOneField(StageRequest, related_name="report", on_delete=models.CASCADE)
    saw = models.TextField(_("ce que j'ai vu"), max_length=1500, blank=True)
    liked = models.TextField(_("ce qui m'a plu (ou pas)"), max_length=1500, blank=True)
    next = models.TextField(_("et après ?"), max_length=1500, blank=True)
    submitted_at = models.DateTimeField(_("envoyé le"), null=True, blank=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    # Personal data: kept out of Wagtail's reference index (no index row or task per save).
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("compte rendu de stage")
        verbose_name_plural = _("comptes rendus de stage")

    def __str__(self):
        return _("Compte rendu de la demande n° %(pk)s") % {"pk": self.request_id}

    @property
    def is_submitted(self):
        return self.submitted_at is not None


class HostAppreciation(models.Model):
    """The host's short appreciation of the pupil after the stage."""

    class Punctuality(models.TextChoices):
        ALWAYS = "toujours", _("Toujours à l'heure")
        MOSTLY = "souvent", _("Le plus souvent à l'heure")
        SOMETIMES_LATE = "parfois-retard", _("Parfois en retard")
        OFTEN_LATE = "souvent-retard", _("Souvent en retard")

    class Curiosity(models.TextChoices):
        VERY = "tres", _("Très curieux ou curieuse, beaucoup de questions")
        CURIOUS = "curieux", _("Curieux ou curieuse")
        A_LITTLE = "un-peu", _("Un peu curieux ou curieuse")
        RESERVED = "reserve", _("Plutôt réservé ou réservée")

    request = models.OneToOneField(StageRequest, related_name="appreciation", on_delete=models.CASCADE)
    punctuality = models.CharField(_("ponctualité"), max_length=16, choices=Punctuality.choices)
    curiosity = models.CharField(_("curiosité"), max_length=16, choices=Curiosity.choices)
    sentence = models.CharField(_("une phrase pour l'élève"), max_length=400)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("par"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    # Personal data: kept out of Wagtail's reference index (no index row or task per save).
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("appréciation de l'accueil")
        verbose_name_plural = _("appréciations de l'accueil")

    def __str__(self):
        return _("Appréciation de la demande n° %(pk)s") % {"pk": self.request_id}
