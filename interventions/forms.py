"""The teacher's request, the speaker's pool profile and the small forms of each move. Bad input never
raises: every refusal is a French message on the form, what was typed kept."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.forms import WagtailAdminModelForm

import safeguarding
from accounts import access as accounts_access
from metiers.models import CentreInteret, GrandDomaine, MetierPage
from stages import travel

from . import calendar
from .models import OPEN_STATES, Format, Speaker, Weekday, WorkshopRequest

DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"]


def validate_place_for_pupils(text):
    """The place and room become the session's place, which the booked pupils read: no phone, e-mail,
    handle or link (`safeguarding`); an address is what a place is, so it stays allowed."""
    found = set(safeguarding.kinds(text)) - {safeguarding.ADDRESS}
    if found:
        raise forms.ValidationError(
            _(
                "Ce lieu sera lu par des élèves mineurs : il ne doit pas contenir %(what)s. Votre texte est "
                "gardé ci-dessous."
            )
            % {"what": safeguarding.describe(found)},
            code="contact_details",
        )


def sheet_choices():
    from wagtail.models import Locale

    return MetierPage.objects.live().filter(locale=Locale.get_default()).order_by("title").only("id", "title")


class ClassChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.school.name})"


class WorkshopRequestForm(forms.ModelForm):
    classes = ClassChoiceField(
        queryset=None,
        label=gettext_lazy("Classes"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": gettext_lazy("Cette classe n'est pas une de vos classes."),
            "required": gettext_lazy("Choisissez au moins une de vos classes."),
        },
    )
    sheets = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        label=gettext_lazy("Fiches métier"),
        help_text=gettext_lazy("Une à trois fiches, ou bien un grand domaine, ou un centre d'intérêt."),
        error_messages={"invalid_choice": gettext_lazy("Cette fiche métier n'existe pas.")},
    )

    class Meta:
        model = WorkshopRequest
        fields = [
            "classes",
            "format",
            "grand_domaine",
            "centre",
            "sheets",
            "slot_1",
            "slot_2",
            "slot_3",
            "duration",
            "place",
            "room",
            "pupils_count",
            "already_done",
        ]
        widgets = {"slot_1": DATETIME_INPUT, "slot_2": DATETIME_INPUT, "slot_3": DATETIME_INPUT}
        field_classes = {
            "slot_1": forms.DateTimeField,
            "slot_2": forms.DateTimeField,
            "slot_3": forms.DateTimeField,
        }

    def __init__(self, *args, teacher, **kwargs):
        super().__init__(*args, **kwargs)
        self.teacher = teacher
        self.fields["classes"].queryset = (
            accounts_access.managed_classes(teacher).select_related("school").order_by("-school_year", "name")
        )
        self.fields["sheets"].queryset = sheet_choices()
        self.fields["grand_domaine"].queryset = GrandDomaine.objects.order_by("code")
        self.fields["centre"].queryset = CentreInteret.objects.order_by("name")
        for name in ("slot_1", "slot_2", "slot_3"):
            self.fields[name].input_formats = DATETIME_FORMATS
            self.fields[name].error_messages["invalid"] = _("Écrivez la date et l'heure, par exemple 12/03/2027 10:00.")
        self.fields["slot_3"].required = False
        self.fields["duration"].min_value = 30
        self.fields["duration"].widget.attrs.update({"min": 30, "max": 480})
        self.fields["pupils_count"].widget.attrs.update({"min": 1, "max": 200})
        self.fields["place"].validators.append(validate_place_for_pupils)
        self.fields["room"].validators.append(validate_place_for_pupils)

    def clean_duration(self):
        duration = self.cleaned_data.get("duration")
        if duration is not None and not 30 <= duration <= 480:
            raise forms.ValidationError(_("Une intervention dure entre 30 minutes et 8 heures."))
        return duration

    def clean_pupils_count(self):
        count = self.cleaned_data.get("pupils_count")
        if count is not None and not 1 <= count <= 200:
            raise forms.ValidationError(_("Indiquez un nombre d'élèves entre 1 et 200."))
        return count

    def clean_sheets(self):
        sheets = self.cleaned_data.get("sheets")
        if sheets is not None and len(sheets) > 3:
            raise forms.ValidationError(_("Choisissez trois fiches métier au plus."))
        return sheets

    def clean(self):
        cleaned = super().clean()
        classes = list(cleaned.get("classes") or [])
        themes = [bool(cleaned.get("sheets")), bool(cleaned.get("grand_domaine")), bool(cleaned.get("centre"))]
        if sum(themes) == 0:
            self.add_error(None, _("Choisissez un thème : des fiches métier, un grand domaine ou un centre d'intérêt."))
        elif sum(themes) > 1:
            self.add_error(
                None, _("Choisissez un seul thème : des fiches métier, ou un grand domaine, ou un centre d'intérêt.")
            )
        if len({school_class.school_id for school_class in classes}) > 1:
            self.add_error("classes", _("Choisissez des classes d'un même collège."))
        years = {school_class.school_year for school_class in classes}
        now = timezone.now()
        seen = []
        for name in ("slot_1", "slot_2", "slot_3"):
            slot = cleaned.get(name)
            if slot is None:
                continue
            for message in calendar.slot_errors(slot, years, now=now):
                self.add_error(name, message)
            if any(abs(slot - other) < datetime.timedelta(hours=1) for other in seen):
                self.add_error(name, _("Ce créneau est le même qu'un autre : proposez une autre date."))
            seen.append(slot)
        if classes and not self.errors:
            self._check_duplicate(classes, cleaned)
        return cleaned

    def _check_duplicate(self, classes, cleaned):
        """The same classes, format and theme already asked for and still open: a second request would
        have staff look for two speakers for one workshop."""
        same = WorkshopRequest.objects.filter(
            classes__in=classes, format=cleaned.get("format"), state__in=OPEN_STATES
        ).exclude(pk=self.instance.pk)
        if cleaned.get("grand_domaine"):
            same = same.filter(grand_domaine=cleaned["grand_domaine"])
        elif cleaned.get("centre"):
            same = same.filter(centre=cleaned["centre"])
        else:
            same = same.filter(sheets__in=cleaned.get("sheets"))
        duplicate = same.prefetch_related("classes").first()
        if duplicate is not None:
            names = ", ".join(sorted(c.name for c in duplicate.classes.all() if c in classes))
            self.add_error(
                None,
                _("Une demande semblable est déjà en cours pour %(classes)s : suivez-la dans « Mon espace ».")
                % {"classes": names},
            )

    def save(self, commit=True):
        instance = super().save(commit=False)
        instance.teacher = self.teacher
        instance.school = self.cleaned_data["classes"][0].school
        if commit:
            instance.save()
            self.save_m2m()
        return instance


def _split(text):
    return [part.strip() for part in (text or "").replace(";", ",").replace("\n", ",").split(",") if part.strip()]


class SpeakerForm(forms.ModelForm):
    """The speaker's own pool profile. The job is shown to pupils: the safeguarding filter refuses contact
    details in it."""

    formats = forms.MultipleChoiceField(
        label=gettext_lazy("Formats acceptés"), choices=Format.choices, widget=forms.CheckboxSelectMultiple
    )
    weekdays = forms.TypedMultipleChoiceField(
        label=gettext_lazy("Jours habituellement libres"),
        choices=Weekday.choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    home_commune = forms.CharField(label=gettext_lazy("Commune d'où vous partez"), max_length=120, required=False)
    communes_text = forms.CharField(
        label=gettext_lazy("Communes où vous pouvez intervenir"),
        required=False,
        help_text=gettext_lazy("Séparées par des virgules, par exemple « Saint-Denis, Aubervilliers »."),
    )
    departements_text = forms.CharField(
        label=gettext_lazy("Départements entiers"),
        required=False,
        help_text=gettext_lazy("Numéros séparés par des virgules, par exemple « 93, 75 »."),
    )
    dates_text = forms.CharField(
        label=gettext_lazy("Autres dates possibles"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Une date par ligne, par exemple 12/03/2027."),
    )

    class Meta:
        model = Speaker
        fields = ["job", "sheets", "domains", "centres", "formats", "weekdays", "monthly_limit", "active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["job"].validators.append(safeguarding.validate_adult_text)
        self.fields["sheets"].queryset = sheet_choices()
        self.fields["sheets"].help_text = _("Les métiers que vous présentez.")
        self.fields["domains"].widget = forms.CheckboxSelectMultiple()
        self.fields["domains"].queryset = GrandDomaine.objects.order_by("code")
        self.fields["centres"].queryset = CentreInteret.objects.order_by("name")
        self.fields["monthly_limit"].widget.attrs.update({"min": 1, "max": 10})
        instance = self.instance
        if instance.pk and not self.is_bound:
            commune = travel.communes().get(instance.home_commune)
            self.initial["home_commune"] = commune.name if commune else ""
            self.initial["communes_text"] = ", ".join(
                c.name for code in instance.communes if (c := travel.communes().get(code))
            )
            self.initial["departements_text"] = ", ".join(instance.departements)
            self.initial["dates_text"] = "\n".join(
                datetime.date.fromisoformat(day).strftime("%d/%m/%Y") for day in instance.dates
            )

    def clean_monthly_limit(self):
        limit = self.cleaned_data.get("monthly_limit")
        if limit is not None and not 1 <= limit <= 10:
            raise forms.ValidationError(_("Entre 1 et 10 interventions par mois."))
        return limit

    def clean_home_commune(self):
        text = self.cleaned_data.get("home_commune")
        if not text:
            return ""
        commune = travel.find_commune(text)
        if commune is None:
            raise forms.ValidationError(_("Commune inconnue en Île-de-France : « %(name)s ».") % {"name": text})
        return commune.code

    def clean_communes_text(self):
        codes, unknown = [], []
        for name in _split(self.cleaned_data.get("communes_text")):
            commune = travel.find_commune(name)
            if commune is None:
                unknown.append(name)
            elif commune.code not in codes:
                codes.append(commune.code)
        if unknown:
            raise forms.ValidationError(
                _("Communes inconnues en Île-de-France : %(names)s.") % {"names": ", ".join(unknown)}
            )
        return codes

    def clean_departements_text(self):
        codes = _split(self.cleaned_data.get("departements_text"))
        wrong = [code for code in codes if code not in {"75", "77", "78", "91", "92", "93", "94", "95"}]
        if wrong:
            raise forms.ValidationError(
                _("Départements d'Île-de-France seulement (75, 77, 78, 91, 92, 93, 94, 95) : %(codes)s.")
                % {"codes": ", ".join(wrong)}
            )
        return sorted(set(codes))

    def clean_dates_text(self):
        days, wrong = [], []
        today = timezone.localdate()
        for text in _split(self.cleaned_data.get("dates_text")):
            day = None
            for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
                try:
                    day = datetime.datetime.strptime(text, fmt).date()
                    break
                except ValueError:
                    continue
            if day is None:
                wrong.append(text)
            elif day >= today:
                days.append(day.isoformat())
        if wrong:
            raise forms.ValidationError(
                _("Dates illisibles : %(dates)s. Écrivez-les comme 12/03/2027.") % {"dates": ", ".join(wrong)}
            )
        return sorted(set(days))

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("sheets") or cleaned.get("domains") or cleaned.get("centres")):
            self.add_error(None, _("Indiquez au moins un métier, un grand domaine ou un centre d'intérêt."))
        if not (cleaned.get("communes_text") or cleaned.get("departements_text")) and not self.errors.get(
            "communes_text"
        ):
            self.add_error("communes_text", _("Indiquez au moins une commune ou un département où intervenir."))
        return cleaned

    def save(self, commit=True):
        instance = super().save(commit=False)
        instance.home_commune = self.cleaned_data.get("home_commune", "")
        instance.communes = self.cleaned_data.get("communes_text", [])
        instance.departements = self.cleaned_data.get("departements_text", [])
        instance.dates = self.cleaned_data.get("dates_text", [])
        instance.formats = list(self.cleaned_data.get("formats", []))
        instance.weekdays = list(self.cleaned_data.get("weekdays", []))
        if commit:
            instance.save()
            self.save_m2m()
        return instance


class ConfirmForm(forms.Form):
    slot = forms.TypedChoiceField(label=gettext_lazy("Date retenue"), coerce=int, widget=forms.RadioSelect, choices=())

    def __init__(self, *args, workshop_request, **kwargs):
        super().__init__(*args, **kwargs)
        from home import dates

        self.workshop_request = workshop_request
        self.fields["slot"].choices = [
            (index, f"{dates.day(timezone.localtime(slot), 'l j F Y')} {dates.clock(timezone.localtime(slot))}")
            for index, slot in enumerate(workshop_request.slots)
        ]
        self.fields["slot"].error_messages["invalid_choice"] = _("Choisissez une des dates proposées.")

    def chosen_slot(self):
        return self.workshop_request.slots[self.cleaned_data["slot"]]


class ReasonForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Pourquoi ?"), max_length=600, widget=forms.Textarea(attrs={"rows": 3}))


class ProposeForm(forms.Form):
    speaker = forms.ModelChoiceField(
        queryset=Speaker.objects.filter(active=True, user__is_active=True),
        label=gettext_lazy("Intervenant"),
        error_messages={"invalid_choice": gettext_lazy("Choisissez un intervenant disponible du vivier.")},
    )


class SpeakerAdminForm(SpeakerForm, WagtailAdminModelForm):
    """Staff's form for a speaker in the admin: the speaker's own form, and the account it belongs to."""

    class Meta(SpeakerForm.Meta):
        fields = ["user", *SpeakerForm.Meta.fields]


class InviteForm(forms.Form):
    """Staff invite a speaker who has no account yet: the account is made, the profile started, and an
    e-mail lets them choose their password and complete the profile."""

    ROLES = [("Professionnel", gettext_lazy("Professionnel")), ("Bénévole", gettext_lazy("Bénévole ou étudiant"))]

    first_name = forms.CharField(label=gettext_lazy("Prénom"), max_length=150)
    last_name = forms.CharField(label=gettext_lazy("Nom"), max_length=150)
    email = forms.EmailField(label=gettext_lazy("Adresse e-mail"))
    role = forms.ChoiceField(label=gettext_lazy("Rôle"), choices=ROLES, widget=forms.RadioSelect)
    job = forms.CharField(label=gettext_lazy("Métier"), max_length=120, validators=[safeguarding.validate_adult_text])

    def clean_email(self):
        from accounts.models import User

        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _("Un compte existe déjà avec cette adresse : ajoutez son profil d'intervenant depuis la liste.")
            )
        return email
