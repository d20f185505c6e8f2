"""Staff pages in the Wagtail admin: the coordination list's filters and the matching page of a request
(the pool ranked by `interventions.ranking`, « Proposer » through the workflow). Staff only
(`accounts.access.staff_required`, behind the admin's own check)."""

import datetime

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.widgets import HeaderButton

import django_filters

from accounts.access import staff_required
from accounts.models import School, current_school_year

from . import ranking, workflow
from .forms import InviteForm, ProposeForm
from .models import Speaker, State, WorkshopRequest


def month_choices():
    """The months of the current school year, September to July, as (« 2027-03 », « mars 2027 »)."""
    from home import dates

    start = int(current_school_year()[:4])
    choices = []
    for offset in range(11):
        month = 9 + offset
        year = start + (month - 1) // 12
        month = (month - 1) % 12 + 1
        day = datetime.date(year, month, 1)
        choices.append((f"{year}-{month:02d}", dates.day(day, "F Y")))
    return choices


class RequestFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(label=gettext_lazy("État"), choices=State.choices)
    school = django_filters.ModelChoiceFilter(label=gettext_lazy("Collège"), queryset=School.objects.all())
    month = django_filters.ChoiceFilter(label=gettext_lazy("Mois"), choices=month_choices, method="filter_month")

    class Meta:
        model = WorkshopRequest
        fields = []

    def filter_month(self, queryset, name, value):
        try:
            year, month = (int(part) for part in value.split("-"))
            start = timezone.make_aware(datetime.datetime(year, month, 1))
        except ValueError:
            return queryset
        end = timezone.make_aware(datetime.datetime(year + month // 12, month % 12 + 1, 1))
        return queryset.filter(slot_1__gte=start, slot_1__lt=end)


class RequestIndexView(IndexView):
    """The coordination list: the collège and the speaker come with each row (one query for the page)."""

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("school", "speaker__user")


def year_load_column():
    from wagtail.admin.ui.tables import Column

    return Column("year_load", label=gettext_lazy("Interventions cette année"), sort_key="year_load")


def waiting_for_column():
    return TitleColumn(
        "waiting_for", label=gettext_lazy("En attente de"), url_name="interventions_match", sort_key="state"
    )


@staff_required
def match(request, pk):
    """One request: its details, the pool ranked for it, and « Proposer » for an open request."""
    workshop_request = get_object_or_404(
        WorkshopRequest.objects.select_related(
            "school", "grand_domaine", "centre", "speaker__user", "teacher"
        ).prefetch_related("classes", "sheets", "events__by"),
        pk=pk,
    )
    if request.method == "POST":
        form = ProposeForm(request.POST)
        if form.is_valid():
            try:
                workflow.apply(request.user, workshop_request, "propose", speaker=form.cleaned_data["speaker"])
            except (workflow.NotAllowedNow, workflow.WorkflowError, PermissionDenied) as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("Intervention proposée : l'intervenant est prévenu par e-mail."))
        else:
            messages.error(request, " ".join(form.errors.get("speaker", [])))
        return redirect("interventions_match", pk=workshop_request.pk)
    candidates = ranking.rank(workshop_request) if workshop_request.state == State.REQUESTED else []
    return TemplateResponse(
        request,
        "interventions/admin/match.html",
        {
            "workshop_request": workshop_request,
            "candidates": candidates,
            "page_title": str(workshop_request),
            "can_propose": workshop_request.state == State.REQUESTED,
        },
    )


class SpeakerIndexView(IndexView):
    """The pool with each speaker's load this school year, and « Inviter un intervenant » for someone who
    has no account yet."""

    def get_base_queryset(self):
        from django.db.models import Count, Q

        from .calendar import year_bounds
        from .models import HELD_BY_SPEAKER

        first, last = year_bounds(current_school_year())
        start = timezone.make_aware(datetime.datetime.combine(first, datetime.time.min))
        end = timezone.make_aware(datetime.datetime.combine(last, datetime.time.max))
        return (
            super()
            .get_base_queryset()
            .select_related("user")
            .annotate(
                year_load=Count(
                    "requests",
                    filter=Q(requests__state__in=HELD_BY_SPEAKER, requests__slot_1__range=(start, end)),
                )
            )
        )

    @property
    def header_buttons(self):
        from django.urls import reverse

        invite = HeaderButton(_("Inviter un intervenant"), url=reverse("interventions_invite"), icon_name="mail")
        return [*super().header_buttons, invite]


@staff_required
def invite(request):
    """Make the account (no password yet) and the pool profile, then e-mail the link to choose a password."""
    from django.contrib.auth.models import Group
    from django.contrib.auth.tokens import default_token_generator
    from django.db import transaction
    from django.urls import reverse
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from accounts.emails import queue_email
    from accounts.models import User

    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            user = User(email=data["email"], first_name=data["first_name"], last_name=data["last_name"])
            user.set_unusable_password()
            user.save()
            user.groups.add(Group.objects.get(name=data["role"]))
            speaker = Speaker.objects.create(user=user, job=data["job"], active=False)
            link = reverse(
                "accounts:password_reset_confirm",
                kwargs={
                    "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                    "token": default_token_generator.make_token(user),
                },
            )
            base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
            queue_email(
                "interventions/emails/invitation",
                {
                    "first_name": user.first_name,
                    "url": base + link,
                    "profile_url": base + reverse("interventions:speaker"),
                },
                [user.email],
            )
        messages.success(request, _("Invitation envoyée : le profil sera actif quand la personne l'aura complété."))
        return redirect("interventions_speakers:edit", speaker.pk)
    return TemplateResponse(
        request, "interventions/admin/invite.html", {"form": form, "page_title": _("Inviter un intervenant")}
    )
