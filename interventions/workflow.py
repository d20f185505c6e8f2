"""Every change of a workshop request's state goes through `apply()`: it locks the request, checks that the
move exists from the current state and that the user may make it (the transition's `permission`,
`interventions.access`), runs it, records who, when and why (`RequestEvent`), and queues the e-mail to
whoever must act next once the transaction commits (`interventions.notifications`).

A confirmation books the classes (`interventions.booking`) in the same transaction: if the event cannot
be made, nothing is confirmed. A cancellation of a confirmed workshop cancels its session (every pupil
booked is told, by ateliers).
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from django_fsm import can_proceed, has_transition_perm

from home import dates

from . import notifications
from .models import RequestEvent, Speaker, State, WorkshopRequest


class NotAllowedNow(Exception):
    """The move does not exist from the request's current state, or not yet (a workshop still to come)."""


class WorkflowError(Exception):
    """A refusal with its French message (a date not among the slots, a speaker not in the pool…)."""


def apply(user, workshop_request, action, reason="", **kwargs):
    """Make `action` on `workshop_request` as `user`; returns the updated request. Raises PermissionDenied,
    NotAllowedNow or WorkflowError, each with a French message for the person."""
    from ateliers.booking import cancel_session

    from .booking import NoAgenda, book

    reason = (reason or "").strip()
    with transaction.atomic():
        locked = (
            WorkshopRequest.objects.select_for_update(of=("self",))
            .select_related("speaker__user", "teacher", "school")
            .get(pk=workshop_request.pk)
        )
        method = getattr(locked, action, None)
        if method is None or not hasattr(method, "_django_fsm"):
            raise NotAllowedNow(_("Cette action n'existe pas."))
        if not can_proceed(method):
            raise NotAllowedNow(_("Cette action n'est pas possible dans l'état actuel de la demande."))
        if not has_transition_perm(method, user):
            raise PermissionDenied(_("Vous ne pouvez pas faire cette action sur cette demande."))
        from_state = locked.state
        speaker = locked.speaker
        if action == "propose":
            speaker = kwargs.get("speaker")
            if not isinstance(speaker, Speaker) or not speaker.active or not speaker.user.is_active:
                raise WorkflowError(_("Choisissez un intervenant disponible du vivier."))
        if action == "decline" and not reason:
            raise WorkflowError(_("Indiquez en quelques mots pourquoi vous ne pouvez pas intervenir."))
        if action == "cancel" and not reason:
            raise WorkflowError(_("Indiquez pourquoi la demande est annulée."))
        if action == "confirm":
            slot = kwargs.get("slot")
            if slot not in locked.slots:
                raise WorkflowError(_("Choisissez une des dates proposées."))
            if slot <= timezone.now():
                raise WorkflowError(_("Cette date est passée : annulez la demande et faites-en une nouvelle."))
        if action == "complete":
            moment = locked.confirmed_slot
            if moment and timezone.now() < moment:
                raise NotAllowedNow(
                    _("L'intervention n'a pas encore eu lieu : elle pourra être marquée réalisée à partir du %(day)s.")
                    % {"day": dates.day(timezone.localtime(moment), "j F Y")}
                )
        method(reason=reason, **kwargs)
        locked.reminded_at = None  # a new state waits for someone new: their reminder is still to come
        locked.save()
        refusals = []
        if action == "confirm":
            try:
                session, _booked, refusals = book(locked, by=user)
            except NoAgenda as error:
                raise WorkflowError(str(error)) from error
            locked.session = session
            locked.save(update_fields=["session", "updated_at"])
        if action == "cancel" and from_state == State.CONFIRMED and locked.session_id:
            cancel_session(locked.session, by=user)
        event = RequestEvent.objects.create(
            request=locked,
            from_state=from_state,
            to_state=locked.state,
            by=user,
            speaker=speaker,
            reason=reason,
        )
        notifications.state_changed(locked, event)
    locked.refusals = refusals
    return locked
