"""The « Proposer un stage ou intervenir » form: clear French errors, and a honeypot against spam robots."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.models import School
from home.widgets import RadioSelect

from .models import PlaceWeek, ProfessionalProposal, StageRequest, StageWeek

PHONE = re.compile(r"^(?:\+33|0)[1-9]\d{8}$")
TOO_LONG = _("C'est trop long : %(limit_value)d caractères au plus.")
POSTCODE = re.compile(r"^\d{5}$")


def too_long_in_plain_words(form):
    """Our « too long » message for every field of `form` limited in length without one of its own
    (Django's « Assurez-vous que cette valeur comporte au plus… » is not for a 13-year-old)."""
    for field in form.fields.values():
        if any(getattr(validator, "code", None) == "max_length" for validator in field.validators):
            field.error_messages.setdefault("max_length", TOO_LONG)


class ProposalForm(forms.ModelForm):
    # Honeypot: hidden from people (CSS and aria-hidden) and named to tempt robots; a filled value means spam.
    website = forms.CharField(label=_("Ne pas remplir ce champ"), required=False)

    class Meta:
        model = ProfessionalProposal
        fields = ["kind", "name", "organisation", "job", "email", "phone", "postcode", "message"]
        widgets = {
            "kind": RadioSelect,
            "message": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "job": _("Par exemple : boulanger, infirmière, développeur."),
            "phone": _("Facultatif. Par exemple : 06 12 34 56 78."),
            "postcode": _("Pour proposer votre offre aux collèges proches. Par exemple : 93200."),
            "message": _("Facultatif : vos disponibilités, ce que l'élève pourrait voir…"),
        }
        error_messages = {
            "kind": {"required": _("Choisissez ce que vous proposez.")},
            "name": {"required": _("Indiquez votre nom et votre prénom.")},
            "organisation": {"required": _("Indiquez le nom de votre entreprise ou de votre organisme.")},
            "job": {"required": _("Indiquez votre métier.")},
            "email": {
                "required": _("Indiquez votre adresse e-mail, pour que l'équipe puisse vous répondre."),
                "invalid": _("L'adresse e-mail n'est pas valide : elle doit ressembler à nom@exemple.fr."),
            },
            "postcode": {"required": _("Indiquez le code postal de votre lieu de travail.")},
            "message": {"max_length": _("Le message est trop long : %(limit_value)d caractères au plus.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["organisation"].widget.attrs["autocomplete"] = "organization"
        self.fields["phone"].widget.attrs.update({"autocomplete": "tel", "inputmode": "tel"})
        self.fields["postcode"].widget.attrs.update({"autocomplete": "postal-code", "inputmode": "numeric"})
        too_long_in_plain_words(self)

    @property
    def is_spam(self):
        return bool(self.data.get("website", "").strip())

    def visible_fields(self):
        return [field for field in super().visible_fields() if field.name != "website"]

    def clean_phone(self):
        phone = self.cleaned_data["phone"]
        digits = re.sub(r"[\s.\-]", "", phone)
        if digits and not PHONE.match(digits):
            raise ValidationError(
                _("Le numéro de téléphone n'est pas valide : 10 chiffres, par exemple 06 12 34 56 78.")
            )
        return digits

    def clean_postcode(self):
        postcode = self.cleaned_data["postcode"].strip()
        if not POSTCODE.match(postcode):
            raise ValidationError(_("Le code postal doit avoir 5 chiffres, par exemple 93200."))
        return postcode


class StageRequestForm(forms.ModelForm):
    """A pupil's request: the week among their collège's, why, how far they can go, constraints."""

    class Meta:
        model = StageRequest
        fields = ["week", "motivation", "travel_minutes", "travel_mode", "constraints"]
        widgets = {
            "motivation": forms.Textarea(attrs={"rows": 3}),
            "constraints": forms.Textarea(attrs={"rows": 2}),
            "travel_mode": RadioSelect,
        }
        labels = {
            "week": _("Ta semaine de stage"),
            "motivation": _("Pourquoi ces souhaits ? En quelques mots"),
            "travel_minutes": _("Combien de minutes de trajet au plus ?"),
            "travel_mode": _("Comment te déplaces-tu ?"),
            "constraints": _("Des contraintes ? (santé, horaires, garde d'un frère ou d'une sœur…)"),
        }
        help_texts = {"constraints": _("Facultatif.")}
        error_messages = {
            "week": {
                "required": _("Choisis ta semaine de stage."),
                "invalid_choice": _(
                    "Cette semaine n'est pas une semaine de stage de ton collège : choisis dans la liste."
                ),
            },
            "motivation": {
                "required": _("Dis en quelques mots pourquoi tu as fait ces choix."),
                "max_length": _("C'est trop long : %(limit_value)d caractères au plus."),
            },
            "travel_minutes": {
                "required": _("Indique combien de minutes tu peux faire en trajet."),
                "invalid": _("Indique un nombre de minutes, par exemple 30."),
            },
            "travel_mode": {
                "required": _("Choisis comment tu te déplaces."),
                "invalid_choice": _("Choisis un moyen de transport de la liste."),
            },
        }

    def __init__(self, *args, pupil, **kwargs):
        super().__init__(*args, **kwargs)
        school = pupil.school_class.school if pupil.school_class_id else None
        weeks = StageWeek.objects.filter(school=school) if school else StageWeek.objects.none()
        self.fields["week"].queryset = weeks
        self.fields["week"].empty_label = _("— Choisir —")
        minutes = self.fields["travel_minutes"]
        # The model field's own bounds (0, 32 767) would speak Django's words; clean_travel_minutes speaks ours.
        minutes.validators = []
        minutes.widget.attrs.update({"inputmode": "numeric", "min": 5, "max": 120})
        too_long_in_plain_words(self)

    def clean_travel_minutes(self):
        minutes = self.cleaned_data["travel_minutes"]
        if minutes < 0:
            raise ValidationError(_("Le temps de trajet ne peut pas être négatif : indique par exemple 30 minutes."))
        if not 5 <= minutes <= 120:
            raise ValidationError(_("Indique un temps de trajet entre 5 et 120 minutes."))
        return minutes


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Raison"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=600,
        required=False,
    )


class ConsoleFilterForm(forms.Form):
    """The console's filter, read from the URL (`?college=<pk>`, shareable): a collège that has stage
    weeks, or all of them. Any other value (a word, an unknown or huge number) is ignored, never an error."""

    college = forms.ModelChoiceField(
        label=_("Collège"),
        required=False,
        empty_label=_("Tous les collèges"),
        queryset=School.objects.filter(stage_weeks__isnull=False).distinct().order_by("name"),
    )

    def school(self):
        """The chosen collège, or None when none (or no valid one) is chosen."""
        self.is_valid()
        return self.cleaned_data.get("college")


class ProposePlaceForm(forms.Form):
    """The place (a week of an offer) staff propose from the console; an unknown one is refused in words."""

    place_week = forms.ModelChoiceField(
        queryset=PlaceWeek.objects.all(),
        error_messages={
            "required": _("Choisissez une des places classées ci-dessous."),
            "invalid_choice": _("Cette place n'existe plus : choisissez une des places classées ci-dessous."),
        },
    )
