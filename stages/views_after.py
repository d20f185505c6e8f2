"""After the stage: the pupil writes their report in three guided steps (one page each, kept as they go);
the host of that stage writes a short appreciation. Who may write or read: `stages.access`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import access
from .forms_after import REPORT_STEPS, AppreciationForm, ReportStepForm
from .models import HostAppreciation, StageReport, StageRequest
from .notifications import notify_after_stage


def _stage_request(pk):
    return get_object_or_404(StageRequest.objects.select_related("week__school", "pupil"), pk=pk)


def first_step_to_write(report):
    """The step a pupil comes back to: the first one still empty (1 when all are written)."""
    if report is None:
        return 1
    for number, step in enumerate(REPORT_STEPS, start=1):
        if not getattr(report, step["field"]):
            return number
    return 1


@login_required
@require_http_methods(["GET", "POST"])
def report_step(request, pk, step):
    """One step of the pupil's report. Saving a step keeps it; the last step sends the report to the
    teacher and the parents (told once, by e-mail)."""
    stage_request = _stage_request(pk)
    if stage_request.pupil_id != request.user.pk:
        raise Http404
    if not access.may_write_report(request.user, stage_request):
        messages.info(request, _("Tu pourras écrire ton compte rendu à la fin de ta semaine de stage."))
        return redirect("stages:request_detail", pk=pk)
    if not 1 <= step <= len(REPORT_STEPS):
        raise Http404
    current = REPORT_STEPS[step - 1]
    report = StageReport.objects.filter(request=stage_request).first()
    initial = {"text": getattr(report, current["field"]) if report else ""}
    form = ReportStepForm(request.POST or None, initial=initial, step=current)
    if request.method == "POST" and form.is_valid():
        last = step == len(REPORT_STEPS)
        with transaction.atomic():
            report, _created = StageReport.objects.get_or_create(request=stage_request)
            setattr(report, current["field"], form.cleaned_data["text"])
            first_sending = last and not report.is_submitted and all(getattr(report, s["field"]) for s in REPORT_STEPS)
            if first_sending:
                report.submitted_at = timezone.now()
            report.save()
            if first_sending:
                transaction.on_commit(lambda: notify_after_stage(stage_request, "report"))
        if not last:
            return redirect("stages:report_step", pk=pk, step=step + 1)
        if report.is_submitted:
            messages.success(
                request, _("Ton compte rendu est enregistré. Ton professeur et ta famille peuvent le lire.")
            )
        else:
            messages.info(request, _("Il manque encore une étape : complète-la pour envoyer ton compte rendu."))
            return redirect("stages:report_step", pk=pk, step=first_step_to_write(report))
        return redirect("stages:request_detail", pk=pk)
    context = {
        "stage_request": stage_request,
        "form": form,
        "step": step,
        "steps": [(number, s["title"]) for number, s in enumerate(REPORT_STEPS, start=1)],
        "total": len(REPORT_STEPS),
    }
    return TemplateResponse(request, "stages/report_step.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def appreciation(request, pk):
    """The host's appreciation of the pupil after the stage: punctuality, curiosity, a sentence."""
    stage_request = get_object_or_404(
        StageRequest.objects.select_related("week__school", "pupil__school_class", "place_week__place__host"), pk=pk
    )
    if not access.may_write_appreciation(request.user, stage_request):
        if access.is_host_of(request.user, stage_request):
            messages.info(request, _("Vous pourrez donner votre appréciation à la fin de la semaine de stage."))
            return redirect("stages:host")
        raise Http404
    existing = HostAppreciation.objects.filter(request=stage_request).first()
    form = AppreciationForm(request.POST or None, instance=existing)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            saved = form.save(commit=False)
            saved.request = stage_request
            saved.by = request.user
            saved.save()
            if existing is None:
                transaction.on_commit(lambda: notify_after_stage(stage_request, "appreciation"))
        messages.success(
            request,
            _("Merci ! Votre appréciation est enregistrée ; l'élève, sa famille et son professeur peuvent la lire."),
        )
        return redirect("stages:host")
    context = {"stage_request": stage_request, "pupil": access.host_view(stage_request), "form": form}
    return TemplateResponse(request, "stages/appreciation.html", context)
