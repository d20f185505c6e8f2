"""The choice of school year on the figures page: a GET form, so the address can be shared."""

from django import forms
from django.utils.translation import gettext_lazy as _


class YearForm(forms.Form):
    annee = forms.ChoiceField(label=_("Année scolaire"), required=False)

    def __init__(self, data, *, years):
        super().__init__(data)
        self.fields["annee"].choices = [(year, year.replace("-", " – ")) for year in years]
        self.default = years[0]

    def year(self):
        """The chosen year; the current one when none or an unknown one is asked for."""
        if self.is_valid() and self.cleaned_data["annee"]:
            return self.cleaned_data["annee"]
        return self.default
