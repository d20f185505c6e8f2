"""Ranking places for a stage request (the staff console) and proposing a whole collège at once.

Fit, best first:
1. the wish: a place for the same métier sheet as a wish, then the same domaine professionnel, then a
   shared centre d'intérêt; an earlier wish beats a later one at the same level;
2. the travel: places within the time the pupil accepts come first, then by estimated minutes from the
   collège's commune (`stages.travel`, an estimate);
3. the seats left.
Only validated places open the pupil's stage week, with a seat left, and not reserved to another
collège, are candidates. Every candidate carries the reasons shown to staff.

A place the rules of law refuse for this pupil (`stages.legal.placement_breaches`: the host's kind for
their age on the week's Monday, hours, tutor) stays in the console's list, last, marked « refusée par les
règles (…) » with no button; the bulk plan never gives it. It is computed from the rows already loaded
(the place, its host, the pupil's birth date): no query per candidate.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import F, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from metiers.models import MetierPage, MetierPageCentreInteret

from . import legal, travel
from .models import Place, PlaceStatus, PlaceWeek

SHEET, DOMAIN, CENTRE, NONE = 0, 1, 2, 3
LEVEL_LABELS = {
    SHEET: gettext_lazy("même fiche métier"),
    DOMAIN: gettext_lazy("même domaine"),
    CENTRE: gettext_lazy("même centre d'intérêt"),
}


@dataclass
class Candidate:
    stage_request: object
    place_week: PlaceWeek
    level: int
    wish_rank: int | None
    estimate: travel.Estimate | None
    within_travel: bool
    breaches: tuple = ()  # the rules of law this place breaks for this pupil (stages.legal)

    @property
    def refused(self):
        return bool(self.breaches)

    @property
    def reasons(self):
        """What staff read under each place (computed on demand: the bulk matching needs none)."""
        lines = reasons(
            self.stage_request, self.place_week, self.level, self.wish_rank, self.estimate, self.within_travel
        )
        if self.breaches:
            lines = [refusal_label(self.breaches), *legal.messages(self.breaches), *lines]
        return lines

    @property
    def sort_key(self):
        minutes = self.estimate.minutes if self.estimate else 10_000
        return (
            self.refused,
            self.level,
            self.wish_rank or 9,
            not self.within_travel,
            minutes,
            -self.place_week.seats_left,
        )


# A few words per rule of stages.legal for the console's « refusée par les règles (…) ».
RULE_LABELS = {
    "age": gettext_lazy("âge et type de structure"),
    "age_unknown": gettext_lazy("date de naissance inconnue"),
    "host_kind": gettext_lazy("statut de la structure inconnu"),
    "daily": gettext_lazy("durée par jour"),
    "weekly": gettext_lazy("durée par semaine"),
    "break": gettext_lazy("pause"),
    "night": gettext_lazy("horaires de nuit"),
    "tutor": gettext_lazy("tuteur"),
    "tutor_contact": gettext_lazy("tuteur"),
    "days": gettext_lazy("dates"),
}


def refusal_label(breaches):
    names = dict.fromkeys(str(RULE_LABELS.get(breach.rule, breach.rule)) for breach in breaches)
    return _("Refusée par les règles (%(rules)s)") % {"rules": ", ".join(names)}


class SheetIndex:
    """Domain and centres d'intérêt of métier sheets, loaded in two queries."""

    def __init__(self, sheet_ids):
        sheet_ids = set(sheet_ids)
        self.domain = dict(MetierPage.objects.filter(pk__in=sheet_ids).values_list("pk", "domaine_professionnel_id"))
        self.centres = defaultdict(set)
        for sheet_id, tag_id in MetierPageCentreInteret.objects.filter(content_object_id__in=sheet_ids).values_list(
            "content_object_id", "tag_id"
        ):
            self.centres[sheet_id].add(tag_id)


def wish_fit(wishes, place_sheet_ids, index):
    """(level, rank of the wish) of the best match between a pupil's wishes and a place's sheets."""
    domains = {index.domain.get(pk) for pk in place_sheet_ids} - {None}
    centres = set().union(*(index.centres[pk] for pk in place_sheet_ids)) if place_sheet_ids else set()
    best = (NONE, None)
    for wish in wishes:
        if wish.sheet_id:
            if wish.sheet_id in place_sheet_ids:
                level = SHEET
            elif index.domain.get(wish.sheet_id) in domains:
                level = DOMAIN
            elif index.centres[wish.sheet_id] & centres:
                level = CENTRE
            else:
                continue
        elif wish.domain_id:
            if wish.domain_id not in domains:
                continue
            level = DOMAIN
        elif wish.centre_id in centres:
            level = CENTRE
        else:
            continue
        best = min(best, (level, wish.rank), key=lambda fit: (fit[0], fit[1] or 9))
    return best


def open_place_weeks(week):
    return (
        PlaceWeek.objects.filter(
            starts_on=week.starts_on, place__status=PlaceStatus.APPROVED, seats_taken__lt=F("seats")
        )
        .filter(Q(place__reserved_school__isnull=True) | Q(place__reserved_school_id=week.school_id))
        .select_related("place__host")
    )


def place_sheet_ids(place_weeks):
    """{place week id: {sheet id, …}} in one query on the places' link table: the ranking needs the sheets'
    ids only (their domains and centres come from `SheetIndex`), never the sheet pages themselves (a
    prefetch of the pages, StreamField and all, was three quarters of a console request)."""
    by_place = defaultdict(set)
    links = Place.sheets.through.objects.filter(place_id__in={place_week.place_id for place_week in place_weeks})
    for place_id, sheet_id in links.values_list("place_id", "metierpage_id"):
        by_place[place_id].add(sheet_id)
    return {place_week.pk: by_place[place_week.place_id] for place_week in place_weeks}


def rank_places(stage_request, place_weeks=None, index=None, sheets_of=None):
    """The candidate places for `stage_request`, best first, each with its reasons."""
    wishes = list(stage_request.wishes.all())
    if place_weeks is None:
        place_weeks = list(open_place_weeks(stage_request.week))
    if sheets_of is None:
        sheets_of = place_sheet_ids(place_weeks)
    if index is None:
        index = SheetIndex({w.sheet_id for w in wishes if w.sheet_id}.union(*sheets_of.values()))
    school_commune = travel.find_commune(stage_request.week.school.commune)
    pupil = stage_request.pupil if stage_request.pupil_id else None
    birth_date = pupil.birth_date if pupil is not None else None
    candidates = []
    for place_week in place_weeks:
        breaches = tuple(legal.placement_breaches(place_week.place, birth_date, stage_request.week.starts_on))
        level, rank = wish_fit(wishes, sheets_of[place_week.pk], index)
        estimate = (
            travel.estimate(school_commune.code, place_week.place.host.commune_code, stage_request.travel_mode)
            if school_commune
            else None
        )
        within = estimate is None or estimate.minutes <= stage_request.travel_minutes
        candidates.append(Candidate(stage_request, place_week, level, rank, estimate, within, breaches))
    return sorted(candidates, key=lambda c: c.sort_key)


def reasons(stage_request, place_week, level, rank, estimate, within):
    lines = []
    if level == NONE:
        lines.append(_("Aucun souhait ne correspond"))
    else:
        lines.append(_("Souhait n° %(rank)s : %(level)s") % {"rank": rank, "level": LEVEL_LABELS[level]})
    lines.append(_("Ouverte la semaine de stage de l'élève"))
    lines.append(
        ngettext("%(left)s place libre sur %(seats)s", "%(left)s places libres sur %(seats)s", place_week.seats_left)
        % {"left": place_week.seats_left, "seats": place_week.seats}
    )
    if estimate is None:
        lines.append(_("Distance inconnue"))
    else:
        text = _("%(km)s km, environ %(minutes)s min (estimation)") % {
            "km": f"{estimate.km:.1f}".replace(".", ","),
            "minutes": estimate.minutes,
        }
        if not within:
            text += " – " + _("plus que les %(max)s min acceptées") % {"max": stage_request.travel_minutes}
        lines.append(text)
    return lines


@dataclass
class BulkPlan:
    assignments: dict  # request pk -> (place_week pk, wish rank)
    unplaced: list  # request pks
    levels: dict = None  # request pk -> fit (SHEET, DOMAIN, CENTRE)

    def outcome(self, total):
        counts = {1: 0, 2: 0, 3: 0}
        for _place_week, rank in self.assignments.values():
            counts[rank] += 1
        levels = list((self.levels or {}).values())
        return {
            "total": total,
            "voeu_1": counts[1],
            "voeu_2": counts[2],
            "voeu_3": counts[3],
            "sans_place": len(self.unplaced),
            "meme_fiche": levels.count(SHEET),
            "meme_domaine": levels.count(DOMAIN),
            "meme_centre": levels.count(CENTRE),
        }


# Costs of the assignment, in the console's order: a looser fit (domain, centre d'intérêt) costs more than a
# later wish, which costs more than a longer trip; leaving a pupil without a place costs more than any
# placement, so the most pupils are placed.
UNPLACED_COST = 1000.0
FORBIDDEN_COST = 1e6


def cost(candidate):
    minutes = candidate.estimate.minutes if candidate.estimate else 60
    return 100 * candidate.level + 30 * (candidate.wish_rank - 1) + minutes / 100


def bulk_plan(stage_requests):
    """An optimal allocation of many requests (scipy's `linear_sum_assignment`, the Hungarian method):
    each seat is a column, each request a row, a placement costs by its wish's rank, then its fit, then its
    travel; only places that match a wish and are within the accepted travel time may be given. Seats are
    counted here; `bulk_propose` reserves them for real, so a seat taken meanwhile is simply skipped."""
    # Imported here: scipy takes about 2 s to import, which every page of the site paid at a server's start.
    import numpy
    from scipy.optimize import linear_sum_assignment

    stage_requests = list(stage_requests)
    by_week = defaultdict(list)
    for stage_request in stage_requests:
        by_week[stage_request.week.starts_on, stage_request.week.school_id].append(stage_request)
    assignments, levels = {}, {}
    for requests in by_week.values():
        place_weeks = list(open_place_weeks(requests[0].week))
        sheets_of = place_sheet_ids(place_weeks)
        sheet_ids = set().union(*sheets_of.values())
        sheet_ids |= {w.sheet_id for r in requests for w in r.wishes.all() if w.sheet_id}
        index = SheetIndex(sheet_ids)
        columns = [pw for pw in place_weeks for _seat in range(pw.seats_left)]
        column_of = defaultdict(list)
        for number, place_week in enumerate(columns):
            column_of[place_week.pk].append(number)
        costs = numpy.full((len(requests), len(columns) + len(requests)), FORBIDDEN_COST)
        fit = {}
        for row, stage_request in enumerate(requests):
            costs[row, len(columns) + row] = UNPLACED_COST
            for candidate in rank_places(stage_request, place_weeks, index, sheets_of):
                if candidate.level != NONE and candidate.within_travel and not candidate.refused:
                    costs[row, column_of[candidate.place_week.pk]] = cost(candidate)
                    fit[stage_request.pk, candidate.place_week.pk] = (candidate.wish_rank, candidate.level)
        rows, cols = linear_sum_assignment(costs)
        for row, col in zip(rows, cols, strict=True):
            if col < len(columns) and costs[row, col] < UNPLACED_COST:
                request_pk, place_week_pk = requests[row].pk, columns[col].pk
                rank, level = fit[request_pk, place_week_pk]
                assignments[request_pk] = (place_week_pk, rank)
                levels[request_pk] = level
    unplaced = [r.pk for r in stage_requests if r.pk not in assignments]
    return BulkPlan(assignments, unplaced, levels)


def bulk_propose(user, stage_requests):
    """Plan, then propose each assignment through the workflow (so each is checked, recorded and notified)."""
    from .models import NoSeatLeft
    from .workflow import apply

    stage_requests = list(stage_requests)
    plan = bulk_plan(stage_requests)
    by_pk = {r.pk: r for r in stage_requests}
    place_weeks = PlaceWeek.objects.in_bulk([pk for pk, _rank in plan.assignments.values()])
    for request_pk, (place_week_pk, _rank) in list(plan.assignments.items()):
        try:
            apply(user, by_pk[request_pk], "propose", place_week=place_weeks[place_week_pk])
        except NoSeatLeft:
            del plan.assignments[request_pk]
            plan.unplaced.append(request_pk)
    return plan
