"""The teacher's requests, the speaker's pool profile and proposals, and each move (outside the admin).

Every view loads the request through `interventions.access.visible_requests` (404 for anyone else, so
nobody learns what exists); responses to logged-in people are `private, no-store` (home.middleware)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from home.converters import parse_id

from . import access, notifications, workflow
from .forms import ConfirmForm, ReasonForm, SpeakerForm, WorkshopRequestForm
from .models import Speaker, State, WorkshopRequest

MOVES = {"accept", "decline", "confirm", "cancel", "complete"}


def _teacher_requests(user):
    return (
        WorkshopRequest.objects.filter(teacher=user)
        .select_related("school", "grand_domaine", "centre", "speaker__user")
        .prefetch_related("classes", "sheets")
        .order_by("-created_at", "-pk")
    )


def _started_from(request):
    """A request started from another page (the class view of the orientation notebooks):
    `?classe=<id>&fiche=<id>…` fill the classes and up to three sheets; the form still checks them (a class
    that is not the teacher's is refused on sending). Anything that is not an id is ignored."""
    classes = [pk for pk in map(parse_id, request.GET.getlist("classe")) if pk]
    sheets = [pk for pk in map(parse_id, request.GET.getlist("fiche")) if pk][:3]
    initial = {}
    if classes:
        initial["classes"] = classes
    if sheets:
        initial["sheets"] = sheets
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def request_list(request):
    """A teacher's requests and the form to make one."""
    if not access.is_teacher(request.user):
        raise Http404
    form = WorkshopRequestForm(request.POST or None, teacher=request.user, initial=_started_from(request))
    if request.method == "POST" and form.is_valid():
        workshop_request = form.save()
        notifications.created(workshop_request)
        messages.success(
            request, _("Votre demande est envoyée : l'équipe cherche un intervenant et vous écrit dès qu'il accepte.")
        )
        return redirect("interventions:detail", pk=workshop_request.pk)
    return TemplateResponse(
        request, "interventions/request_list.html", {"form": form, "requests": _teacher_requests(request.user)}
    )


def _visible(request, pk):
    return get_object_or_404(
        access.visible_requests(request.user)
        .select_related("school", "grand_domaine", "centre", "speaker__user", "teacher", "session__page")
        .prefetch_related("classes", "sheets", "events"),
        pk=pk,
    )


@login_required
def request_detail(request, pk):
    workshop_request = _visible(request, pk)
    user = request.user
    is_teacher = workshop_request.teacher_id == user.pk
    is_speaker = bool(workshop_request.speaker_id) and workshop_request.speaker.user_id == user.pk
    context = {
        "workshop_request": workshop_request,
        "is_teacher": is_teacher,
        "is_speaker": is_speaker,
        "can": {move: access.may_transition(user, workshop_request, move) for move in MOVES},
        "confirm_form": ConfirmForm(workshop_request=workshop_request),
        "reason_form": ReasonForm(),
        "states": State,
    }
    return TemplateResponse(request, "interventions/request_detail.html", context)


@login_required
@require_POST
def request_move(request, pk, action):
    workshop_request = _visible(request, pk)
    if action not in MOVES:
        raise Http404
    kwargs, reason = {}, ""
    if action == "confirm":
        form = ConfirmForm(request.POST, workshop_request=workshop_request)
        if not form.is_valid():
            messages.error(request, _("Choisissez une des dates proposées."))
            return redirect("interventions:detail", pk=pk)
        kwargs["slot"] = form.chosen_slot()
    if action in ("decline", "cancel"):
        form = ReasonForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Indiquez la raison en quelques mots (600 caractères au plus)."))
            return redirect("interventions:detail", pk=pk)
        reason = form.cleaned_data["reason"]
    try:
        done = workflow.apply(request.user, workshop_request, action, reason=reason, **kwargs)
    except (workflow.NotAllowedNow, workflow.WorkflowError, PermissionDenied, ValidationError) as error:
        messages.error(request, " ".join(getattr(error, "messages", None) or [str(error)]))
        return redirect("interventions:detail", pk=pk)
    messages.success(request, _("C'est fait : %(state)s.") % {"state": done.get_state_display()})
    for pupil, message in getattr(done, "refusals", []):
        messages.warning(
            request, _("%(name)s n'est pas inscrit : %(why)s") % {"name": pupil.get_full_name(), "why": message}
        )
    if action == "decline":
        return redirect("accounts:dashboard")
    return redirect("interventions:detail", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def speaker_profile(request):
    """The speaker's own pool profile (professionals and volunteers)."""
    if not access.can_be_speaker(request.user):
        raise Http404
    speaker = Speaker.objects.filter(user=request.user).first() or Speaker(user=request.user)
    # A first profile (or one staff started with an invitation) is offered as available.
    initial = {"active": True} if not speaker.formats else None
    form = SpeakerForm(request.POST or None, instance=speaker, initial=initial)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Votre profil d'intervenant est enregistré."))
        return redirect("interventions:speaker")
    proposals = (
        access.visible_requests(request.user)
        .filter(speaker__user=request.user)
        .select_related("school")
        .prefetch_related("classes")
        .order_by("-updated_at")
    )
    return TemplateResponse(
        request, "interventions/speaker.html", {"form": form, "speaker": speaker, "proposals": proposals}
    )
