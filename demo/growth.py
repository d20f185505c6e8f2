"""A school year's data grown to a named size, with the project's factories, the same every time.

`grow(SIZES["association"])` adds, beside whatever the database holds (the demo), collèges with their
classes, pupils (activated, a parent's consent on record, one parent each), teachers, workshops with their
sessions and sign-ups, hosts with stage places open in the collèges' stage weeks, stage requests with their
wishes, and CVs followed by volunteers. The demo's own accounts get their share (the demo teacher teaches a
few of the new classes, the demo host offers more places, the demo volunteer follows more CVs), so a page that
reads a person's rows grows with them as well as with everybody else's.

Rows are built with the factories (`Factory.build`) and written with `bulk_create` where a model allows it
(people, classes, consent records, sign-ups, requests, wishes, place weeks): 25,000 pupils in minutes, not
hours. Pages (workshops) are created one by one through the tree. The random choices come from
`random.Random(seed)`: the same size and seed give the same rows. Counters a bulk write skips are set as
the services would (`Session.seats_taken`); the content generation is renewed at the end
(`home.caching.after_bulk_load`, which also runs ANALYZE on PostgreSQL).

Used by `bench/grow.py` (the command line) and by the tests that prove a page's query count does not grow
with the data (tests/test_growth_queries.py, with `SIZES["tiny"]`).
"""

import datetime
import random
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from accompagnement.factories import AssignmentFactory, DocumentFactory
from accounts import consent
from accounts.factories import DEFAULT_PASSWORD, SchoolClassFactory, SchoolFactory, UserFactory
from accounts.models import ConsentRecord, School, SchoolClass, User, current_school_year
from accounts.roles import Role
from ateliers.factories import AgendaIndexPageFactory, EventPageFactory, SessionFactory, SignUpFactory
from ateliers.models import AgendaIndexPage, Session, SignUp
from home.caching import after_bulk_load
from home.models import HomePage
from metiers.models import MetierPage
from stages.factories import (
    STAGE_MONDAY,
    HostOrganisationFactory,
    PlaceFactory,
    PlaceWeekFactory,
    StageRequestFactory,
    StageWeekFactory,
    WishFactory,
)
from stages.models import HostOrganisation, PlaceWeek, RequestState, StageRequest, StageWeek, Wish

BATCH = 2000
COMMUNES = ["93066", "93001", "93008", "93048", "93070", "93027", "93053", "93071", "75119", "75120"]
REQUEST_STATES = [RequestState.SENT] * 6 + [RequestState.DRAFT] * 2 + [RequestState.PROPOSED, RequestState.ACCEPTED]


@dataclass(frozen=True)
class Size:
    """How much to add. `request_share`: the share of pupils with a stage request (3e pupils in the portal)."""

    name: str
    schools: int
    classes_per_school: int
    pupils_per_class: int
    events: int
    sessions_per_event: int
    signups_per_session: int
    places: int
    request_share: float
    documents: int
    volunteers: int

    @property
    def pupils(self):
        return self.schools * self.classes_per_school * self.pupils_per_class

    @property
    def sessions(self):
        return self.events * self.sessions_per_event


SIZES = {
    size.name: size
    for size in (
        # The tests' step: enough of everything that a query per row shows.
        Size("tiny", 2, 2, 3, 2, 2, 2, 4, 0.5, 2, 1),
        # `load_demo` alone: nothing added.
        Size("demo", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
        # The association's year: 1,300 pupils, 80 sessions, 359 places, ~1,000 requests.
        Size("association", 13, 4, 25, 20, 4, 20, 359, 0.79, 120, 12),
        # A département (Seine-Saint-Denis): about 130 collèges, 25,000 pupils in 3e, 3,000 places.
        Size("departement", 130, 8, 24, 150, 4, 25, 3000, 0.8, 1500, 100),
    )
}


def _bulk(model, rows):
    model.objects.bulk_create(rows, batch_size=BATCH)
    return rows


def _users(factory_kwargs, count, role, prefix, password_hash, **fields):
    """`count` accounts of `role` built by UserFactory, written in bulk, with their role; `prefix` makes their
    emails unique. They share one password hash, computed once (the factories' password, so a pupil counts as
    activated): hashing 25,000 passwords would take hours."""
    built = [
        UserFactory.build(email=f"{prefix}{n}@croissance.example.org", password=None, **fields, **factory_kwargs(n))
        for n in range(count)
    ]
    for user in built:
        user.password = password_hash
    _bulk(User, built)
    users = list(User.objects.filter(email__startswith=prefix, email__endswith="@croissance.example.org"))
    group = Group.objects.get(name=role)
    _bulk(User.groups.through, [User.groups.through(user_id=user.pk, group_id=group.pk) for user in users])
    return users


def _agenda():
    agenda = AgendaIndexPage.objects.order_by("path").first()
    if agenda is None:
        home = HomePage.objects.filter(locale__language_code="fr").first() or HomePage.objects.first()
        agenda = AgendaIndexPageFactory(parent=home)
    return agenda


def grow(size, seed=0, around=None, log=print):
    """Add `size` of data (see the module). `around`: {role: user} of existing accounts that get their share
    (by default the first active account of each role). Returns a dict of what was added."""
    first = School.objects.count()
    run = _Run(
        size=size,
        rng=random.Random(seed),  # noqa: S311 (reproducible made-up data, not a secret)
        tag=f"g{seed}n{first}-",  # unique names and emails: growing the same database twice adds twice
        first=first,
        around=around if around is not None else default_around(),
        sheets=list(MetierPage.objects.live().values_list("pk", flat=True)),
        year=current_school_year(),
        password_hash=make_password(DEFAULT_PASSWORD),
        now=timezone.now(),
        log=log,
    )
    with transaction.atomic():
        schools, classes = _schools(run)
        pupils = _people(run, classes)
        sessions, signups = _workshops(run, pupils)
        places = _places(run, schools)
        requests = _requests(run, schools, classes, pupils)
        _cv_help(run, pupils)
        added = {
            "schools": len(schools),
            "classes": len(classes),
            "pupils": len(pupils),
            "sessions": len(sessions),
            "signups": len(signups),
            "places": len(places),
            "requests": len(requests),
        }
    after_bulk_load()
    return added


@dataclass
class _Run:
    size: object
    rng: random.Random
    tag: str
    first: int
    around: dict
    sheets: list
    year: str
    password_hash: str
    now: datetime.datetime
    log: object


def _schools(run):
    size, tag = run.size, run.tag
    _bulk(
        School,
        [
            SchoolFactory.build(name=f"Collège {tag}{n}", uai=f"9{run.first + n:06d}G", commune="Saint-Denis")
            for n in range(size.schools)
        ],
    )
    schools = list(School.objects.filter(name__startswith=f"Collège {tag}").order_by("pk"))
    classes = [
        SchoolClassFactory.build(school=school, name=f"3e {chr(65 + n)}", school_year=run.year)
        for school in schools
        for n in range(size.classes_per_school)
    ]
    _bulk(SchoolClass, classes)
    classes = list(SchoolClass.objects.filter(school__in=schools).order_by("pk"))
    run.log(f"{len(schools)} collèges, {len(classes)} classes")
    return schools, classes


def _people(run, classes):
    """Teachers (one per class, and the demo teacher in a quarter of them), pupils with consent, a parent each."""
    size, tag, password_hash = run.size, run.tag, run.password_hash
    teachers = _users(lambda n: {}, len(classes), Role.TEACHER, f"{tag}prof", password_hash)
    if classes:
        Through = classes[0].teachers.through
        links = [Through(schoolclass_id=c.pk, user_id=t.pk) for c, t in zip(classes, teachers, strict=True)]
        teacher = run.around.get(Role.TEACHER)
        if teacher is not None:
            links += [Through(schoolclass_id=c.pk, user_id=teacher.pk) for c in classes[:: max(1, len(classes) // 4)]]
        _bulk(Through, links)
    pupils = _users(
        lambda n: {"school_class_id": classes[n // size.pupils_per_class].pk},
        len(classes) * size.pupils_per_class,
        Role.PUPIL,
        f"{tag}eleve",
        password_hash,
        birth_date=datetime.date(int(run.year[:4]) - 14, 1, 15),
        activated_at=run.now,
    )
    _bulk(
        ConsentRecord,
        [
            ConsentRecord(
                pupil=pupil,
                decision=ConsentRecord.Decision.GIVEN,
                method=ConsentRecord.Method.LINK,
                text_version=consent.TEXT_VERSION,
                decided_by_name="Parent",
            )
            for pupil in pupils
        ],
    )
    parents = _users(lambda n: {}, len(pupils), Role.PARENT, f"{tag}parent", password_hash)
    children = User.children.through
    links = [children(from_user_id=p.pk, to_user_id=c.pk) for p, c in zip(parents, pupils, strict=True)]
    parent = run.around.get(Role.PARENT)
    if parent is not None:
        links += [children(from_user_id=parent.pk, to_user_id=c.pk) for c in pupils[:2]]
    _bulk(children, links)
    run.log(f"{len(pupils)} élèves, {len(parents)} parents, {len(teachers)} professeurs")
    return pupils


def _workshops(run, pupils):
    size, tag, rng = run.size, run.tag, run.rng
    agenda = _agenda() if size.events else None
    sessions = []
    for n in range(size.events):
        event = EventPageFactory(parent=agenda, title=f"Atelier {tag}{n}", slug=f"atelier-{tag}{n}")
        for k in range(size.sessions_per_event):
            starts = run.now + datetime.timedelta(days=7 + rng.randrange(120), hours=k)
            sessions.append(SessionFactory(page=event, starts_at=starts, capacity=size.signups_per_session + 5))
    signups = []
    for session in sessions:
        for pupil in rng.sample(pupils, min(len(pupils), size.signups_per_session)):
            signups.append(SignUpFactory.build(session=session, pupil=pupil))
    pupil = run.around.get(Role.PUPIL)
    if pupil is not None:
        signups += [SignUpFactory.build(session=s, pupil=pupil) for s in sessions[:3]]
    _bulk(SignUp, signups)
    for session in Session.objects.filter(pk__in=[s.pk for s in sessions]).annotate(
        taken=Count("signups", filter=Q(signups__status=SignUp.Status.CONFIRMED))
    ):
        Session.objects.filter(pk=session.pk).update(seats_taken=session.taken)
    run.log(f"{len(sessions)} séances, {len(signups)} inscriptions")
    return sessions, signups


def _places(run, schools):
    size, tag, rng, sheets = run.size, run.tag, run.rng, run.sheets
    host_user = run.around.get(Role.PROFESSIONAL)
    own_host = HostOrganisation.objects.filter(members=host_user).first() if host_user is not None else None
    hosts = [
        HostOrganisationFactory(name=f"Structure {tag}{n}", commune_code=rng.choice(COMMUNES))
        for n in range(max(1, size.places // 3) if size.places else 0)
    ]
    places = []
    for n in range(size.places):
        host = own_host if own_host is not None and n % 20 == 0 else hosts[n % len(hosts)]
        places.append(
            PlaceFactory(host=host, title=f"Découvrir {tag}{n}", sheet_list=rng.sample(sheets, min(2, len(sheets))))
        )
    _bulk(StageWeek, [StageWeekFactory.build(school=school, starts_on=STAGE_MONDAY) for school in schools])
    _bulk(PlaceWeek, [PlaceWeekFactory.build(place=place, starts_on=STAGE_MONDAY, seats=2) for place in places])
    run.log(f"{len(hosts)} structures, {len(places)} places de stage")
    return places


def _requests(run, schools, classes, pupils):
    rng, sheets = run.rng, run.sheets
    week_of = {w.school_id: w for w in StageWeek.objects.filter(school__in=schools)}
    school_of = {c.pk: c.school_id for c in classes}
    requesting = [p for p in pupils if rng.random() < run.size.request_share]
    _bulk(
        StageRequest,
        [
            StageRequestFactory.build(
                pupil=p, week=week_of[school_of[p.school_class_id]], state=rng.choice(REQUEST_STATES)
            )
            for p in requesting
        ],
    )
    requests = list(StageRequest.objects.filter(pupil__in=requesting).order_by("pk"))
    wishes = [
        WishFactory.build(request=r, rank=rank + 1, sheet_id=sheet)
        for r in requests
        for rank, sheet in enumerate(rng.sample(sheets, min(len(sheets), 1 + rng.randrange(3))))
    ]
    _bulk(Wish, wishes)
    run.log(f"{len(requests)} demandes de stage, {len(wishes)} vœux")
    return requests


def _cv_help(run, pupils):
    size = run.size
    volunteers = _users(lambda n: {}, size.volunteers, Role.VOLUNTEER, f"{run.tag}benevole", run.password_hash)
    volunteer = run.around.get(Role.VOLUNTEER)
    if volunteer is not None:
        volunteers.append(volunteer)
    for n, pupil in enumerate(pupils[: size.documents]):
        document = DocumentFactory(pupil=pupil)
        AssignmentFactory(document=document, volunteer=volunteers[n % len(volunteers)])
    run.log(f"{min(size.documents, len(pupils))} CV suivis par {len(volunteers)} bénévoles")


def default_around():
    """The first active account of each role (the demo's), and the first professional member of a host."""
    around = {}
    for role in (Role.STAFF, Role.TEACHER, Role.PUPIL, Role.PARENT, Role.VOLUNTEER):
        around[role] = User.objects.filter(groups__name=role, is_active=True).order_by("pk").first()
    around[Role.PROFESSIONAL] = (
        User.objects.filter(host_organisations__isnull=False, is_active=True).order_by("pk").first()
    )
    return {role: user for role, user in around.items() if user is not None}
