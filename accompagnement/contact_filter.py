"""Finds contact details in a volunteer's comment, so that it is held for staff instead of being shown:
there is no private channel between an adult and a pupil.

What is caught, and how:

- phone numbers: Google's libphonenumber (`phonenumbers`, region FR, « valid » numbers: 06 12 34 56 78,
  06.12.34.56.78, 0612345678, +33 6 12 34 56 78, 0033…, (0)6…), plus a run of 10 or more digits
  separated only by spaces, dots or dashes that starts like a French number (« 0 6 1 2 3 4 5 6 7 8 »);
- e-mail addresses, also written « prenom arobase gmail point com » or « prenom [at] gmail.com »;
- social-media handles (« @lina_93 ») and the names of messaging apps where a private conversation
  could start (Snapchat, WhatsApp, Instagram, TikTok, Telegram, Discord, Messenger, Facebook);
- links: http(s)://…, www.…, and bare domains with a common ending (monsite.fr, bit.ly/…).

Dates (12/03/2026), school years (2025-2026), ages, class names and times pass: see
tests/test_accompagnement_contact_filter.py for the sentences that must pass.
"""

import re

from django.utils.translation import gettext_lazy as _

import phonenumbers

PHONE, EMAIL, HANDLE, LINK = "phone", "email", "handle", "link"
LABELS = {
    PHONE: _("un numéro de téléphone"),
    EMAIL: _("une adresse e-mail"),
    HANDLE: _("un compte de réseau social ou de messagerie"),
    LINK: _("un lien"),
}

DIGIT_RUN = re.compile(r"(?<!\d)(?:\+\s?33|0)(?:[\s.\-]*\d){9,}")
EMAIL_RE = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+", re.UNICODE)
SPELLED_EMAIL = re.compile(
    r"\b[\w.\-]+\s*(?:\(|\[|\{)?\s*(?:arobase|at)\s*(?:\)|\]|\})?\s*[\w\-]+\s*(?:\.|point|dot)\s*(?:com|fr|net|org)\b",
    re.IGNORECASE,
)
HANDLE_RE = re.compile(r"(?<![\w.@])@[A-Za-z0-9_.]{2,30}")
APPS = re.compile(
    r"\b(?:snap(?:chat)?|whats\s?app|insta(?:gram)?|tik\s?tok|telegram|discord|messenger|facebook|fb)\b",
    re.IGNORECASE,
)
LINK_RE = re.compile(
    r"(?:https?://|www\.)\S+|\b[a-z0-9\-]{2,}\.(?:fr|com|net|org|io|me|be|gg|ly|co|info|app|link)(?:/\S*)?\b",
    re.IGNORECASE,
)


def _has_phone(text):
    if any(True for _match in phonenumbers.PhoneNumberMatcher(text, "FR", leniency=phonenumbers.Leniency.VALID)):
        return True
    return bool(DIGIT_RUN.search(text))


def find_contact_details(text):
    """The kinds of contact details found in `text` (a set of PHONE, EMAIL, HANDLE, LINK); empty if none."""
    text = text or ""
    found = set()
    if _has_phone(text):
        found.add(PHONE)
    if EMAIL_RE.search(text) or SPELLED_EMAIL.search(text):
        found.add(EMAIL)
    without_emails = EMAIL_RE.sub(" ", text)
    if HANDLE_RE.search(without_emails) or APPS.search(text):
        found.add(HANDLE)
    if LINK_RE.search(without_emails):
        found.add(LINK)
    return found


def describe(kinds):
    """« un numéro de téléphone, un lien » for the staff queue and the volunteer's message."""
    return ", ".join(str(LABELS[kind]) for kind in (PHONE, EMAIL, HANDLE, LINK) if kind in kinds)
