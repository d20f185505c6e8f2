"""Consent to the processing of a pupil's personal data (RGPD art. 8, loi Informatique et Libertés art. 45).

Under 15, a parent decides; from 15, the pupil decides for themselves (a parent's earlier agreement
still counts). A birth date that is not known counts as under 15.

Every decision is a `ConsentRecord` (who, when, which version of the text, how), added and never
changed: the latest one is the pupil's status. See `accounts.access` for what each status allows.

The text a parent reads is a template per version (`accounts/consent/text_<version>.html`, and
`text_<version>_pupil.html`, the same words addressed to a pupil of 15+): change the text by adding new
templates and moving `TEXT_VERSION`, so that each record keeps pointing at the words that were read.
"""

import datetime

from django.core import signing
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import AccessCode, ConsentRecord

TEXT_VERSION = "2026-11"
AGE_OF_DIGITAL_CONSENT = 15
LINK_SALT = "accounts.consent_link"
LINK_MAX_AGE = 60 * 60 * 24 * 30  # a link received by email works for 30 days


class Status(models.TextChoices):
    PENDING = "pending", _("En attente de l'accord d'un parent")
    PENDING_SELF = "pending_self", _("En attente de ton accord")
    GIVEN = "given", _("Accord donné")
    REFUSED = "refused", _("Accord refusé")
    WITHDRAWN = "withdrawn", _("Accord retiré")


def text_template(version=TEXT_VERSION, *, for_pupil=False):
    """The text of `version`: addressed to a parent (« vous », « votre enfant »), or with `for_pupil` the
    same text addressed to a pupil of 15+ who decides alone (« tu »)."""
    return f"accounts/consent/text_{version}{'_pupil' if for_pupil else ''}.html"


def age(pupil, today=None):
    if pupil.birth_date is None:
        return None
    today = today or timezone.localdate()
    born = pupil.birth_date
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def decides_for_self(pupil, today=None):
    """Pupils of 15 and over give or refuse their consent themselves."""
    years = age(pupil, today)
    return years is not None and years >= AGE_OF_DIGITAL_CONSENT


def needs_parent(pupil, today=None):
    return not decides_for_self(pupil, today)


def latest(pupil):
    """The pupil's latest decision, or None. Uses a prefetched `consent_records` list when there is one."""
    cache = getattr(pupil, "_prefetched_objects_cache", {})
    if "consent_records" in cache:
        records = [record for record in cache["consent_records"] if record.cancelled_at is None]
        records.sort(key=lambda record: (record.created_at, record.pk), reverse=True)
        return records[0] if records else None
    return pupil.consent_records.filter(cancelled_at__isnull=True).order_by("-created_at", "-pk").first()


def status(pupil, today=None):
    record = latest(pupil)
    if record is None:
        return Status.PENDING_SELF if decides_for_self(pupil, today) else Status.PENDING
    return Status(record.decision)


SCHOOL_HOURS = (datetime.time(8, 0), datetime.time(17, 30))


def given_in_school_hours(entry):
    """Whether an answer by the parent letter's code was given on a school day (Monday to Friday)
    between 8:00 and 17:30: a pupil may have typed it at school. The teacher sees it flagged and may ask
    the family again; nothing else is inferred (no address is kept)."""
    if entry is None or entry.method != ConsentRecord.Method.CODE:
        return False
    when = timezone.localtime(entry.created_at)
    return when.weekday() < 5 and SCHOOL_HOURS[0] <= when.time() < SCHOOL_HOURS[1]


def has_consent(pupil):
    record = latest(pupil)
    return record is not None and record.decision == ConsentRecord.Decision.GIVEN


def record(pupil, decision, method, *, by_user=None, by_name="", version=TEXT_VERSION):
    """Add a decision. Refusing after agreeing is a withdrawal. A parent code that served for it is
    spent: it cannot be used again."""
    if decision == ConsentRecord.Decision.REFUSED and has_consent(pupil):
        decision = ConsentRecord.Decision.WITHDRAWN
    if by_user is not None and not by_name:
        by_name = by_user.get_full_name() or by_user.email or ""
    entry = ConsentRecord.objects.create(
        pupil=pupil,
        decision=decision,
        method=method,
        text_version=version,
        decided_by=by_user,
        decided_by_name=by_name[:150],
    )
    if method == ConsentRecord.Method.CODE:
        AccessCode.objects.filter(pupil=pupil, purpose=AccessCode.Purpose.PARENT_CONSENT).update(used_at=timezone.now())
    return entry


# Signed links -----------------------------------------------------------------------------------------
def make_link_token(pupil, parent):
    """A signed token for the consent link emailed to `parent` about `pupil` (no code, no name in it)."""
    return signing.dumps({"p": pupil.pk, "r": parent.pk}, salt=LINK_SALT, compress=True)


def read_link_token(token):
    """(pupil_pk, parent_pk) of a valid token; raises `signing.BadSignature` (or `SignatureExpired`)."""
    data = signing.loads(token, salt=LINK_SALT, max_age=LINK_MAX_AGE)
    try:
        return int(data["p"]), int(data["r"])
    except (KeyError, TypeError, ValueError) as error:
        raise signing.BadSignature from error


def link_max_age_days():
    return datetime.timedelta(seconds=LINK_MAX_AGE).days


def send_requests(pupils, build_absolute_uri):
    """Email each parent with an address a consent link for each pupil still waiting for a parent's
    answer (through the task queue). Returns the number of emails queued."""
    from django.urls import reverse

    from . import emails

    sent = 0
    for pupil in pupils:
        if not needs_parent(pupil) or latest(pupil) is not None:
            continue
        for parent in pupil.parents.filter(email__isnull=False, anonymised_at__isnull=True):
            url = build_absolute_uri(reverse("accounts:consent_by_link", args=[make_link_token(pupil, parent)]))
            context = {"first_name": pupil.first_name, "url": url, "days": link_max_age_days()}
            emails.queue_email("accounts/emails/consent_request", context, [parent.email])
            sent += 1
    return sent


# Refusal and withdrawal ---------------------------------------------------------------------------
def what_stops(pupil):
    """What withdrawing now would stop for `pupil`, app by app (the confirmation page's list). The same
    hook functions stop those things in `withdraw`."""
    from . import extensions

    return extensions.consent_withdrawn(pupil, dry_run=True)


def withdraw(pupil, *, method, by_user=None, by_name="", decision=ConsentRecord.Decision.REFUSED):
    """Refuse or withdraw consent for `pupil`, and stop in the same transaction what every app does for
    them (`accounts_consent_withdrawn` hooks). Every path calls this: a parent's page, the emailed link,
    the parent letter's code, the pupil of 15+, staff with a paper form.

    The pupil's row is locked first, as a sign-up locks it (`ateliers.booking`): a sign-up running at
    the same moment either commits before (and its seat is cancelled here) or waits and then finds no
    consent. A replay (consent already refused or withdrawn) adds no decision and tells nobody again,
    but still runs the hooks, so nothing can be left behind. Returns `(record or None, stopped)`.
    Teacher, staff and the family are e-mailed after the commit; the family's receipt is written in the
    language active now (the one the family read the confirmation in).
    """
    from django.db import transaction
    from django.utils import translation

    from . import extensions
    from .models import User

    with transaction.atomic():
        User.objects.select_for_update().filter(pk=pupil.pk).first()
        getattr(pupil, "_prefetched_objects_cache", {}).pop("consent_records", None)
        entry = None
        current = latest(pupil)
        if current is None or current.decision == ConsentRecord.Decision.GIVEN:
            entry = record(pupil, decision, method, by_user=by_user, by_name=by_name)
        stopped = extensions.consent_withdrawn(pupil, dry_run=False, by=by_user)
        if entry is not None:
            language = translation.get_language() or "fr"
            transaction.on_commit(lambda: _tell_withdrawal(pupil, entry, stopped, language))
    return entry, stopped


def _tell_withdrawal(pupil, entry, stopped, language):
    """The family's receipt (what stopped), and the teacher's and staff's e-mails (French)."""
    from django.conf import settings
    from django.urls import reverse

    from . import circle, emails

    family = [parent.email for parent in pupil.parents.filter(email__isnull=False, anonymised_at__isnull=True)]
    if pupil.email:
        family.append(pupil.email)
    context = {
        "first_name": pupil.first_name,
        "entry": entry,
        "withdrawn": entry.decision == ConsentRecord.Decision.WITHDRAWN,
        "stopped": stopped,
        "url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("accounts:dashboard"),
    }
    for address in dict.fromkeys(family):
        emails.queue_email("accounts/emails/consent_receipt", context, [address], language=language)
    if entry.decision != ConsentRecord.Decision.WITHDRAWN:
        return  # a first refusal stops nothing that anyone else was counting on
    school_class = pupil.school_class
    staff_context = {**context, "school_class": school_class, "full_name": pupil.get_full_name()}
    for person in circle.recipients(pupil, {circle.Relation.TEACHER, circle.Relation.STAFF}):
        emails.queue_email("accounts/emails/consent_withdrawn_staff", staff_context, [person.email])


# « Ce n'était pas moi »: an answer given with the letter's code, confirmed to the family's address ---------
CANCEL_SALT = "accounts.consent_cancel"
CANCEL_MAX_AGE = 60 * 60 * 24 * 30


def make_cancel_token(entry, parent):
    """A signed token to cancel `entry` (an answer by code), sent to `parent` only (no code, no name)."""
    return signing.dumps({"c": entry.pk, "r": parent.pk}, salt=CANCEL_SALT, compress=True)


def read_cancel_token(token):
    data = signing.loads(token, salt=CANCEL_SALT, max_age=CANCEL_MAX_AGE)
    try:
        return int(data["c"]), int(data["r"])
    except (KeyError, TypeError, ValueError) as error:
        raise signing.BadSignature from error


def confirm_code_answer(entry, build_absolute_uri, language="fr"):
    """When the family's address is known, an answer given with the parent letter's code is confirmed to
    each parent with an address, with a « ce n'était pas moi » link that cancels it (queued after the
    commit). Returns the number of e-mails queued."""
    from django.db import transaction
    from django.urls import reverse

    from . import emails

    parents = list(entry.pupil.parents.filter(email__isnull=False, anonymised_at__isnull=True))
    for parent in parents:
        url = build_absolute_uri(reverse("accounts:consent_cancel", args=[make_cancel_token(entry, parent)]))
        context = {
            "first_name": entry.pupil.first_name,
            "entry": entry,
            "given": entry.decision == ConsentRecord.Decision.GIVEN,
            "url": url,
            "days": CANCEL_MAX_AGE // 86400,
        }
        transaction.on_commit(
            lambda context=context, address=parent.email: emails.queue_email(
                "accounts/emails/consent_code_answer", context, [address], language=language
            )
        )
    return len(parents)


def cancel_answer(entry, parent):
    """« Ce n'était pas moi »: `entry` no longer counts. If it was an agreement, everything it allowed
    stops as for a withdrawal (the same hooks); the parent is sent a fresh consent link. Returns the list
    of what stopped, or None when the answer was already cancelled or is no longer the latest."""
    from django.db import transaction
    from django.utils import translation

    from . import extensions
    from .models import User

    with transaction.atomic():
        User.objects.select_for_update().filter(pk=entry.pupil_id).first()
        entry = ConsentRecord.objects.select_for_update().get(pk=entry.pk)
        if entry.cancelled_at is not None or latest(entry.pupil) != entry:
            return None
        entry.cancelled_at = timezone.now()
        entry.save(update_fields=["cancelled_at"])
        pupil = entry.pupil
        getattr(pupil, "_prefetched_objects_cache", {}).pop("consent_records", None)
        stopped = []
        if not has_consent(pupil):
            stopped = extensions.consent_withdrawn(pupil, dry_run=False, by=parent)
        language = translation.get_language() or "fr"
        transaction.on_commit(lambda: _send_fresh_link(pupil, parent, language))
    return stopped


def _send_fresh_link(pupil, parent, language):
    from django.conf import settings
    from django.urls import reverse

    from . import emails

    if not parent.email:
        return
    url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "accounts:consent_by_link", args=[make_link_token(pupil, parent)]
    )
    context = {"first_name": pupil.first_name, "url": url, "days": link_max_age_days()}
    emails.queue_email("accounts/emails/consent_request", context, [parent.email], language=language)
