"""Activation of pupils' accounts, class by class, with printed cards.

A teacher (for their own classes) or staff prints the activation sheet of a class: one card per pupil
with the portal's address, the pupil's identifier (random words, never their name), a one-time
activation code and, when a parent's consent is still missing, a second code for the parent.

- Codes are random, shown once (on the printed sheet) and stored as a keyed hash (HMAC with the
  SECRET_KEY): a copy of the database opens no account.
- A pupil has at most one code per purpose (a unique constraint): printing again or regenerating a lost
  card replaces the previous code, which stops working at once. The pupils' rows are locked while codes
  are issued, so two printings at the same moment still leave one valid code each.
- Codes expire after `ACTIVATION_CODE_VALIDITY_DAYS` days (30 by default); an activation code works once.
"""

import datetime
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from .models import AccessCode, SchoolClass, User
from .roles import Role

# Short French words without accents, easy to read aloud and to type on a school keyboard.
WORDS = [
    "abeille",
    "arbre",
    "avion",
    "balle",
    "bateau",
    "biche",
    "bison",
    "bleu",
    "bol",
    "cactus",
    "canard",
    "caramel",
    "castor",
    "cerise",
    "chat",
    "cheval",
    "citron",
    "colibri",
    "comete",
    "corail",
    "crabe",
    "dauphin",
    "domino",
    "dragon",
    "ecureuil",
    "etoile",
    "faucon",
    "fleur",
    "foret",
    "fusee",
    "girafe",
    "glace",
    "gorille",
    "guitare",
    "hibou",
    "igloo",
    "jaguar",
    "jardin",
    "kiwi",
    "koala",
    "lapin",
    "lion",
    "loup",
    "lune",
    "mangue",
    "marmotte",
    "melon",
    "miel",
    "montagne",
    "nuage",
    "ocean",
    "olive",
    "orange",
    "panda",
    "perle",
    "piano",
    "pirate",
    "planete",
    "pomme",
    "prairie",
    "radis",
    "renard",
    "riviere",
    "robot",
    "sable",
    "sapin",
    "soleil",
    "souris",
    "tambour",
    "tigre",
    "tomate",
    "tortue",
    "trefle",
    "tulipe",
    "vague",
    "volcan",
    "zebre",
]
# No 0/O, 1/I/L: a code copied by hand is read back without doubt.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8


def code_validity():
    return datetime.timedelta(days=getattr(settings, "ACTIVATION_CODE_VALIDITY_DAYS", 30))


def normalise_code(text):
    """What the pupil typed, without spaces, dashes or case: « abcd-efgh » is « ABCDEFGH »."""
    return "".join(char for char in (text or "").upper() if char.isalnum())


def format_code(code):
    return f"{code[:4]}-{code[4:]}"


def hash_code(pupil_pk, purpose, code):
    message = f"{pupil_pk}:{purpose}:{normalise_code(code)}"
    return salted_hmac("accounts.access_code", message, algorithm="sha256").hexdigest()


def new_identifier():
    """A fresh identifier such as « tigre-lune-27 », not used by anyone."""
    for _attempt in range(50):
        candidate = f"{secrets.choice(WORDS)}-{secrets.choice(WORDS)}-{secrets.randbelow(90) + 10}"
        if not User.objects.filter(identifier=candidate).exists():
            return candidate
    raise RuntimeError("No free identifier found")  # pragma: no cover - 1 chance in millions


def is_activated(pupil):
    """A pupil's account is activated once they have chosen their password."""
    return pupil.is_active and pupil.has_usable_password()


@dataclass
class Card:
    """What one printed card shows. Codes are in clear here only, on their way to the printer."""

    pupil: User
    identifier: str
    activation_code: str | None = None
    parent_code: str | None = None
    expires_at: datetime.datetime | None = None


def _issue(pupil, purpose, now):
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    AccessCode.objects.update_or_create(
        pupil=pupil,
        purpose=purpose,
        defaults={
            "code_hash": hash_code(pupil.pk, purpose, code),
            "created_at": now,
            "expires_at": now + code_validity(),
            "used_at": None,
        },
    )
    return format_code(code)


def class_pupils(*school_classes):
    """The pupils of one or more classes (not anonymised), by name."""
    return User.objects.filter(
        school_class__in=school_classes, groups__name=Role.PUPIL, anonymised_at__isnull=True
    ).order_by("last_name", "first_name", "pk")


@transaction.atomic
def issue_cards(pupils, *, now=None):
    """New codes for `pupils`, replacing their previous ones; returns one `Card` per pupil.

    An activated pupil gets no activation code (their card only reminds them of their identifier); a
    parent code is issued while the pupil still needs a parent's consent.
    """
    from . import consent

    now = now or timezone.now()
    # Lock the pupils' rows, always in the same order, for the time codes are replaced.
    locked = list(User.objects.select_for_update().filter(pk__in=[p.pk for p in pupils]).order_by("pk"))
    by_pk = {pupil.pk: pupil for pupil in locked}
    cards = []
    for pupil in pupils:
        pupil = by_pk.get(pupil.pk)
        if pupil is None:
            continue
        if not pupil.identifier:
            pupil.identifier = new_identifier()
            pupil.save(update_fields=["identifier"])
        card = Card(pupil=pupil, identifier=pupil.identifier, expires_at=now + code_validity())
        if not is_activated(pupil):
            card.activation_code = _issue(pupil, AccessCode.Purpose.ACTIVATION, now)
        if consent.needs_parent(pupil) and not consent.has_consent(pupil):
            card.parent_code = _issue(pupil, AccessCode.Purpose.PARENT_CONSENT, now)
        else:
            AccessCode.objects.filter(pupil=pupil, purpose=AccessCode.Purpose.PARENT_CONSENT).delete()
        cards.append(card)
    return cards


def print_class(school_class: SchoolClass, *, now=None):
    """The cards of every pupil of the class, with fresh codes."""
    return issue_cards(list(class_pupils(school_class)), now=now)


def find_code(identifier, code, purpose, *, now=None, lock=False, accept_used=False):
    """The unused, unexpired code of this purpose for the pupil with this identifier, or None. With
    `accept_used`, a code already spent still counts while it has not expired (the parent letter's code
    also signs the stage convention after serving for the consent answer, `stages.signatures.open_by_code`).

    Whatever is wrong (unknown identifier, wrong, expired or used code), the answer is the same None,
    so the caller shows one message and nobody learns whether an identifier exists.
    """
    now = now or timezone.now()
    identifier = (identifier or "").strip().lower()
    if not identifier or len(normalise_code(code)) != CODE_LENGTH:
        return None
    queryset = AccessCode.objects.select_related("pupil").filter(
        pupil__identifier=identifier, pupil__groups__name=Role.PUPIL, purpose=purpose
    )
    if lock:
        queryset = queryset.select_for_update(of=("self",))
    access_code = queryset.first()
    if access_code is None:
        return None
    expected = hash_code(access_code.pupil_id, purpose, code)
    if not constant_time_compare(expected, access_code.code_hash):
        return None
    if (access_code.used_at is not None and not accept_used) or access_code.expires_at <= now:
        return None
    return access_code


@transaction.atomic
def activate(identifier, code, password, email=None, *, now=None):
    """Spend the activation code and set the pupil's password; returns the pupil, or None if the code
    is not (or no longer) valid. The code row is locked: the same card used twice at once activates once."""
    now = now or timezone.now()
    access_code = find_code(identifier, code, AccessCode.Purpose.ACTIVATION, now=now, lock=True)
    if access_code is None:
        return None
    access_code.used_at = now
    access_code.save(update_fields=["used_at"])
    pupil = access_code.pupil
    pupil.set_password(password)
    pupil.is_active = True
    pupil.activated_at = now
    if email and not User.objects.filter(email__iexact=email).exclude(pk=pupil.pk).exists():
        pupil.email = email  # an address another account holds is left out, and the answer is the same
    pupil.save()
    return pupil


def purge_unused_codes(*, now=None):
    """Delete codes that were used or have expired: they can open nothing any more. Returns the count."""
    from django.db.models import Q

    now = now or timezone.now()
    deleted, _ = AccessCode.objects.filter(Q(used_at__isnull=False) | Q(expires_at__lte=now)).delete()
    return deleted
