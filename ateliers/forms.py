"""Forms of the parcours Découverte: the agenda's filters, a teacher's class booking, check-in, feedback."""

from django import forms
from django.utils.translation import gettext_lazy as _

from home.facets import Facet
from home.widgets import RadioSelect

from .models import Feedback, Kind, Level


class AgendaFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), required=False, choices=[("", _("Tous les types")), *Kind.choices])
    level = forms.ChoiceField(
        label=_("Niveau"),
        required=False,
        choices=[("", _("Tous les niveaux")), (Level.QUATRIEME, _("4e")), (Level.TROISIEME, _("3e"))],
    )
    places = forms.ChoiceField(
        label=_("Places"), required=False, choices=[("", _("Toutes les séances")), ("1", _("Places restantes"))]
    )

    def __init__(self, *args, months=(), domains=(), schools=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["month"] = forms.ChoiceField(
            label=_("Mois"), required=False, choices=[("", _("Tous les mois")), *months]
        )
        self.fields["domain"] = forms.ChoiceField(
            label=_("Domaine de métiers"), required=False, choices=[("", _("Tous les domaines")), *domains]
        )
        self.fields["school"] = forms.ChoiceField(
            label=_("Collège"), required=False, choices=[("", _("Tous les collèges")), *schools]
        )

    def facets(self):
        return [Facet.from_choice_field(name, field) for name, field in self.fields.items()]


class ClassBookingForm(forms.Form):
    pupils = forms.ModelMultipleChoiceField(
        label=_("Élèves à inscrire"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Cochez au moins un élève."), "invalid_choice": _("Élève inconnu.")},
    )

    def __init__(self, *args, pupils, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pupils"].queryset = pupils
        self.fields["pupils"].label_from_instance = lambda p: f"{p.last_name} {p.first_name} ({p.school_class.name})"


class WalkInForm(forms.Form):
    identifier = forms.CharField(
        label=_("Identifiant de l'élève (sur sa carte)"),
        max_length=40,
        error_messages={"required": _("Tapez l'identifiant de l'élève.")},
    )


class FeedbackForm(forms.ModelForm):
    class Meta:
        model = Feedback
        fields = ["liked", "learned", "comment"]
        widgets = {
            "liked": RadioSelect,
            "learned": RadioSelect,
            "comment": forms.Textarea(attrs={"rows": 3}),
        }
