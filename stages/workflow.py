"""Every change of a stage request's state goes through `apply()`: it locks the request, checks that the
move exists from the current state and that the user may make it (the transition's `permission`), runs
it, records who, when and why, and queues the notifications once the transaction is committed."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from django_fsm import can_proceed, has_transition_perm

import safeguarding
from accounts.access import is_pupil, is_staff_member
from accounts.roles import Role
from home import dates

from . import legal
from .models import PlaceStatus, RequestEvent, StageRequest


class NotAllowedNow(Exception):
    """The move does not exist from the request's current state (e.g. accepting a draft)."""


class PlaceDoesNotFit(Exception):
    """The place cannot be proposed for this request (not validated, other week, other collège)."""


def role_of(user):
    if user is None:
        return ""
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
    NoSeatLeft or PlaceDoesNotFit (each with a French message for the person). A reason an adult writes
    (a host's refusal…) may not hold contact details (ValidationError, `safeguarding`); a pupil's is kept
    and read masked by everyone but staff."""
    from .notifications import notify_state_change

    if reason and not is_pupil(user):
        refused = safeguarding.adult_errors(reason)
        if refused:
            raise ValidationError(refused, code="contact_details")

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
        if action == "complete" and timezone.localdate() < locked.week.ends_on:
            raise NotAllowedNow(
                _("Le stage n'est pas encore terminé : il pourra être marqué « réalisé » à partir du %(day)s.")
                % {"day": dates.day(locked.week.ends_on, "j F Y")}
            )
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


def stop_for_withdrawn_consent(pupil, dry_run, by=None):
    """`accounts_consent_withdrawn` hook. A request not yet finished is cancelled (« accord retiré » in
    its history, its seat freed): the host no longer sees it. A request whose convention is signed stays
    as it is, flagged to staff by an event in its history (and the staff e-mail): a signed convention is
    a paper between the collège, the host and the family, which staff settle with them; the host no longer
    sees it either (`stages.access` asks for the pupil's consent). Finished stages stay for the record."""
    from django.utils import translation
    from django.utils.translation import gettext_lazy

    from accounts.extensions import Stopped

    from .models.requests import OPEN_STATES, RequestState

    stopped = []
    requests = (
        StageRequest.objects.filter(pupil=pupil, state__in=OPEN_STATES)
        .select_related("week", "place_week__place")
        .order_by("created_at", "pk")
    )
    for stage_request in requests:
        params = {"week": stage_request.week.starts_on.strftime("%d/%m/%Y")}
        signed = stage_request.state == RequestState.CONVENTION
        if signed:
            text = gettext_lazy(
                "Stage de la semaine du %(week)s : la convention déjà signée n'est pas supprimée ; l'équipe "
                "de l'association la reprend avec la famille et le collège."
            )
        else:
            text = gettext_lazy(
                "Demande de stage pour la semaine du %(week)s : retirée ; l'entreprise ne la voit plus."
            )
        stopped.append(Stopped("stages", text, params))
        if dry_run:
            continue
        with transaction.atomic():
            locked = (
                StageRequest.objects.select_for_update(of=("self",))
                .select_related("place_week")
                .get(pk=stage_request.pk)
            )
            from_state = locked.state
            with translation.override("fr"):
                reason = str(
                    gettext_lazy("Accord retiré : convention signée à revoir par l'équipe")
                    if from_state == RequestState.CONVENTION
                    else gettext_lazy("Accord retiré")
                )
            if from_state in OPEN_STATES and from_state != RequestState.CONVENTION:
                locked.cancel(reason=reason)
                locked.save()
                _stop_convention(locked, by)
            elif from_state != RequestState.CONVENTION:
                continue
            RequestEvent.objects.create(
                request=locked,
                from_state=from_state,
                to_state=locked.state,
                by=by,
                by_role=role_of(by) if by is not None else "",
                reason=reason,
            )
    return stopped


def _stop_convention(stage_request, by):
    """A convention not signed yet of a request stopped by a withdrawn consent: marked « arrêtée » in its
    history. Nobody can sign it any more (`stages.signatures.stopped_message`); its parent link answers
    like an expired one."""
    from .models import Convention, ConventionEvent, ConventionState

    convention = Convention.objects.filter(request=stage_request).exclude(state=ConventionState.SIGNED).first()
    if convention is not None:
        ConventionEvent.objects.create(
            convention=convention,
            action=ConventionEvent.Action.STOPPED,
            by=by,
            detail="Accord pour les données de l'élève retiré ou refusé",
        )
