"""Sign-up, cancellation, class booking, attendance, check-in, feedback and calendar views.

Each view loads its session or sign-up and asks `ateliers.access` before showing anything: a person who
may not see it gets a 404, never a hint. Forms are POST with CSRF; a double submit lands on the same
sign-up (`ateliers.booking`). Logged-in responses are private, no-store (`home.middleware`).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

import safeguarding
from accounts import access as accounts_access
from accounts.models import User
from accounts.roles import Role
from home.converters import parse_id
from home.rate_limits import over_limit, rate_limit

from . import access, booking, calendar
from .agenda import agenda_events
from .booking import BookingError, book_class, cancel, reason_for_teacher, sign_up
from .forms import ClassBookingForm, FeedbackForm, WalkInForm
from .models import AgendaIndexPage, CalendarFeed, Feedback, Session, SignUp


def _session_or_404(pk):
    session = get_object_or_404(Session.objects.select_related("page"), pk=pk, cancelled_at__isnull=True)
    if not session.page.live:
        raise Http404
    return session


def _back(request, session):
    target = request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return redirect(target)
    return redirect(session.page.url or "/")


# Past the limits of settings.RATE_LIMITS (per account), a 429 page with these messages; nothing is written.
TOO_MANY_SIGNUPS = gettext_lazy(
    "Tu as fait beaucoup d'inscriptions ou d'annulations en peu de temps. Attends quelques minutes avant de réessayer."
)
TOO_MANY_BOOKINGS = gettext_lazy(
    "Vous avez fait beaucoup de réservations en peu de temps. Attendez quelques minutes avant de réessayer."
)


@login_required
@require_POST
@rate_limit("ateliers_signup", per_user=True, message=TOO_MANY_SIGNUPS)
def signup_view(request, pk):
    session = _session_or_404(pk)
    if not request.user.has_role(Role.PUPIL):
        messages.error(request, _("Seuls les élèves s'inscrivent eux-mêmes. Un professeur réserve pour sa classe."))
        return _back(request, session)
    try:
        signup, created = sign_up(session, request.user)
    except BookingError as error:
        messages.error(request, error.message)
    else:
        if not created and signup.status == SignUp.Status.WAITING:
            messages.info(request, _("Tu es déjà sur la liste d'attente de cette séance."))
        elif not created:
            messages.info(request, _("Tu as déjà une place à cette séance."))
        elif signup.status == SignUp.Status.CONFIRMED:
            messages.success(
                request, _("C'est noté : ton inscription est confirmée. Tu retrouves la séance dans « Mon espace ».")
            )
        else:
            messages.success(
                request,
                _("La séance est complète : tu es sur la liste d'attente. Si une place se libère, elle sera pour toi."),
            )
    return _back(request, session)


@login_required
@require_POST
@rate_limit("ateliers_cancel", per_user=True, message=TOO_MANY_SIGNUPS)
def cancel_view(request, pk):
    session = _session_or_404(pk)
    signup = SignUp.objects.filter(session=session, pupil=request.user).exclude(status=SignUp.Status.CANCELLED).first()
    if signup is None:
        messages.info(request, _("Ton inscription est déjà annulée."))
        return _back(request, session)
    try:
        cancel(signup, by=request.user)
    except BookingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Ton inscription est annulée."))
    return _back(request, session)


@login_required
@rate_limit("ateliers_class_booking", per_user=True, methods=("POST",), message=TOO_MANY_BOOKINGS)
def class_booking_view(request, pk):
    """A teacher books seats for pupils of their classes. The list shows every pupil who could come: those
    already booked, those who cannot be booked and why (their box disabled), and a box for the others.
    A booking redirects back here (Post/Redirect/Get) with what was done and what was refused."""
    session = _session_or_404(pk)
    if not access.can_book_for_class(request.user):
        raise Http404
    pupils = _class_pupils(request.user, session)
    booked = {
        s.pupil_id: s for s in SignUp.objects.filter(session=session, pupil__in=pupils).exclude(status="cancelled")
    }
    reasons = {p.pk: reason_for_teacher(p) for p in pupils if p.pk not in booked}
    bookable = [pk for pk, reason in reasons.items() if not reason]
    form = ClassBookingForm(request.POST if request.method == "POST" else None, pupils=pupils.filter(pk__in=bookable))
    if request.method == "POST" and form.is_valid():
        done, refusals = book_class(session, request.user, list(form.cleaned_data["pupils"]))
        _report_booking(request, done, refusals)
        return redirect(request.path)
    checkboxes = {int(str(box.data["value"])): box for box in form["pupils"]}
    rows = [
        {"pupil": p, "signup": booked.get(p.pk), "reason": reasons.get(p.pk, ""), "checkbox": checkboxes.get(p.pk)}
        for p in pupils
    ]
    return render(request, "ateliers/class_booking.html", {"session": session, "form": form, "rows": rows})


def _class_pupils(user, session):
    """The pupils of the user's classes whom the event is for (its level and collège)."""
    classes = accounts_access.managed_classes(user)
    level = session.page.level
    pupils = User.objects.filter(school_class__in=classes, groups__name=Role.PUPIL).select_related("school_class")
    if level != "4e-3e":
        pupils = pupils.filter(school_class__level=level)
    if session.page.school_id:
        pupils = pupils.filter(school_class__school_id=session.page.school_id)
    pupils = pupils.prefetch_related("groups", "consent_records")
    return pupils.order_by("school_class__name", "last_name", "first_name")


def _report_booking(request, done, refusals):
    confirmed = sum(1 for s in done if s.status == SignUp.Status.CONFIRMED)
    waiting = len(done) - confirmed
    if confirmed:
        messages.success(
            request,
            ngettext("%(n)s élève a une place à cette séance.", "%(n)s élèves ont une place à cette séance.", confirmed)
            % {"n": confirmed},
        )
    if waiting:
        messages.success(
            request,
            ngettext("%(n)s élève est sur la liste d'attente.", "%(n)s élèves sont sur la liste d'attente.", waiting)
            % {"n": waiting},
        )
    for pupil, reason in refusals:
        messages.error(
            request,
            _("%(name)s : %(reason)s") % {"name": f"{pupil.first_name} {pupil.last_name}", "reason": reason},
        )


def _run_or_404(request, pk):
    session = get_object_or_404(Session.objects.select_related("page"), pk=pk)
    if not access.can_run(request.user, session):
        raise Http404
    return session


def _attendees(session):
    return list(
        SignUp.objects.filter(session=session, status=SignUp.Status.CONFIRMED)
        .select_related("pupil__school_class")
        .order_by("pupil__last_name", "pupil__first_name")
    )


@login_required
def attendance_sheet_view(request, pk):
    session = _run_or_404(request, pk)
    rows = [(signup, access.display_name(signup.pupil)) for signup in _attendees(session)]
    return render(request, "ateliers/attendance_sheet.html", {"session": session, "rows": rows})


@login_required
def check_in_view(request, pk):
    """Tick who came (one button per pupil), and add a pupil who came without a seat by their identifier."""
    session = _run_or_404(request, pk)
    walk_in_form = WalkInForm()
    if request.method == "POST":
        if "signup" in request.POST:
            signup = get_object_or_404(SignUp, pk=parse_id(request.POST["signup"]), session=session, status="confirmed")
            signup.attended = request.POST.get("present") == "1"
            signup.save(update_fields=["attended"])
            return redirect(request.path + f"#inscription-{signup.pk}")
        walk_in_form = WalkInForm(request.POST)
        if walk_in_form.is_valid():
            if over_limit(request, "ateliers_walk_in", f"user:{request.user.pk}"):
                walk_in_form.add_error("identifier", str(WALK_IN_LIMIT))
            elif not booking.add_walk_in(
                session, walk_in_form.cleaned_data["identifier"].strip().lower(), request.user
            ):
                walk_in_form.add_error("identifier", str(booking.WALK_IN_REFUSED))
            else:
                messages.success(request, _("C'est fait : ajout à la liste et présence notée."))
                return redirect(request.path)
    rows = [(signup, access.display_name(signup.pupil)) for signup in _attendees(session)]
    return render(request, "ateliers/check_in.html", {"session": session, "rows": rows, "walk_in_form": walk_in_form})


WALK_IN_LIMIT = gettext_lazy(
    "Vous avez ajouté beaucoup d'élèves en peu de temps : attendez un peu, ou adressez-vous à l'équipe."
)


@login_required
def feedback_view(request, pk):
    signup = get_object_or_404(SignUp.objects.select_related("session__page"), pk=pk, pupil=request.user)
    if not access.can_give_feedback(request.user, signup):
        raise Http404
    if Feedback.objects.filter(signup=signup).exists():
        messages.info(request, _("Merci, tu as déjà donné ton avis sur cette séance."))
        return redirect("accounts:dashboard")
    form = FeedbackForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        feedback = form.save(commit=False)
        feedback.signup = signup
        feedback.session = signup.session
        feedback.save()
        messages.success(request, _("Merci pour ton avis !"))
        held = safeguarding.explain_to_pupil(safeguarding.kinds(feedback.comment))
        if held:  # kept for staff, masked for the leader
            messages.warning(request, held)
        return redirect("accounts:dashboard")
    return render(request, "ateliers/feedback.html", {"signup": signup, "form": form})


# Calendars -----------------------------------------------------------------------------------------


def agenda_feed_view(request, pk):
    agenda = get_object_or_404(AgendaIndexPage.objects.live().public(), pk=pk)
    sessions = (
        Session.objects.filter(page__in=agenda_events(agenda).values("pk"))
        .filter(cancelled_at__isnull=True, ends_at__gt=timezone.now())
        .select_related("page")
        .order_by("starts_at")
    )
    return _ics(calendar.build(sessions, request, name=agenda.title), "agenda.ics")


def personal_feed_view(request, token):
    feed = get_object_or_404(CalendarFeed.objects.select_related("user"), token=token)
    user = feed.user
    held = Q(signups__pupil=user, signups__status=SignUp.Status.CONFIRMED)
    if accounts_access.is_pupil(user) and not accounts_access.can_take_part(user):
        held = Q(pk__in=[])  # a pupil without consent holds no seat (a withdrawal cancelled them)
    sessions = Session.objects.filter(cancelled_at__isnull=True).filter(held | Q(page__leaders__user=user))
    sessions = sessions.distinct().select_related("page").order_by("starts_at")
    response = _ics(calendar.build(sessions, request, name=_("Mes ateliers"), show_links=True), "mes-ateliers.ics")
    response["Cache-Control"] = "private, no-store"
    return response


def _ics(body, filename):
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@login_required
def my_feed_view(request):
    """Show (and create on demand) the person's secret calendar address; POST gives a new one."""
    feed, _created = CalendarFeed.objects.get_or_create(user=request.user)
    if request.method == "POST":
        feed.revoke()
        messages.success(request, _("Nouvelle adresse créée : l'ancienne ne fonctionne plus."))
        return redirect("ateliers:my_feed")
    url = request.build_absolute_uri(reverse("ateliers:personal_feed", args=[feed.token]))
    return render(request, "ateliers/my_feed.html", {"feed_url": url})
