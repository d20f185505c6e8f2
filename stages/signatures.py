"""The convention's life: drawn up when the host accepts (the law checked), signed online by the four
parties, voided by a change of substance, and « Convention signée » by itself at the fourth signature.

Who signs for which party (`parties_of`):

- the host (« accueil »): a member of the convention's host organisation, with their account;
- the collège: a teacher of the pupil's class or staff, acting for the principal, whose name is recorded;
- the pupil: the pupil, with their account;
- the legal representative: a parent of the pupil, with their account or by the signed link e-mailed to
  them (`make_link_token`; works once, expires, and a wrong, used or stale link gets the same answer).

Who reads a convention (`may_read`): those four parties (a collège's side: the class's teachers) and
staff; anyone else gets 404. E-mails go through `accounts.emails.queue_email` once committed.
"""

import hashlib
import json

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

import safeguarding
from accounts import circle
from accounts.access import is_staff_member
from accounts.emails import queue_email

from . import legal
from .models import (
    Convention,
    ConventionEvent,
    ConventionSignature,
    ConventionState,
    ConventionText,
    Party,
    SignatureMethod,
)
from .models.conventions import VOIDING_FIELDS
from .signature_links import LINK_MAX_AGE, LINK_SALT, make_link_token, read_link_token  # noqa: F401 (API)
from .workflow import PlaceDoesNotFit

Action = ConventionEvent.Action


class ConventionRefused(PlaceDoesNotFit):
    """The convention would break a rule of law (messages from stages.legal)."""


class CannotSign(Exception):
    """This person may not sign for this party now (already signed, not theirs, convention signed)."""


def activities_of(place):
    """The activities printed on the convention: the host's description as staff last approved it
    (`Place.texts_for_pupils`, masked by safeguarding), never a later edit waiting for checking."""
    approved = place.texts_for_pupils().get("description")
    return approved if approved else safeguarding.mask(place.description)


def _legal_kind(host):
    return host.legal_kind


def check(convention):
    pupil = convention.request.pupil
    return legal.convention_breaches(
        legal_kind=_legal_kind(convention.host),
        birth_date=pupil.birth_date if pupil else None,
        week_monday=convention.request.week.starts_on,
        first_day=convention.first_day,
        last_day=convention.last_day,
        starts_at=convention.starts_at,
        ends_at=convention.ends_at,
        break_minutes=convention.break_minutes,
        tutor_name=convention.tutor_name,
        tutor_contact=convention.tutor_contact,
    )


def content_of(convention):
    """The signed content, canonical: the text version, its articles and every filled field. The names of
    the principal and of the following teacher come with the collège's signature, so they are not in it:
    the four parties sign the same content."""
    stage_request = convention.request
    pupil = stage_request.pupil
    data = {
        "reference": convention.reference,
        "text_version": convention.text.version,
        "articles": [[a.title, a.body] for a in convention.text.articles.all()],
        "school": stage_request.week.school.name,
        "pupil": [pupil.first_name, pupil.last_name, str(pupil.birth_date or "")] if pupil else [],
        "host": [convention.host.name, convention.host.siret, convention.host.address],
        "days": [str(convention.first_day), str(convention.last_day)],
        "hours": [str(convention.starts_at), str(convention.ends_at), convention.break_minutes],
        "tutor": [convention.tutor_name, convention.tutor_contact],
        "activities": convention.activities,
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def content_hash(convention):
    return hashlib.sha256(content_of(convention).encode()).hexdigest()


def draw_up(stage_request, by=None):
    """The convention of an accepted request, filled from its place and checked against the law.
    Raises ConventionRefused (with every rule broken). Called inside workflow.apply's transaction."""
    existing = Convention.objects.filter(request=stage_request).first()
    if existing is not None:
        return existing
    place = stage_request.place_week.place
    week = stage_request.week
    convention = Convention(
        request=stage_request,
        text=ConventionText.current(),
        reference=f"CS-{week.starts_on:%Y}-{stage_request.pk:06d}",
        host=place.host,
        first_day=week.starts_on,
        last_day=week.ends_on,
        starts_at=place.starts_at,
        ends_at=place.ends_at,
        break_minutes=place.break_minutes or 0,
        tutor_name=place.tutor,
        tutor_contact=place.tutor_contact,
        activities=activities_of(place),
    )
    breaches = check(convention)
    if breaches:
        raise ConventionRefused(" ".join(legal.messages(breaches)))
    convention.content_hash = content_hash(convention)
    convention.save()
    ConventionEvent.objects.create(convention=convention, action=Action.DRAWN, by=by)
    return convention


def change(convention, by, **values):
    """Change the dates, hours, host or tutor (or another filled field). The law is checked again; a
    change of substance after a signature voids every signature and tells everyone. Refused once signed."""
    with transaction.atomic():
        convention = Convention.objects.select_for_update().get(pk=convention.pk)
        if convention.state == ConventionState.SIGNED:
            raise CannotSign(_("La convention est signée par les quatre parties : elle ne change plus."))
        changed = [name for name, value in values.items() if getattr(convention, name) != value]
        for name, value in values.items():
            setattr(convention, name, value)
        breaches = check(convention)
        if breaches:
            raise ConventionRefused(" ".join(legal.messages(breaches)))
        voided = 0
        if set(changed) & set(VOIDING_FIELDS) and convention.valid_signatures().exists():
            reason = _("Modification : %(fields)s") % {
                "fields": ", ".join(str(Convention._meta.get_field(name).verbose_name) for name in changed)
            }
            voided = convention.valid_signatures().update(voided_at=timezone.now(), void_reason=reason[:250])
            convention.revise()
            ConventionEvent.objects.create(convention=convention, action=Action.VOIDED, by=by, detail=reason[:250])
        convention.content_hash = content_hash(convention)
        convention.save()
        if voided:
            pk = convention.pk
            transaction.on_commit(lambda: notify(pk, "convention_voided"))
    return convention


def parties_of(user, convention):
    """The parties `user` may sign for on this convention: a member of its host; the pupil; a parent and a
    teacher of the pupil's class (`accounts.circle`); staff for the collège."""
    if not user.is_authenticated:
        return []
    pupil = convention.request.pupil
    relations = circle.relations_to(user, pupil, circle.SCHOOL) if pupil is not None else frozenset()
    parties = []
    if convention.host.members.filter(pk=user.pk).exists():
        parties.append(Party.HOST)
    if is_staff_member(user) or circle.Relation.TEACHER in relations:
        parties.append(Party.SCHOOL)
    for relation, party in ((circle.Relation.PUPIL, Party.PUPIL), (circle.Relation.PARENT, Party.PARENT)):
        if relation in relations:
            parties.append(party)
    return parties


def may_read(user, convention):
    return bool(user.is_authenticated and (is_staff_member(user) or parties_of(user, convention)))


def stopped_message(convention):
    """Why nobody may sign `convention` any more (the pupil's consent withdrawn or refused, the request
    cancelled), in French; empty when it may still be signed. A signed convention is not « stopped »:
    staff settle it with the family and the collège (`stages.workflow.stop_for_withdrawn_consent`)."""
    from accounts.access import has_consent

    from .models.requests import RequestState

    if convention.state == ConventionState.SIGNED:
        return ""
    pupil = convention.request.pupil
    if pupil is None or not has_consent(pupil):
        return _(
            "L'accord pour les données de l'élève a été retiré : cette convention ne peut plus être signée. "
            "L'équipe de l'association reprend le stage avec la famille et le collège."
        )
    if convention.request.state == RequestState.CANCELLED:
        return _("La demande de stage est annulée : cette convention ne peut plus être signée.")
    return ""


def sign(convention, party, user, method=SignatureMethod.ACCOUNT, acting_for="", signer_name=""):
    """`user` signs for `party`. At the fourth signature the convention is signed and the request moves to
    « Convention signée » (as `user`), in the same transaction. With the parent letter's code
    (`sign_by_code`) there is no account: `user` is None and `signer_name` is the name the parent typed."""
    from .workflow import apply

    with transaction.atomic():
        convention = (
            Convention.objects.select_for_update(of=("self",))
            .select_related("text", "request__pupil")
            .get(pk=convention.pk)
        )
        stopped = stopped_message(convention)
        if stopped:
            raise CannotSign(stopped)
        by_code = user is None and method == SignatureMethod.CODE and party == Party.PARENT
        if not by_code and party not in parties_of(user, convention):
            raise CannotSign(_("Vous ne pouvez pas signer cette convention pour cette partie."))
        if convention.state == ConventionState.SIGNED or convention.signature_of(party) is not None:
            raise CannotSign(_("Cette partie a déjà signé la convention."))
        if party == Party.SCHOOL:
            if not acting_for.strip():
                raise CannotSign(_("Indiquez le nom du chef d'établissement pour qui vous signez."))
            convention.principal_name = acting_for.strip()[:150]
            if not is_staff_member(user) and not convention.teacher_name:
                convention.teacher_name = user.get_full_name()[:150]
        digest = content_hash(convention)
        ConventionSignature.objects.create(
            convention=convention,
            party=party,
            signer=user,
            signer_name=(signer_name.strip() or (user.get_full_name() or user.email or "" if user else ""))[:150],
            acting_for=acting_for.strip()[:150],
            method=method,
            text_version=convention.text.version,
            content_hash=digest,
        )
        convention.sign()
        ConventionEvent.objects.create(convention=convention, action=Action.SIGNED, party=party, by=user)
        completed = convention.valid_signatures().count() == len(Party)
        if completed:
            convention.complete()
            convention.content_hash = digest
            convention.signed_at = timezone.now()
            ConventionEvent.objects.create(convention=convention, action=Action.COMPLETED, by=user)
        convention.save()
        if completed:
            apply(user, convention.request, "sign_convention")
            pk = convention.pk
            transaction.on_commit(lambda: notify(pk, "convention_signed"))
    return convention


def open_by_code(identifier, code):
    """The convention waiting for a legal representative's signature of the pupil with this identifier,
    opened with the parent letter's code (`accounts.activation.find_code`, the consent's code: a code
    already spent on the consent answer still proves the letter is in the family's hands, so it is
    accepted here while it has not expired). None when the code is wrong or expired, when no convention
    waits for the parent, or when it may not be signed any more: the caller answers all alike."""
    from accounts import activation
    from accounts.models import AccessCode

    access_code = activation.find_code(identifier, code, AccessCode.Purpose.PARENT_CONSENT, accept_used=True)
    if access_code is None:
        return None
    signed = ConventionSignature.objects.filter(party=Party.PARENT, voided_at__isnull=True).values("convention")
    convention = (
        Convention.objects.filter(request__pupil_id=access_code.pupil_id)
        .exclude(state=ConventionState.SIGNED)
        .exclude(pk__in=signed)
        .select_related("request__pupil", "request__week__school", "host", "text")
        .order_by("first_day")
        .first()
    )
    if convention is None or stopped_message(convention):
        return None
    return convention


def sign_by_code(convention, signer_name):
    """The legal representative signs with the parent letter's code (opened by `open_by_code`). The
    family's addresses known to the portal are sent a confirmation once committed: a code typed by someone
    else is seen by the family, who tell the collège."""
    convention = sign(convention, Party.PARENT, None, SignatureMethod.CODE, signer_name=signer_name)
    pk = convention.pk
    transaction.on_commit(lambda: confirm_code_signature(pk))
    return convention


def confirm_code_signature(convention_pk):
    """The confirmation of a signature given with the letter's code, to each parent with an address and,
    failing that, nobody (the code's letter went home on paper). Returns the number of e-mails queued."""
    convention = Convention.objects.select_related("request__pupil").filter(pk=convention_pk).first()
    if convention is None or convention.request.pupil is None:
        return 0
    entry = convention.signature_of(Party.PARENT)
    if entry is None:
        return 0
    pupil = convention.request.pupil
    addresses = list(
        dict.fromkeys(
            pupil.parents.filter(email__isnull=False, anonymised_at__isnull=True, is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )
    context = {
        "first_name": pupil.first_name,
        "reference": convention.reference,
        "signer_name": entry.signer_name,
        "signed_at": entry.signed_at,
    }
    for address in addresses:
        queue_email("stages/emails/convention_code_signed", context, [address])
    return len(addresses)


def waiting_for(user):
    """The conventions waiting for `user`'s signature, with the party they would sign for: [(convention, party)]."""
    if not user.is_authenticated:
        return []
    from .models.requests import RequestState

    open_ones = (
        Convention.objects.exclude(state=ConventionState.SIGNED)
        .exclude(request__state=RequestState.CANCELLED)
        .select_related("request__pupil", "host")
    )
    rules = [
        (Party.HOST, {"host__members": user}),
        (Party.PUPIL, {"request__pupil": user}),
        (Party.PARENT, {"request__pupil__parents": user}),
        (Party.SCHOOL, {"request__pupil__school_class__teachers": user}),
    ]
    found = []
    for party, rule in rules:
        signed = ConventionSignature.objects.filter(party=party, voided_at__isnull=True).values("convention")
        for convention in open_ones.filter(**rule).exclude(pk__in=signed).distinct().order_by("first_day")[:100]:
            found.append((convention, party))
    return found


# Who is told -----------------------------------------------------------------------------------------


SIGNING_RELATIONS = (
    (circle.Relation.PUPIL, Party.PUPIL),
    (circle.Relation.PARENT, Party.PARENT),
    (circle.Relation.TEACHER, Party.SCHOOL),
)


def people_of(convention):
    """Everyone who signs or follows the convention, with an e-mail address, each once, with their party: the
    host's members, then the pupil, their parents and their class's teachers (`accounts.circle`)."""
    pupil = convention.request.pupil
    people = [(member, Party.HOST) for member in convention.host.members.all()]
    if pupil is not None:
        for relation, party in SIGNING_RELATIONS:
            people += [(person, party) for person in circle.recipients(pupil, {relation})]
    seen, result = set(), []
    for person, party in people:
        if person.email and person.is_active and person.email not in seen:
            seen.add(person.email)
            result.append((person, party))
    return result


def _url(convention, person, party):
    if party == Party.PARENT:
        return settings.WAGTAILADMIN_BASE_URL + reverse(
            "stages:convention_sign_link", args=[make_link_token(convention, person)]
        )
    return settings.WAGTAILADMIN_BASE_URL + reverse("stages:convention", args=[convention.pk])


def notify(convention_pk, template, only_missing=False):
    """E-mail the people of a convention (`convention_voided`, `convention_signed`, `convention_to_sign`).
    With `only_missing`, only the parties who have not signed yet."""
    convention = Convention.objects.select_related("request__pupil", "host").filter(pk=convention_pk).first()
    if convention is None or convention.request.pupil is None:
        return 0
    signed = set(convention.valid_signatures().values_list("party", flat=True))
    count = 0
    for person, party in people_of(convention):
        if only_missing and party in signed:
            continue
        context = {
            "first_name": convention.request.pupil.first_name,
            "reference": convention.reference,
            "is_pupil": party == Party.PUPIL,
            "url": _url(convention, person, party),
            "days": LINK_MAX_AGE // 86400,
        }
        queue_email(f"stages/emails/{template}", context, [person.email])
        count += 1
    return count


def send_reminders(today=None):
    """Remind whoever has not signed, for conventions whose week has not started. Returns e-mails queued."""
    today = today or timezone.localdate()
    from .models.requests import RequestState

    waiting = (
        Convention.objects.exclude(state=ConventionState.SIGNED)
        .exclude(request__state=RequestState.CANCELLED)  # stopped: nobody signs it any more
        .filter(first_day__gt=today)
    )
    count = 0
    for convention in waiting:
        sent = notify(convention.pk, "convention_to_sign", only_missing=True)
        if sent:
            ConventionEvent.objects.create(convention=convention, action=Action.REMINDED, detail=str(sent))
        count += sent
    return count
