"""The notebook's forms. Bad input never raises: every refusal is a French message next to its field,
the typed values kept. The wishes' rules (at most three, no duplicate, sheets that exist and are
published) are `clean()`'s; the database's constraints on the rank back the first one."""

from django import forms
from django.utils.translation import gettext_lazy as _

from home.text import fold
from metiers.models import MetierPage
from safeguarding import validate_adult_text

from .models import MAX_WISHES, ParentComment, Path, Question, Wish

TOO_LONG = _("C'est trop long : %(limit_value)d caractères au plus.")


def free_rank(pupil):
    """The first rank from 1 to 3 the pupil has not used, or None when they have three wishes."""
    taken = set(Wish.objects.filter(pupil=pupil).values_list("rank", flat=True))
    return next((rank for rank in range(1, MAX_WISHES + 1) if rank not in taken), None)


class SheetChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.title


class WishForm(forms.Form):
    path = forms.ChoiceField(
        label=_("Après la 3e, je voudrais aller en…"),
        choices=Path.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choisis une voie."),
            "invalid_choice": _("Choisis une des voies de la liste."),
        },
    )
    field = forms.CharField(
        label=_("Spécialité ou domaine"),
        required=False,
        max_length=120,
        help_text=_("Obligatoire pour une seconde professionnelle, par exemple « métiers de la relation client »."),
        error_messages={"max_length": TOO_LONG},
    )
    sheets = SheetChoiceField(
        label=_("Les métiers qui vont avec ce vœu"),
        queryset=MetierPage.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Parmi les fiches que tu as marquées « Ce métier m'intéresse »."),
        error_messages={
            "invalid_choice": _("Cette fiche n'existe pas ou n'est plus en ligne : choisis-en une autre."),
            "invalid_pk_value": _("Cette fiche n'existe pas ou n'est plus en ligne : choisis-en une autre."),
        },
    )
    note = forms.CharField(
        label=_("Pourquoi ce vœu ? (si tu veux)"),
        required=False,
        max_length=600,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": TOO_LONG},
    )

    def __init__(self, *args, pupil, **kwargs):
        super().__init__(*args, **kwargs)
        self.pupil = pupil
        # Only sheets that exist, are published and that the pupil marked.
        self.fields["sheets"].queryset = (
            MetierPage.objects.live().filter(interest_marks__pupil=pupil).order_by("title").distinct()
        )

    def clean_field(self):
        return " ".join(self.cleaned_data["field"].split())

    def clean(self):
        cleaned = super().clean()
        path, field = cleaned.get("path"), cleaned.get("field", "")
        if path == Path.VOCATIONAL and not field:
            self.add_error("field", _("Pour une seconde professionnelle, écris la spécialité ou le domaine."))
        if free_rank(self.pupil) is None:
            raise forms.ValidationError(
                _("Tu as déjà trois vœux : enlève-en un pour en écrire un autre."), code="too_many"
            )
        if path:
            for wish in Wish.objects.filter(pupil=self.pupil, path=path):
                if fold(wish.field) == fold(field or ""):
                    raise forms.ValidationError(_("Tu as déjà écrit ce vœu."), code="duplicate")
        return cleaned


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = ["text"]
        labels = {"text": _("Ta question pour ton professeur")}
        help_texts = {"text": _("Ton professeur la lit et te répond ici. Tes parents la voient aussi.")}
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"text": {"required": _("Écris ta question."), "max_length": TOO_LONG}}


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Votre réponse"),
        max_length=1500,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validate_adult_text],
        error_messages={"required": _("Écrivez votre réponse."), "max_length": TOO_LONG},
    )


class CommentForm(forms.ModelForm):
    class Meta:
        model = ParentComment
        fields = ["text"]
        labels = {"text": _("Votre commentaire")}
        help_texts = {"text": _("Votre enfant et ses professeurs le liront, dans la langue où vous l'écrivez.")}
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"text": {"required": _("Écrivez votre commentaire."), "max_length": TOO_LONG}}

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        validate_adult_text(text)
        return text
