"""Outside the admin: a collège's teachers enter its stage weeks (their own collèges only), professionals
enter and edit their places and open weeks. A new place, or an edit of substance of an approved one,
waits for staff's check again before any new matching (proposals already made stay)."""

from collections import defaultdict

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Prefetch
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.access import is_pupil
from accounts.circle import staff_addresses
from accounts.emails import queue_email
from metiers import names
from metiers.models import MetierPage

from . import access
from .forms_places import PlaceForm, StageWeekForm, school_years
from .models import HostOrganisation, Place, PlaceStatus, PlaceWeek, StageWeek


@login_required
@require_http_methods(["GET", "POST"])
def weeks(request):
    """A teacher's collèges' stage weeks, this school year and the next, and the form to add one."""
    schools = access.teacher_schools(request.user)
    if not schools:
        raise PermissionDenied
    form = StageWeekForm(request.POST or None, schools=schools)
    if request.method == "POST" and form.is_valid():
        week = form.save()
        messages.success(
            request,
            _("Semaine de stage enregistrée : %(week)s, %(school)s.") % {"week": week, "school": week.school.name},
        )
        return redirect("stages:weeks")
    listed = (
        StageWeek.objects.filter(school__in=schools, school_year__in=school_years())
        .select_related("school")
        .annotate(request_count=Count("requests"))
        .order_by("school__name", "starts_on")
    )
    return TemplateResponse(request, "stages/weeks.html", {"form": form, "weeks": listed})


@login_required
@require_POST
def week_delete(request, pk):
    week = get_object_or_404(StageWeek, pk=pk, school__in=access.teacher_schools(request.user))
    if week.requests.exists():
        messages.error(
            request, _("Des élèves ont déjà demandé un stage cette semaine-là : elle ne peut plus être retirée.")
        )
    else:
        week.delete()
        messages.success(request, _("La semaine de stage est retirée."))
    return redirect("stages:weeks")


def _open_weeks():
    """{monday: [collège names]} of the collèges' stage weeks this school year and the next."""
    result = defaultdict(list)
    for monday, name in StageWeek.objects.filter(school_year__in=school_years()).values_list(
        "starts_on", "school__name"
    ):
        result[monday].append(name)
    return dict(result)


def _save_weeks(place, seats_by_week):
    """Create, change or close the place's weeks. A seat taken meanwhile keeps its week open (the UPDATE
    only lowers seats down to those taken); returns False when that happened."""
    kept = True
    existing = {week.starts_on: week for week in place.weeks.all()}
    for monday, seats in seats_by_week.items():
        week = existing.get(monday)
        if week is None:
            if seats:
                PlaceWeek.objects.create(place=place, starts_on=monday, seats=seats)
        elif seats == 0:
            kept &= bool(PlaceWeek.objects.filter(pk=week.pk, seats_taken=0).delete()[0])
        else:
            kept &= bool(PlaceWeek.objects.filter(pk=week.pk, seats_taken__lte=seats).update(seats=seats))
    return kept


def _tell_staff(place, is_new):
    recipients = staff_addresses()
    if recipients:
        url = settings.WAGTAILADMIN_BASE_URL + reverse("place:edit", args=[place.pk])
        context = {"title": place.title, "host": place.host.name, "is_new": is_new, "url": url}
        queue_email("stages/emails/place_to_check", context, recipients)


@login_required
@require_http_methods(["GET", "POST"])
def place_edit(request, pk=None):
    """A professional's place, new or existing, with its open weeks and seats."""
    hosts = HostOrganisation.objects.filter(members=request.user) if request.user.is_authenticated else None
    if not hosts:
        raise PermissionDenied
    place = None
    if pk is not None:
        # The sheets' titles only: whole sheets would bring their JSON bodies for nothing.
        sheets = Prefetch("sheets", queryset=MetierPage.objects.only("pk", "title"))
        place = get_object_or_404(Place.objects.select_related("host").prefetch_related(sheets), pk=pk)
        if not access.may_edit_place(request.user, place):
            raise Http404
    form = PlaceForm(request.POST or None, instance=place, hosts=hosts, weeks=_open_weeks())
    if request.method == "POST" and form.is_valid():
        is_new = place is None
        to_check = is_new or (form.instance.status == PlaceStatus.APPROVED and form.changes_substance())
        with transaction.atomic():
            saved = form.save(commit=False)
            if to_check and not is_new:
                saved.send_back_to_check()
            saved.save()
            form.save_m2m()
            kept = _save_weeks(saved, form.seats_by_week())
            if to_check:
                _tell_staff(saved, is_new)  # queued once the save commits
        if not kept:
            messages.warning(request, _("Un élève vient de recevoir une place : une semaine garde ses places prises."))
        if to_check:
            messages.success(
                request,
                _("Votre offre est enregistrée. L'équipe la vérifie avant de la proposer aux élèves."),
            )
        else:
            messages.success(request, _("Votre offre est enregistrée."))
        return redirect("stages:host")
    return TemplateResponse(request, "stages/place_form.html", {"form": form, "place": place})


@login_required
@require_http_methods(["GET"])
def place_sheet_suggestions(request):
    """JSON titles of the métier sheets matching what a host is typing in « Métier observé » (the place
    form's suggestions, `static/js/sheet_picker.js`): [{"title": …}], at most 8."""
    if not HostOrganisation.objects.filter(members=request.user).exists():
        raise PermissionDenied
    return _sheet_suggestions(request)


@login_required
@require_http_methods(["GET"])
def wish_sheet_suggestions(request):
    """The same suggestions for a pupil typing a wish on their request form (pupils only)."""
    if not is_pupil(request.user):
        raise PermissionDenied
    return _sheet_suggestions(request)


def _sheet_suggestions(request):
    typed = request.GET.get("q", "")[:200]
    return JsonResponse([{"title": title} for title in names.suggest(typed)], safe=False)
