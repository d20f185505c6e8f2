"""Admin views about consent: staff record an answer received on a paper form (« formulaire papier »),
with the same confirmation step and the same effects as the family's own pages (`consent.withdraw`);
the report of every pupil's consent state by collège and class, with its CSV (admin › Rapports)."""

import datetime

from django import forms
from django.contrib import messages
from django.db.models import OuterRef, Q, Subquery
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.auth import permission_required
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.reports import ReportView

import django_filters

from home.exports import SafeCsvExportMixin

from . import consent
from .models import ConsentRecord, School, SchoolClass, User
from .roles import Role


class PaperAnswerForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Réponse écrite sur le formulaire"),
        choices=[("given", gettext_lazy("Accord")), ("refused", gettext_lazy("Refus ou retrait de l'accord"))],
        widget=forms.RadioSelect,
    )
    name = forms.CharField(
        label=gettext_lazy("Nom de la personne qui a signé"),
        max_length=150,
        help_text=gettext_lazy("Le parent (ou l'élève de 15 ans ou plus) qui a signé le formulaire."),
    )


@permission_required("accounts.change_user")
def paper_answer(request, pk):
    """Record a family's answer received on paper. A refusal of a consent on record is a withdrawal: the
    page first lists what will stop, then stops it."""
    pupil = get_object_or_404(User, pk=pk, groups__name=Role.PUPIL, anonymised_at__isnull=True)
    form = PaperAnswerForm(request.POST or None)
    context = {
        "page_title": _("Réponse reçue sur papier"),
        "header_icon": "doc-full",
        "pupil": pupil,
        "form": form,
        "status": consent.status(pupil),
    }
    if request.method == "POST" and form.is_valid():
        decision, name = form.cleaned_data["decision"], form.cleaned_data["name"]
        if decision == "given":
            consent.record(pupil, decision, ConsentRecord.Method.PAPER, by_name=name)
        elif consent.has_consent(pupil) and request.POST.get("confirm") != "1":
            context["stopped"] = consent.what_stops(pupil)
            return render(request, "accounts/admin/paper_answer_confirm.html", context)
        else:
            consent.withdraw(pupil, method=ConsentRecord.Method.PAPER, by_user=None, by_name=name)
        messages.success(request, _("La réponse reçue sur papier est enregistrée."))
        return HttpResponseRedirect(reverse("wagtailusers_users:index"))
    return render(request, "accounts/admin/paper_answer.html", context)


# The state of every consent, by class and collège (admin › Rapports) ------------------------------------

WAITING = "waiting"
STATE_CHOICES = [
    (ConsentRecord.Decision.GIVEN, gettext_lazy("accord donné")),
    (ConsentRecord.Decision.REFUSED, gettext_lazy("accord refusé")),
    (ConsentRecord.Decision.WITHDRAWN, gettext_lazy("accord retiré")),
    (WAITING, gettext_lazy("en attente")),
]
STATE_LABELS = dict(STATE_CHOICES)
METHOD_LABELS = dict(ConsentRecord.Method.choices)


def consent_rows():
    """Every pupil (not anonymised) with their latest decision that counts (cancelled ones left out):
    `consent_state` (None while waiting), `consent_method`, `consent_at`, `consent_by`."""
    latest = ConsentRecord.objects.filter(pupil=OuterRef("pk"), cancelled_at__isnull=True).order_by(
        "-created_at", "-pk"
    )
    return (
        User.objects.filter(groups__name=Role.PUPIL, anonymised_at__isnull=True)
        .select_related("school_class__school")
        .annotate(
            consent_state=Subquery(latest.values("decision")[:1]),
            consent_method=Subquery(latest.values("method")[:1]),
            consent_at=Subquery(latest.values("created_at")[:1]),
            consent_by=Subquery(latest.values("decided_by_name")[:1]),
        )
        .order_by("school_class__school__name", "school_class__name", "last_name", "first_name", "pk")
    )


class ConsentFilterSet(WagtailFilterSet):
    school = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Collège"), field_name="school_class__school", queryset=School.objects.all()
    )
    school_class = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Classe"), field_name="school_class", queryset=SchoolClass.objects.select_related("school")
    )
    state = django_filters.ChoiceFilter(label=gettext_lazy("État"), choices=STATE_CHOICES, method="filter_state")
    method = django_filters.ChoiceFilter(
        label=gettext_lazy("Moyen"), choices=ConsentRecord.Method.choices, field_name="consent_method"
    )

    class Meta:
        model = User
        fields = []

    def filter_state(self, queryset, name, value):
        if value == WAITING:
            return queryset.filter(consent_state__isnull=True)
        return queryset.filter(Q(consent_state=value))


class ConsentReportView(SafeCsvExportMixin, ReportView):
    """Staff see the state of every pupil's consent (given, refused, withdrawn, waiting) and by which
    path, filtered by collège, class, state and path, with a CSV export."""

    page_title = gettext_lazy("Accords des familles")
    header_icon = "tick-inverse"
    results_template_name = "accounts/admin/consent_report_results.html"
    index_url_name = "accounts_consent_report"
    index_results_url_name = "accounts_consent_report_results"
    filterset_class = ConsentFilterSet
    paginate_by = 100
    list_export = [
        "school_class.school.name",
        "school_class.name",
        "last_name",
        "first_name",
        "consent_state",
        "consent_method",
        "consent_at",
        "consent_by",
    ]
    export_headings = {
        "school_class.school.name": gettext_lazy("Collège"),
        "school_class.name": gettext_lazy("Classe"),
        "last_name": gettext_lazy("Nom"),
        "first_name": gettext_lazy("Prénom"),
        "consent_state": gettext_lazy("État"),
        "consent_method": gettext_lazy("Moyen"),
        "consent_at": gettext_lazy("Date"),
        "consent_by": gettext_lazy("Réponse de"),
    }
    custom_field_preprocess = {
        "consent_state": {
            "csv": lambda value: str(STATE_LABELS.get(value or WAITING, value)),
            "xlsx": lambda value: str(STATE_LABELS.get(value or WAITING, value)),
        },
        "consent_method": {
            "csv": lambda value: str(METHOD_LABELS.get(value, "")),
            "xlsx": lambda value: str(METHOD_LABELS.get(value, "")),
        },
    }

    def get_filename(self):
        return f"accords-familles-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        return consent_rows()

    def decorate_paginated_queryset(self, object_list):
        for pupil in object_list:
            pupil.state_label = STATE_LABELS.get(pupil.consent_state or WAITING)
            pupil.method_label = METHOD_LABELS.get(pupil.consent_method, "")
        return object_list
