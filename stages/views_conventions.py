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


DATE_ERRORS = {
    "required": gettext_lazy("Indiquez une date, par exemple 07/12/2026."),
    "invalid": gettext_lazy("Cette date n'est pas valide : écrivez-la par exemple 07/12/2026."),
}
TIME_ERRORS = {
    "required": gettext_lazy("Indiquez une heure, par exemple 09:00."),
    "invalid": gettext_lazy("Cette heure n'est pas valide : écrivez-la par exemple 09:00 ou 16:30."),
}
# Which field shows a rule of stages.legal that the change breaks.
BREACH_FIELDS = {
    "days": "last_day",
    "daily": "ends_at",
    "weekly": "ends_at",
    "night": "ends_at",
    "break": "break_minutes",
    "tutor": "tutor_name",
    "tutor_contact": "tutor_contact",
}


class ConventionChangeForm(forms.ModelForm):
    """Dates, hours and tutor, for staff and the host's members while the convention is not signed. After
    a signature, saving a change voids the signatures (stages.signatures.change)."""

    class Meta:
        model = Convention
        fields = ["first_day", "last_day", "starts_at", "ends_at", "break_minutes", "tutor_name", "tutor_contact"]
        widgets = {
            "first_day": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "last_day": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "starts_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "ends_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "break_minutes": forms.NumberInput(attrs={"inputmode": "numeric"}),
        }
        error_messages = {
            "first_day": DATE_ERRORS,
            "last_day": DATE_ERRORS,
            "starts_at": TIME_ERRORS,
            "ends_at": TIME_ERRORS,
            "break_minutes": {
                "required": gettext_lazy("Indiquez la durée de la pause en minutes, par exemple 45."),
                "invalid": gettext_lazy("Indiquez la durée de la pause en minutes, par exemple 45."),
                "min_value": gettext_lazy("La pause ne peut pas être négative."),
            },
            "tutor_name": {
                "required": gettext_lazy("Indiquez le tuteur ou la tutrice de l'élève."),
                "max_length": gettext_lazy("C'est trop long : %(limit_value)d caractères au plus."),
            },
            "tutor_contact": {
                "required": gettext_lazy("Indiquez un téléphone ou un e-mail pour joindre le tuteur."),
                "max_length": gettext_lazy("C'est trop long : %(limit_value)d caractères au plus."),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("first_day", "last_day"):
            self.fields[name].input_formats = ["%Y-%m-%d", "%d/%m/%Y"]

    def save_change(self, by):
        """Apply through stages.signatures.change; a rule broken is shown on its field, the input kept."""
        values = {name: self.cleaned_data[name] for name in self.Meta.fields}
        original = Convention.objects.get(pk=self.instance.pk)
        try:
            return signatures.change(original, by, **values)
        except signatures.ConventionRefused:
            candidate = Convention.objects.get(pk=self.instance.pk)
            for name, value in values.items():
                setattr(candidate, name, value)
            for breach in signatures.check(candidate):
                self.add_error(BREACH_FIELDS.get(breach.rule), breach.message)
            return None


def may_change(user, convention):
    return convention.state != ConventionState.SIGNED and (
        is_staff_member(user) or convention.host.members.filter(pk=user.pk).exists()
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
    stopped = signatures.stopped_message(convention)
    signable = [
        party
        for party in signatures.parties_of(request.user, convention)
        if not stopped and convention.state != ConventionState.SIGNED and convention.signature_of(party) is None
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
    context.update(
        {
            "signable": [(party, Party(party).label) for party in signable],
            "school_form": school_form,
            "stopped": stopped,
        }
    )
    if may_change(request.user, convention):
        context["change_form"] = ConventionChangeForm(instance=convention)
    return TemplateResponse(request, "stages/convention_page.html", context)


@login_required
def convention_change(request, pk):
    """Staff or the host's members change the dates, hours or tutor; after a signature, everyone signs again."""
    convention = _convention(pk)
    if not signatures.may_read(request.user, convention) or not may_change(request.user, convention):
        raise Http404
    form = ConventionChangeForm(request.POST or None, instance=convention)
    if request.method == "POST" and form.is_valid():
        had_signatures = convention.valid_signatures().exists()
        try:
            changed = form.save_change(request.user)
        except signatures.CannotSign as error:
            messages.error(request, str(error))
            return redirect("stages:convention", pk=convention.pk)
        if changed is not None:
            if had_signatures and not changed.valid_signatures().exists():
                messages.warning(
                    request, _("La convention a changé : les signatures sont annulées et chacun a été prévenu.")
                )
            else:
                messages.success(request, _("La convention est modifiée."))
            return redirect("stages:convention", pk=convention.pk)
    context = _context(convention)
    context["change_form"] = form
    return TemplateResponse(request, "stages/convention_change.html", context)


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


# The legal representative without an account: the parent letter's code ---------------------------------
SESSION_CODE = "convention_by_code"


class CodeSignatureForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Vos prénom et nom"),
        max_length=150,
        error_messages={
            "required": gettext_lazy("Indiquez vos prénom et nom : ils figurent sur la convention signée."),
            "max_length": gettext_lazy("C'est trop long : %(limit_value)d caractères au plus."),
        },
    )
    agree = forms.BooleanField(
        label=gettext_lazy("J'ai lu la convention et je la signe comme représentant légal."),
        error_messages={"required": gettext_lazy("Cochez la case pour signer.")},
    )


def _private(response):
    patch_cache_control(response, private=True, no_store=True)
    return response


def convention_sign_code(request):
    """A parent without an account types the child's identifier and the code of the parent letter (the
    consent's code, `accounts`' checking and throttling). A wrong, expired code, or no convention waiting
    for the parent, gets one answer. Nothing of it goes into the URL: the opened convention is kept in the
    session, and the code is never shown again."""
    from accounts.pupil_forms import BAD_PARENT_CODE, TOO_MANY, ParentCodeForm
    from accounts.throttling import consent_code_attempts

    form = ParentCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        identifier = form.cleaned_data["identifier"]
        if consent_code_attempts.is_blocked(request, identifier):
            form.add_error(None, consent_code_attempts.refusal(TOO_MANY))
        else:
            convention = signatures.open_by_code(identifier, form.cleaned_data["code"])
            if convention is None:
                consent_code_attempts.failed(request, identifier)
                form.add_error(None, BAD_PARENT_CODE)
            else:
                consent_code_attempts.succeeded(request, identifier)
                request.session[SESSION_CODE] = {"c": convention.pk, "p": convention.request.pupil_id}
                return _private(redirect("stages:convention_sign_code_confirm"))
        form.data = form.data.copy()
        form.data["code"] = ""
    return _private(TemplateResponse(request, "stages/convention_code.html", {"form": form}))


def convention_sign_code_confirm(request):
    """The convention opened with the code: read, then signed with the parent's name and a tick."""
    opened = request.session.get(SESSION_CODE) or {}
    convention = (
        Convention.objects.select_related("request__pupil__school_class", "request__week__school", "host", "text")
        .filter(pk=opened.get("c"), request__pupil_id=opened.get("p"))
        .first()
    )
    if convention is None or signatures.stopped_message(convention) or convention.signature_of(Party.PARENT):
        request.session.pop(SESSION_CODE, None)
        return _private(TemplateResponse(request, "stages/convention_link_invalid.html", status=404))
    form = CodeSignatureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            signatures.sign_by_code(convention, form.cleaned_data["name"])
        except signatures.CannotSign:
            response = TemplateResponse(request, "stages/convention_link_invalid.html", status=404)
        else:
            response = TemplateResponse(request, "stages/convention_link_done.html", {"convention": convention})
        request.session.pop(SESSION_CODE, None)
        return _private(response)
    context = _context(convention)
    context["form"] = form
    return _private(TemplateResponse(request, "stages/convention_code_confirm.html", context))


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
