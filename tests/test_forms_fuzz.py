"""No bad id or odd value reaches the database as a server error: every view of ours, as each role, with ids
out of range, words for numbers, empty and huge values, in the URL, the query string and the POST body.

The views are listed from the URL resolver (our apps' URLconfs and the admin views they register), so a new
view is fuzzed without being named here. The world is one of each thing a view may look up (a session and a
sign-up, a stage request and a place, a document and a comment, a class), so that the view's own form runs,
not only its 404. Runs on SQLite; set DATABASE_URL to run it on PostgreSQL (where an integer out of range is
an error of the database, not a silent mismatch).
"""

from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

import pytest

from accompagnement.factories import CommentFactory, DocumentFactory, VersionFactory, VolunteerFactory
from accounts.factories import (
    ConsentedPupilFactory,
    ParentFactory,
    SchoolClassFactory,
    StaffFactory,
    TeacherFactory,
)
from ateliers.booking import sign_up
from ateliers.factories import AgendaIndexPageFactory, EventPageFactory, SessionFactory
from ateliers.models import EventLeader, SignUp
from carnet.factories import QuestionFactory, WishFactory
from interventions import workflow
from interventions.factories import SpeakerFactory, WorkshopRequestFactory
from stages.factories import (
    HostOrganisationFactory,
    PlaceFactory,
    PlaceWeekFactory,
    ProfessionalFactory,
    StageRequestFactory,
    StageWeekFactory,
)

pytestmark = pytest.mark.fuzz  # slow (minutes): `-m fuzz`, with the API's Schemathesis run

OUR_MODULES = (
    "accounts",
    "ateliers",
    "stages",
    "interventions",
    "accompagnement",
    "procedures",
    "chiffres",
    "carnet",
    "search",
    "home",
)

HUGE = "9" * 40
BAD_VALUES = ["abc", HUGE, "2147483648", "", "x" * 5000, "١٢"]
BAD_IDS = ["2147483648", "99999999999999999999"]

# Field names our forms and views read (ids, choices, free text): each gets every bad value.
FIELDS = [
    "signup",
    "pupil",
    "pupils",
    "college",
    "place_week",
    "volunteer",
    "school",
    "school_class",
    "host",
    "week",
    "weeks",
    "sheet",
    "sheets",
    "sheet_choice",
    "page",
    "p",
    "identifier",
    "action",
    "decision",
    "party",
    "reason",
    "comment",
    "body",
    "text",
    "title",
    "organisation",
    "email",
    "q",
    "step",
    "version",
    "old",
    "new",
    "start",
    "end",
    "quote",
    "liked",
    "learned",
    "present",
    "capacity",
    "hours",
    "domain",
    "path",
    "field",
    "note",
    "shared",
    "next",
    # interventions
    "speaker",
    "slot",
    "classes",
    "slot_1",
    "slot_2",
    "format",
    "pupils_count",
    "duration",
    "formats",
    "weekdays",
    "dates_text",
    "communes_text",
    "home_commune",
    "monthly_limit",
    "grand_domaine",
    "centre",
]


def our_patterns(resolver=None, prefix=""):
    """(route, name, converters) for every URL whose view lives in one of our apps."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from our_patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            module = getattr(entry.callback, "__module__", "") or ""
            if module.split(".")[0] in OUR_MODULES:
                yield prefix + str(entry.pattern), entry.callback


def concrete_urls(ids):
    """Every pattern of ours, filled with an existing id, then with ids out of range."""
    import re

    urls = set()
    for route, _view in our_patterns():
        route = route.lstrip("^").rstrip("$").replace("\\Z", "")
        params = re.findall(r"<(\w+):(\w+)>", route)
        if any(kind not in ("id", "slug", "str") for kind, _ in params):
            continue
        for value in [str(i) for i in ids] + BAD_IDS:
            url = route
            for kind, name in params:
                url = url.replace(f"<{kind}:{name}>", value if kind == "id" else "x")
            url = re.sub(r"^\^?", "/", url)
            if url.startswith("/") and "(?P" not in url and "[" not in url:
                urls.add(url.replace("//", "/"))
    return sorted(urls)


@pytest.fixture
def world(home_page, site):
    agenda = AgendaIndexPageFactory(parent=home_page)
    event = EventPageFactory(parent=agenda)
    session = SessionFactory(page=event, capacity=5)
    school_class = SchoolClassFactory()
    pupil = ConsentedPupilFactory(school_class=school_class)
    sign_up(session, pupil)
    signup = SignUp.objects.get(session=session, pupil=pupil)
    teacher = TeacherFactory()
    school_class.teachers.add(teacher)
    parent = ParentFactory()
    parent.children.add(pupil)
    professional = ProfessionalFactory()
    EventLeader.objects.create(page=event, user=professional, job="boulanger")
    host = HostOrganisationFactory(members=[professional])
    place = PlaceFactory(host=host)
    week = StageWeekFactory(school=school_class.school)
    place_week = PlaceWeekFactory(place=place)
    stage_request = StageRequestFactory(pupil=pupil, week=week)
    volunteer = VolunteerFactory()
    document = DocumentFactory(pupil=pupil)
    version = VersionFactory(document=document)
    comment = CommentFactory(version=version, author=volunteer)
    question = QuestionFactory(pupil=pupil)
    wish = WishFactory(pupil=pupil)
    speaker = SpeakerFactory(user=professional)
    workshop_request = WorkshopRequestFactory(teacher=teacher, school=school_class.school, classes=[school_class])
    workflow.apply(StaffFactory(), workshop_request, "propose", speaker=speaker)
    roles = {
        "anonymous": None,
        "pupil": pupil,
        "parent": parent,
        "teacher": teacher,
        "professional": professional,
        "volunteer": volunteer,
        "staff": StaffFactory(),
    }
    ids = {o.pk for o in (session, signup, school_class, week, place, place_week, stage_request, document)}
    ids |= {version.pk, comment.pk, pupil.pk, question.pk, wish.pk, workshop_request.pk}
    return roles, sorted(ids)


def bad_bodies():
    """A few POST bodies: each bad value in every field at once, and each field alone with a bad value."""
    for value in BAD_VALUES:
        yield dict.fromkeys(FIELDS, value)


@pytest.mark.parametrize("role", ["anonymous", "pupil", "parent", "teacher", "professional", "volunteer", "staff"])
def test_no_server_error_for_any_role_on_any_form_with_bad_ids(world, role):
    roles, ids = world
    client = Client(raise_request_exception=False)
    if roles[role] is not None:
        client.force_login(roles[role])
    errors = []
    for url in concrete_urls(ids):
        response = client.get(url, {"college": "abc", "place_week": HUGE, "page": HUGE, "p": "abc"})
        if response.status_code >= 500:
            errors.append(("GET", url, response.status_code))
        for body in bad_bodies():
            response = client.post(url, body)
            if response.status_code >= 500:
                errors.append(("POST", url, body.get("pupil", "")[:12], response.status_code))
    assert errors == []
