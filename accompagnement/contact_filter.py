"""Finds contact details in a text of the CV help: a volunteer's comment (held for staff instead of being
shown) and the pupil's own CV and letters (refused when saved, masked for the volunteer in older versions):
there is no private channel between an adult and a pupil.

What is caught, and how:

- phone numbers: Google's libphonenumber (`phonenumbers`, region FR, « valid » numbers: 06 12 34 56 78,
  06.12.34.56.78, 0612345678, +33 6 12 34 56 78, 0033…, (0)6…), plus a run of 10 or more digits
  separated only by spaces, dots or dashes that starts like a French number (« 0 6 1 2 3 4 5 6 7 8 »),
  and a number spelt in words, alone or with digits (« zéro six douze trente-quatre… », `spelled_phone`);
- e-mail addresses, also in disguise: « prenom arobase gmail point com », « prenom [at] gmail [dot] com »,
  « (at) », « {at} », « @ » with spaces, « at » before a mail domain (« ines at gmail »), « gmail . com »;
- social-media handles (« @lina_93 », « pseudo : lina_93 ») and the names of messaging apps where a
  private conversation could start (Snapchat, WhatsApp, Instagram, TikTok, Telegram, Discord, Messenger,
  Facebook), with the name written after them (« snap: lina_93 »);
- links: http(s)://…, www.…, and bare domains with a common ending (monsite.fr, bit.ly/…);
- street addresses: a number and a kind of street (« 12 rue de la Paix », « 3 bis avenue… », « 5 bd… »,
  « 8 allée… »), « j'habite rue… », and a postcode followed by a town (« 93200 Saint-Denis »). A town with
  its postcode in brackets (« Saint-Denis (93200) ») passes: it says no more than the collège's town.

Dates (12/03/2026), school years (2025-2026), ages, class names (3e B), times and durations pass: see
tests/test_accompagnement_contact_filter.py for the sentences that must pass (« bon at maths », « point de
vue », « j'ai quinze ans », « le vingt-deux mars » among them). The volunteer reads each piece, or pieces
side by side (« insta @inesdz »), as one « [coordonnées masquées] ».
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

import phonenumbers

from . import spelled_phone

PHONE, EMAIL, HANDLE, LINK, ADDRESS = "phone", "email", "handle", "link", "address"
KINDS = (PHONE, EMAIL, HANDLE, LINK, ADDRESS)
LABELS = {
    PHONE: _("un numéro de téléphone"),
    EMAIL: _("une adresse e-mail"),
    HANDLE: _("un compte de réseau social ou de messagerie"),
    LINK: _("un lien"),
    ADDRESS: _("une adresse postale"),
}
MASK = _("[coordonnées masquées]")
MASK_JOIN = re.compile(r"[\s:=\-–]*")

DIGIT_RUN = re.compile(r"(?<!\d)(?:\+\s?33|0)(?:[\s.\-]*\d){9,}")
# Each starts only where a run of name characters starts: tried from every letter of « a.a.a.a… », the
# search was quadratic (16 s for 20,000 characters).
EMAIL_RE = re.compile(r"(?<![\w.+\-])[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+", re.UNICODE)
# E-mail addresses in disguise. An « at » sign: « arobase », « [at] », « (at) », « {at} », « (@) », or « @ »
# with spaces; a dot: « . » with spaces, « point », « dot », « [dot] », « (point) ». A bare « @ » with spaces
# or the English word « at » is an e-mail only before a known mail domain or a domain with a dot and an
# ending (« ines at gmail », « ines @ site point fr »): « je suis bon at maths » passes. « point de vue »
# and « un point commun » pass, having no ending after « point ».
MAIL_DOMAINS = (
    r"(?:gmail|googlemail|hotmail|outlook|live|msn|yahoo|ymail|icloud|orange|wanadoo|free|sfr|laposte"
    r"|bbox|numericable|proton(?:mail)?|gmx|aol)"
)
# Not « me », « ca », « eu », « be »: « Je suis en live. Me voici », « chez Free. Ca marche », « j'ai eu ».
ENDING = r"(?:com|fr|net|org|io|info)(?![\w\-])"
OPEN, CLOSE = r"[\[({<]\s*", r"\s*[\])}>]"
STRONG_AT = r"(?:" + OPEN + r"(?:at|ar+obas(?:e)?|@)" + CLOSE + r"|\bar+obas(?:e)?\b)"
WEAK_AT = r"(?:@|\bat\b)"
SPELLED_DOT = r"(?:\s*" + OPEN + r"(?:dot|point|\.)" + CLOSE + r"\s*|\s+(?:dot|point)\s+|\s*\.\s*)"
LOCAL = r"(?<![\w.+\-])[\w.+\-]*\w"
DOMAIN = r"[^\W\d_][\w\-]*(?:\.[\w\-]+)*"
SPELLED_EMAIL = re.compile(
    r"(?:\b"
    + LOCAL
    + r"\s*"
    + STRONG_AT
    + r"\s*"
    + DOMAIN
    + r"|\b"
    + LOCAL
    + r"\s*"
    + WEAK_AT
    + r"\s*(?:"
    + MAIL_DOMAINS
    + r"\b(?:\.[\w\-]+)*"
    + r"|"
    + DOMAIN
    + r"(?="
    + SPELLED_DOT
    + ENDING
    + r")))(?:"
    + SPELLED_DOT
    + ENDING
    + r")*",
    re.IGNORECASE,
)
# A known mail domain with a disguised dot, without the name before it: « gmail point com », « gmail . com »
# (« gmail.com » alone is a link).
SPACED_DOT = r"(?:\s*" + OPEN + r"(?:dot|point|\.)" + CLOSE + r"\s*|\s+(?:dot|point)\s+|\s+\.\s*|\.\s+)"
SPELLED_MAIL_DOMAIN = re.compile(r"\b" + MAIL_DOMAINS + r"(?:" + SPACED_DOT + ENDING + r")+", re.IGNORECASE)
HANDLE_RE = re.compile(r"(?<![\w.@])@[A-Za-z0-9_.]{2,30}")
APP_NAMES = r"\b(?:snap(?:chat)?|whats\s?app|insta(?:gram)?|tik\s?tok|telegram|discord|messenger|facebook|fb)\b"
# An app's name, and the account name written after it: after « : » any word, after a space only a word
# shaped like a handle (a digit, an underscore or a dot in it), so « sur Snap, c'est simple » keeps « c'est ».
APPS = re.compile(
    APP_NAMES + r"(?:\s*[:=]\s*@?[\w.\-]{2,30}|\s+@?(?=[\w.\-]*[\d_.][\w])[\w.\-]{2,30})?",
    re.IGNORECASE,
)
PSEUDO = re.compile(r"\bpseudo\b[^.\n:=]{0,20}[:=]\s*@?[\w.\-]{2,30}", re.IGNORECASE)
LINK_RE = re.compile(
    r"(?:https?://|www\.)\S+|\b[a-z0-9\-]{2,}\.(?:fr|com|net|org|io|me|be|gg|ly|co|info|app|link)(?:/\S*)?\b",
    re.IGNORECASE,
)
STREET_KINDS = (
    r"rue|avenue|av\.|bd|boulevard|blvd|all[ée]e|impasse|chemin|route|quai|place|square|passage|villa|cit[ée]"
    r"|r[ée]sidence|lotissement|sentier|chauss[ée]e|faubourg|esplanade|parvis|rond-point"
)
STREET_NAME = r"(?:[ \t]+[^\s\d,.;:!?()][^\d,.;:!?()\n]{0,40})?"
# Not after « 8 h » or « 8: »: « à 8 h 30 place de la mairie » is a time.
NUMBERED_STREET = re.compile(
    r"(?<![h:]\s)(?<![:,./\-])\b\d{1,4}\s*(?:bis|ter)?\s*,?\s*(?:" + STREET_KINDS + r")(?![\w\-])" + STREET_NAME,
    re.IGNORECASE,
)
LIVES_ON = re.compile(
    r"\bhabite\s+(?:(?:au|à\s+la|à\s+l['’]|dans\s+la|dans\s+l['’]|sur\s+la|sur\s+l['’])\s*)?(?:"
    + STREET_KINDS
    + r")(?![\w\-])"
    + STREET_NAME,
    re.IGNORECASE,
)
TOWN_WORD = r"[A-ZÀ-ÖØ-Þ][\w'’\-]*"
POSTCODE_TOWN = re.compile(
    r"(?<![\d/.,\-])\b(?:0[1-9]|[1-8]\d|9[0-8])\d{3}\b(?![\d/.,\-])\s+"
    + TOWN_WORD
    + r"(?:\s+(?:"
    + TOWN_WORD
    + r"|sur|sous|en|lès|les|le|la|de|du|des|d['’]))*"
)
PATTERNS = [
    (EMAIL, EMAIL_RE),
    (EMAIL, SPELLED_EMAIL),
    (EMAIL, SPELLED_MAIL_DOMAIN),
    (HANDLE, APPS),
    (ADDRESS, NUMBERED_STREET),
    (ADDRESS, LIVES_ON),
    (ADDRESS, POSTCODE_TOWN),
]
# Searched once the e-mail addresses are blanked out: « lina@gmail.com » and « lina @ gmail.com » are neither
# a handle nor a link.
PATTERNS_WITHOUT_EMAILS = [(HANDLE, HANDLE_RE), (HANDLE, PSEUDO), (LINK, LINK_RE)]


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    kind: str
    text: str


def _phones(text):
    if sum(char.isdigit() for char in text) < 9:  # no phone number has fewer digits: spares libphonenumber
        return []
    spans = [
        (match.start, match.end)
        for match in phonenumbers.PhoneNumberMatcher(text, "FR", leniency=phonenumbers.Leniency.VALID)
    ]
    return spans + [match.span() for match in DIGIT_RUN.finditer(text)]


def find(text):
    """Every piece of contact details in `text`, in order: [Found(start, end, kind, text)]."""
    text = text or ""
    spans = [(start, end, PHONE) for start, end in [*_phones(text), *spelled_phone.spans(text)]]
    for kind, pattern in PATTERNS:
        spans += [(*match.span(), kind) for match in pattern.finditer(text)]
    without_emails = text
    for start, end, kind in spans:
        if kind == EMAIL:
            without_emails = without_emails[:start] + " " * (end - start) + without_emails[end:]
    for kind, pattern in PATTERNS_WITHOUT_EMAILS:
        spans += [(*match.span(), kind) for match in pattern.finditer(without_emails)]
    spans = sorted(set(spans), key=lambda span: (span[0], -span[1], span[2]))
    kept = []  # a piece inside a longer one of its kind is not said twice (« gmail [dot] com » in an address)
    for start, end, kind in spans:
        if not any(k == kind and s <= start and end <= e for s, e, k in kept):
            kept.append((start, end, kind))
    return [Found(start, end, kind, text[start:end].strip()) for start, end, kind in sorted(kept)]


def find_contact_details(text):
    """The kinds of contact details found in `text` (a set of PHONE, EMAIL, HANDLE, LINK, ADDRESS); empty if none."""
    return {found.kind for found in find(text)}


def mask(text):
    """`text` with each piece of contact details replaced by « [coordonnées masquées] »: pieces that overlap or
    are separated only by spaces, « : », « = » or a dash are one (« insta @inesdz » is one mask, not two)."""
    text = text or ""
    merged = []
    for found in find(text):
        if merged and (found.start <= merged[-1][1] or MASK_JOIN.fullmatch(text, merged[-1][1], found.start)):
            merged[-1][1] = max(merged[-1][1], found.end)
        else:
            merged.append([found.start, found.end])
    pieces, position = [], 0
    for start, end in merged:
        pieces += [text[position:start], str(MASK)]
        position = end
    return "".join([*pieces, text[position:]])


def describe(kinds):
    """« un numéro de téléphone, un lien » for the staff queue and the volunteer's message."""
    return ", ".join(str(LABELS[kind]) for kind in KINDS if kind in kinds)
