"""Safeguarding between adults and minors: the one module every text one side writes and the other reads
goes through (a pupil's CV and letters, a volunteer's comments and suggestions, a stage request's
motivation, a host's refusal reason, appreciation and place, a workshop's feedback to its leader, any
future free text). There is no private channel between an adult and a pupil on the portal.

It sits beside `accounts`: it imports only `home` (text folding) and kept libraries, so `accounts` and
every content app may import it without breaking the one-way dependencies.

The text is normalised first (`normalise`: Unicode NFKC, look-alike letters of other scripts from the
Unicode confusables table, zero-width characters and separators, digits written as letters, letters
spaced out), then contact details are looked for (`detect`: phone numbers, also in French or English words;
e-mail addresses, also disguised; handles and messaging apps; links; street addresses).

What to do with what is found depends on who wrote it (`policy`):
- a pupil: the text is kept and held for staff (never shown as is to the adult), and the pupil is told in
  plain words what was found and why (`explain_to_pupil`); the CV and letters, which the pupil corrects
  step by step, refuse the step instead (`accompagnement.pupil_text`);
- an adult: the form refuses it with a plain message (`adult_errors`, `validate_adult_text`), or a
  volunteer's comment is held for staff;
- the reader always reads `mask(text)`: each piece replaced by « [coordonnées masquées] », so a text saved
  before a check existed leaks nothing either.

API: `find(text)` → [Found(start, end, kind, text)], `kinds(text)` → {PHONE, EMAIL, …}, `mask(text)`,
`describe(kinds)` → « un numéro de téléphone, un lien », `explain_to_pupil(kinds)`, `adult_errors(text)`,
`validate_adult_text(text)` (a form field validator), `held_reason(kinds)`.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .detect import ADDRESS, EMAIL, HANDLE, KINDS, LABELS, LINK, MASK, PHONE, Found, describe, find, mask
from .detect import find_contact_details as kinds

__all__ = [
    "ADDRESS",
    "EMAIL",
    "HANDLE",
    "KINDS",
    "LABELS",
    "LINK",
    "MASK",
    "PHONE",
    "Found",
    "adult_errors",
    "describe",
    "explain_to_pupil",
    "find",
    "held_reason",
    "kinds",
    "mask",
    "validate_adult_text",
]

# What a pupil wrote, named for them.
PUPIL_WHAT = {
    PHONE: gettext_lazy("un numéro de téléphone"),
    EMAIL: gettext_lazy("une adresse e-mail"),
    HANDLE: gettext_lazy("un pseudo ou le nom d'une appli pour discuter (Snapchat, Instagram, WhatsApp…)"),
    LINK: gettext_lazy("l'adresse d'un site ou d'un profil (un lien)"),
    ADDRESS: gettext_lazy("une adresse (rue, code postal)"),
}


def explain_to_pupil(found_kinds):
    """The plain words told to a pupil whose text is held: what was found, that the adult will not see it,
    that staff read it first. "" when nothing was found."""
    if not found_kinds:
        return ""
    what = ", ".join(str(PUPIL_WHAT[kind]) for kind in KINDS if kind in found_kinds)
    return _(
        "Ton texte est bien enregistré, mais il contient %(what)s. Sur le portail, les adultes ne te "
        "contactent jamais en dehors du portail : ces informations sont cachées à l'adulte qui le lit, et "
        "l'équipe de l'association relit ton texte. Tu peux l'enlever toi-même en modifiant ton texte."
    ) % {"what": what}


def held_reason(found_kinds):
    """« Contient un numéro de téléphone. », for staff's queue."""
    return _("Contient %(what)s.") % {"what": describe(found_kinds)}


def adult_errors(text):
    """The messages refusing `text` written by an adult for a pupil to read; empty when it may be saved."""
    found = kinds(text)
    if not found:
        return []
    return [
        _(
            "Ce texte sera lu par un élève mineur : il ne doit pas contenir %(what)s. Les échanges avec les "
            "élèves passent par le portail et par l'équipe de l'association. Votre texte est gardé ci-dessous."
        )
        % {"what": describe(found)}
    ]


def validate_adult_text(text):
    """A form field validator for a text an adult writes and a pupil reads."""
    errors = adult_errors(text)
    if errors:
        raise ValidationError([ValidationError(message, code="contact_details") for message in errors])
