"""« Mon espace » of each role, the teacher's class pages (activation cards) and the parent's pages.

Each view finds the objects through `accounts.access` (a class the teacher teaches, a child of the
parent), answers 404 for anything else (so nobody learns what exists), and sends
`Cache-Control: private, no-store`.
"""

import datetime

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db.models import Count, OuterRef, Q, Subquery, prefetch_related_objects
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from wagtail.models import Locale

from home.caching import cached
from home.converters import parse_id

from . import access, activation, audit, circle, consent
from .models import ConsentRecord
from .roles import Role


def section_url(model_string):
    """The URL of the live index page of `app.Model` in the current language (else French), or None.

    Looked up by name so that `accounts` imports no content app.
    """
    try:
        model = apps.get_model(model_string)
    except LookupError:
        return None

    def find():
        pages = model.objects.live()
        page = pages.filter(locale=Locale.get_active()).first() or pages.first()
        return page.url if page is not None else None

    # Kept until the content changes (home.caching): « Mon espace » shows three of these.
    return cached(None, f"section-url:{model_string}:{translation.get_language()}", find)


def pupil_rows(pupils):
    """Each pupil with what a teacher or parent needs to see: activated or not, consent status."""
    rows = []
    for pupil in pupils:
        record = consent.latest(pupil)
        rows.append(
            {
                "pupil": pupil,
                "activated": activation.is_activated(pupil),
                "status": consent.status(pupil),
                "self": consent.decides_for_self(pupil),
                "record": record,
                "school_hours": consent.given_in_school_hours(record),
            }
        )
    return rows


def dashboard_context(user):
    """What « Mon espace » lists for each role of `user`: only what exists today, as links."""
    context = {
        "metiers_url": section_url("metiers.MetiersIndexPage"),
        "guidance_url": section_url("orientation.GuidanceIndexPage"),
        "procedures_url": section_url("procedures.ProceduresIndexPage"),
    }
    roles = user.roles
    if Role.PUPIL in roles:
        # One query for the consent decisions that the status, the gates and the sections all read.
        prefetch_related_objects([user], "consent_records")
        context["pupil_status"] = consent.status(user)
        context["pupil_decides_for_self"] = consent.decides_for_self(user)
        context["pupil_can_take_part"] = access.can_take_part(user)
        context["pupil_blocked_message"] = access.blocked_message(user)
    if Role.PARENT in roles:
        children = user.children.select_related("school_class__school").prefetch_related("consent_records")
        context["children_rows"] = pupil_rows(children.order_by("first_name"))
    if Role.TEACHER in roles:
        # The table of classes is in the teacher's section only: staff (every class) get it on the classes page.
        context["managed_classes"] = _classes_with_counts(user)
    if Role.TEACHER in roles or access.is_staff_member(user):
        context["consent_notices"] = recent_withdrawals(user)
    return context


NOTICE_DAYS = 30


def recent_withdrawals(user, days=NOTICE_DAYS):
    """The « Mon espace » notice of a teacher (their classes) or staff (every class): consents withdrawn
    in the last `days` days, newest first, with when and how."""
    since = timezone.now() - datetime.timedelta(days=days)
    return list(
        ConsentRecord.objects.filter(
            decision=ConsentRecord.Decision.WITHDRAWN,
            created_at__gte=since,
            pupil__school_class__in=access.managed_classes(user),
            pupil__anonymised_at__isnull=True,
        ).select_related("pupil__school_class")[:20]
    )


def _classes_with_counts(user):
    """The classes `user` manages (at most 200), each with its pupils, activated pupils and given consents
    counted by the database: two queries whatever the number of classes and pupils (staff see every class:
    reading 5,000 pupils and their consent records to count them took seconds at a département's size).
    The counts follow `pupil_rows`: activated as `activation.is_activated`, consent as `consent.status`."""
    classes = list(access.managed_classes(user).select_related("school").order_by("-school_year", "name")[:200])
    latest = ConsentRecord.objects.filter(pupil=OuterRef("pk"), cancelled_at__isnull=True).order_by(
        "-created_at", "-pk"
    )
    counts = {
        row["school_class_id"]: row
        for row in activation.class_pupils(*classes)
        .order_by()
        .annotate(decision=Subquery(latest.values("decision")[:1]))
        .values("school_class_id")
        .annotate(
            pupils=Count("pk"),
            activated=Count("pk", filter=Q(is_active=True) & ~Q(password__startswith=UNUSABLE_PASSWORD_PREFIX)),
            given=Count("pk", filter=Q(decision=ConsentRecord.Decision.GIVEN)),
        )
    }
    for school_class in classes:
        row = counts.get(school_class.pk, {})
        school_class.pupil_count = row.get("pupils", 0)
        school_class.activated_count = row.get("activated", 0)
        school_class.consent_count = row.get("given", 0)
    return classes


# Teacher: classes and activation cards --------------------------------------------------------------
def _managed_class_or_404(request, pk):
    return get_object_or_404(access.managed_classes(request.user).select_related("school"), pk=pk)


@never_cache
@login_required
def class_list(request):
    classes = _classes_with_counts(request.user)
    if not classes and not access.is_staff_member(request.user) and not request.user.has_role(Role.TEACHER):
        raise Http404
    return render(request, "accounts/spaces/class_list.html", {"classes": classes})


@never_cache
@login_required
def class_detail(request, pk):
    school_class = _managed_class_or_404(request, pk)
    audit.log_staff_read(request, school_class)
    pupils = activation.class_pupils(school_class).prefetch_related("consent_records")
    rows = pupil_rows(pupils)
    counts = {
        "total": len(rows),
        "activated": sum(1 for row in rows if row["activated"]),
        "given": sum(1 for row in rows if row["status"] == consent.Status.GIVEN),
        "pending": sum(1 for row in rows if row["status"] in (consent.Status.PENDING, consent.Status.PENDING_SELF)),
        "refused": sum(1 for row in rows if row["status"] in (consent.Status.REFUSED, consent.Status.WITHDRAWN)),
    }
    return render(
        request,
        "accounts/spaces/class_detail.html",
        {"school_class": school_class, "rows": rows, "counts": counts, "Status": consent.Status},
    )


@never_cache
@login_required
@require_POST
def class_cards(request, pk):
    """The printable sheet: new codes for the whole class, or for one pupil whose card was lost.

    A POST, so that printing (which replaces codes) is never triggered by a link or a prefetch, and the
    codes appear in no address.
    """
    school_class = _managed_class_or_404(request, pk)
    pupil_pk = request.POST.get("pupil")
    if pupil_pk:
        pupils = list(activation.class_pupils(school_class).filter(pk=parse_id(pupil_pk) or 0))
        if not pupils:
            raise Http404
        cards = activation.issue_cards(pupils)
    else:
        cards = activation.print_class(school_class)
    return render(
        request,
        "accounts/spaces/cards.html",
        {
            "school_class": school_class,
            "cards": cards,
            # The parent codes go on separate letters, never on the card the pupil is handed.
            "letters": [card for card in cards if card.parent_code],
            "letter_languages": ["fr", "en", "ar"],
            "activation_url": request.build_absolute_uri(reverse("accounts:activate")),
            "consent_url": request.build_absolute_uri(reverse("accounts:consent_by_code")),
            # This address takes only POST: the language links lead to the class's page, where it is printed.
            "language_switch_path": reverse("accounts:class_detail", args=[school_class.pk]),
        },
    )


@never_cache
@login_required
@require_POST
def class_consent_emails(request, pk):
    """Email the consent link to the parents (with an address) of pupils still waiting for an answer."""
    school_class = _managed_class_or_404(request, pk)
    pupils = activation.class_pupils(school_class).prefetch_related("consent_records")
    sent = consent.send_requests(pupils, request.build_absolute_uri)
    messages.success(request, _("%(count)d e-mail(s) de demande d'accord envoyé(s) aux parents.") % {"count": sent})
    return HttpResponseRedirect(reverse("accounts:class_detail", args=[school_class.pk]))


# Parent: a child's consent --------------------------------------------------------------------------
def _child_or_404(request, pk):
    return get_object_or_404(circle.pupils_visible_to(request.user, {circle.Relation.PARENT}), pk=pk)


@never_cache
@login_required
def child_consent(request, pk):
    """A parent reads the text and agrees, refuses or withdraws their agreement for one child."""
    child = _child_or_404(request, pk)
    if request.method == "POST":
        decision = request.POST.get("decision")
        allowed = {
            ConsentRecord.Decision.GIVEN,
            ConsentRecord.Decision.REFUSED,
            ConsentRecord.Decision.WITHDRAWN,
        }
        if decision not in allowed:
            messages.error(request, _("Choisissez « J'accepte » ou « Je refuse »."))
        elif decision == ConsentRecord.Decision.GIVEN:
            consent.record(child, decision, ConsentRecord.Method.PARENT_SPACE, by_user=request.user)
            messages.success(request, _("Votre réponse est enregistrée."))
            return HttpResponseRedirect(reverse("accounts:dashboard"))
        elif consent.has_consent(child) and request.POST.get("confirm") != "1":
            return confirm_withdrawal(request, child, [("decision", decision)], request.path)
        else:
            consent.withdraw(child, method=ConsentRecord.Method.PARENT_SPACE, by_user=request.user, decision=decision)
            messages.success(request, _("Votre réponse est enregistrée. Un récapitulatif vous est envoyé par e-mail."))
            return HttpResponseRedirect(reverse("accounts:dashboard"))
    return render(
        request,
        "accounts/spaces/child_consent.html",
        {
            "child": child,
            "status": consent.status(child),
            "has_consent": consent.has_consent(child),
            "records": child.consent_records.all()[:20],
            "text_template": consent.text_template(),
        },
    )


def confirm_withdrawal(request, pupil, hidden, back_url, *, speaks_to_pupil=False):
    """The confirmation step before a withdrawal: what will stop, listed by the same hook functions that
    stop it (`consent.what_stops`), in the language of the page. `hidden`: the answer to post again."""
    return render(
        request,
        "accounts/consent/confirm_withdrawal.html",
        {
            "first_name": pupil.first_name,
            "stopped": consent.what_stops(pupil),
            "hidden": hidden,
            "back_url": back_url,
            "speaks_to_pupil": speaks_to_pupil,
        },
    )
