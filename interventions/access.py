"""Who may see or do what with a workshop request: the one place the views, the workflow and the hooks ask.

See a request (`visible_requests`, `can_see`):
- the teacher who made it (never another teacher, even of the same collège or class);
- the speaker it is proposed to, from « proposée » on, while they hold it (a speaker who declined no
  longer sees it); they see the collège, the classes' level and the number of pupils, never a pupil's name
  (the names of the pupils booked are ateliers' business, on the day, as for every leader);
- staff, every request (the admin).
Pupils, parents, partners and everyone else see none (404).

Moves (`may_transition`):
- propose a speaker: staff;
- accept or decline: the speaker proposed (staff too, for a speaker who answered by phone);
- confirm a date: the teacher who asked (staff too);
- mark done: staff, the teacher or the speaker, once the date has passed (checked in the workflow);
- cancel: the teacher who asked, or staff.

Enforced in `interventions.views` (each view loads the request through `visible_requests`, 404 otherwise),
`interventions.workflow.apply` (the transition's permission) and the « Mon espace » sections.
"""

from django.db.models import Q

from accounts.access import is_staff_member
from accounts.roles import Role

from .models import HELD_BY_SPEAKER, WorkshopRequest


def is_teacher(user):
    return user.is_authenticated and user.has_role(Role.TEACHER)


def can_be_speaker(user):
    """Professionals and volunteers join the pool (staff may add anyone through the admin)."""
    return user.is_authenticated and (user.has_role(Role.PROFESSIONAL) or user.has_role(Role.VOLUNTEER))


def visible_requests(user):
    if not user.is_authenticated:
        return WorkshopRequest.objects.none()
    if is_staff_member(user):
        return WorkshopRequest.objects.all()
    return WorkshopRequest.objects.filter(Q(teacher=user) | Q(speaker__user=user, state__in=HELD_BY_SPEAKER)).distinct()


def can_see(user, request_obj):
    return visible_requests(user).filter(pk=request_obj.pk).exists()


def _is_teacher_of(user, request_obj):
    return request_obj.teacher_id is not None and request_obj.teacher_id == user.pk


def _is_speaker_of(user, request_obj):
    return request_obj.speaker_id is not None and request_obj.speaker.user_id == user.pk


def may_transition(user, request_obj, action):
    if user is None or not user.is_authenticated:
        return False
    staff = is_staff_member(user)
    if action == "propose":
        return staff
    if action in ("accept", "decline"):
        return staff or _is_speaker_of(user, request_obj)
    if action == "confirm":
        return staff or _is_teacher_of(user, request_obj)
    if action == "complete":
        return staff or _is_teacher_of(user, request_obj) or _is_speaker_of(user, request_obj)
    if action == "cancel":
        return staff or _is_teacher_of(user, request_obj)
    return False
