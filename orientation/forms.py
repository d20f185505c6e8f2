"""The filter form of the guidance index: audience and topic, both optional, read as facets."""

from django import forms
from django.utils.translation import gettext_lazy as _

from home.facets import Facet

from .models import Audience, Topic


class GuidanceFilterForm(forms.Form):
    audience = forms.ChoiceField(
        label=_("Pour qui ?"), required=False, choices=[("", _("Tous les publics")), *Audience.choices]
    )
    topic = forms.ChoiceField(label=_("Thème"), required=False, choices=[("", _("Tous les thèmes")), *Topic.choices])

    def facets(self):
        """The form's filters as facets (`home.facets`), which read and check the chosen values."""
        return [Facet.from_choice_field(name, field) for name, field in self.fields.items()]
