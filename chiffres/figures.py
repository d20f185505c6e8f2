"""The project's figures for one school year, counted by the database: a few aggregate queries (grouped
counts with `filter=`), never a loop over pupils. Each function returns raw `anonymity.Table`s; only
`anonymity.publish` turns them into what readers see (`published_tables`).

A school year is the one `accounts.models.current_school_year` names (« 2026-2027 »): from 1 August to
31 July, the same year as the classes and the stage weeks, which carry it. Pupils are counted in the
classes of that year; sessions, comments and assignments by their date; stage requests by their stage
week's year; stage places by their place's year.
"""

import datetime
import re

from django.db.models import Count, Exists, OuterRef, Q, Subquery, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from accompagnement.models import Assignment, Comment, DocumentKind
from accounts.models import ConsentRecord, School, SchoolClass, User, current_school_year
from accounts.roles import Role
from ateliers.models import EventLeader, Feedback, Kind, Session, SignUp
from carnet.models import Path, Wish
from stages.models import Place, PlaceStatus, PlaceWeek, RequestEvent, RequestState, StageRequest, StageWeek

from .anonymity import Offer, People, Share, Table, publish

YEAR_PATTERN = re.compile(r"^(\d{4})-(\d{4})$")
FOUND = [RequestState.ACCEPTED, RequestState.CONVENTION, RequestState.DONE]


def school_years(today=None):
    """The school years that have figures, newest first: the current one and every earlier year named by a
    class or a stage week."""
    current = current_school_year(today)
    named = (
        SchoolClass.objects.order_by()
        .values_list("school_year", flat=True)
        .union(StageWeek.objects.order_by().values_list("school_year", flat=True))
    )
    years = {year for year in named if YEAR_PATTERN.match(year or "") and year <= current}
    return sorted(years | {current}, reverse=True)


def year_bounds(school_year):
    """The first moment of the school year and the first moment of the next one (1 August), local time."""
    start = int(school_year[:4])
    return (
        timezone.make_aware(datetime.datetime(start, 8, 1)),
        timezone.make_aware(datetime.datetime(start + 1, 8, 1)),
    )


def pupil_tables(school_year):
    """Pupils of the year's classes whose account is activated and whose latest consent decision is an
    agreement, by level and by collège."""
    latest = (
        ConsentRecord.objects.filter(pupil=OuterRef("pk"), cancelled_at__isnull=True)
        .order_by("-created_at", "-pk")
        .values("decision")
    )
    groups = (
        User.objects.filter(groups__name=Role.PUPIL, school_class__school_year=school_year, activated_at__isnull=False)
        .annotate(decision=Subquery(latest[:1]))
        .filter(decision=ConsentRecord.Decision.GIVEN)
        .values("school_class__school_id", "school_class__level")
        .annotate(pupils=Count("pk", distinct=True))
        .order_by()
    )
    by_level, by_school = {}, {}
    for group in groups:
        level, school = group["school_class__level"], group["school_class__school_id"]
        by_level[level] = by_level.get(level, 0) + group["pupils"]
        by_school[school] = by_school.get(school, 0) + group["pupils"]
    schools = School.objects.filter(classes__school_year=school_year).distinct().order_by("name")
    column = [_("Élèves qui participent")]
    note = _(
        "Élèves d'une classe de l'année dont le compte est activé et dont la famille a donné son accord "
        "(ou l'élève, à partir de 15 ans)."
    )
    return [
        Table(
            "eleves-niveau",
            _("Élèves qui participent, par niveau"),
            _("Niveau"),
            column,
            [(label, [People(by_level.get(value, 0))]) for value, label in SchoolClass.Level.choices],
            total=_("Ensemble"),
            note=note,
        ),
        Table(
            "eleves-college",
            _("Élèves qui participent, par collège"),
            _("Collège"),
            column,
            [(f"{school.name} ({school.commune})", [People(by_school.get(school.pk, 0))]) for school in schools],
            total=_("Ensemble"),
        ),
    ]


def held_sessions(school_year, now=None):
    start, end = year_bounds(school_year)
    now = now or timezone.now()
    return Session.objects.filter(starts_at__gte=start, starts_at__lt=min(end, now), cancelled_at__isnull=True)


def discovery_tables(school_year, now=None):
    """Workshops, talks and forums held (not cancelled, started before now), their seats and attendance,
    and the pupils' answers after them."""
    sessions = held_sessions(school_year, now)
    by_kind = {
        row["page__kind"]: row
        for row in sessions.values("page__kind")
        .annotate(held=Count("pk"), offered=Sum("capacity"), taken=Sum("seats_taken"))
        .order_by()
    }
    confirmed = SignUp.objects.filter(session__in=sessions, status=SignUp.Status.CONFIRMED)
    presence = {
        row["session__page__kind"]: row
        for row in confirmed.values("session__page__kind")
        .annotate(present=Count("pk", filter=Q(attended=True)), absent=Count("pk", filter=Q(attended=False)))
        .order_by()
    }
    answers = Feedback.objects.filter(session__in=sessions).aggregate(
        answers=Count("pk"),
        learned=Count("pk", filter=Q(learned=Feedback.Smiley.HAPPY)),
        liked=Count("pk", filter=Q(liked=Feedback.Smiley.HAPPY)),
    )
    rows = []
    for value, label in Kind.choices:
        kind, seen = by_kind.get(value, {}), presence.get(value, {})
        rows.append(
            (
                label,
                [
                    Offer(kind.get("held", 0)),
                    Offer(kind.get("offered") or 0),
                    People(kind.get("taken") or 0),
                    People(seen.get("present", 0)),
                ],
            )
        )
    present = sum(row.get("present", 0) for row in presence.values())
    noted = present + sum(row.get("absent", 0) for row in presence.values())
    return [
        Table(
            "decouverte",
            _("Ateliers, conférences et forums des métiers tenus"),
            _("Type"),
            [_("Séances tenues"), _("Places offertes"), _("Places prises"), _("Élèves présents")],
            rows,
            total=_("Ensemble"),
            note=_("Séances de l'année déjà passées, hors séances annulées."),
            # A kind's seats taken are at most its seats offered; without a session held, none is taken
            # and no pupil is present.
            limits={2: 1},
            zero_without={2: 0, 3: 0},
        ),
        Table(
            "decouverte-avis",
            _("Présence et avis des élèves après les séances"),
            _("Indicateur"),
            [_("Valeur")],
            [
                (_("Taux de présence (parmi les inscrits dont la présence a été notée)"), [Share(present, noted)]),
                (_("Avis donnés par les élèves après une séance"), [People(answers["answers"])]),
                (
                    _("Part des avis qui répondent « Beaucoup » à « As-tu appris des choses sur ce métier ? »"),
                    [Share(answers["learned"], answers["answers"])],
                ),
                (
                    _("Part des avis qui répondent « Beaucoup » à « As-tu aimé cette séance ? »"),
                    [Share(answers["liked"], answers["answers"])],
                ),
            ],
        ),
    ]


def stage_tables(school_year):
    """Stage places offered, requests sent, stages found and done, and the reports written after them."""
    was_sent = Exists(RequestEvent.objects.filter(request=OuterRef("pk"), to_state=RequestState.SENT))
    sent = ~Q(state__in=[RequestState.DRAFT, RequestState.CANCELLED]) | Q(state=RequestState.CANCELLED, was_sent=True)
    submitted = Q(report__submitted_at__isnull=False)
    counts = (
        StageRequest.objects.filter(week__school_year=school_year)
        .annotate(was_sent=was_sent)
        .aggregate(
            sent=Count("pk", filter=sent),
            found=Count("pk", filter=Q(state__in=FOUND)),
            done=Count("pk", filter=Q(state=RequestState.DONE)),
            reports=Count("pk", filter=submitted),
            done_with_report=Count("pk", filter=Q(state=RequestState.DONE) & submitted),
            hosts_found=Count("place_week__place__host", filter=Q(state__in=FOUND), distinct=True),
        )
    )
    offer = PlaceWeek.objects.filter(place__school_year=school_year, place__status=PlaceStatus.APPROVED).aggregate(
        seats=Sum("seats"), hosts=Count("place__host", distinct=True)
    )
    stages = Table(
        "stages",
        _("Stages d'observation de 3e"),
        _("Indicateur"),
        [_("Nombre")],
        [
            (
                _("Places de stage offertes par les structures d'accueil (une place : un élève pendant une semaine)"),
                [Offer(offer["seats"] or 0)],
            ),
            (_("Demandes de stage envoyées par les élèves"), [People(counts["sent"])]),
            (_("Stages trouvés (la structure d'accueil a accepté l'élève)"), [People(counts["found"])]),
            (_("Part des demandes envoyées qui ont abouti à un stage"), [Share(counts["found"], counts["sent"])]),
            (_("Stages réalisés"), [People(counts["done"])]),
        ],
        note=_(
            "Le portail n'enregistre que les stages trouvés avec l'association : la part des stages trouvés "
            "par d'autres moyens n'est pas connue."
        ),
    )
    after = Table(
        "apres-stage",
        _("Après le stage"),
        _("Indicateur"),
        [_("Nombre")],
        [
            (_("Comptes rendus de stage envoyés par les élèves"), [People(counts["reports"])]),
            (
                _("Part des stages réalisés suivis d'un compte rendu"),
                [Share(counts["done_with_report"], counts["done"])],
            ),
        ],
        note=_(
            "Le compte rendu est un texte libre de l'élève (ce qu'il a vu, ce qui lui a plu, et après) : il ne "
            "dit pas, sous une forme que l'on peut compter, si l'élève a découvert un métier. L'avis donné après "
            "les ateliers le dit."
        ),
    )
    return [stages, after], counts["hosts_found"], offer["hosts"]


def help_table(school_year):
    """CVs and cover letters that a volunteer commented on during the year, by kind."""
    start, end = year_bounds(school_year)
    by_kind = dict(
        Comment.objects.filter(created_at__gte=start, created_at__lt=end, author__groups__name=Role.VOLUNTEER)
        .values_list("version__document__kind")
        .annotate(documents=Count("version__document", distinct=True))
        .order_by()
    )
    return Table(
        "cv-lettres",
        _("CV et lettres de motivation relus par un bénévole"),
        _("Document"),
        [_("Documents relus")],
        [(label, [People(by_kind.get(value, 0))]) for value, label in DocumentKind.choices],
        total=_("Ensemble"),
    )


def wishes_table(school_year):
    """The wishes after the 3e written in the orientation notebooks (carnet) by pupils of the year's classes
    who take part (consent given, as `pupil_tables` counts them), by path: a breakdown of the wishes, not of
    the pupils (a pupil writes one to three)."""
    latest = (
        ConsentRecord.objects.filter(pupil=OuterRef("pupil"), cancelled_at__isnull=True)
        .order_by("-created_at", "-pk")
        .values("decision")
    )
    by_path = dict(
        Wish.objects.filter(pupil__school_class__school_year=school_year)
        .annotate(decision=Subquery(latest[:1]))
        .filter(decision=ConsentRecord.Decision.GIVEN)
        .values_list("path")
        .annotate(wishes=Count("pk"))
        .order_by()
    )
    return Table(
        "voeux",
        _("Vœux d'orientation après la 3e, par voie"),
        _("Voie"),
        [_("Vœux")],
        [(label, [People(by_path.get(value, 0))]) for value, label in Path.choices],
        total=_("Ensemble"),
        note=_("Vœux écrits par les élèves dans leur carnet d'orientation : un à trois par élève."),
    )


def adults_table(school_year, hosts_found, hosts_offering, now=None):
    """Adults active during the year: volunteers who led a session, commented on or followed a document;
    professionals who led a session or belong to a host with a place that year; host organisations."""
    start, end = year_bounds(school_year)
    sessions = held_sessions(school_year, now)
    led = Exists(EventLeader.objects.filter(user=OuterRef("pk"), page__sessions__in=sessions))
    commented = Exists(Comment.objects.filter(author=OuterRef("pk"), created_at__gte=start, created_at__lt=end))
    followed = Exists(Assignment.objects.filter(volunteer=OuterRef("pk"), started_at__gte=start, started_at__lt=end))
    hosting = Exists(
        Place.objects.filter(host__members=OuterRef("pk"), school_year=school_year, status=PlaceStatus.APPROVED)
    )
    counts = (
        User.objects.filter(is_active=True, groups__name__in=[Role.VOLUNTEER, Role.PROFESSIONAL])
        .annotate(led=led, commented=commented, followed=followed, hosting=hosting)
        .aggregate(
            volunteers=Count(
                "pk",
                filter=Q(groups__name=Role.VOLUNTEER) & (Q(led=True) | Q(commented=True) | Q(followed=True)),
                distinct=True,
            ),
            professionals=Count(
                "pk", filter=Q(groups__name=Role.PROFESSIONAL) & (Q(led=True) | Q(hosting=True)), distinct=True
            ),
        )
    )
    return Table(
        "adultes",
        _("Les adultes et les structures engagés"),
        _("Indicateur"),
        [_("Nombre")],
        [
            (_("Bénévoles actifs (ateliers animés, CV et lettres relus)"), [People(counts["volunteers"])]),
            (_("Professionnels actifs (ateliers animés, places de stage)"), [People(counts["professionals"])]),
            (_("Structures d'accueil qui proposent des places de stage"), [People(hosts_offering)]),
            (_("Structures d'accueil qui ont accueilli ou vont accueillir un élève"), [People(hosts_found)]),
        ],
    )


def raw_tables(school_year, now=None):
    stages, hosts_found, hosts_offering = stage_tables(school_year)
    return [
        *pupil_tables(school_year),
        *discovery_tables(school_year, now),
        *stages,
        help_table(school_year),
        wishes_table(school_year),
        adults_table(school_year, hosts_found, hosts_offering, now),
    ]


def published_tables(school_year, now=None):
    """Every table of the year as readers may see it: through `anonymity.publish`, never around it."""
    return [publish(table) for table in raw_tables(school_year, now)]
