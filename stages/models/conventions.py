"""The convention de stage as a legal document: its wording (a versioned snippet of articles), the
convention of one stage (the filled fields, its own state machine), the four signatures and the trail.

States (django-fsm-2, `Convention.state`, protected; moves in `stages.signatures`):

    à signer → en cours de signature → signée
        ↖────────────┘ (a change of dates, hours, host or tutor voids every signature: `revise`)

« signée » is reached only by `complete`, whose condition is the fourth valid signature; it moves the
request to « Convention signée » in the same transaction. No button does it.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

from django_fsm import FSMField, FSMModelMixin, transition


class ConventionText(ClusterableModel):
    """One version of the convention's wording. A version that a convention was drawn up with is never
    changed again: staff copy it (Wagtail's « Copier ») into the next version number."""

    version = models.PositiveIntegerField(_("version"), unique=True)
    title = models.CharField(
        _("titre"), max_length=200, default="Convention relative à la séquence d'observation en milieu professionnel"
    )
    effective_from = models.DateField(_("en vigueur à partir du"))
    sources = models.TextField(_("textes de référence"), help_text=_("Les « Vu … » en tête de la convention."))
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)

    panels = [
        FieldPanel("version"),
        FieldPanel("title"),
        FieldPanel("effective_from"),
        FieldPanel("sources"),
        InlinePanel("articles", label=_("Articles"), min_num=1),
    ]

    class Meta:
        verbose_name = _("texte de la convention")
        verbose_name_plural = _("textes de la convention")
        ordering = ["-version"]

    def __str__(self):
        return _("Convention, version %(version)s") % {"version": self.version}

    @classmethod
    def current(cls):
        return cls.objects.order_by("-version").first()

    def clean(self):
        if self.pk and Convention.objects.filter(text_id=self.pk).exists():
            raise ValidationError(
                _(
                    "Des conventions ont été établies avec cette version : elle ne change plus. Copiez-la pour "
                    "écrire la version suivante."
                )
            )


class ConventionArticle(Orderable):
    text = ParentalKey(ConventionText, related_name="articles", on_delete=models.CASCADE)
    title = models.CharField(_("titre"), max_length=200)
    body = models.TextField(_("texte"))

    panels = [FieldPanel("title"), FieldPanel("body")]

    class Meta(Orderable.Meta):
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def __str__(self):
        return self.title


class ConventionState(models.TextChoices):
    WAITING = "a-signer", _("À signer")
    SIGNING = "en-signature", _("En cours de signature")
    SIGNED = "signee", _("Signée")


class Party(models.TextChoices):
    HOST = "accueil", _("La structure d'accueil")
    SCHOOL = "college", _("Le collège")
    PUPIL = "eleve", _("L'élève")
    PARENT = "parent", _("Le représentant légal")


class SignatureMethod(models.TextChoices):
    ACCOUNT = "compte", _("avec son compte sur le portail")
    LINK = "lien", _("par le lien reçu par e-mail")
    CODE = "code", _("avec le code de la lettre aux parents")


# A change of one of these after a signature voids every signature (stages.signatures.change).
VOIDING_FIELDS = (
    "first_day",
    "last_day",
    "starts_at",
    "ends_at",
    "break_minutes",
    "host",
    "tutor_name",
    "tutor_contact",
)


def _all_signed(convention):
    return convention.valid_signatures().count() == len(Party)


class Convention(FSMModelMixin, models.Model):
    """The convention of one stage request, drawn up when the host accepts, with the text version it is
    signed under. The filled fields are copied from the place, so a later edit of the place does not
    change a convention silently; changing them here goes through `stages.signatures.change`."""

    request = models.OneToOneField(
        "stages.StageRequest", verbose_name=_("demande"), related_name="convention", on_delete=models.CASCADE
    )
    text = models.ForeignKey(ConventionText, verbose_name=_("version du texte"), on_delete=models.PROTECT)
    reference = models.CharField(_("référence"), max_length=30, unique=True)
    host = models.ForeignKey(
        "stages.HostOrganisation", verbose_name=_("structure d'accueil"), on_delete=models.PROTECT, related_name="+"
    )
    first_day = models.DateField(_("premier jour"))
    last_day = models.DateField(_("dernier jour"))
    starts_at = models.TimeField(_("heure d'arrivée"))
    ends_at = models.TimeField(_("heure de départ"))
    break_minutes = models.PositiveSmallIntegerField(_("pause (minutes)"), default=0)
    tutor_name = models.CharField(_("tuteur ou tutrice"), max_length=150)
    tutor_contact = models.CharField(_("téléphone ou e-mail du tuteur"), max_length=150)
    # The host's words as approved for pupils (the safeguarding check plugs in at stages.signatures.activities_of).
    activities = models.TextField(_("activités observées"), max_length=1500)
    principal_name = models.CharField(_("chef d'établissement"), max_length=150, blank=True)
    teacher_name = models.CharField(_("professeur qui suit l'élève"), max_length=150, blank=True)
    state = FSMField(
        _("état"), max_length=14, choices=ConventionState.choices, default=ConventionState.WAITING, protected=True
    )
    content_hash = models.CharField(_("empreinte SHA-256 du contenu signé"), max_length=64, blank=True)
    signed_at = models.DateTimeField(_("signée le"), null=True, blank=True)
    created_at = models.DateTimeField(_("établie le"), auto_now_add=True)

    class Meta:
        verbose_name = _("convention de stage")
        verbose_name_plural = _("conventions de stage")
        ordering = ["-created_at"]

    def __str__(self):
        return self.reference

    def valid_signatures(self):
        return self.signatures.filter(voided_at__isnull=True)

    def signature_of(self, party):
        return self.valid_signatures().filter(party=party).first()

    @transition(field=state, source=[ConventionState.WAITING, ConventionState.SIGNING], target=ConventionState.SIGNING)
    def sign(self):
        pass

    @transition(field=state, source=ConventionState.SIGNING, target=ConventionState.SIGNED, conditions=[_all_signed])
    def complete(self):
        pass

    @transition(field=state, source=[ConventionState.WAITING, ConventionState.SIGNING], target=ConventionState.WAITING)
    def revise(self):
        pass


class ConventionSignature(models.Model):
    """One party's signature: who, when, how, on which text version and which content. Voided, not
    deleted, when the content changes afterwards."""

    convention = models.ForeignKey(Convention, related_name="signatures", on_delete=models.CASCADE)
    party = models.CharField(_("partie"), max_length=10, choices=Party.choices)
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("signataire"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    signer_name = models.CharField(_("nom du signataire"), max_length=150)
    acting_for = models.CharField(_("pour"), max_length=150, blank=True, help_text=_("Le chef d'établissement."))
    method = models.CharField(_("comment"), max_length=8, choices=SignatureMethod.choices)
    text_version = models.PositiveIntegerField(_("version du texte"))
    content_hash = models.CharField(_("empreinte du contenu"), max_length=64)
    signed_at = models.DateTimeField(_("signée le"), auto_now_add=True)
    voided_at = models.DateTimeField(_("annulée le"), null=True, blank=True)
    void_reason = models.CharField(_("raison de l'annulation"), max_length=250, blank=True)

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        ordering = ["signed_at", "pk"]
        constraints = [
            # One valid signature per party: two people clicking at once cannot both sign for the collège.
            models.UniqueConstraint(
                fields=["convention", "party"],
                condition=Q(voided_at__isnull=True),
                name="stages_one_signature_per_party",
            )
        ]

    def __str__(self):
        return f"{self.get_party_display()} – {self.signer_name}"


class ConventionEvent(models.Model):
    """The convention's trail: drawn up, each signature, each voiding, each reminder, signed."""

    class Action(models.TextChoices):
        DRAWN = "etablie", _("Convention établie")
        SIGNED = "signature", _("Signature")
        VOIDED = "annulation", _("Signatures annulées")
        COMPLETED = "signee", _("Convention signée")
        REMINDED = "relance", _("Relance")
        STOPPED = "arretee", _("Arrêtée : accord retiré")

    convention = models.ForeignKey(Convention, related_name="events", on_delete=models.CASCADE)
    action = models.CharField(_("action"), max_length=12, choices=Action.choices)
    party = models.CharField(_("partie"), max_length=10, choices=Party.choices, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("par"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    detail = models.CharField(_("détail"), max_length=250, blank=True)
    at = models.DateTimeField(_("le"), auto_now_add=True)

    class Meta:
        verbose_name = _("étape de la convention")
        verbose_name_plural = _("étapes de la convention")
        ordering = ["at", "pk"]

    def __str__(self):
        return self.get_action_display()
