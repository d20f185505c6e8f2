"""The filter form of the guidance index: audience and topic, both optional."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Audience, Topic


class GuidanceFilterForm(forms.Form):
    audience = forms.ChoiceField(
        label=_("Pour qui ?"), required=False, choices=[("", _("Tous les publics")), *Audience.choices]
    )
    topic = forms.ChoiceField(label=_("Thème"), required=False, choices=[("", _("Tous les thèmes")), *Topic.choices])
