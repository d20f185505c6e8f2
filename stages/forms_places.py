"""Outside the admin: a collège's teachers enter its stage weeks; professionals enter and edit their places
and the weeks each is open, with its seats. Every message in plain French, typed input kept."""

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm

import safeguarding
from accounts.models import School, current_school_year
from home.converters import parse_id
from metiers import names

from . import legal
from .forms import too_long_in_plain_words
from .models import Place, StageWeek

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
# A change of these sends an approved place back to staff's check before any new matching.
SUBSTANCE_FIELDS = {
    "title",
    "sheets",
    "description",
    "tutor",
    "tutor_contact",
    "hours",
    "starts_at",
    "ends_at",
    "break_minutes",
    "lunch",
    "accessibility",
    "reserved_school",
}
# Which field shows a rule of stages.legal that the place breaks.
BREACH_FIELDS = {
    "daily": "ends_at",
    "weekly": "ends_at",
    "night": "ends_at",
    "break": "break_minutes",
    "tutor": "tutor",
    "tutor_contact": "tutor_contact",
}
TIME_ERRORS = {
    "required": _("Indiquez une heure, par exemple 09:00."),
    "invalid": _("Cette heure n'est pas valide : écrivez-la par exemple 09:00 ou 16:30."),
}
MAX_SEATS = 20


def school_years():
    """This school year and the next: weeks are entered ahead."""
    this = current_school_year()
    start = int(this[:4])
    return [this, f"{start + 1}-{start + 2}"]


class StageWeekForm(forms.ModelForm):
    school_year = forms.ChoiceField(label=_("Année scolaire"))

    class Meta:
        model = StageWeek
        fields = ["school", "school_year", "starts_on"]
        widgets = {"starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        labels = {"school": _("Collège"), "starts_on": _("Lundi de la semaine de stage")}
        help_texts = {"starts_on": _("La semaine va du lundi au vendredi. Par exemple : 07/12/2026.")}
        error_messages = {
            "school": {
                "required": _("Choisissez le collège."),
                "invalid_choice": _("Vous ne pouvez saisir les semaines que de votre collège."),
            },
            "starts_on": {
                "required": _("Indiquez le lundi de la semaine de stage."),
                "invalid": _("Cette date n'est pas valide : écrivez-la par exemple 07/12/2026."),
            },
        }

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools
        self.fields["school"].empty_label = _("— Choisir —")
        if len(schools) == 1:
            self.fields["school"].initial = schools[0].pk
        self.fields["school_year"].choices = [(year, year) for year in school_years()]
        self.fields["school_year"].error_messages["required"] = _("Choisissez l'année scolaire.")
        self.fields["school_year"].error_messages["invalid_choice"] = _(
            "Choisissez cette année scolaire ou la suivante."
        )
        self.fields["starts_on"].input_formats = DATE_FORMATS

    def clean_starts_on(self):
        monday = self.cleaned_data["starts_on"]
        if monday < timezone.localdate():
            raise ValidationError(_("Cette date est déjà passée : choisissez une semaine à venir."))
        return monday


def week_label(monday, schools):
    names = ", ".join(sorted(schools))
    return _("Semaine du %(date)s (%(schools)s)") % {"date": formats.date_format(monday, "j F Y"), "schools": names}


class PlaceForm(forms.ModelForm):
    """A place and, for each collège stage week of the year, its seats (0: closed that week).

    The métier is typed, not picked from the 532 sheets: « Métier observé » is resolved on submit
    (`metiers.names.resolve`); an ambiguous or unknown name comes back with the closest sheets as choices
    (`sheet_choice`). The sheets already chosen are checkboxes, ticked, so a place keeps several."""

    sheet_query = forms.CharField(
        label=_("Métier observé"),
        required=False,
        max_length=200,
        help_text=_("Tapez le nom du métier, par exemple « boulangère » ou « électricien »."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"max_length": _("C'est trop long : %(limit_value)d caractères au plus.")},
    )
    sheet_choice = forms.TypedChoiceField(label=_("Choisissez le métier"), required=False, coerce=int)

    class Meta:
        model = Place
        fields = [
            "host",
            "title",
            "sheets",
            "sheet_query",
            "sheet_choice",
            "description",
            "tutor",
            "tutor_contact",
            "starts_at",
            "ends_at",
            "break_minutes",
            "lunch",
            "accessibility",
            "reserved_school",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "accessibility": forms.Textarea(attrs={"rows": 2}),
            "sheets": forms.CheckboxSelectMultiple,
            "starts_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "ends_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "break_minutes": forms.NumberInput(attrs={"inputmode": "numeric"}),
        }
        labels = {"host": _("Structure"), "sheets": _("Métiers que l'élève découvrira")}
        help_texts = {
            "sheets": _("Décochez un métier pour le retirer de l'offre."),
            "reserved_school": _("Facultatif : pour accueillir seulement des élèves de ce collège."),
            "accessibility": _("Facultatif : accès en fauteuil, aménagements possibles…"),
            "starts_at": _("Chaque jour de la semaine. Entre 6 h et 20 h, 7 heures de présence au plus."),
            "break_minutes": _("Au moins 30 minutes quand la journée dépasse 4 h 30 (déjeuner compris)."),
        }
        error_messages = {
            "host": {
                "required": _("Choisissez la structure qui accueille."),
                "invalid_choice": _("Choisissez une de vos structures."),
            },
            "sheets": {
                "invalid_choice": _("Ce métier n'est plus au catalogue : décochez-le."),
                "invalid_pk_value": _("Ce métier n'est plus au catalogue : décochez-le."),
            },
            "title": {"required": _("Donnez un intitulé à votre offre, par exemple « Découvrir la boulangerie ».")},
            "description": {
                "required": _("Décrivez en mots simples ce que l'élève verra."),
                "max_length": _("C'est trop long : %(limit_value)d caractères au plus."),
            },
            "tutor": {"required": _("Indiquez le tuteur ou la tutrice de l'élève.")},
            "tutor_contact": {"required": _("Indiquez un téléphone ou un e-mail pour joindre le tuteur.")},
            "starts_at": TIME_ERRORS,
            "ends_at": TIME_ERRORS,
            "break_minutes": {
                "required": _("Indiquez la durée de la pause en minutes, par exemple 45."),
                "invalid": _("Indiquez la durée de la pause en minutes, par exemple 45."),
                "min_value": _("La pause ne peut pas être négative."),
            },
        }

    def __init__(self, *args, hosts, weeks, **kwargs):
        """`hosts`: the user's organisations; `weeks`: {monday: [collège names]} open to choose from."""
        super().__init__(*args, **kwargs)
        self.fields["host"].queryset = hosts
        self.fields["host"].empty_label = None if len(hosts) == 1 else _("— Choisir —")
        self._init_sheets()
        for name in ("tutor_contact", "starts_at", "ends_at", "break_minutes"):
            self.fields[name].required = True
        self.fields["reserved_school"].queryset = School.objects.order_by("name")
        self.fields["reserved_school"].empty_label = _("Tous les collèges")
        current = {week.starts_on: week for week in self.instance.weeks.all()} if self.instance.pk else {}
        self.open_weeks = current
        self.week_fields = []
        for monday in sorted(set(weeks) | set(current)):
            name = f"seats_{monday:%Y%m%d}"
            self.fields[name] = forms.IntegerField(
                label=week_label(monday, weeks.get(monday, [])),
                min_value=0,
                max_value=MAX_SEATS,
                required=False,
                initial=current[monday].seats if monday in current else 0,
                error_messages={
                    "invalid": _("Indiquez un nombre de places, par exemple 2."),
                    "min_value": _("Le nombre de places ne peut pas être négatif."),
                    "max_value": _("%(limit_value)s places au plus par semaine."),
                },
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )
            self.week_fields.append((monday, name))
        too_long_in_plain_words(self)

    def _init_sheets(self):
        """Only the sheets already chosen (the place's, or those posted) are rendered, as ticked boxes; any
        live sheet is accepted (`queryset`), so the page never lists the whole catalogue."""
        sheets = self.fields["sheets"]
        sheets.queryset = names.live_sheets()
        self.added_sheet = None
        if self.is_bound:
            chosen = [pk for pk in map(parse_id, self.data.getlist(self.add_prefix("sheets"))) if pk]
            posted_choice = parse_id(str(self.data.get(self.add_prefix("sheet_choice"), "")))
            choice = [posted_choice] if posted_choice else []
        else:
            chosen = [sheet.pk for sheet in self.instance.sheets.all()] if self.instance.pk else []
            choice = []
        chosen_ids = {int(pk) for pk in chosen}
        titles = dict(names.live_sheets().filter(pk__in=[*chosen, *choice]).values_list("pk", "title"))
        sheets.widget.choices = [(pk, titles[pk]) for pk in sorted(titles, key=titles.get) if pk in chosen_ids]
        self.fields["sheet_choice"].widget = forms.RadioSelect()
        self.fields["sheet_choice"].choices = [(pk, titles[pk]) for pk in choice if pk in titles]
        self.fields["sheet_choice"].error_messages["invalid_choice"] = _("Choisissez un des métiers proposés.")
        self.fields["sheet_query"].widget.attrs["data-suggest-url"] = reverse("stages:place_sheet_suggestions")
        if sheets.widget.choices:
            self.fields["sheet_query"].label = _("Ajouter un autre métier")
            self.fields["sheet_query"].help_text = _("Facultatif. Par exemple « boulangère » ou « électricien ».")

    def clean_sheet_query(self):
        """The typed name: the sheet it names, else an error in French and the closest sheets as choices.
        A choice among those wins while it is still one of the name's closest sheets."""
        typed = self.cleaned_data["sheet_query"].strip()
        if not typed:
            return typed
        resolution = names.resolve_with_choice(typed, self.data.get(self.add_prefix("sheet_choice"), ""))
        if resolution.sheet is not None:
            self.added_sheet = resolution.sheet[0]
            return typed
        self.fields["sheet_choice"].choices = resolution.choices
        if resolution.choices:
            raise ValidationError(
                _("« %(typed)s » : choisissez ci-dessous le métier du catalogue que vous voulez dire.")
                % {"typed": typed}
            )
        raise ValidationError(
            _(
                "Aucun métier du catalogue ne correspond à « %(typed)s ». Vérifiez l'orthographe, ou essayez un "
                "nom plus courant (par exemple « cuisinier » plutôt que « chef de partie »)."
            )
            % {"typed": typed}
        )

    def seats_fields(self):
        return [self[name] for _monday, name in self.week_fields]

    def visible_fields(self):
        hidden = set()
        if not self.fields["sheets"].widget.choices and not (self.is_bound and "sheets" in self.errors):
            hidden.add("sheets")
        if not self.fields["sheet_choice"].choices:
            hidden.add("sheet_choice")
        return [
            field
            for field in super().visible_fields()
            if not field.name.startswith("seats_") and field.name not in hidden
        ]

    def clean(self):
        cleaned = super().clean()
        for name in Place.SHOWN_TO_PUPILS:  # a pupil reads these, and the convention prints them
            for message in safeguarding.adult_errors(cleaned.get(name) or ""):
                self.add_error(name, message)
        if self.added_sheet is not None and "sheets" in cleaned:
            cleaned["sheets"] = sorted({*(sheet.pk for sheet in cleaned["sheets"]), self.added_sheet})
        any_open = False
        for monday, name in self.week_fields:
            seats = cleaned.get(name) or 0
            any_open = any_open or seats > 0
            taken = self.open_weeks[monday].seats_taken if monday in self.open_weeks else 0
            if seats < taken:
                self.add_error(
                    name,
                    _("%(taken)s élève(s) ont déjà une place cette semaine : gardez au moins %(taken)s place(s).")
                    % {"taken": taken},
                )
        self._check_the_law(cleaned)
        if any(name in self.errors for _monday, name in self.week_fields):
            raise ValidationError(_("Vérifiez le nombre de places des semaines ci-dessous."))
        if not any_open and not self.errors:
            raise ValidationError(_("Ouvrez au moins une semaine : indiquez le nombre de places de cette semaine."))
        return cleaned

    def _check_the_law(self, cleaned):
        """Hours and tutor against the rules for minors (stages.legal), each message naming its rule; the
        hours shown to pupils (`hours`) are written from the checked times."""
        if any(name in self.errors for name in ("starts_at", "ends_at", "break_minutes", "tutor", "tutor_contact")):
            return
        starts_at, ends_at, pause = cleaned["starts_at"], cleaned["ends_at"], cleaned["break_minutes"]
        breaches = legal.schedule_breaches(starts_at, ends_at, pause) + legal.tutor_breaches(
            cleaned.get("tutor"), cleaned.get("tutor_contact")
        )
        for breach in breaches:
            self.add_error(BREACH_FIELDS.get(breach.rule, "ends_at"), breach.message)
        if not breaches:
            self.instance.hours = legal.hours_label(starts_at, ends_at, pause)

    def seats_by_week(self):
        return {monday: self.cleaned_data.get(name) or 0 for monday, name in self.week_fields}

    def changes_substance(self):
        initial = {sheet.pk for sheet in self.instance.sheets.all()} if self.instance.pk else set()
        chosen = {getattr(sheet, "pk", sheet) for sheet in self.cleaned_data.get("sheets") or ()}
        sheets_changed = chosen != initial
        return sheets_changed or bool(SUBSTANCE_FIELDS & set(self.changed_data))


class PlaceReviewForm(WagtailAdminModelForm):
    """Staff's form for a place in the admin: the offer's fields and, instead of a free « vérification »
    field, the decisions its current state allows (django-fsm-2 transitions: validate, hide with a
    reason). The state itself is never a form field."""

    decision = forms.ChoiceField(label=_("Décision"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = self.instance.get_status_display()
        choices = [("", _("Ne rien changer (état actuel : %(state)s)") % {"state": current})]
        # The moves from the current state, guards not yet checked: hiding needs the reason typed here.
        for move in self.instance.get_all_status_transitions():
            label = move.custom.get("label")
            if move.source == self.instance.status and label:  # without a label: not staff's move
                choices.append((move.name, label))
        self.fields["decision"].choices = choices

    def clean(self):
        cleaned = super().clean()
        decision = cleaned.get("decision")
        if decision == "hide" and not (cleaned.get("hidden_reason") or "").strip():
            self.add_error("hidden_reason", _("Indiquez pourquoi cette offre est masquée."))
        return cleaned

    def save(self, commit=True):
        place = super().save(commit=False)
        decision = self.cleaned_data.get("decision")
        if decision:
            getattr(place, decision)()
        if commit:
            place.save()
            self._save_m2m()
        return place
