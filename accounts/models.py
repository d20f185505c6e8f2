"""Accounts: people (one user model, logging in with their email), collèges and classes.

Pupils are children: the portal keeps only what it needs to serve them (names, class, a parent's
contact). A pupil may have no email address: pupils imported from a class list have none until their
parent activates the account.
"""

from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .roles import Role


def current_school_year(today=None):
    """The school year as « 2026-2027 »; a new year starts on 1 August."""
    today = today or timezone.localdate()  # in Paris: the server's own date may still be 31 July
    start = today.year if today.month >= 8 else today.year - 1
    return f"{start}-{start + 1}"


class UserManager(DjangoUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        email = self.normalize_email(email) or None
        user = self.model(email=email, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        # Email addresses are matched without regard to case.
        return self.get(email__iexact=username)


class User(AbstractUser):
    """Anyone with an account. The role is the group the user belongs to (see `roles.Role`)."""

    username = None
    email = models.EmailField(
        _("adresse e-mail"),
        unique=True,
        null=True,
        blank=True,
        help_text=_("Sert d'identifiant de connexion. Facultative pour un élève."),
    )
    school_class = models.ForeignKey(
        "accounts.SchoolClass",
        verbose_name=_("classe"),
        related_name="pupils",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        help_text=_("Pour un élève : sa classe de l'année en cours."),
    )
    children = models.ManyToManyField(
        "self",
        verbose_name=_("enfants"),
        related_name="parents",
        symmetrical=False,
        blank=True,
        help_text=_("Pour un parent : les élèves dont il est responsable."),
    )
    # Pupils log in with an identifier printed on their activation card: random words, never their name,
    # so that a card left on a desk tells nobody whose account it opens.
    identifier = models.CharField(
        _("identifiant"),
        max_length=40,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Identifiant de connexion d'un élève, imprimé sur sa carte d'activation."),
    )
    birth_date = models.DateField(
        _("date de naissance"),
        null=True,
        blank=True,
        help_text=_(
            "Pour un élève : décide qui donne l'accord (l'élève à partir de 15 ans, sinon un parent). "
            "Inconnue, l'accord d'un parent est demandé."
        ),
    )
    activated_at = models.DateTimeField(_("activé le"), null=True, blank=True, editable=False)
    # Set when the account's personal data was erased (on request, or by the yearly anonymisation):
    # the row stays, without anything that identifies the person, so that statistics keep their counts.
    anonymised_at = models.DateTimeField(_("anonymisé le"), null=True, blank=True, editable=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    # Personal data: kept out of Wagtail's reference index (no index row or task per save).
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("utilisateur")
        verbose_name_plural = _("utilisateurs")
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]
        permissions = [
            ("import_pupils", _("Peut importer une liste d'élèves")),
            ("erase_personal_data", _("Peut effacer les données personnelles d'une personne")),
        ]

    def __str__(self):
        return self.get_full_name() or self.email or f"#{self.pk}"

    def save(self, *args, **kwargs):
        # Store no empty string: several pupils without an address must not collide.
        self.email = self.email.strip().lower() if self.email else None
        self.identifier = self.identifier.strip().lower() if self.identifier else None
        super().save(*args, **kwargs)

    @property
    def roles(self):
        """The user's roles, in the order of `Role`."""
        names = {group.name for group in self.groups.all()}
        return [role for role in Role if role.value in names]

    def has_role(self, role):
        return any(group.name == role for group in self.groups.all())

    @property
    def is_association_staff(self):
        return self.is_superuser or self.has_role(Role.STAFF)


class School(models.Model):
    """A collège that the association works with."""

    name = models.CharField(_("nom"), max_length=200)
    uai = models.CharField(
        _("code UAI"),
        max_length=8,
        unique=True,
        validators=[
            RegexValidator(
                r"^\d{7}[A-Z]$",
                _("Le code UAI compte 7 chiffres suivis d'une lettre majuscule, par exemple 0930123A."),
            )
        ],
        help_text=_("Identifiant national de l'établissement, par exemple 0930123A."),
    )
    commune = models.CharField(_("commune"), max_length=120)

    class PriorityEducation(models.TextChoices):
        NONE = "", _("Hors éducation prioritaire")
        REP = "REP", _("REP")
        REP_PLUS = "REP+", _("REP+")

    priority_education = models.CharField(
        _("éducation prioritaire"), max_length=4, choices=PriorityEducation.choices, blank=True
    )

    class Meta:
        verbose_name = _("collège")
        verbose_name_plural = _("collèges")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.commune})"


class SchoolClass(models.Model):
    """A class of 4e or 3e in a collège, for one school year."""

    class Level(models.TextChoices):
        QUATRIEME = "4e", _("4e")
        TROISIEME = "3e", _("3e")

    school = models.ForeignKey(School, verbose_name=_("collège"), related_name="classes", on_delete=models.CASCADE)
    level = models.CharField(_("niveau"), max_length=2, choices=Level.choices)
    name = models.CharField(_("nom"), max_length=30, help_text=_("Par exemple « 3e B »."))
    school_year = models.CharField(
        _("année scolaire"),
        max_length=9,
        default=current_school_year,
        validators=[RegexValidator(r"^\d{4}-\d{4}$", _("Écrivez l'année scolaire sous la forme 2026-2027."))],
    )
    teachers = models.ManyToManyField(User, verbose_name=_("professeurs"), related_name="taught_classes", blank=True)

    class Meta:
        verbose_name = _("classe")
        verbose_name_plural = _("classes")
        ordering = ["school", "-school_year", "name"]
        constraints = [
            models.UniqueConstraint(fields=["school", "school_year", "name"], name="accounts_class_unique_name"),
        ]

    def __str__(self):
        return f"{self.name} – {self.school.name} ({self.school_year})"


class AccessCode(models.Model):
    """A one-time code printed on a pupil's activation card, stored as a keyed hash only.

    Each pupil has at most one code per purpose (the unique constraint): printing a sheet again or
    regenerating a lost card replaces the row, so an older card stops working at once, even when two
    teachers print the same class at the same time.
    """

    class Purpose(models.TextChoices):
        ACTIVATION = "activation", _("activation du compte de l'élève")
        PARENT_CONSENT = "parent", _("accord d'un parent")

    pupil = models.ForeignKey(User, verbose_name=_("élève"), related_name="access_codes", on_delete=models.CASCADE)
    purpose = models.CharField(_("usage"), max_length=12, choices=Purpose.choices)
    code_hash = models.CharField(_("empreinte du code"), max_length=64, editable=False)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expire le"))
    used_at = models.DateTimeField(_("utilisé le"), null=True, blank=True)

    # Personal data: kept out of Wagtail's reference index (no index row or task per save).
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("code d'accès")
        verbose_name_plural = _("codes d'accès")
        constraints = [
            models.UniqueConstraint(fields=["pupil", "purpose"], name="accounts_one_code_per_pupil_and_purpose"),
        ]

    def __str__(self):
        return f"{self.get_purpose_display()} – #{self.pupil_id}"


class ConsentRecord(models.Model):
    """One decision about a pupil's personal data: an agreement, a refusal or a withdrawal.

    Records are only ever added, never changed: the latest one is the pupil's current status, and the
    whole list says who decided, when, after reading which version of the text, and how. They go only
    with the pupil's account (erasure).
    """

    class Decision(models.TextChoices):
        GIVEN = "given", _("accord donné")
        REFUSED = "refused", _("accord refusé")
        WITHDRAWN = "withdrawn", _("accord retiré")

    class Method(models.TextChoices):
        LINK = "link", _("lien reçu par e-mail")
        CODE = "code", _("code de la lettre aux parents")
        PARENT_SPACE = "space", _("espace parent")
        SELF = "self", _("l'élève (15 ans ou plus)")
        PAPER = "paper", _("formulaire papier reçu par l'équipe")

    pupil = models.ForeignKey(User, verbose_name=_("élève"), related_name="consent_records", on_delete=models.CASCADE)
    decision = models.CharField(_("décision"), max_length=10, choices=Decision.choices)
    method = models.CharField(_("moyen"), max_length=6, choices=Method.choices)
    text_version = models.CharField(_("version du texte lu"), max_length=20)
    decided_by = models.ForeignKey(
        User,
        verbose_name=_("compte de la personne"),
        related_name="consent_decisions",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    decided_by_name = models.CharField(_("nom de la personne"), max_length=150)
    created_at = models.DateTimeField(_("date"), auto_now_add=True, db_index=True)
    # « Ce n'était pas moi »: a parent told by e-mail of an answer given with the letter's code cancelled
    # it. The record stays (who, when, how) but no longer counts (`accounts.consent.latest`).
    cancelled_at = models.DateTimeField(_("annulé le"), null=True, blank=True)

    # Personal data: kept out of Wagtail's reference index (no index row or task per save).
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("accord sur les données")
        verbose_name_plural = _("accords sur les données")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_decision_display()} – #{self.pupil_id}"
