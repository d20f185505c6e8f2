"""A pupil activates their account with their card; a parent answers the consent request.

Identifiers and codes travel in POST bodies only; the consent link carries a signed token and sends the
parent on at once to an address without it. Every page here sends `Cache-Control: private, no-store`.
"""

from django.contrib import messages
from django.contrib.auth import login, password_validation
from django.contrib.auth.models import Group
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import activation, consent, emails
from .access import is_pupil
from .models import AccessCode, ConsentRecord, User
from .pupil_forms import (
    BAD_CODE,
    BAD_PARENT_CODE,
    TOO_MANY,
    ActivationForm,
    ConsentDecisionForm,
    ParentAccountRequestForm,
    ParentCodeForm,
    ParentPasswordForm,
    SelfConsentForm,
)
from .roles import Role
from .throttling import activation_attempts, consent_code_attempts
from .views_spaces import confirm_withdrawal

BACKEND = "accounts.backends.EmailOrIdentifierBackend"
SESSION_CONSENT = "consent_request"
SESSION_ANSWERED = "consent_answered"
SESSION_ACCOUNT = "parent_account_request"
ACCOUNT_SALT = "accounts.parent_account"
ACCOUNT_LINK_MAX_AGE = 3 * 24 * 60 * 60


def _forget_secret_fields(form, *names):
    """Keep what was typed, except the code and passwords, when the form comes back with an error."""
    form.data = form.data.copy()
    for name in names:
        form.data[name] = ""


@never_cache
def activate(request):
    """First login of a pupil: identifier + activation code from the card, then a password of their own."""
    form = ActivationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        identifier = data["identifier"]
        pupil = None
        if activation_attempts.is_blocked(request, identifier):
            form.add_error(None, activation_attempts.refusal(TOO_MANY))
        else:
            access_code = activation.find_code(identifier, data["code"], AccessCode.Purpose.ACTIVATION)
            if access_code is None:
                activation_attempts.failed(request, identifier)
                form.add_error(None, BAD_CODE)
            else:
                try:
                    password_validation.validate_password(data["password1"], user=access_code.pupil)
                except ValidationError as error:
                    form.add_error("password1", error)
                else:
                    pupil = activation.activate(identifier, data["code"], data["password1"], data["email"])
                    if pupil is None:  # used by someone else in the meantime
                        form.add_error(None, BAD_CODE)
        if pupil is not None:
            activation_attempts.succeeded(request, identifier)
            login(request, pupil, backend=BACKEND)
            messages.success(
                request,
                _("Ton compte est activé. La prochaine fois, connecte-toi avec ton identifiant %(identifier)s.")
                % {"identifier": pupil.identifier},
            )
            return HttpResponseRedirect(reverse("accounts:dashboard"))
    # The code stays in its field (the pupil's own screen, never cached): after a password error the pupil
    # does not copy it from the card again, and after a refused code they can see a mistyped letter.
    return render(request, "accounts/activation/activate.html", {"form": form})


# A parent's consent --------------------------------------------------------------------------------
@never_cache
def consent_by_code(request):
    """A parent types the child's identifier and the parent code from the card."""
    form = ParentCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        identifier = form.cleaned_data["identifier"]
        if consent_code_attempts.is_blocked(request, identifier):
            form.add_error(None, consent_code_attempts.refusal(TOO_MANY))
        else:
            access_code = activation.find_code(identifier, form.cleaned_data["code"], AccessCode.Purpose.PARENT_CONSENT)
            if access_code is None:
                consent_code_attempts.failed(request, identifier)
                form.add_error(None, BAD_PARENT_CODE)
            else:
                consent_code_attempts.succeeded(request, identifier)
                request.session[SESSION_CONSENT] = {"pupil": access_code.pupil_id, "method": "code", "parent": None}
                return HttpResponseRedirect(reverse("accounts:consent_decide"))
        _forget_secret_fields(form, "code")
    return render(request, "accounts/consent/by_code.html", {"form": form})


@never_cache
def consent_by_link(request, token):
    """The link emailed to a parent: checked, remembered in the session, then left for a clean address."""
    try:
        pupil_pk, parent_pk = consent.read_link_token(token)
    except signing.SignatureExpired:
        return render(request, "accounts/consent/link_invalid.html", {"expired": True}, status=400)
    except signing.BadSignature:
        return render(request, "accounts/consent/link_invalid.html", {"expired": False}, status=400)
    # The parent must still be linked to that child: a link never opens another child's record.
    if not User.objects.filter(pk=parent_pk, children__pk=pupil_pk, groups__name=Role.PARENT).exists():
        return render(request, "accounts/consent/link_invalid.html", {"expired": False}, status=400)
    request.session[SESSION_CONSENT] = {"pupil": pupil_pk, "method": "link", "parent": parent_pk}
    return HttpResponseRedirect(reverse("accounts:consent_decide"))


def _consent_request(request):
    """(pupil, method, parent) of the consent request opened in this session, or None."""
    data = request.session.get(SESSION_CONSENT)
    if not data:
        return None
    pupil = User.objects.filter(pk=data.get("pupil"), groups__name=Role.PUPIL).first()
    if pupil is None:
        return None
    parent = User.objects.filter(pk=data["parent"]).first() if data.get("parent") else None
    return pupil, data.get("method"), parent


@never_cache
def consent_decide(request):
    """The text a parent reads, then their answer."""
    opened = _consent_request(request)
    if opened is None:
        return HttpResponseRedirect(reverse("accounts:consent_by_code"))
    pupil, method, parent = opened
    initial = {"name": parent.get_full_name()} if parent is not None else {}
    form = ConsentDecisionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        decision = form.cleaned_data["decision"]
        if decision != "given" and consent.has_consent(pupil) and request.POST.get("confirm") != "1":
            hidden = [("name", form.cleaned_data["name"]), ("decision", decision)]
            return confirm_withdrawal(request, pupil, hidden, reverse("accounts:consent_decide"))
        record_method = ConsentRecord.Method.CODE if method == "code" else ConsentRecord.Method.LINK
        with transaction.atomic():
            if method == "code" and not _parent_code_still_valid(pupil):
                del request.session[SESSION_CONSENT]
                messages.error(request, str(BAD_PARENT_CODE))
                return HttpResponseRedirect(reverse("accounts:consent_by_code"))
            if decision == "given":
                entry = consent.record(
                    pupil, decision, record_method, by_user=parent, by_name=form.cleaned_data["name"]
                )
            else:
                entry, _stopped = consent.withdraw(
                    pupil, method=record_method, by_user=parent, by_name=form.cleaned_data["name"]
                )
            if entry is not None and method == "code":
                # The family's address is known: the answer by code is confirmed there, with a way to cancel it.
                consent.confirm_code_answer(entry, request.build_absolute_uri, translation.get_language() or "fr")
        if method == "code":  # the code is spent: the page cannot be answered again
            del request.session[SESSION_CONSENT]
        request.session[SESSION_ANSWERED] = {"pupil": pupil.pk, "decision": decision}
        return HttpResponseRedirect(reverse("accounts:consent_done"))
    return render(
        request,
        "accounts/consent/decide.html",
        {
            "form": form,
            "child_first_name": pupil.first_name,
            "status": consent.status(pupil),
            "text_template": consent.text_template(),
        },
    )


def _parent_code_still_valid(pupil):
    code = (
        AccessCode.objects.select_for_update()
        .filter(pupil=pupil, purpose=AccessCode.Purpose.PARENT_CONSENT, used_at__isnull=True)
        .first()
    )
    return code is not None


@never_cache
def consent_done(request):
    answered = request.session.get(SESSION_ANSWERED)
    if not answered:
        return HttpResponseRedirect(reverse("accounts:consent_by_code"))
    form = ParentAccountRequestForm()
    return render(
        request,
        "accounts/consent/done.html",
        {"given": answered["decision"] == "given", "form": form, "offer_account": not request.user.is_authenticated},
    )


@never_cache
@require_POST
def parent_account_request(request):
    """Send a link to the address the parent typed: the account is created only when it is opened."""
    answered = request.session.get(SESSION_ANSWERED)
    if not answered:
        return HttpResponseRedirect(reverse("accounts:consent_by_code"))
    form = ParentAccountRequestForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "accounts/consent/done.html",
            {
                "given": answered["decision"] == "given",
                "form": form,
                "offer_account": True,
                "language_switch_path": reverse("accounts:consent_done"),
            },
        )
    email = form.cleaned_data["email"].strip().lower()
    token = signing.dumps({"e": email, "p": answered["pupil"]}, salt=ACCOUNT_SALT, compress=True)
    url = request.build_absolute_uri(reverse("accounts:parent_account_link", args=[token]))
    emails.queue_email("accounts/emails/parent_account", {"url": url}, [email])
    # One link per answer: a card cannot be used to send emails to address after address.
    del request.session[SESSION_ANSWERED]
    # The same answer whatever the address: nobody learns whether it already has an account.
    return render(request, "accounts/consent/account_sent.html", {"email": email})


@never_cache
def parent_account_link(request, token):
    try:
        data = signing.loads(token, salt=ACCOUNT_SALT, max_age=ACCOUNT_LINK_MAX_AGE)
        email, pupil_pk = data["e"], int(data["p"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return render(request, "accounts/consent/link_invalid.html", {"expired": False}, status=400)
    request.session[SESSION_ACCOUNT] = {"email": email, "pupil": pupil_pk}
    return HttpResponseRedirect(reverse("accounts:parent_account_create"))


@never_cache
def parent_account_create(request):
    """The parent proved the address is theirs: link the child, and set a password if needed."""
    data = request.session.get(SESSION_ACCOUNT)
    pupil = data and User.objects.filter(pk=data.get("pupil"), groups__name=Role.PUPIL).first()
    if not pupil:
        return HttpResponseRedirect(reverse("accounts:login"))
    account = User.objects.filter(email__iexact=data["email"]).first()
    if account is not None and not _may_be_parent(account):
        del request.session[SESSION_ACCOUNT]
        return render(request, "accounts/consent/account_refused.html", status=400)
    if account is not None and account.has_usable_password():
        account.groups.add(Group.objects.get(name=Role.PARENT))
        account.children.add(pupil)
        del request.session[SESSION_ACCOUNT]
        messages.success(request, _("Votre enfant est rattaché à votre compte. Connectez-vous pour le suivre."))
        return HttpResponseRedirect(reverse("accounts:login"))
    form = ParentPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            if account is None:
                account = User(email=data["email"])
            account.set_password(form.cleaned_data["password1"])
            account.is_active = True
            account.save()
            account.groups.add(Group.objects.get(name=Role.PARENT))
            account.children.add(pupil)
        del request.session[SESSION_ACCOUNT]
        login(request, account, backend=BACKEND)
        messages.success(request, _("Votre compte parent est prêt."))
        return HttpResponseRedirect(reverse("accounts:dashboard"))
    return render(request, "accounts/consent/account_create.html", {"form": form, "email": data["email"]})


def _may_be_parent(account):
    names = set(account.groups.values_list("name", flat=True))
    return names <= {Role.PARENT} and not account.is_staff and not account.is_superuser


# « Ce n'était pas moi » ---------------------------------------------------------------------------
SESSION_CANCEL = "consent_cancel"


@never_cache
def consent_cancel_link(request, token):
    """The link of the e-mail confirming an answer by code: checked, kept in the session, then left for
    an address without it (as the consent link)."""
    try:
        entry_pk, parent_pk = consent.read_cancel_token(token)
    except signing.BadSignature:
        return render(request, "accounts/consent/link_invalid.html", {"expired": False}, status=400)
    request.session[SESSION_CANCEL] = {"entry": entry_pk, "parent": parent_pk}
    return HttpResponseRedirect(reverse("accounts:consent_cancel_answer"))


@never_cache
def consent_cancel_answer(request):
    """The parent reads which answer was given by code, and cancels it with a button (a POST: a mail
    scanner opening the link cancels nothing)."""
    data = request.session.get(SESSION_CANCEL) or {}
    parent = User.objects.filter(pk=data.get("parent"), groups__name=Role.PARENT).first()
    entry = (
        ConsentRecord.objects.select_related("pupil")
        .filter(pk=data.get("entry"), method=ConsentRecord.Method.CODE)
        .first()
    )
    if parent is None or entry is None or not parent.children.filter(pk=entry.pupil_id).exists():
        return render(request, "accounts/consent/link_invalid.html", {"expired": False}, status=400)
    context = {"first_name": entry.pupil.first_name, "entry": entry, "decision": entry.get_decision_display()}
    if request.method == "POST":
        stopped = consent.cancel_answer(entry, parent)
        del request.session[SESSION_CANCEL]
        context.update(done=stopped is not None, stale=stopped is None, stopped=stopped or [])
    elif entry.cancelled_at is not None or consent.latest(entry.pupil) != entry:
        context["stale"] = True
    return render(request, "accounts/consent/cancel.html", context)


# A pupil of 15 or more -------------------------------------------------------------------------------
@never_cache
def my_consent(request):
    """A pupil of 15 or more reads the text and gives or refuses consent themselves."""
    user = request.user
    if not is_pupil(user) or not consent.decides_for_self(user):
        return HttpResponseRedirect(reverse("accounts:dashboard"))
    form = SelfConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decision = form.cleaned_data["decision"]
        if decision == "given":
            consent.record(user, decision, ConsentRecord.Method.SELF, by_user=user)
        elif consent.has_consent(user) and request.POST.get("confirm") != "1":
            return confirm_withdrawal(request, user, [("decision", decision)], request.path, speaks_to_pupil=True)
        else:
            consent.withdraw(user, method=ConsentRecord.Method.SELF, by_user=user)
        messages.success(request, _("Ta réponse est enregistrée."))
        return HttpResponseRedirect(reverse("accounts:dashboard"))
    return render(
        request,
        "accounts/consent/self.html",
        {"form": form, "status": consent.status(user), "text_template": consent.text_template(for_pupil=True)},
    )
