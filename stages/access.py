"""Who may see a stage request, and who may move it from one state to another: the one place views ask.

Seeing (`visible_requests`, `can_see_request`; every view also sends `Cache-Control: private, no-store`):

- A pupil sees their own requests only, never another pupil's.
- A parent sees their children's requests (`User.children`).
- A teacher sees the requests of the pupils of the classes they teach, nothing of other classes.
- A host (a professional who is a member of a `HostOrganisation`) sees only the requests proposed to one
  of their places, from « proposée » on, and only `host_view()`: first name, class level, collège, the
  wishes and the pupil's words. Never an e-mail, a phone number or a birth date; the surname only once
  they accepted, on the convention PDF that the parties sign. All of it only while the pupil's consent
  stands: a withdrawal hides the pupil from the host at once, whatever the request's state.
- Staff (« Équipe ») and superusers see everything (the console, the admin).
- Anyone else (anonymous, volunteers, partners, another host): nothing.

Moving (`may_transition`, used as the `permission` of each django-fsm transition):

- submit: the pupil themself, when `accounts.access.can_share_with_outside` (activated, consent given).
- propose, no_solution: staff.
- sign_convention: nobody by hand; it happens when the fourth party signs the convention
  (`stages.signatures.sign`), whose convention is then « signée ».
- accept, refuse: a member of the host of the proposed place, or staff on the host's behalf.
- complete: staff, or the host.
- cancel: staff; the pupil while the request is a draft or sent; a parent of the pupil at any open state.

After the stage (once it is over: « stage réalisé », or the convention signed and the week's Friday come):

- the report: written by the pupil only; read by the pupil, their parents, their classes' teachers and
  staff (`may_read_after_stage`), never by the host nor any neighbour;
- the appreciation: written by a member of that stage's host only (not staff); read by the same people.

In the circle (`accounts.circle`): the members of a host organisation are ``HOST`` of the pupils whose
request is proposed to one of its places or accepted (`host_pupils`, `pupil_hosts`, registered in
wagtail_hooks.py); the pupil, their parents and teachers are the circle's ``SCHOOL``.

Outside the admin: a teacher enters the stage weeks of the collèges where they teach a class
(`teacher_schools`); a professional edits only their own organisations' places (`may_edit_place`).
"""

from django.db.models import OuterRef, Q, Subquery

import safeguarding
from accounts import circle
from accounts.access import can_share_with_outside, is_staff_member
from accounts.models import ConsentRecord, School, User
from accounts.roles import Role

from .models import Place, StageRequest, stage_is_over
from .models.requests import HOLDS_SEAT, RequestState

__all__ = [
    "can_see_request",
    "may_edit_place",
    "may_read_after_stage",
    "may_write_appreciation",
    "may_write_report",
    "teacher_schools",
    "host_places",
    "host_pupils",
    "pupil_hosts",
    "host_view",
    "is_host",
    "is_host_of",
    "may_transition",
    "sees_whole_request",
    "visible_requests",
    "with_consent",
]


def is_host(user):
    return user.is_authenticated and user.host_organisations.exists()


def host_places(user):
    """The places `user` manages as a member of their host organisation(s)."""
    if not user.is_authenticated:
        return Place.objects.none()
    return Place.objects.filter(host__members=user)


def host_pupils(user):
    """For the circle: the pupils whose request is proposed to or accepted by one of `user`'s hosts."""
    return StageRequest.objects.filter(place_week__place__host__members=user, state__in=HOLDS_SEAT).values_list(
        "pupil_id", flat=True
    )


def pupil_hosts(pupil, about=None):
    """For the circle: the members of the hosts holding a seat for `pupil` (for `about`, a request, only its
    host)."""
    requests = StageRequest.objects.filter(pupil=pupil, state__in=HOLDS_SEAT)
    if isinstance(about, StageRequest):
        requests = requests.filter(pk=about.pk)
    return User.objects.filter(host_organisations__places__weeks__in=requests.values("place_week_id")).distinct()


def _family_and_school_rule(user):
    return circle.pupil_q(user, circle.SCHOOL, field="pupil")


def visible_requests(user):
    """Every request `user` may see something of (a host: only `host_view()` of it)."""
    requests = StageRequest.objects.all()
    if not user.is_authenticated:
        return requests.none()
    if is_staff_member(user):
        return requests
    host_rule = Q(
        place_week__place__host__members=user, state__in=HOLDS_SEAT, pupil_consent=ConsentRecord.Decision.GIVEN
    )
    rule = _family_and_school_rule(user) | host_rule
    return requests.annotate(pupil_consent=_latest_decision()).filter(rule).distinct()


def with_consent(requests):
    """`requests` narrowed to pupils whose consent stands (what a host may still see)."""
    return requests.annotate(pupil_consent=_latest_decision()).filter(pupil_consent=ConsentRecord.Decision.GIVEN)


def _latest_decision():
    """The pupil's latest consent decision, as a subquery (the host's rule needs it in the query)."""
    latest = ConsentRecord.objects.filter(pupil=OuterRef("pupil"), cancelled_at__isnull=True).order_by(
        "-created_at", "-pk"
    )
    return Subquery(latest.values("decision")[:1])


def sees_whole_request(user, stage_request):
    """The pupil, their parents, their teachers and staff see the whole request and its history."""
    if not user.is_authenticated:
        return False
    if is_staff_member(user):
        return True
    return StageRequest.objects.filter(_family_and_school_rule(user), pk=stage_request.pk).exists()


def can_see_request(user, stage_request):
    return visible_requests(user).filter(pk=stage_request.pk).exists()


def is_host_of(user, stage_request):
    """A member of the host of the place proposed to this request."""
    return (
        user.is_authenticated
        and stage_request.place_week_id is not None
        and stage_request.pupil_id is not None
        and stage_request.place_week.place.host.members.filter(pk=user.pk).exists()
        and can_share_with_outside(stage_request.pupil)
    )


def _is_parent_of(user, stage_request):
    return circle.can_see(user, stage_request.pupil, {circle.Relation.PARENT})


def may_transition(user, stage_request, action):
    """Whether `user` may make `action` (a transition's name) on `stage_request`, whatever its state."""
    if action == "sign_convention":
        # Moved by the fourth signature itself, whoever gave it (a parent by the letter's code has no account).
        from .models import ConventionState

        convention = getattr(stage_request, "convention", None)
        return convention is not None and convention.state == ConventionState.SIGNED
    if user is None or not user.is_authenticated:
        return False
    staff = is_staff_member(user)
    own = stage_request.pupil_id == user.pk
    if action == "submit":
        return own and can_share_with_outside(user)
    if action in {"propose", "no_solution"}:
        return staff
    if action in {"accept", "refuse"}:
        return staff or is_host_of(user, stage_request)
    if action == "complete":
        return staff or is_host_of(user, stage_request)
    if action == "cancel":
        if staff or _is_parent_of(user, stage_request):
            return True
        return own and stage_request.state in {RequestState.DRAFT, RequestState.SENT}
    return False


def host_view(stage_request):
    """What a host may know of a pupil proposed to them: nothing that identifies or contacts them."""
    pupil = stage_request.pupil
    school_class = pupil.school_class if pupil else None
    return {
        "pk": stage_request.pk,
        "first_name": pupil.first_name if pupil else "",
        "level": school_class.get_level_display() if school_class else "",
        "school": stage_request.week.school.name,
        "wishes": [wish.label for wish in stage_request.wishes.all()],
        "motivation": safeguarding.mask(stage_request.motivation),  # written by a pupil, read by an adult
        "week": stage_request.week,
        "state": stage_request.get_state_display(),
        "state_value": stage_request.state,
        "place": stage_request.place_week.place if stage_request.place_week_id else None,
        "stage_over": stage_is_over(stage_request),
    }


# After the stage: the pupil's report and the host's appreciation (stages.models.after).


def may_write_report(user, stage_request):
    """Only the pupil themself, once the stage is over."""
    return user.is_authenticated and stage_request.pupil_id == user.pk and stage_is_over(stage_request)


def may_read_after_stage(user, stage_request):
    """The report and the appreciation: the pupil, their parents, their classes' teachers, staff. Not the
    host (they wrote the appreciation, they do not read the pupil's report), nobody else."""
    return sees_whole_request(user, stage_request)


def may_write_appreciation(user, stage_request):
    """Only a member of the host of that stage, once it is over (staff do not write in the host's name)."""
    return is_host_of(user, stage_request) and stage_is_over(stage_request)


# Outside the admin: teachers' stage weeks and hosts' places.


def teacher_schools(user):
    """The collèges where `user` teaches a class: the only ones whose stage weeks they may enter."""
    if not user.is_authenticated or not user.has_role(Role.TEACHER):
        return School.objects.none()
    return School.objects.filter(classes__teachers=user).distinct().order_by("name")


def may_edit_place(user, place):
    return user.is_authenticated and place.host.members.filter(pk=user.pk).exists()
