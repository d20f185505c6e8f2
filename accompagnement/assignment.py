"""Assigning a volunteer to a document, ending it, blocking a volunteer: the rules, each with its French
refusal (nothing written when refused).

A volunteer can be assigned only when (`refusals`):
- they have the « Bénévole » role and a profile, and are not blocked;
- the charter is signed and still valid (`HelpSettings.charter_valid_days` after its date);
- the « attestation d'honorabilité » is checked and still valid (`attestation_valid_days`);
- for the automatic rule, also: marked available and below their own maximum of documents.
The pupil must be allowed to share with someone outside the association (consent on record).

One open assignment per document is a database constraint; the document's row is locked while assigning,
so two staff members (or staff and the automatic rule) cannot both assign. An assignment ends when the
pupil marks the document done, when staff end it or block the volunteer, or by itself after
`HelpSettings.assignment_days` (`Assignment.objects.active()` leaves it out from the day after `ends_on`).
"""

import datetime

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import can_share_with_outside
from accounts.models import User
from accounts.roles import Role

from . import notifications
from .models import Assignment, Document, HelpSettings, VolunteerProfile


class AssignmentRefused(Exception):
    """Why an assignment cannot be made, in French for staff."""


def refusals(volunteer, today=None, help_settings=None, profile=None):
    """The reasons `volunteer` cannot be assigned today, in French; empty when they can. `profile`: their
    `VolunteerProfile` when the caller has just read it (a list of volunteers), else it is read here."""
    today = today or timezone.localdate()
    help_settings = help_settings or HelpSettings.load()
    profile = profile or VolunteerProfile.objects.filter(user=volunteer).first()
    if not volunteer.has_role(Role.VOLUNTEER) or profile is None:
        return [_("Cette personne n'est pas enregistrée comme bénévole accompagnant.")]
    reasons = []
    if profile.blocked_at:
        reasons.append(_("Ce bénévole est bloqué."))
    charter_end = profile.charter_expires_on(help_settings.charter_valid_days)
    if charter_end is None:
        reasons.append(_("La charte n'est pas signée."))
    elif charter_end < today:
        reasons.append(_("La charte a expiré le %(date)s.") % {"date": charter_end.strftime("%d/%m/%Y")})
    attestation_end = profile.attestation_expires_on(help_settings.attestation_valid_days)
    if attestation_end is None:
        reasons.append(_("L'attestation d'honorabilité n'a pas été vérifiée."))
    elif attestation_end < today:
        reasons.append(
            _("L'attestation d'honorabilité a expiré le %(date)s.") % {"date": attestation_end.strftime("%d/%m/%Y")}
        )
    return reasons


def volunteers_with_load(today=None):
    """Every volunteer with a profile, with `load` (active assignments) and `refusals`, least loaded first."""
    today = today or timezone.localdate()
    help_settings = HelpSettings.load()
    active = Q(help_assignments__ended_at__isnull=True, help_assignments__ends_on__gte=today)
    volunteers = (
        User.objects.filter(groups__name=Role.VOLUNTEER, volunteer_profile__isnull=False)
        .select_related("volunteer_profile")
        .prefetch_related("groups")
        .annotate(load=Count("help_assignments", filter=active, distinct=True))
        .order_by("load", "pk")
    )
    result = []
    for volunteer in volunteers:
        volunteer.refusals = refusals(volunteer, today, help_settings, profile=volunteer.volunteer_profile)
        result.append(volunteer)
    return result


def pick_volunteer(today=None):
    """The automatic rule: the least loaded volunteer who may be assigned, is available and has room."""
    for volunteer in volunteers_with_load(today):
        profile = volunteer.volunteer_profile
        if not volunteer.refusals and profile.available and volunteer.load < profile.max_documents:
            return volunteer
    return None


def _check_consent(pupil):
    if not can_share_with_outside(pupil):
        raise AssignmentRefused(
            _("La famille de cet élève n'a pas donné son accord : aucun bénévole ne peut lire ses documents.")
        )


def assign(document, volunteer, by=None, today=None):
    """Assign `volunteer` to `document`; raises AssignmentRefused with the reason in French."""
    today = today or timezone.localdate()
    _check_consent(document.pupil)
    reasons = refusals(volunteer, today)
    if reasons:
        raise AssignmentRefused(" ".join(reasons))
    days = HelpSettings.load().assignment_days
    with transaction.atomic():
        # The pupil's row first, as a withdrawal of consent takes it: an assignment made at the same moment
        # either commits before (and the withdrawal ends it) or finds no consent.
        User.objects.select_for_update().filter(pk=document.pupil_id).first()
        getattr(document.pupil, "_prefetched_objects_cache", {}).pop("consent_records", None)
        _check_consent(document.pupil)
        Document.objects.select_for_update().get(pk=document.pk)
        if Assignment.objects.filter(document=document, ended_at__isnull=True).exclude(ends_on__lt=today).exists():
            raise AssignmentRefused(_("Un bénévole accompagne déjà ce document."))
        # An expired assignment is closed first, so that the one-open-assignment constraint holds.
        Assignment.objects.filter(document=document, ended_at__isnull=True).update(
            ended_at=timezone.now(), end_reason=Assignment.EndReason.EXPIRED
        )
        assignment = Assignment.objects.create(
            document=document, volunteer=volunteer, assigned_by=by, ends_on=today + datetime.timedelta(days=days)
        )
        transaction.on_commit(lambda: notifications.volunteer_has_something_to_read(assignment.pk))
    return assignment


def auto_assign(document):
    """Staff's automatic rule, when switched on; returns the assignment or None (staff will choose)."""
    if not HelpSettings.load().auto_assign or document.active_assignment() is not None:
        return None
    volunteer = pick_volunteer()
    if volunteer is None:
        return None
    try:
        return assign(document, volunteer)
    except AssignmentRefused:
        return None


def end(assignment, reason):
    if assignment.ended_at is None:
        assignment.ended_at = timezone.now()
        assignment.end_reason = reason
        assignment.save(update_fields=["ended_at", "end_reason"])


def end_for_document(document, reason):
    for assignment in Assignment.objects.filter(document=document, ended_at__isnull=True):
        end(assignment, reason)


def block(volunteer, reason):
    """Block a volunteer: every assignment ends at once; their comments and history stay for staff."""
    with transaction.atomic():
        profile, _created = VolunteerProfile.objects.get_or_create(user=volunteer)
        profile.blocked_at = timezone.now()
        profile.blocked_reason = reason
        profile.available = False
        profile.save()
        for assignment in Assignment.objects.filter(volunteer=volunteer, ended_at__isnull=True):
            end(assignment, Assignment.EndReason.BLOCKED)


def stop_for_withdrawn_consent(pupil, dry_run, by=None):
    """`accounts_consent_withdrawn` hook: every open assignment on the pupil's documents ends (the
    volunteer loses sight of them at once); the documents, versions and comments stay the pupil's."""
    from django.utils.translation import gettext_lazy

    from accounts.extensions import Stopped

    stopped = []
    active = Assignment.objects.active().filter(document__pupil=pupil).select_related("document")
    for assignment in active.order_by("started_at", "pk"):
        if not dry_run:
            end(assignment, Assignment.EndReason.CONSENT)
        text = gettext_lazy("%(kind)s : la relecture par un bénévole s'arrête ; le document reste à l'élève.")
        stopped.append(Stopped("accompagnement", text, {"kind": assignment.document.get_kind_display()}))
    return stopped
