"""After the stage: the pupil's report, one guided step per page, and the host's appreciation."""

from django import forms
from django.utils.translation import gettext_lazy as _

import safeguarding
from home.widgets import RadioSelect

from .forms import too_long_in_plain_words
from .models import HostAppreciation

# One step per page: the field, its title, and questions that help a 14-year-old start writing.
REPORT_STEPS = [
    {
        "field": "saw",
        "title": _("Ce que j'ai vu"),
        "help": _(
            "Où étais-tu ? Qui as-tu rencontré ? Quels métiers as-tu vus ? Qu'as-tu fait toi-même pendant la semaine ?"
        ),
    },
    {
        "field": "liked",
        "title": _("Ce qui m'a plu (ou pas)"),
        "help": _("Un moment que tu retiens, ce qui t'a surpris, ce que tu as moins aimé, et pourquoi."),
    },
    {
        "field": "next",
        "title": _("Et après ?"),
        "help": _(
            "Ce stage te donne-t-il envie de ce métier, d'un autre ? Quelle formation, quel lycée ? "
            "Une question à poser à ton professeur ?"
        ),
    },
]


class ReportStepForm(forms.Form):
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=1500,
        error_messages={
            "required": _("Écris au moins quelques mots avant de passer à la suite."),
            "max_length": _("C'est trop long : %(limit_value)d caractères au plus."),
        },
    )

    def __init__(self, *args, step, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].label = step["title"]
        self.fields["text"].help_text = step["help"]

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if len(text) < 10:
            raise forms.ValidationError(_("Écris au moins une phrase (10 caractères ou plus)."))
        return text


class AppreciationForm(forms.ModelForm):
    class Meta:
        model = HostAppreciation
        fields = ["punctuality", "curiosity", "sentence"]
        widgets = {
            "punctuality": RadioSelect,
            "curiosity": RadioSelect,
            "sentence": forms.Textarea(attrs={"rows": 3, "maxlength": 400}),
        }
        labels = {
            "punctuality": _("Ponctualité"),
            "curiosity": _("Curiosité"),
            "sentence": _("Une phrase pour l'élève"),
        }
        help_texts = {
            "sentence": _(
                "L'élève, sa famille et son professeur la liront. Par exemple : « Tu as posé de très bonnes questions. »"
            )
        }
        error_messages = {
            "punctuality": {"required": _("Choisissez la ponctualité de l'élève.")},
            "curiosity": {"required": _("Choisissez la curiosité de l'élève.")},
            "sentence": {
                "required": _("Écrivez une phrase pour l'élève."),
                "max_length": _("C'est trop long : %(limit_value)d caractères au plus."),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        too_long_in_plain_words(self)

    def clean_sentence(self):
        sentence = self.cleaned_data["sentence"].strip()
        if not sentence:
            raise forms.ValidationError(_("Écrivez une phrase pour l'élève."))
        safeguarding.validate_adult_text(sentence)  # the pupil reads it
        return sentence
