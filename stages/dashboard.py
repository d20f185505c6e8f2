"""The stages app's sections of « Mon espace », its part of a person's data export and of an erasure
(hooks of accounts.extensions, registered in wagtail_hooks.py). Each returns only what concerns the user."""

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

import safeguarding
from accounts import circle
from accounts.access import blocked_message, can_share_with_outside, is_pupil, is_staff_member
from accounts.extensions import LINKS_TEMPLATE, DashboardSection
from accounts.roles import Role

from .badges import request_tone
from .models import (
    ConventionSignature,
    HostAppreciation,
    Party,
    RequestEvent,
    RequestState,
    StageReport,
    StageRequest,
    stage_is_over,
)
from .models.requests import OPEN_STATES

TEMPLATE = LINKS_TEMPLATE
WAITING = [RequestState.SENT, RequestState.REFUSED, RequestState.NO_SOLUTION]


def _link(stage_request, label):
    return (label, reverse("stages:request_detail", args=[stage_request.pk]))


def _to_sign(user, party):
    """Links to the conventions waiting for `user`'s signature as `party`."""
    from .signatures import waiting_for

    return [
        (
            _("Convention %(reference)s (%(name)s) : à signer")
            % {"reference": convention.reference, "name": convention.request.pupil.first_name},
            reverse("stages:convention", args=[convention.pk]),
        )
        for convention, waiting_party in waiting_for(user)
        if waiting_party == party and convention.request.pupil is not None
    ]


# The host's page (/stages/accueil/) lists the same conventions as the host's « Mon espace » section.
conventions_to_sign = _to_sign


def sections(request):
    user = request.user
    result = []
    if is_pupil(user):
        result.append(_pupil_section(user))
    if user.has_role(Role.PARENT):
        requests = (
            circle.visible(StageRequest.objects, user, {circle.Relation.PARENT})
            .exclude(state=RequestState.DRAFT)
            .select_related("pupil")
        )
        links = [
            _link(r, _("%(name)s : %(state)s") % {"name": r.pupil.first_name, "state": r.get_state_display()})
            for r in requests
        ]
        links += _to_sign(user, Party.PARENT)
        if links:
            result.append(
                DashboardSection("stages-parent", _("Le stage de mes enfants"), TEMPLATE, {"links": links}, 60)
            )
    if user.has_role(Role.TEACHER):
        result.append(_teacher_section(user))
    if user.host_organisations.exists():
        waiting = StageRequest.objects.filter(
            place_week__place__host__members=user, state=RequestState.PROPOSED
        ).count()
        text = _("%(count)s élève(s) proposé(s) attendent votre réponse.") % {"count": waiting}
        links = [(_("Voir mes offres et les élèves proposés"), reverse("stages:host")), *_to_sign(user, Party.HOST)]
        result.append(
            DashboardSection("stages-host", _("Mes offres de stage"), TEMPLATE, {"text": text, "links": links}, 60)
        )
    if is_staff_member(user):
        links = [(_("Ouvrir la console des stages"), reverse("stages:console"))]
        result.append(DashboardSection("stages-staff", _("Stages"), TEMPLATE, {"links": links}, 60))
    return result


def _pupil_section(user):
    current = user.stage_requests.filter(state__in=[*OPEN_STATES, RequestState.DONE]).order_by("-created_at").first()
    if current is None or current.state == RequestState.DRAFT:
        if not can_share_with_outside(user):
            return DashboardSection("stages-pupil", _("Mon stage"), TEMPLATE, {"text": blocked_message(user)}, 60)
        label = _("Continuer ma demande de stage") if current else _("Demander un stage")
        links = [
            (label, reverse("stages:request_form")),
            (_("Voir les offres de stage"), reverse("stages:browse_places")),
        ]
        return DashboardSection("stages-pupil", _("Mon stage"), TEMPLATE, {"links": links}, 60)
    # The state as a badge (words, colour and mark): templates/includes/badge.html.
    status = (_("Ta demande :"), current.get_state_display(), request_tone(current.state))
    links = [_link(current, _("Voir ma demande")), *_to_sign(user, Party.PUPIL)]
    if stage_is_over(current):
        report = StageReport.objects.filter(request=current, submitted_at__isnull=False).exists()
        label = _("Relire mon compte rendu de stage") if report else _("Écrire mon compte rendu de stage")
        links.append((label, reverse("stages:report_step", args=[current.pk, 1])))
    return DashboardSection("stages-pupil", _("Mon stage"), TEMPLATE, {"status": status, "links": links}, 60)


def _teacher_section(user):
    requests = circle.visible(StageRequest.objects, user, {circle.Relation.TEACHER}).exclude(state=RequestState.DRAFT)
    counts = dict(requests.values_list("state").annotate(n=Count("pk")).values_list("state", "n"))
    text = " ; ".join(f"{label} : {counts[value]}" for value, label in RequestState.choices if counts.get(value)) or _(
        "Aucune demande de stage dans vos classes pour l'instant."
    )
    links = _to_sign(user, Party.SCHOOL)
    no_place = requests.filter(state__in=WAITING).select_related("pupil__school_class").order_by("pupil__last_name")
    links += [
        _link(
            r,
            _("%(first)s %(last)s (%(class)s) : pas encore de place")
            % {"first": r.pupil.first_name, "last": r.pupil.last_name, "class": r.pupil.school_class.name},
        )
        for r in no_place[:100]
    ]
    reports = (
        StageReport.objects.filter(request__in=requests, submitted_at__isnull=False)
        .select_related("request__pupil__school_class")
        .order_by("-submitted_at")
    )
    links += [
        _link(
            report.request,
            _("%(first)s %(last)s (%(class)s) : compte rendu de stage à lire")
            % {
                "first": report.request.pupil.first_name,
                "last": report.request.pupil.last_name,
                "class": report.request.pupil.school_class.name,
            },
        )
        for report in reports[:100]
    ]
    if user.taught_classes.exists():
        links.append((_("Les semaines de stage de mon collège"), reverse("stages:weeks")))
    return DashboardSection(
        "stages-teacher", _("Les stages de mes classes"), TEMPLATE, {"text": text, "links": links}, 60
    )


def personal_data(user):
    """The user's own stage requests (a pupil), in the export's French keys."""
    data = []
    for stage_request in user.stage_requests.select_related("week__school", "report", "appreciation").prefetch_related(
        "wishes__sheet", "wishes__domain", "wishes__centre", "events"
    ):
        data.append(
            {
                "semaine": str(stage_request.week),
                "collège": stage_request.week.school.name,
                "état": stage_request.get_state_display(),
                "souhaits": [str(wish.label) for wish in stage_request.wishes.all()],
                "pourquoi": stage_request.motivation,
                "trajet_minutes": stage_request.travel_minutes,
                "moyen_de_transport": stage_request.get_travel_mode_display(),
                "contraintes": stage_request.constraints,
                **_after_stage_data(stage_request),
                "historique": [
                    {
                        "le": event.at.isoformat(),
                        "état": event.get_to_state_display(),
                        "raison": safeguarding.mask(event.reason),
                    }
                    for event in stage_request.events.all()
                ],
            }
        )
    return {"demandes_de_stage": data} if data else {}


def _after_stage_data(stage_request):
    data = {}
    report = getattr(stage_request, "report", None)
    if report is not None:
        data["compte_rendu"] = {"ce_que_j_ai_vu": report.saw, "ce_qui_m_a_plu": report.liked, "et_apres": report.next}
    appreciation = getattr(stage_request, "appreciation", None)
    if appreciation is not None:
        data["appréciation_de_l_accueil"] = {
            "ponctualité": str(appreciation.get_punctuality_display()),
            "curiosité": str(appreciation.get_curiosity_display()),
            "phrase": safeguarding.mask(appreciation.sentence),
        }
    return data


def erase(user):
    """A pupil's requests lose every word they wrote (their report too) and their link to the pupil, and
    the host's appreciation of them goes; the states stay, for the anonymous counts. A host member leaves
    their organisations (their appreciations stay, about the pupils, without their name: `by` is cleared
    with the account)."""
    ids = list(StageRequest.objects.filter(pupil=user).values_list("pk", flat=True))
    RequestEvent.objects.filter(request_id__in=ids).update(reason="")
    StageReport.objects.filter(request_id__in=ids).delete()
    HostAppreciation.objects.filter(request_id__in=ids).delete()
    StageRequest.objects.filter(pk__in=ids).update(motivation="", constraints="", reason="", pupil=None)
    HostAppreciation.objects.filter(by=user).update(by=None)
    # The signatures keep the fact, the party, the date and the method; the erased person's name goes.
    ConventionSignature.objects.filter(signer=user).update(signer_name="")
    user.host_organisations.clear()
