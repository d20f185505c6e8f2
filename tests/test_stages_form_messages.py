"""Every field of the stages forms speaks plain French when it refuses a value: no « Champ requis. » (the
site's wording of Django's default) and no « Assurez-vous que cette valeur… » for a missing, negative, too
large or too long value. A new field without its own message makes this test fail."""

import datetime

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext

import pytest

from accounts.factories import ConsentedPupilFactory, SchoolFactory
from accounts.models import School
from stages.factories import HostOrganisationFactory, ProfessionalFactory
from stages.forms import ProposalForm, StageRequestForm
from stages.forms_after import REPORT_STEPS, AppreciationForm, ReportStepForm
from stages.forms_places import PlaceForm, StageWeekForm
from stages.forms_wishes import WishForm
from stages.models import HostOrganisation

pytestmark = pytest.mark.django_db
DEFAULT_REQUIRED = forms.Field.default_error_messages["required"]


def stages_forms():
    SchoolFactory()
    HostOrganisationFactory()
    return [
        ProposalForm(),
        StageRequestForm(pupil=ConsentedPupilFactory()),
        WishForm(),
        ReportStepForm(step=REPORT_STEPS[0]),
        AppreciationForm(),
        PlaceForm(hosts=HostOrganisation.objects.all(), weeks={datetime.date(2026, 12, 7): ["Collège"]}),
        StageWeekForm(schools=School.objects.all()),
    ]


def test_every_refusal_has_a_message_of_its_own():
    missing = []
    for form in stages_forms():
        for name, field in form.fields.items():
            label = f"{type(form).__name__}.{name}"
            required = str(field.error_messages["required"])
            if field.required and required in {DEFAULT_REQUIRED, gettext(DEFAULT_REQUIRED)}:
                missing.append(f"{label}: required")
            for bound in ("min_value", "max_value", "max_length"):
                limited = any(getattr(v, "code", None) == bound for v in field.validators)
                if limited and bound not in field.error_messages:
                    missing.append(f"{label}: {bound}")
    assert missing == [], missing


def test_a_place_with_negative_seats_or_a_too_long_tutor_is_told_in_french():
    member = ProfessionalFactory()
    host = HostOrganisationFactory(members=[member])
    data = QueryDict(mutable=True)
    data.update({"host": host.pk, "title": "Le fournil", "tutor": "Nadia" * 40, "seats_20261207": "-1"})
    form = PlaceForm(
        data=data,
        hosts=HostOrganisation.objects.all(),
        weeks={datetime.date(2026, 12, 7): ["Collège"]},
    )
    assert form.errors["seats_20261207"] == ["Le nombre de places ne peut pas être négatif."]
    assert form.errors["tutor"] == ["C'est trop long : 150 caractères au plus."]
