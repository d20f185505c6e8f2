from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .importing import MAX_BYTES as MAX_UPLOAD_BYTES
from .models import School, current_school_year


class EmailAuthenticationForm(AuthenticationForm):
    """Log in with an email address or a pupil's identifier (see `accounts.backends`); French labels
    and messages."""

    username = forms.CharField(
        label=_("Adresse e-mail ou identifiant"),
        max_length=254,
        widget=forms.TextInput(
            attrs={"autocomplete": "username", "autofocus": True, "autocapitalize": "none", "spellcheck": "false"}
        ),
    )
    password = forms.CharField(
        label=_("Mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        "invalid_login": _(
            "Adresse e-mail, identifiant ou mot de passe incorrect. Vérifiez les majuscules et réessayez."
        ),
        "inactive": _("Ce compte n'est pas encore activé. Contactez l'association."),
    }


class QueuedPasswordResetMixin:
    """A password reset form whose email goes through the queue (`accounts.emails.queue_email`): rendered
    in the request, in the visitor's language, sent by the worker. A slow or hung mail server never holds
    the request, and a refused send is retried, then shown to staff, instead of being dropped (Django's
    form sends inside the request and only logs a failure)."""

    def send_mail(
        self, subject_template_name, email_template_name, context, from_email, to_email, html_email_template_name=None
    ):
        from .emails import queue_email

        prefix = email_template_name.removesuffix(".txt")
        if subject_template_name != f"{prefix}_subject.txt":
            raise ValueError(f"{subject_template_name} is not {prefix}_subject.txt")
        queue_email(prefix, context, [to_email], language=translation.get_language() or "fr")


class QueuedPasswordResetForm(QueuedPasswordResetMixin, PasswordResetForm):
    pass


class ClassImportForm(forms.Form):
    school = forms.ModelChoiceField(
        label=_("Collège"), queryset=School.objects.all(), empty_label=_("Choisissez un collège")
    )
    school_year = forms.RegexField(
        label=_("Année scolaire"),
        regex=r"^\d{4}-\d{4}$",
        initial=current_school_year,
        error_messages={"invalid": _("Écrivez l'année scolaire sous la forme 2026-2027.")},
    )
    csv_file = forms.FileField(
        label=_("Fichier CSV"),
        help_text=_("Colonnes : nom, prénom, classe, email parent. Séparateur virgule ou point-virgule."),
    )

    def clean_school_year(self):
        value = self.cleaned_data["school_year"]
        start, end = (int(part) for part in value.split("-"))
        if end != start + 1:
            raise forms.ValidationError(_("Les deux années doivent se suivre, par exemple 2026-2027."))
        return value

    def clean_csv_file(self):
        upload = self.cleaned_data["csv_file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Le fichier dépasse 1 Mo. Découpez la liste par classe."))
        if not upload.name.lower().endswith((".csv", ".txt")):
            raise forms.ValidationError(_("Choisissez un fichier .csv (enregistrez votre tableur au format CSV)."))
        return upload


class ClassImportConfirmForm(forms.Form):
    """The checked file, its collège and school year, signed together so none can be changed on the way."""

    payload = forms.CharField(widget=forms.HiddenInput)
