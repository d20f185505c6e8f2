"""A pupil's wishes (three at most): for each, a métier typed, or a centre d'intérêt from a short list.

The wishes used to be one `<select>` each listing every sheet, domain and centre d'intérêt (685 options):
unusable on a phone. The métier is now typed and resolved as a host's place names it (`metiers.names`, with
the browser's suggestion list when JavaScript runs, `static/js/sheet-picker.js`): a name that fits several
sheets comes back with the closest ones as radio buttons, an unknown one with a French message, the typed text
kept. A `Wish` may also hold a domain; the form no longer offers domains, but a draft that has one keeps it
(a ticked box the pupil may untick, or replace by a métier or a centre d'intérêt)."""

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from metiers import names
from metiers.catalogue_names import interest_name


class WishForm(forms.Form):
    """One wish. `cleaned_data["target"]` is « sheet:pk », « centre:pk », « domain:pk » or absent (no wish)."""

    metier = forms.CharField(
        label=_("Un métier"),
        required=False,
        max_length=200,
        help_text=_("Tape son nom, par exemple « boulangère » ou « vétérinaire »."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"max_length": _("C'est trop long : %(limit_value)d caractères au plus.")},
    )
    metier_choice = forms.TypedChoiceField(
        label=_("Choisis le métier"), required=False, coerce=int, empty_value=None, widget=forms.RadioSelect
    )
    centre = forms.TypedChoiceField(label=_("Ou un centre d'intérêt"), required=False, coerce=int, empty_value=None)
    domain = forms.TypedChoiceField(required=False, coerce=int, empty_value=None, widget=forms.HiddenInput)

    def __init__(self, *args, centre_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.sheet = None
        self.fields["centre"].choices = [("", _("— Aucun —")), *centre_choices]
        self.fields["centre"].error_messages["invalid_choice"] = _("Choisis un centre d'intérêt de la liste.")
        self.fields["metier"].widget.attrs["data-suggest-url"] = reverse("stages:wish_sheet_suggestions")
        self.fields["metier_choice"].error_messages["invalid_choice"] = _("Choisis un des métiers proposés.")
        self._init_domain()
        posted_choice = str(self.data.get(self.add_prefix("metier_choice"), "")) if self.is_bound else ""
        if posted_choice.isdigit():  # offered after an ambiguous name: offer it again until resolved
            title = names.live_sheets().filter(pk=int(posted_choice)).values_list("title", flat=True).first()
            self.fields["metier_choice"].choices = [(int(posted_choice), title)] if title else []

    def _init_domain(self):
        """A domain wish kept from before the form offered only métiers and centres d'intérêt."""
        from metiers.models import DomaineProfessionnel

        value = self.data.get(self.add_prefix("domain"), "") if self.is_bound else self.initial.get("domain", "")
        domain = DomaineProfessionnel.objects.filter(pk=int(value)).first() if str(value).isdigit() else None
        self.fields["domain"].choices = [(domain.pk, str(domain))] if domain else []
        self.fields["domain"].error_messages["invalid_choice"] = _("Ce domaine n'existe plus : décoche-le.")
        self.kept_domain = domain

    def clean_metier(self):
        typed = self.cleaned_data["metier"].strip()
        if not typed:
            return typed
        resolution = names.resolve_with_choice(typed, self.data.get(self.add_prefix("metier_choice"), ""))
        if resolution.sheet is not None:
            self.sheet = resolution.sheet
            return typed
        self.fields["metier_choice"].choices = resolution.choices
        if resolution.choices:
            raise ValidationError(
                _("« %(typed)s » : choisis ci-dessous le métier que tu veux dire.") % {"typed": typed}
            )
        raise ValidationError(
            _(
                "Aucun métier ne correspond à « %(typed)s ». Vérifie l'orthographe, essaie un nom plus courant "
                "(par exemple « cuisinier »), ou choisis plutôt un centre d'intérêt."
            )
            % {"typed": typed}
        )

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        centre = cleaned.get("centre")
        if self.sheet is not None and centre is not None:
            raise ValidationError(
                _(
                    "Un souhait, c'est un métier ou un centre d'intérêt : garde l'un des deux, ou fais-en deux souhaits."
                ),
                code="two_targets",
            )
        # A typed métier or a chosen centre d'intérêt replaces a kept domain.
        if self.sheet is not None:
            cleaned["target"] = f"sheet:{self.sheet[0]}"
        elif centre is not None:
            cleaned["target"] = f"centre:{centre}"
        elif cleaned.get("domain") is not None:
            cleaned["target"] = f"domain:{cleaned['domain']}"
        return cleaned

    def has_choices(self):
        return bool(self.fields["metier_choice"].choices)


class BaseWishFormSet(forms.BaseFormSet):
    default_error_messages = {
        "too_many_forms": _("Tu peux faire trois souhaits au plus."),
        "too_few_forms": _("Choisis au moins un métier ou un centre d'intérêt."),
    }

    def clean(self):
        if any(self.errors):
            return
        targets = self.targets()
        if not targets:
            raise ValidationError(self.error_messages["too_few_forms"], code="too_few_forms")
        if len(set(targets)) != len(targets):
            raise ValidationError(_("Tu as choisi deux fois le même souhait."), code="duplicate")

    def targets(self):
        return [form.cleaned_data["target"] for form in self.forms if form.cleaned_data.get("target")]


WishFormSet = forms.formset_factory(
    WishForm, formset=BaseWishFormSet, extra=3, max_num=3, absolute_max=3, validate_max=True
)


def centre_choices():
    """The centres d'intérêt, by name in the pupil's language: the short list a pupil unsure of a métier
    chooses from."""
    from metiers.models import CentreInteret

    choices = [(pk, interest_name(name)) for pk, name in CentreInteret.objects.values_list("pk", "name")]
    return sorted(choices, key=lambda choice: choice[1].casefold())


def wish_initial(stage_request=None, sheet_pk=""):
    """The wishes of a draft for the form, and the sheet the pupil came from (« Demander un stage dans ce
    métier » on a sheet, « Ça m'intéresse » on an offer) added as its title typed, when it is not there yet
    and the draft has fewer than three wishes."""
    from home.converters import parse_id

    initial = []
    if stage_request is not None:
        for wish in stage_request.wishes.select_related("sheet"):
            if wish.sheet_id:
                initial.append({"metier": wish.sheet.title})
            elif wish.centre_id:
                initial.append({"centre": wish.centre_id})
            else:
                initial.append({"domain": wish.domain_id})
    pk = parse_id(str(sheet_pk))
    if pk is not None and len(initial) < 3:
        title = names.live_sheets().filter(pk=pk).values_list("title", flat=True).first()
        if title and {"metier": title} not in initial:
            initial.append({"metier": title})
    return initial
