"""Staff's console of the CV help, in the Wagtail admin (« Accompagnement CV et lettres », registered in
wagtail_hooks.py): documents waiting for a volunteer, the open assignments, each volunteer's load and whether
they may be assigned, and the moderation queue (held and reported comments). Staff only
(`accounts.access.staff_required`, behind the admin's own check). Every action keeps its history
(assignments are ended, never deleted; comments are removed from view, not deleted)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import staff_required
from accounts.models import User
from accounts.roles import Role

from . import assignment, documents, pupil_text
from .forms import AssignForm, ReasonForm
from .models import Assignment, Comment, CommentStatus, Document, DocumentState

CONSOLE = "accompagnement_console"


@staff_required
def console(request):
    open_assignments = Assignment.objects.active().values("document_id")
    waiting = (
        Document.objects.filter(state=DocumentState.REVIEW)
        .exclude(pk__in=open_assignments)
        .select_related("pupil__school_class__school")
        .order_by("review_requested_at")
    )
    volunteers = assignment.volunteers_with_load()
    context = {
        "waiting": waiting[:200],
        "volunteers": volunteers,
        "eligible": [v for v in volunteers if not v.refusals],
        "assignments": Assignment.objects.active()
        .select_related("volunteer", "document__pupil__school_class")
        .order_by("ends_on")[:300],
        "held": Comment.objects.filter(status=CommentStatus.HELD)
        .select_related("author", "version__document__pupil")
        .prefetch_related("reports")
        .order_by("created_at"),
        "reason_form": ReasonForm(),
        "flagged": pupil_text.flagged_versions(),
        "page_title": _("Accompagnement CV et lettres"),
    }
    return TemplateResponse(request, "accompagnement/admin/console.html", context)


@staff_required
@require_POST
def assign(request, pk):
    document = get_object_or_404(Document.objects.select_related("pupil"), pk=pk)
    form = AssignForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choisissez un bénévole dans la liste."))
        return redirect(CONSOLE)
    volunteer = form.cleaned_data["volunteer"]
    try:
        assignment.assign(document, volunteer, by=request.user)
    except assignment.AssignmentRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(
            request, _("C'est fait : nous avons prévenu %(name)s par e-mail.") % {"name": volunteer.get_full_name()}
        )
    return redirect(CONSOLE)


@staff_required
@require_POST
def end_assignment(request, pk):
    found = get_object_or_404(Assignment, pk=pk)
    assignment.end(found, Assignment.EndReason.STAFF)
    messages.success(request, _("L'accompagnement est terminé ; son historique est gardé."))
    return redirect(CONSOLE)


@staff_required
@require_POST
def block(request, pk):
    volunteer = get_object_or_404(User, pk=pk, groups__name=Role.VOLUNTEER)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    if not reason.strip():
        messages.error(request, _("Écrivez la raison du blocage : elle est gardée dans l'historique."))
        return redirect(CONSOLE)
    assignment.block(volunteer, reason)
    messages.success(
        request, _("%(name)s est bloqué : ses accompagnements sont terminés.") % {"name": volunteer.get_full_name()}
    )
    return redirect(CONSOLE)


@staff_required
@require_POST
def moderate(request, pk, action):
    if action not in {"publier", "retirer"}:
        raise Http404
    found = get_object_or_404(Comment, pk=pk, status=CommentStatus.HELD)
    try:
        documents.moderate(found, publish=action == "publier", by=request.user)
    except documents.NotNow as refused:
        messages.error(request, refused.message)
    else:
        if action == "publier":
            messages.success(request, _("Commentaire publié : l'élève et sa famille le voient."))
        else:
            messages.success(request, _("Commentaire retiré : personne d'autre que l'équipe ne le voit."))
    return redirect(CONSOLE)
