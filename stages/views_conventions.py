"""The convention online: its page (read by the four parties and staff, 404 for anyone else) where a
party signs with their account, the parent's signature link, and a week's signed conventions as a ZIP
for staff and the collège's teachers. Pages are `private, no-store` (home.middleware; set here too for
the link, which needs no login)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.access import is_staff_member

from . import access, legal, signatures
from .convention import week_zip
from .models import Convention, ConventionState, Party, SignatureMethod, StageWeek


class SchoolSignatureForm(forms.Form):
    acting_for = forms.CharField(
        label=gettext_lazy("Nom du chef d'établissement pour qui vous signez"),
        max_length=150,
        error_messages={
            "required": gettext_lazy("Indiquez le nom du chef d'établissement pour qui vous signez."),
            "max_length": gettext_lazy("C'est trop long : %(limit_value)d caractères au plus."),
        },
    )


def _convention(pk):
    return get_object_or_404(
        Convention.objects.select_related("request__pupil__school_class", "request__week__school", "host", "text"),
        pk=pk,
    )


def _context(convention, user=None):
    return {
        "convention": convention,
        "articles": convention.text.articles.all(),
        "hours": legal.hours_label(convention.starts_at, convention.ends_at, convention.break_minutes),
        "signatures": [(party, convention.signature_of(party)) for party in Party],
        "pupil": convention.request.pupil,
        "school": convention.request.week.school,
    }


@login_required
def convention_page(request, pk):
    convention = _convention(pk)
    if not signatures.may_read(request.user, convention):
        raise Http404
    signable = [
        party
        for party in signatures.parties_of(request.user, convention)
        if convention.state != ConventionState.SIGNED and convention.signature_of(party) is None
    ]
    school_form = SchoolSignatureForm(request.POST or None, initial={"acting_for": convention.principal_name})
    if request.method == "POST":
        party = request.POST.get("party", "")
        if party not in signable:
            raise Http404
        if party == Party.SCHOOL and not school_form.is_valid():
            pass  # shown again with the message, the typed name kept
        else:
            acting_for = school_form.cleaned_data["acting_for"] if party == Party.SCHOOL else ""
            try:
                signatures.sign(convention, party, request.user, SignatureMethod.ACCOUNT, acting_for=acting_for)
            except signatures.CannotSign as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("Votre signature est enregistrée."))
            return redirect("stages:convention", pk=convention.pk)
    context = _context(convention)
    context.update({"signable": [(party, Party(party).label) for party in signable], "school_form": school_form})
    return TemplateResponse(request, "stages/convention_page.html", context)


def convention_sign_link(request, token):
    """A parent signs from the e-mailed link. A wrong, expired, used or stale link: the same page, 404."""
    found = signatures.read_link_token(token)
    if found is None:
        response = TemplateResponse(request, "stages/convention_link_invalid.html", status=404)
    else:
        convention, parent = found
        if request.method == "POST" and request.POST.get("agree") == "1":
            try:
                signatures.sign(convention, Party.PARENT, parent, SignatureMethod.LINK)
            except signatures.CannotSign:
                response = TemplateResponse(request, "stages/convention_link_invalid.html", status=404)
            else:
                response = TemplateResponse(request, "stages/convention_link_done.html", {"convention": convention})
        else:
            context = _context(convention)
            context["error"] = request.method == "POST"
            response = TemplateResponse(request, "stages/convention_link.html", context)
    patch_cache_control(response, private=True, no_store=True)
    return response


@login_required
def week_conventions_zip(request, pk):
    """The signed conventions of a collège's stage week: staff, or a teacher of that collège."""
    week = get_object_or_404(StageWeek, pk=pk)
    if not (is_staff_member(request.user) or access.teacher_schools(request.user).filter(pk=week.school_id).exists()):
        raise Http404
    conventions = Convention.objects.filter(request__week=week, state=ConventionState.SIGNED).select_related(
        "request__pupil__school_class", "request__week__school", "host", "text"
    )
    response = HttpResponse(week_zip(conventions), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="conventions-{week.starts_on:%Y-%m-%d}.zip"'
    return response
