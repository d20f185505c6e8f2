"""Stage requests: the pupil's form, a request's page (pupil, parent, teacher, host, staff), the moves
people make on it, the staff console and the host's page. Each view checks the object against the user
(`stages.access`); responses to logged-in people are `private, no-store` (home.middleware)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

import safeguarding
from accounts.access import blocked_message, can_share_with_outside, is_pupil, staff_required
from accounts.models import School
from metiers.models import MetierPage

from . import access, convention, matching
from .forms import ConsoleFilterForm, ProposePlaceForm, ReasonForm, StageRequestForm
from .forms_wishes import WishFormSet, centre_choices, wish_initial
from .models import (
    HostAppreciation,
    NoSeatLeft,
    RequestState,
    StageReport,
    StageRequest,
    Wish,
    stage_is_over,
)
from .models.requests import HOLDS_SEAT, OPEN_STATES
from .workflow import NotAllowedNow, PlaceDoesNotFit, apply

CANDIDATES_PER_PAGE = 20
# « Convention signée » is no button: it follows the fourth signature (stages.signatures.sign).
ACTIONS = {"cancel", "accept", "refuse", "complete", "no_solution"}
WISH_FIELDS = {"sheet": "sheet_id", "domain": "domain_id", "centre": "centre_id"}


@login_required
def request_form(request):
    """The pupil's request: a draft they can keep, then send. Blocked, with kind words, without consent."""
    if not is_pupil(request.user):
        raise PermissionDenied
    pupil = request.user
    if not can_share_with_outside(pupil):
        return TemplateResponse(request, "stages/request_blocked.html", {"message": blocked_message(pupil)})
    current = pupil.stage_requests.filter(state__in=OPEN_STATES).order_by("-created_at").first()
    if current is not None and current.state != RequestState.DRAFT:
        return redirect("stages:request_detail", pk=current.pk)
    # « Demander un stage dans ce métier » from a métier sheet: ?fiche=<pk>
    initial = wish_initial(current, request.GET.get("fiche", ""))
    form = StageRequestForm(request.POST or None, instance=current, pupil=pupil)
    wishes = WishFormSet(
        request.POST or None, prefix="souhaits", initial=initial, form_kwargs={"centre_choices": centre_choices()}
    )
    if request.method == "POST" and form.is_valid() and wishes.is_valid():
        with transaction.atomic():
            stage_request = form.save(commit=False)
            stage_request.pupil = pupil
            stage_request.save()
            stage_request.wishes.all().delete()
            for rank, target in enumerate(wishes.targets(), start=1):
                kind, pk = target.split(":")
                Wish.objects.create(request=stage_request, rank=rank, **{WISH_FIELDS[kind]: int(pk)})
        # Contact details in what a host may read: kept and held for staff, masked for the host; told plainly.
        held = safeguarding.explain_to_pupil(safeguarding.kinds(stage_request.motivation))
        if held:
            messages.warning(request, held)
        if request.POST.get("action") == "envoyer":
            apply(pupil, stage_request, "submit")
            messages.success(request, _("Ta demande est envoyée. L'équipe te propose une place dès que possible."))
            return redirect("stages:request_detail", pk=stage_request.pk)
        messages.success(request, _("Ton brouillon est enregistré. Tu peux l'envoyer quand tu veux."))
        return redirect("stages:request_form")
    return TemplateResponse(request, "stages/request_form.html", {"form": form, "wishes": wishes, "current": current})


@login_required
def request_detail(request, pk):
    stage_request = get_object_or_404(
        StageRequest.objects.select_related("week__school", "pupil", "place_week__place__host"), pk=pk
    )
    if not access.can_see_request(request.user, stage_request):
        raise Http404
    is_host_only = not access.sees_whole_request(request.user, stage_request)
    if is_host_only:
        return redirect("stages:host")
    moves = [
        action
        for action in sorted(ACTIONS)
        if action in {t.name for t in stage_request.get_available_state_transitions()}
        and access.may_transition(request.user, stage_request, action)
    ]
    context = {
        "stage_request": stage_request,
        "wishes": stage_request.wishes.select_related("sheet", "domain", "centre"),
        "events": stage_request.events.all(),
        "moves": moves,
        "reason_form": ReasonForm(),
        "reason_draft": pop_reason_draft(request),
        **_after_stage_context(request.user, stage_request),
    }
    return TemplateResponse(request, "stages/request_detail.html", context)


def _after_stage_context(user, stage_request):
    """The report and the appreciation, for those who may read them (the caller checked it)."""
    from .views_after import first_step_to_write

    if stage_request.state not in {RequestState.CONVENTION, RequestState.DONE}:
        return {}
    report = StageReport.objects.filter(request=stage_request).first()
    return {
        "after_stage": True,
        "report": report,
        "report_open": stage_is_over(stage_request),
        "report_step": first_step_to_write(report),
        "can_write_report": access.may_write_report(user, stage_request),
        "appreciation": HostAppreciation.objects.filter(request=stage_request).first(),
    }


REASON_DRAFT = "stages_reason_draft"


def keep_reason_draft(request, pk, action, text, error):
    """A refused move's reason, kept in the session for the page the person goes back to: what they typed is
    shown again in its field with the error under it, never lost (one draft at a time, read once)."""
    if text:
        request.session[REASON_DRAFT] = {"pk": pk, "action": action, "text": text[:600], "error": error}


def pop_reason_draft(request):
    return request.session.pop(REASON_DRAFT, None) or {}


@login_required
@require_POST
def request_move(request, pk, action):
    """Make one move (cancel, accept, refuse…) with its reason; French message on any refusal."""
    stage_request = get_object_or_404(StageRequest, pk=pk)
    if action not in ACTIONS or not access.can_see_request(request.user, stage_request):
        raise Http404
    form = ReasonForm(request.POST)
    form.is_valid()
    reason = form.cleaned_data.get("reason", "")
    try:
        apply(request.user, stage_request, action, reason=reason)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        keep_reason_draft(request, pk, action, reason, " ".join(error.messages))
    except (NotAllowedNow, PermissionDenied) as error:
        messages.error(request, str(error))
        keep_reason_draft(request, pk, action, reason, str(error))
    else:
        messages.success(
            request,
            _("C'est fait : la demande est maintenant « %(state)s ».")
            % {"state": StageRequest.objects.get(pk=pk).get_state_display()},
        )
    back = request.POST.get("retour")
    if back in {"host", "console"}:
        return redirect(
            "stages:host" if back == "host" else "stages:console_request", **({} if back == "host" else {"pk": pk})
        )
    return redirect("stages:request_detail", pk=pk)


@staff_required
def console(request):
    """Staff: the requests waiting for a place (of one collège with `?college=<pk>`), and a board of requests
    by state and by collège. A public-site page, not an admin one: staff use it on a phone at the collège."""
    filters = ConsoleFilterForm(request.GET)
    school = filters.school()
    waiting = (
        StageRequest.objects.filter(state__in=[RequestState.SENT, RequestState.REFUSED])
        .select_related("week__school", "pupil")
        .order_by("week__starts_on", "created_at")
    )
    if school is not None:
        waiting = waiting.filter(week__school=school)
    board = (
        StageRequest.objects.values("week__school__name", "week__school_id", "state")
        .annotate(count=Count("pk"))
        .order_by("week__school__name", "state")
    )
    schools = {}
    for row in board:
        entry = schools.setdefault(row["week__school_id"], {"name": row["week__school__name"], "states": {}})
        entry["states"][row["state"]] = row["count"]
    context = {
        "waiting": waiting[:300],
        "board": schools,
        "states": RequestState.choices,
        "filters": filters,
        "school": school,
    }
    return TemplateResponse(request, "stages/console.html", context)


@staff_required
def console_request(request, pk):
    """Staff: one request's places ranked by fit, with the reasons; one click proposes a place."""
    stage_request = get_object_or_404(StageRequest.objects.select_related("week__school", "pupil__school_class"), pk=pk)
    chosen = ProposePlaceForm(request.POST or None)
    if request.method == "POST" and not chosen.is_valid():
        messages.error(request, " ".join(chosen.errors["place_week"]))
    elif request.method == "POST":
        try:
            apply(request.user, stage_request, "propose", place_week=chosen.cleaned_data["place_week"])
        except NoSeatLeft:
            messages.error(
                request, _("Plus aucune place libre cette semaine-là pour cette offre : choisissez-en une autre.")
            )
        except (PlaceDoesNotFit, NotAllowedNow) as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("Place proposée. L'accueil, l'élève, sa famille et son professeur sont prévenus.")
            )
            return redirect("stages:console")
    candidates = (
        matching.rank_places(stage_request) if stage_request.state in {RequestState.SENT, RequestState.REFUSED} else []
    )
    # The best first, CANDIDATES_PER_PAGE at a time (« Voir les suivantes », ?page=2): the rank order is kept.
    ranked = Paginator(candidates, CANDIDATES_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "stage_request": stage_request,
        "wishes": stage_request.wishes.select_related("sheet", "domain", "centre"),
        "candidates": ranked.object_list,
        "ranked_page": ranked,
        "reason_form": ReasonForm(),
        "reason_draft": pop_reason_draft(request),
    }
    found = safeguarding.kinds(stage_request.motivation)
    if found:
        context["motivation_held"] = safeguarding.held_reason(found)
    return TemplateResponse(request, "stages/console_request.html", context)


@staff_required
@require_POST
def console_bulk(request, school_pk):
    """Staff: propose a place to every waiting request of a collège at once."""
    school = get_object_or_404(School, pk=school_pk)
    waiting = StageRequest.objects.filter(week__school=school, state=RequestState.SENT).select_related(
        "week__school", "pupil"
    )
    plan = matching.bulk_propose(request.user, waiting.prefetch_related("wishes"))
    outcome = plan.outcome(len(plan.assignments) + len(plan.unplaced))
    messages.success(
        request,
        _(
            "%(school)s : %(placed)s place(s) proposée(s) (souhait 1 : %(one)s, 2 : %(two)s, 3 : %(three)s), %(none)s sans place."
        )
        % {
            "school": school.name,
            "placed": len(plan.assignments),
            "one": outcome["voeu_1"],
            "two": outcome["voeu_2"],
            "three": outcome["voeu_3"],
            "none": outcome["sans_place"],
        },
    )
    return redirect("stages:console")


@login_required
def host(request):
    """A host's page: their offers and, for each, only what they may know of the pupils proposed."""
    places = access.host_places(request.user).prefetch_related("weeks")
    if not access.is_host(request.user):
        raise PermissionDenied
    proposed = (
        access.with_consent(StageRequest.objects.filter(place_week__place__in=places, state__in=HOLDS_SEAT))
        .select_related("pupil__school_class", "week__school", "place_week__place", "appreciation")
        # A wish shows its sheet's title only: not the sheet's long texts and StreamField.
        .prefetch_related(
            Prefetch("wishes__sheet", queryset=MetierPage.objects.only("pk", "title")),
            "wishes__domain",
            "wishes__centre",
        )
    )
    rows = []
    for stage_request in proposed:
        row = access.host_view(stage_request)
        row["appreciation_given"] = hasattr(stage_request, "appreciation")
        rows.append(row)
    from .dashboard import conventions_to_sign
    from .models import Party

    context = {
        "places": places,
        "proposed": rows,
        "reason_form": ReasonForm(),
        "reason_draft": pop_reason_draft(request),
        "to_sign": conventions_to_sign(request.user, Party.HOST),
    }
    return TemplateResponse(request, "stages/host.html", context)


@login_required
def request_convention(request, pk):
    """The convention PDF, once the host accepted: for the pupil, their parents and teachers, staff, the host."""
    stage_request = get_object_or_404(
        StageRequest.objects.select_related("week__school", "pupil__school_class", "place_week__place__host"), pk=pk
    )
    if not access.can_see_request(request.user, stage_request) or stage_request.state not in convention.AVAILABLE_FROM:
        raise Http404
    response = HttpResponse(convention.convention_pdf(stage_request), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="convention-stage-{stage_request.pk}.pdf"'
    return response


def request_url(stage_request):
    return reverse("stages:request_detail", args=[stage_request.pk])
