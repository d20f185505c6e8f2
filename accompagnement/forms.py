"""Forms of the CV help. Every text is plain text: stored as typed (HTML included) and shown escaped."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from accounts.roles import Role
from safeguarding import mask

from . import pupil_text
from .sections import sections_for


class StepForm(forms.Form):
    """One guided step: the text of one section of a document of `kind`. Contact details are refused
    (`pupil_text`), the text kept."""

    def __init__(self, *args, section, kind, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        widget = (
            forms.TextInput(attrs={"autocomplete": "off", "data-preview-source": section.key})
            if section.rows == 1
            else forms.Textarea(attrs={"rows": section.rows, "data-preview-source": section.key})
        )
        self.fields["text"] = forms.CharField(
            label=section.label,
            help_text=section.help,
            max_length=section.max_length,
            required=section.required,
            widget=widget,
            error_messages={
                "required": _("Cette partie est obligatoire : écris quelques mots."),
                "max_length": _(
                    "C'est un peu long : %(limit_value)d caractères au plus (tu en as écrit %(show_value)d). "
                    "Ton texte est gardé ci-dessous, raccourcis-le."
                ),
            },
        )

    def clean_text(self):
        text = self.cleaned_data["text"]
        refused = pupil_text.errors(self.kind, text)
        if refused:
            raise forms.ValidationError(refused, code="contact_details")
        return text


class LetterForm(forms.Form):
    stage_request = forms.TypedChoiceField(
        label=gettext_lazy("Pour quelle demande de stage ?"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args, requests=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage_request"].choices = [("", _("Une lettre libre, sans demande de stage"))] + [
            (r.pk, _("Ma demande : %(week)s") % {"week": r.week}) for r in requests
        ]


class CommentForm(forms.Form):
    section = forms.ChoiceField(label=gettext_lazy("Partie commentée"))
    quote = forms.CharField(
        label=gettext_lazy("Passage commenté (facultatif)"),
        help_text=gettext_lazy("Copiez la phrase ou les mots exacts de l'élève que vous commentez."),
        max_length=300,
        required=False,
    )
    body = forms.CharField(label=gettext_lazy("Votre commentaire"), max_length=1500, widget=forms.Textarea({"rows": 4}))
    suggestion = forms.CharField(
        label=gettext_lazy("Proposition de formulation (facultatif)"),
        help_text=gettext_lazy(
            "L'élève pourra l'accepter : elle remplacera le passage commenté, ou toute la partie sans passage."
        ),
        max_length=600,
        required=False,
        widget=forms.Textarea({"rows": 2}),
    )

    def __init__(self, *args, version, **kwargs):
        super().__init__(*args, **kwargs)
        self.version = version
        self.fields["section"].choices = [
            (s.key, s.title) for s in sections_for(version.document.kind) if s.key != "name"
        ]

    def clean(self):
        """The quoted passage is looked for in what the volunteer reads (contact details masked), never in
        the pupil's text as written: whether a guess is « found » tells nothing that is masked."""
        data = super().clean()
        quote, key = data.get("quote", "").strip(), data.get("section")
        if quote and key and quote not in mask(self.version.sections.get(key, "")):
            self.add_error(
                "quote",
                _("Ce passage ne se trouve pas dans cette partie de la version %(n)s : copiez-le tel quel.")
                % {"n": self.version.number},
            )
        return data


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Qu'est-ce qui ne va pas ? (facultatif)"),
        max_length=600,
        required=False,
        widget=forms.Textarea({"rows": 3}),
    )


class DiffForm(forms.Form):
    """Which two versions to compare; unknown values fall back to the last two."""

    old = forms.TypedChoiceField(label=gettext_lazy("De la version"), coerce=int)
    new = forms.TypedChoiceField(label=gettext_lazy("À la version"), coerce=int)

    def __init__(self, *args, numbers, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(n, _("version %(n)s") % {"n": n}) for n in numbers] + [(0, _("texte actuel"))]
        self.fields["old"].choices = self.fields["new"].choices = choices


class ReasonForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Raison"), max_length=600, required=False)


class AssignForm(forms.Form):
    """The volunteer staff choose for a document; anything but a volunteer's id (a word, an unknown or huge
    number) is refused, never an error. Whether they may take it is `assignment.assign`'s to say."""

    volunteer = forms.ModelChoiceField(label=gettext_lazy("Bénévole"), queryset=User.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["volunteer"].queryset = self.volunteers()

    @staticmethod
    def volunteers():
        return User.objects.filter(groups__name=Role.VOLUNTEER).distinct()
