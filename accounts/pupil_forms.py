"""Forms of pupils' activation and of consent. Every message is in plain French, for a 13-year-old or
a parent reading on a phone, and names the field that is wrong (never Django's bare « Champ requis. »); what
was typed is kept, except passwords and the parent's code (the pupil's activation code is kept: re-typing
it from the card after a password error was the activation's first stumble)."""

from django import forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .activation import CODE_LENGTH, normalise_code

PASSWORD_HELP = _(
    "Au moins 8 caractères. Pas ton prénom, pas ton identifiant, pas « 12345678 ». "
    "Astuce : trois mots que tu retiens facilement, par exemple « velo-pizza-nuage »."
)
BAD_CODE = _(
    "Identifiant ou code incorrect, ou code déjà utilisé ou expiré. Vérifie ta carte et réessaie ; "
    "si cela ne marche toujours pas, demande une nouvelle carte à ton professeur."
)
BAD_PARENT_CODE = _(
    "Identifiant ou code incorrect, ou code déjà utilisé ou expiré. Vérifiez la lettre aux parents ; "
    "si cela ne marche toujours pas, demandez une nouvelle lettre au professeur ou à l'association."
)
BAD_EMAIL = _("Écrivez une adresse e-mail complète, par exemple prenom.nom@exemple.fr.")
TOO_MANY = _(
    "Trop d'essais. Pour protéger les comptes, attendez une heure avant de réessayer, "
    "ou demandez une nouvelle carte au professeur."
)


class CodeField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
        )
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if value and len(normalise_code(value)) != CODE_LENGTH:
            raise ValidationError(_("Le code compte 8 lettres ou chiffres, par exemple ABCD-EF23."))
        return value


def identifier_field(label, required_message=None):
    return forms.CharField(
        label=label,
        max_length=40,
        error_messages={"required": required_message} if required_message else None,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"}),
    )


class NewPasswordMixin(forms.Form):
    password1 = forms.CharField(
        label=_("Choisis ton mot de passe"),
        strip=False,
        error_messages={"required": _("Choisis ton mot de passe.")},
        help_text=PASSWORD_HELP,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Écris-le une deuxième fois"),
        strip=False,
        error_messages={
            "required": _("Écris ton mot de passe une deuxième fois, pour être sûr de ne pas t'être trompé.")
        },
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("Les deux mots de passe ne sont pas les mêmes."))
        elif first:
            try:
                password_validation.validate_password(first, user=getattr(self, "password_user", None))
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class ActivationForm(NewPasswordMixin):
    """A pupil's first login: the identifier and code of their card, then a password of their own."""

    identifier = identifier_field(
        _("Ton identifiant"), _("Recopie ton identifiant : il est écrit sur ta carte, par exemple colibri-olive-26.")
    )
    code = CodeField(
        label=_("Ton code d'activation"),
        help_text=_("Il est écrit sur ta carte, par exemple ABCD-EF23."),
        error_messages={
            "required": _("Recopie ton code d'activation : il est écrit sur ta carte, par exemple ABCD-EF23.")
        },
    )
    email = forms.EmailField(
        label=_("Ton adresse e-mail (facultatif)"),
        required=False,
        error_messages={"invalid": BAD_EMAIL},
        help_text=_("Seulement si tu en as une : elle sert à retrouver ton mot de passe si tu l'oublies."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    field_order = ["identifier", "code", "password1", "password2", "email"]

    def clean_identifier(self):
        return self.cleaned_data["identifier"].strip().lower()

    def clean_email(self):
        # Never « already used » here: that answer, given before the card is checked, told anyone whether an
        # address has an account. `activation.activate` keeps an address only if no other account has it.
        return (self.cleaned_data.get("email") or "").strip().lower() or None


class ParentCodeForm(forms.Form):
    """A parent opens the consent form with the « parent » part of their child's card."""

    identifier = identifier_field(
        _("Identifiant de votre enfant"), _("Recopiez l'identifiant de votre enfant : il est écrit sur sa carte.")
    )
    code = CodeField(
        label=_("Code parent"),
        help_text=_("Il est écrit sur la carte, sous « Pour le parent »."),
        error_messages={"required": _("Recopiez le code parent : il est écrit sur la carte, sous « Pour le parent ».")},
    )

    def clean_identifier(self):
        return self.cleaned_data["identifier"].strip().lower()


class ConsentDecisionForm(forms.Form):
    """A parent's decision after reading the text."""

    name = forms.CharField(
        label=_("Votre prénom et votre nom"),
        max_length=150,
        help_text=_("Nous le gardons avec votre réponse, pour savoir qui a répondu."),
        error_messages={"required": _("Écrivez votre prénom et votre nom.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    decision = forms.ChoiceField(
        label=_("Votre réponse"),
        choices=[("given", _("J'accepte")), ("refused", _("Je refuse"))],
        error_messages={
            "required": _("Choisissez votre réponse : « J'accepte » ou « Je refuse »."),
            "invalid_choice": _("Choisissez votre réponse : « J'accepte » ou « Je refuse »."),
        },
        widget=forms.RadioSelect,
    )

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name or any(ord(char) < 32 for char in name):
            raise ValidationError(_("Écrivez votre prénom et votre nom."))
        return name


class SelfConsentForm(forms.Form):
    """A pupil of 15 or more decides for themselves."""

    decision = forms.ChoiceField(
        label=_("Ta réponse"),
        choices=[("given", _("J'accepte")), ("refused", _("Je refuse"))],
        widget=forms.RadioSelect,
    )


class ParentAccountRequestForm(forms.Form):
    """After answering, a parent may ask for an account: we send a link to the address to prove it is theirs."""

    email = forms.EmailField(
        label=_("Votre adresse e-mail"),
        error_messages={"invalid": BAD_EMAIL},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class ParentPasswordForm(NewPasswordMixin):
    password1 = forms.CharField(
        label=_("Choisissez un mot de passe"),
        strip=False,
        help_text=_("Au moins 8 caractères, pas seulement des chiffres, pas un mot de passe courant."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Écrivez-le une deuxième fois"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
