"""Admin views of personal-data rights: erasing a person's data, reading the audit log, and following
the emails the queue sends (a failed send is retried, and staff see each attempt here)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from wagtail.admin.auth import permission_required

from . import emails, rights
from .models import User


@permission_required("accounts.erase_personal_data")
def erase_user(request, pk):
    """Confirm, then erase a person's personal data (a request under the RGPD)."""
    person = get_object_or_404(User, pk=pk, anonymised_at__isnull=True)
    if person.is_superuser or (person.is_staff and not request.user.is_superuser):
        raise PermissionDenied
    if request.method == "POST":
        rights.anonymise(person)
        messages.success(request, _("Les données personnelles de ce compte sont effacées. Les statistiques restent."))
        return HttpResponseRedirect(reverse("wagtailusers_users:index"))
    return render(
        request,
        "accounts/admin/erase_user.html",
        {"page_title": _("Effacer les données d'une personne"), "header_icon": "bin", "person": person},
    )


@permission_required("auditlog.view_logentry")
def audit_log(request):
    from auditlog.models import LogEntry

    entries = LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp", "-pk")
    page = Paginator(entries, 50).get_page(request.GET.get("p"))
    return render(
        request,
        "accounts/admin/audit_log.html",
        {"page_title": _("Journal d'audit"), "header_icon": "history", "entries": page},
    )


# The queue's statuses (django-tasks's, in English) as staff read them.
EMAIL_STATUSES = {
    "READY": _lazy("En attente"),
    "RUNNING": _lazy("En cours d'envoi"),
    "SUCCESSFUL": _lazy("Envoyé"),
    "FAILED": _lazy("Échec"),
}


def _email_results():
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path="accounts.emails.send_email")


def _may_resend(result):
    """A failed attempt may be sent again when no later attempt of the same message is pending or sent."""
    if result.status != "FAILED":
        return False
    subject, body, to = (result.args_kwargs.get("args") or [None, None, None])[:3]
    later = _email_results().filter(enqueued_at__gt=result.enqueued_at).exclude(status="FAILED")
    return not any(row.args_kwargs.get("args", [])[:3] == [subject, body, to] for row in later)


@permission_required("accounts.view_user")
def email_sends(request):
    results = _email_results().order_by("-enqueued_at")
    page = Paginator(results, 50).get_page(request.GET.get("p"))
    rows = [
        {
            "result": result,
            "subject": (result.args_kwargs.get("args") or [""])[0],
            "attempt": (result.args_kwargs.get("args") or [None] * 4)[3]
            if len(result.args_kwargs.get("args") or []) > 3
            else 1,
            "status": EMAIL_STATUSES.get(result.status, result.status),
            "may_resend": _may_resend(result),
        }
        for result in page
    ]
    return render(
        request,
        "accounts/admin/email_sends.html",
        {
            "page_title": _("Envois d'e-mails"),
            "header_icon": "mail",
            "rows": rows,
            "page": page,
            "max_attempts": emails.max_attempts(),
        },
    )


@require_POST
@permission_required("accounts.view_user")
def email_resend(request, pk):
    """« Renvoyer »: queue a failed message again, as a first attempt (after a fix of the mail server)."""
    result = get_object_or_404(_email_results(), pk=pk)
    if _may_resend(result):
        subject, body, to = result.args_kwargs["args"][:3]
        emails.send_email.enqueue(subject, body, to)
        messages.success(request, _("L'e-mail est de nouveau dans la file d'envoi."))
    else:
        messages.info(request, _("Cet e-mail est déjà envoyé ou en attente d'un nouvel essai."))
    return HttpResponseRedirect(reverse("accounts_email_sends"))
