"""What professionals offer: a placement for a pupil, a workshop in a collège, or both.

Until professionals have accounts, the « Proposer un stage ou intervenir » form is their way in: each
proposal is stored here for staff (admin menu « Propositions des professionnels ») and e-mailed to them.
It holds an adult professional's work contact details only, never a pupil's data.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProposalKind(models.TextChoices):
    PLACEMENT = "stage", _("Accueillir un élève en stage")
    WORKSHOP = "intervention", _("Intervenir dans un collège (atelier, présentation de mon métier)")
    BOTH = "les-deux", _("Les deux")


class ProfessionalProposal(models.Model):
    kind = models.CharField(_("proposition"), max_length=20, choices=ProposalKind.choices)
    name = models.CharField(_("nom et prénom"), max_length=120)
    organisation = models.CharField(_("entreprise ou organisme"), max_length=150)
    job = models.CharField(_("métier"), max_length=150)
    email = models.EmailField(_("adresse e-mail"))
    phone = models.CharField(_("téléphone"), max_length=20, blank=True)
    postcode = models.CharField(_("code postal du lieu de travail"), max_length=5)
    message = models.TextField(_("message"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("reçue le"), auto_now_add=True)
    handled = models.BooleanField(_("traitée"), default=False)

    # Personal data: kept out of Wagtail's reference index (no index row or task per save).
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("proposition d'un professionnel")
        verbose_name_plural = _("propositions des professionnels")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.organisation} – {self.get_kind_display()}"
