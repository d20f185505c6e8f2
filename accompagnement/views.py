"""The pupil's, parent's and volunteer's pages of the CV help. Each view checks the document against the
user (`access.py`) and answers 404 to anyone else; responses to logged-in people are `private, no-store`
(home.middleware). Staff's pages are in views_staff.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Subquery
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import blocked_message, can_share_with_outside, is_pupil, is_staff_member
from accounts.roles import Role
from home.rate_limits import rate_limit
from safeguarding import detect as contact_filter

from . import access, diff, documents, pdf, pupil_text
from .forms import CommentForm, DiffForm, LetterForm, ReportForm, StepForm
from .models import Comment, CommentStatus, Document, HelpSettings, Version
from .sections import section, sections_for


def _pupil_only(request):
    if not is_pupil(request.user):
        raise PermissionDenied


def _own_document(request, pk):
    document = get_object_or_404(Document.objects.select_related("pupil"), pk=pk)
    if not access.can_write(request.user, document):
        raise Http404
    return document


@login_required
def mine(request):
    """The pupil's CV and letters, and a new letter (free or for one of their stage requests)."""
    _pupil_only(request)
    pupil = request.user
    requests = list(pupil.stage_requests.select_related("week__school").order_by("-created_at")[:10])
    form = LetterForm(request.POST or None, requests=requests)
    if request.method == "POST" and form.is_valid():
        chosen = next((r for r in requests if r.pk == form.cleaned_data["stage_request"]), None)
        letter = documents.start_letter(pupil, chosen)
        return redirect("accompagnement:step", pk=letter.pk, key=sections_for("lettre")[0].key)
    context = {
        "cv": pupil.help_documents.filter(kind="cv").first(),
        "letters": pupil.help_documents.filter(kind="lettre"),
        "form": form,
        "blocked": blocked_message(pupil),
    }
    return TemplateResponse(request, "accompagnement/mine.html", context)


@login_required
def cv(request):
    _pupil_only(request)
    document = documents.start_cv(request.user)
    if document.is_empty or not document.sections.get("interests"):
        return redirect("accompagnement:step", pk=document.pk, key=sections_for("cv")[0].key)
    return redirect("accompagnement:document", pk=document.pk)


@login_required
def step(request, pk, key):
    """One guided step: one section, its help and example, and the live preview of the whole document."""
    document = _own_document(request, pk)
    current = section(document.kind, key)
    if current is None:
        raise Http404
    steps = sections_for(document.kind)
    index = steps.index(current)
    saved = document.sections.get(key, "")
    data = request.POST or None
    if data is None and pupil_text.by_kind(saved):  # saved before steps were checked: say what to remove
        data = {"text": saved}
    form = StepForm(data, section=current, kind=document.kind, initial={"text": saved})
    if request.method == "POST" and form.is_valid():
        documents.save_section(document, key, form.cleaned_data["text"])
        if request.POST.get("go") == "back" and index > 0:
            return redirect("accompagnement:step", pk=pk, key=steps[index - 1].key)
        if index + 1 < len(steps) and request.POST.get("go") != "preview":
            return redirect("accompagnement:step", pk=pk, key=steps[index + 1].key)
        messages.success(request, _("C'est enregistré. Relis ton document, puis demande de l'aide si tu veux."))
        return redirect("accompagnement:document", pk=pk)
    context = {
        "document": document,
        "section": current,
        "form": form,
        "steps": steps,
        "number": index + 1,
        "previous": steps[index - 1] if index else None,
        "is_last": index + 1 == len(steps),
        "sections": document.section_list,
    }
    return TemplateResponse(request, "accompagnement/step.html", context)


def _versions_with_comments(user, document, versions, for_volunteer, flag):
    """Each of `versions` (newest first) with its sections and, beside each, the comments `user` may read;
    two queries whatever the number of versions and comments (the versions', already made, and one). The
    volunteer reads the name line as the first name and contact details masked; staff (`flag`) see which
    sections hold contact details."""
    comments = access.comments_by_version(user, versions)
    result = []
    for version in versions:
        texts = pupil_text.for_volunteer(document, version.sections) if for_volunteer else version.sections
        parts = []
        for sec in sections_for(document.kind):
            text = texts.get(sec.key, "")
            found = contact_filter.describe(contact_filter.find_contact_details(text)) if flag else ""
            parts.append((sec, text, [c for c in comments[version.pk] if c.section == sec.key], found))
        result.append({"version": version, "parts": parts})
    return result


@login_required
def document_detail(request, pk):
    # The pupil's roles and consent are read up to three times (who may see, may share, why blocked): once here.
    document = get_object_or_404(
        Document.objects.select_related("pupil__school_class__school").prefetch_related(
            "pupil__groups", "pupil__consent_records"
        ),
        pk=pk,
    )
    user = request.user
    if not access.can_see_document(user, document):
        raise Http404
    assignment = document.active_assignment()
    is_staff = is_staff_member(user)
    is_volunteer = access.holds_assignment(user, assignment) and not is_staff
    versions = list(document.versions.order_by("-number"))
    latest = versions[0] if versions else None
    is_owner = access.can_write(user, document)
    context = {
        "document": document,
        "is_owner": is_owner,
        "is_volunteer": is_volunteer,
        "is_staff": is_staff,
        "card": access.pupil_card(document),
        "sections": [
            (sec, text, pupil_text.to_remove(text) if is_owner else "") for sec, text in document.section_list
        ],
        "versions": _versions_with_comments(user, document, versions, for_volunteer=is_volunteer, flag=is_staff),
        "assignment": assignment,
        "comment_form": CommentForm(version=latest) if is_volunteer and latest else None,
        "latest": latest,
        "may_share": can_share_with_outside(document.pupil),
        "blocked": blocked_message(document.pupil),
        "steps": sections_for(document.kind),
    }
    if is_staff:
        context["assignments"] = document.assignments.select_related("volunteer", "assigned_by")
    if is_volunteer:
        context["rules_page"] = HelpSettings.load(request).rules_page
    return TemplateResponse(request, "accompagnement/document.html", context)


@login_required
@require_POST
def ask_review(request, pk):
    document = _own_document(request, pk)
    if not can_share_with_outside(request.user):
        messages.error(request, blocked_message(request.user))
    elif document.is_empty:
        messages.error(request, _("Ton document est vide : écris au moins une partie avant de demander de l'aide."))
    else:
        try:
            version = documents.request_review(document)
        except documents.ContactDetailsInText as refused:
            for _section, message in refused.refusals:
                messages.error(request, message)
            return redirect("accompagnement:step", pk=pk, key=refused.refusals[0][0].key)
        except documents.NotNow as refused:
            messages.error(request, refused.message)
            return redirect("accompagnement:document", pk=pk)
        messages.success(
            request,
            _(
                "Version %(n)s envoyée. Un bénévole de l'association va la relire ; tes parents et l'équipe voient ses commentaires."
            )
            % {"n": version.number},
        )
    return redirect("accompagnement:document", pk=pk)


@login_required
@require_POST
def mark_done(request, pk):
    document = _own_document(request, pk)
    try:
        documents.mark_done(document)
    except documents.NotNow as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("Bravo, ton document est terminé !"))
    return redirect("accompagnement:document", pk=pk)


def _readable_document(request, pk):
    """The pupil, their parents and staff: the current text (a volunteer reads the versions only)."""
    document = get_object_or_404(Document.objects.select_related("pupil__school_class__school"), pk=pk)
    user = request.user
    if not is_staff_member(user) and (
        not access.can_see_document(user, document) or access.is_assigned_volunteer(user, document)
    ):
        raise Http404
    return document


@login_required
def document_pdf(request, pk):
    document = _readable_document(request, pk)
    response = HttpResponse(pdf.document_pdf(document), content_type="application/pdf")
    name = "cv" if document.kind == "cv" else f"lettre-{document.pk}"
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return response


@login_required
def document_print(request, pk):
    document = _readable_document(request, pk)
    return TemplateResponse(request, "accompagnement/print.html", pdf.sheet_context(document))


@login_required
def differences(request, pk):
    document = get_object_or_404(Document, pk=pk)
    if not access.can_see_document(request.user, document):
        raise Http404
    versions = {v.number: v for v in document.versions.all()}
    numbers = sorted(versions)
    default = {"old": numbers[-2] if len(numbers) > 1 else (numbers[-1] if numbers else 0), "new": 0}
    form = DiffForm(request.GET or None, numbers=numbers, initial=default)
    chosen = form.cleaned_data if form.is_bound and form.is_valid() else default
    volunteer = access.is_assigned_volunteer(request.user, document) and not is_staff_member(request.user)
    if volunteer and 0 in (chosen["old"], chosen["new"]):  # a volunteer reads versions, not the draft
        chosen = {"old": numbers[-2] if len(numbers) > 1 else numbers[0], "new": numbers[-1]} if numbers else None

    def text(number):
        sections = versions[number].sections if number in versions else document.sections
        return pupil_text.for_volunteer(document, sections) if volunteer else sections

    context = {"document": document, "form": form, "chosen": chosen}
    if chosen:
        context["diffs"] = diff.diff_sections(document.kind, text(chosen["old"]), text(chosen["new"]))
    return TemplateResponse(request, "accompagnement/differences.html", context)


@login_required
@require_POST
@rate_limit("accompagnement_comment", per_user=True)
def comment(request, pk):
    version = get_object_or_404(Version.objects.select_related("document__pupil"), pk=pk)
    if not access.can_comment(request.user, version):
        raise Http404
    form = CommentForm(request.POST, version=version)
    if not form.is_valid():
        context = {"document": version.document, "version": version, "form": form}
        return TemplateResponse(request, "accompagnement/comment_form.html", context, status=400)
    saved = documents.add_comment(request.user, version, form.cleaned_data)
    if saved.status == CommentStatus.HELD:
        messages.warning(
            request,
            _(
                "Votre commentaire contient %(what)s : il est gardé pour l'équipe, qui le relit avant que l'élève "
                "le voie. Aucun moyen de contact ne passe par le portail."
            )
            % {
                "what": contact_filter.describe(contact_filter.find_contact_details(saved.body + saved.suggestion))
                or _("des coordonnées, une fois lu à la suite de vos commentaires précédents")
            },
        )
    else:
        messages.success(request, _("Commentaire publié. L'élève et sa famille sont prévenus."))
    return redirect("accompagnement:document", pk=version.document_id)


def _pupil_comment(request, pk):
    found = get_object_or_404(Comment.objects.select_related("version__document"), pk=pk)
    if not access.can_write(request.user, found.version.document) or found.status != CommentStatus.VISIBLE:
        raise Http404
    return found


@login_required
@require_POST
def suggestion(request, pk):
    found = _pupil_comment(request, pk)
    accept = request.POST.get("action") == "accepter"
    try:
        if accept:
            documents.accept_suggestion(found)
        else:
            documents.decline_suggestion(found)
    except documents.NotNow as refused:
        messages.error(request, refused.message)
    else:
        if accept:
            messages.success(request, _("Suggestion acceptée : ton texte est modifié."))
        else:
            messages.success(request, _("D'accord, tu gardes tes mots."))
    return redirect("accompagnement:document", pk=found.version.document_id)


@login_required
@rate_limit("accompagnement_report", per_user=True, methods=("POST",))
def report(request, pk):
    found = _pupil_comment(request, pk)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        documents.report(found, request.user, form.cleaned_data["reason"])
        messages.success(
            request, _("Merci de nous l'avoir dit. Le commentaire est caché ; l'équipe de l'association le regarde.")
        )
        return redirect("accompagnement:document", pk=found.version.document_id)
    return TemplateResponse(request, "accompagnement/report.html", {"comment": found, "form": form})


@login_required
def volunteer(request):
    """The volunteer's space: the documents assigned to them and what waits (a version without their comment)."""
    user = request.user
    if not user.has_role(Role.VOLUNTEER):
        raise PermissionDenied
    latest = Version.objects.filter(document=OuterRef("pk")).order_by("-number").values("pk")[:1]
    documents = (
        access.visible_documents(user)
        .select_related("pupil__school_class__school")
        .annotate(latest_version=Subquery(latest))
        .annotate(commented=Exists(Comment.objects.filter(version=OuterRef("latest_version"), author=user)))
    )
    assigned = [
        {
            "document": document,
            "card": access.pupil_card(document),
            "waiting": document.latest_version is not None and not document.commented,
        }
        for document in access.readable_documents(user, documents)
    ]
    context = {
        "assigned": assigned,
        "rules_page": HelpSettings.load(request).rules_page,
        "held": Comment.objects.filter(author=user, status=CommentStatus.HELD).count(),
    }
    return TemplateResponse(request, "accompagnement/volunteer.html", context)
