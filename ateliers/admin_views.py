"""Staff pages in the Wagtail admin: manage one session (waiting list, cancellations) and the fill-rate
report (seats, waiting lists, no-shows, feedback) with its CSV export. Staff only
(`accounts.access.staff_required`, behind the admin's own check)."""

from django.contrib import messages
from django.db.models import Avg, Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from accounts.access import staff_required
from home.converters import parse_id
from home.exports import SafeCsvWriter

from .booking import BookingError, cancel, cancel_session, promote
from .models import Session, SignUp


@staff_required
def manage_session(request, pk):
    session = get_object_or_404(Session.objects.select_related("page"), pk=pk)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "cancel_session":
                cancel_session(session, by=request.user)
                messages.success(request, _("Séance annulée : un e-mail prévient chaque élève qui avait une place."))
            else:
                signup = get_object_or_404(SignUp, pk=_id(request.POST.get("signup")), session=session)
                if action == "promote":
                    promote(signup, by=request.user)
                    messages.success(request, _("L'élève quitte la liste d'attente : sa place est confirmée."))
                elif action == "cancel":
                    cancel(signup, by=request.user)
                    messages.success(request, _("Inscription annulée."))
        except BookingError as error:
            messages.error(request, error.message)
        return redirect("ateliers_manage_session", pk=session.pk)
    signups = (
        SignUp.objects.filter(session=session)
        .exclude(status=SignUp.Status.CANCELLED)
        .select_related("pupil__school_class")
        .order_by("status", "created_at", "pk")
    )
    return TemplateResponse(
        request,
        "ateliers/admin/manage_session.html",
        {"session": session, "signups": signups, "page_title": str(session)},
    )


def _id(value):
    """A posted id as a number, 0 (found nowhere: a 404) when it is not a whole number of a sane size."""
    return parse_id(value) or 0


def report_rows():
    sessions = (
        Session.objects.select_related("page")
        .annotate(
            waiting=Count("signups", filter=Q(signups__status="waiting"), distinct=True),
            present=Count("signups", filter=Q(signups__status="confirmed", signups__attended=True), distinct=True),
            absent=Count("signups", filter=Q(signups__status="confirmed", signups__attended=False), distinct=True),
            liked=Avg("feedback__liked"),
            answers=Count("feedback", distinct=True),
        )
        .order_by("-starts_at")
    )
    return sessions


@staff_required
def fill_report(request):
    sessions = report_rows()
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="remplissage-ateliers.csv"'
        writer = SafeCsvWriter(response)
        writer.writerow(
            [
                _("Séance"),
                _("Places"),
                _("Inscrits"),
                _("Liste d'attente"),
                _("Présents"),
                _("Absents"),
                _("Avis"),
                _("Note moyenne (1 à 3)"),
            ]
        )
        for s in sessions:
            writer.writerow(
                [
                    s,
                    s.capacity,
                    s.seats_taken,
                    s.waiting,
                    s.present,
                    s.absent,
                    s.answers,
                    f"{s.liked or 0:.1f}",
                ]
            )
        return response
    return TemplateResponse(
        request, "ateliers/admin/fill_report.html", {"sessions": sessions, "page_title": _("Remplissage des ateliers")}
    )
