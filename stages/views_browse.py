"""A pupil browses the stage places offered for their collège's stage weeks, nearest first.

Only approved places (their texts as staff approved them, masked), with a seat left in one of the
collège's weeks, not reserved to another collège; the travel time is the estimate the console uses, from
the collège to the host's commune, by the means the pupil chose in their request (public transport
otherwise). Never the host's name, the tutor or anything about other pupils: the association still does
the matching. « Ça m'intéresse » opens the pupil's request with the place's métier as a wish (the
request form's `?fiche=`), while the request is a draft."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import F, Q
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.access import blocked_message, can_share_with_outside, is_pupil
from metiers.models import GrandDomaine

from . import travel
from .models import Place, PlaceStatus, PlaceWeek, RequestState, StageWeek
from .models.requests import OPEN_STATES

PER_PAGE = 20


class BrowseFilterForm(forms.Form):
    """Read from the URL (`?semaine=<date>&domaine=<id>`, shareable); a bad value is ignored, never an error."""

    semaine = forms.TypedChoiceField(label=_("Semaine"), required=False, coerce=str, empty_value="")
    domaine = forms.ModelChoiceField(
        label=_("Domaine"), required=False, empty_label=_("Tous les domaines"), queryset=GrandDomaine.objects.none()
    )

    def __init__(self, *args, weeks=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["semaine"].choices = [("", _("Toutes mes semaines de stage"))] + [
            (week.starts_on.isoformat(), _("Semaine du %(date)s") % {"date": week.starts_on.strftime("%d/%m/%Y")})
            for week in weeks
        ]
        self.fields["domaine"].queryset = GrandDomaine.objects.order_by("code")

    def chosen(self):
        if not self.is_valid():
            return {name: self.cleaned_data.get(name) for name in ("semaine", "domaine") if name not in self.errors}
        return self.cleaned_data


@login_required
def browse_places(request):
    pupil = request.user
    if not is_pupil(pupil):
        raise Http404
    if not can_share_with_outside(pupil):
        return TemplateResponse(request, "stages/request_blocked.html", {"message": blocked_message(pupil)})
    school = pupil.school_class.school if pupil.school_class_id else None
    weeks = list(
        StageWeek.objects.filter(school=school, starts_on__gte=timezone.localdate() - timezone.timedelta(days=6))
        .order_by("starts_on")
        .distinct()
    )
    filters = BrowseFilterForm(request.GET or None, weeks=weeks)
    chosen = filters.chosen() if request.GET else {}
    days = [week.starts_on for week in weeks]
    if chosen.get("semaine"):
        days = [day for day in days if day.isoformat() == chosen["semaine"]]
    place_weeks = (
        PlaceWeek.objects.filter(starts_on__in=days, place__status=PlaceStatus.APPROVED, seats_taken__lt=F("seats"))
        .filter(Q(place__reserved_school__isnull=True) | Q(place__reserved_school=school))
        .select_related("place__host")
        .order_by("starts_on")
    )
    if chosen.get("domaine"):
        place_weeks = place_weeks.filter(place__sheets__grand_domaine=chosen["domaine"]).distinct()
    current = pupil.stage_requests.filter(state__in=OPEN_STATES).order_by("-created_at").first()
    mode = current.travel_mode if current is not None else travel.TravelMode.TRANSPORTS
    school_commune = travel.find_commune(school.commune) if school is not None else None
    places = {}
    for place_week in place_weeks:
        entry = places.get(place_week.place_id)
        if entry is None:
            place = place_week.place
            estimate = travel.estimate(school_commune.code, place.host.commune_code, mode) if school_commune else None
            commune = place.host.commune
            entry = places[place.pk] = {
                "place": place,
                "texts": place.texts_for_pupils(),
                "commune": commune.name if commune else "",
                "estimate": estimate,
                "weeks": [],
                "sheets": [],
            }
        entry["weeks"].append(place_week.starts_on)
    sheets = {}
    links = Place.sheets.through.objects.filter(place_id__in=places, metierpage__live=True)
    for place_id, sheet_id, title in links.values_list("place_id", "metierpage_id", "metierpage__title"):
        sheets.setdefault(place_id, []).append((sheet_id, title))
    rows = []
    for place_id, entry in places.items():
        entry["sheets"] = sorted(sheets.get(place_id, []), key=lambda sheet: sheet[1])
        rows.append(entry)
    rows.sort(key=lambda row: (row["estimate"] is None, row["estimate"].minutes if row["estimate"] else 0))
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "filters": filters,
        "rows": page.object_list,
        "page_obj": page,
        "weeks": weeks,
        "mode": travel.TravelMode(mode).label,
        "can_add_wish": current is None or current.state == RequestState.DRAFT,
        "school": school,
    }
    return TemplateResponse(request, "stages/browse_places.html", context)
