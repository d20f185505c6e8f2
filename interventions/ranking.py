"""Ranking the pool's speakers for a workshop request (the staff's matching page).

Best first:
1. the format: speakers who accept the requested format before those who do not;
2. the theme: a chosen métier sheet the speaker presents, then the same grand domaine (theirs, or that of
   a sheet they present), then a shared centre d'intérêt, then nothing in common;
3. availability: the number of the request's preferred slots that fall on a day they said they are free;
4. the place: speakers who go to the collège's commune or département first, then by the estimated
   travel minutes from where they leave to the collège (`stages.travel`, an estimate);
5. the load: fewer workshops held or promised in the month of the first slot.
Inactive speakers, and those already at their monthly limit, are listed last (marked, never hidden).
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stages import travel

from .models import HELD_BY_SPEAKER, Speaker

SHEET, DOMAIN, CENTRE, NONE = 0, 1, 2, 3
LEVEL_LABELS = {
    SHEET: _("présente une des fiches métier demandées"),
    DOMAIN: _("même grand domaine"),
    CENTRE: _("même centre d'intérêt"),
    NONE: _("thème différent"),
}


@dataclass
class Candidate:
    speaker: Speaker
    level: int
    format_ok: bool
    available: list = field(default_factory=list)
    goes_there: bool = False
    estimate: travel.Estimate | None = None
    load: int = 0

    @property
    def full(self):
        return self.load >= self.speaker.monthly_limit or not self.speaker.active

    @property
    def sort_key(self):
        minutes = self.estimate.minutes if self.estimate else 10_000
        return (
            self.full,
            not self.format_ok,
            self.level,
            -len(self.available),
            not self.goes_there,
            minutes,
            self.load,
            self.speaker.pk,
        )

    @property
    def theme_label(self):
        return LEVEL_LABELS[self.level]


def _month_bounds(moment):
    local = timezone.localtime(moment)
    start = local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    end = start.replace(year=start.year + 1, month=1) if start.month == 12 else start.replace(month=start.month + 1)
    return start, end


def theme_level(workshop_request, speaker, request_sheets, request_domains, speaker_sheets, speaker_domains, centres):
    if request_sheets & speaker_sheets:
        return SHEET
    if request_domains & speaker_domains:
        return DOMAIN
    if workshop_request.centre_id and workshop_request.centre_id in centres:
        return CENTRE
    return NONE


def rank(workshop_request):
    """The pool's speakers as `Candidate`s, best first (a fixed number of queries, whatever the pool)."""
    request_sheets = {sheet.pk: sheet for sheet in workshop_request.sheets.all()}
    request_domains = {sheet.grand_domaine_id for sheet in request_sheets.values() if sheet.grand_domaine_id}
    if workshop_request.grand_domaine_id:
        request_domains.add(workshop_request.grand_domaine_id)
    start, end = _month_bounds(workshop_request.slot_1)
    speakers = (
        Speaker.objects.filter(user__is_active=True)
        .exclude(user=workshop_request.teacher_id)
        .select_related("user")
        .prefetch_related("sheets", "domains", "centres")
        .annotate(
            month_load=Count(
                "requests",
                filter=Q(requests__state__in=HELD_BY_SPEAKER)
                & (
                    Q(requests__confirmed_slot__gte=start, requests__confirmed_slot__lt=end)
                    | Q(
                        requests__confirmed_slot__isnull=True,
                        requests__slot_1__gte=start,
                        requests__slot_1__lt=end,
                    )
                ),
            )
        )
    )
    school_commune = travel.find_commune(workshop_request.school.commune)
    school_code = school_commune.code if school_commune else ""
    candidates = []
    for speaker in speakers:
        sheets = list(speaker.sheets.all())
        speaker_sheets = {sheet.pk for sheet in sheets}
        speaker_domains = {domain.pk for domain in speaker.domains.all()} | {
            sheet.grand_domaine_id for sheet in sheets if sheet.grand_domaine_id
        }
        centres = {centre.pk for centre in speaker.centres.all()}
        level = theme_level(
            workshop_request, speaker, set(request_sheets), request_domains, speaker_sheets, speaker_domains, centres
        )
        estimate = None
        if school_code and speaker.home_commune:
            estimate = travel.estimate(speaker.home_commune, school_code)
        candidates.append(
            Candidate(
                speaker=speaker,
                level=level,
                format_ok=workshop_request.format in speaker.formats,
                available=[slot for slot in workshop_request.slots if speaker.is_available(slot)],
                goes_there=speaker.goes_to(school_code),
                estimate=estimate,
                load=speaker.month_load,
            )
        )
    return sorted(candidates, key=lambda candidate: candidate.sort_key)
