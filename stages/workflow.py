"""Every change of a stage request's state goes through `apply()`: it locks the request, checks that the
move exists from the current state and that the user may make it (the transition's `permission`), runs
it, records who, when and why, and queues the notifications once the transaction is committed."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from django_fsm import can_proceed, has_transition_perm

from accounts.access import is_staff_member
from accounts.roles import Role

from . import legal
from .models import PlaceStatus, RequestEvent, StageRequest


class NotAllowedNow(Exception):
    """The move does not exist from the request's current state (e.g. accepting a draft)."""


class PlaceDoesNotFit(Exception):
    """The place cannot be proposed for this request (not validated, other week, other collège)."""


def role_of(user):
    if is_staff_member(user):
        return Role.STAFF.value
    if user.host_organisations.exists():
        return Role.PROFESSIONAL.value
    roles = user.roles
    return roles[0] if roles else ""


def check_place_fits(stage_request, place_week):
    place = place_week.place
    if place.status != PlaceStatus.APPROVED:
        raise PlaceDoesNotFit(_("Cette offre n'a pas encore été validée par l'équipe."))
    if place_week.starts_on != stage_request.week.starts_on:
        raise PlaceDoesNotFit(_("Cette place n'est pas ouverte la semaine de stage de l'élève."))
    if place.reserved_school_id and place.reserved_school_id != stage_request.week.school_id:
        raise PlaceDoesNotFit(_("Cette place est réservée à un autre collège."))
    pupil = stage_request.pupil
    breaches = legal.placement_breaches(place, pupil.birth_date if pupil else None, stage_request.week.starts_on)
    if breaches:
        raise PlaceDoesNotFit(" ".join(legal.messages(breaches)))


def apply(user, stage_request, action, reason="", **kwargs):
    """Make `action` on `stage_request` as `user`. Raises PermissionDenied, NotAllowedNow, MissingReason,
    NoSeatLeft or PlaceDoesNotFit (each with a French message for the person)."""
    from .notifications import notify_state_change

    with transaction.atomic():
        locked = (
            StageRequest.objects.select_for_update(of=("self",))
            .select_related("week", "place_week__place")
            .get(pk=stage_request.pk)
        )
        method = getattr(locked, action)
        if not can_proceed(method):
            raise NotAllowedNow(_("Cette action n'est pas possible dans l'état actuel de la demande."))
        if not has_transition_perm(method, user):
            raise PermissionDenied(_("Vous ne pouvez pas faire cette action sur cette demande."))
        if action == "propose":
            check_place_fits(locked, kwargs["place_week"])
        from_state = locked.state
        method(reason=reason, **kwargs)
        locked.save()
        if action == "accept":
            from .signatures import draw_up

            draw_up(locked, by=user)  # the law checked again; ConventionRefused undoes the acceptance
        event = RequestEvent.objects.create(
            request=locked,
            from_state=from_state,
            to_state=locked.state,
            by=user,
            by_role=role_of(user),
            reason=reason.strip(),
        )
        transaction.on_commit(lambda: notify_state_change(event.pk))
    return locked
