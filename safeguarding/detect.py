"""Finds contact details in a text one side writes and the other reads (`safeguarding`): a volunteer's
comment, a pupil's CV and letters, a stage request's motivation, a host's refusal reason, appreciation and
place, a workshop's feedback. There is no private channel between an adult and a pupil.

Each text is checked as written and in the views of `normalise` (look-alike characters, zero-width
characters, letters written one by one, digits written as letters, separators between digits), and what is
found there is placed back on the text as written, to be masked.

What is caught, and how:

- phone numbers: Google's libphonenumber (`phonenumbers`, region FR, « valid » numbers: 06 12 34 56 78,
  06.12.34.56.78, 0612345678, +33 6 12 34 56 78, 0033…, (0)6…), plus exactly ten digits starting like a
  French number separated only by spaces, dots, dashes, « _ , | / » (« 0 6 1 2 3 4 5 6 7 8 », « 06/12/34/56/78 »,
  « O6 I2… »), nine digits starting with 6 or 7 (« 6 12 34 56 78 (mets le 0) »), five pairs of digits from
  « 06 » or « 07 » split by a few words (« 06 12 34. Le reste : 56 78 »), and a number spelt in words, French
  or English, alone or with digits (« zéro six douze trente-quatre… », « zero six one two… », « +33 six… »,
  `spelled_phone`);
- e-mail addresses, also in disguise: « prenom arobase gmail point com », « prenom [at] gmail [dot] com »,
  « [arrobe] … [pt] », « (at) », « {at} », « @ » with spaces, « at » or « chez » before a mail domain
  (« ines at gmail », « ines chez gmail »), « gmail . com », letters spaced out;
- social-media handles (« @lina_93 », « pseudo : lina_93 ») and the names of messaging apps where a
  private conversation could start (Snapchat and « le fantôme jaune », WhatsApp, Instagram and « IG »,
  TikTok, Telegram and « t.me/ », Discord, Messenger, Facebook, Yubo, Signal, Kik, Twitch…), also in look-alike
  letters (« ѕnаp », « s.n.a.p », « sn@p »), with the name written after them (« snap: lina_93 »);
- links: http(s)://…, www.…, bare domains with a common ending (monsite.fr, monsite.xyz, bit.ly/…), any
  domain followed by a path (linktr.ee/x), « x[.]fr », « https : // x . fr »;
- street addresses: a number, in digits or words, and a kind of street (« 12 rue de la Paix », « 12 r. de
  la Paix », « douze rue… », « 3 bis avenue… », « 5 bd… »), « j'habite rue… », a postcode followed by a
  town (« 93200 Saint-Denis », « 93 200 Saint-Denis »), a postcode after « j'habite », « code postal », and
  a postcode written « 93 200 » not followed by a word or a unit. A town with its postcode in brackets
  (« Saint-Denis (93200) ») passes: it says no more than the collège's town.

Dates (12/03/2026), school years (2025-2026), ages, class names (3e B), times and durations pass: see
tests/data/safeguarding/ for the sentences that must pass (« bon at maths », « point de vue », « j'ai
quinze ans », « le vingt-deux mars » among them) and `bench/safeguarding.py` for the figures.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

import phonenumbers

from . import normalise, spelled_phone

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
# In the `digits` view (separators already spaces): exactly ten digits from 0[1-9], or nine from 6 or 7
# (« mets le 0 »), not one more digit after them (a range of dates « 01/03/2026-02/03/2026 » passes).
TEN_DIGITS = re.compile(r"(?<![\d+])0\s*[1-9](?:[\s.\-]*\d){8}(?![\s.\-]*\d)")
NINE_DIGITS = re.compile(r"(?<![\d+])[67](?:[\s.\-]*\d){8}(?![\s.\-]*\d)")
# Pairs of digits, the first « 06 » or « 07 », with a few words between them: five make a number.
PAIR = re.compile(r"(?<![\d,./:h])\d\d(?!\d)(?![,./:]\d)(?!\s*(?:h\b|heures?\b|ans\b|€|euros?\b|%))")
PAIR_GAP = 60
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
STRONG_AT = r"(?:" + OPEN + r"(?:at|ar+obas(?:e)?|ar+obe|@)" + CLOSE + r"|\bar+obas(?:e)?\b|\bar+obe\b)"
WEAK_AT = r"(?:@|\bat\b)"
SPELLED_DOT = r"(?:\s*" + OPEN + r"(?:dot|point|pt|\.)" + CLOSE + r"\s*|\s+(?:dot|point)\s+|\s*\.\s*)"
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
SPACED_DOT = r"(?:\s*" + OPEN + r"(?:dot|point|pt|\.)" + CLOSE + r"\s*|\s+(?:dot|point)\s+|\s+\.\s*|\.\s+)"
SPELLED_MAIL_DOMAIN = re.compile(r"\b" + MAIL_DOMAINS + r"(?:" + SPACED_DOT + ENDING + r")+", re.IGNORECASE)
# « ines chez gmail »: webmail only (« un forfait chez Free » is an ordinary sentence).
CHEZ_MAIL = re.compile(
    LOCAL + r"\s+chez\s+(?:gmail|googlemail|hotmail|outlook|yahoo|ymail|icloud|proton(?:mail)?|gmx)\b"
    r"(?:" + SPACED_DOT + ENDING + r")*",
    re.IGNORECASE,
)
HANDLE_RE = re.compile(r"(?<![\w.@])@[A-Za-z0-9_.]{2,30}")
APP_NAMES = (
    r"\b(?:snap(?:chat)?|snp|whats\s?app|wh?ats?ap|wsp|insta(?:gram)?|ig|tik\s?tok|telegram|discord|messenger"
    r"|facebook|fb|yubo|kik|twitch|skype|viber|wechat|bereal|twitter|threads|(?:sur|via|par|on|mon|my)\s+signal"
    r"|signal(?=\s*[:=])|fant[oô]me\s+jaune|yellow\s+ghost)\b"
)
# An app's name, and the account name written after it: after « : » any word, after a space only a word
# shaped like a handle (a digit, an underscore or a dot in it), so « sur Snap, c'est simple » keeps « c'est ».
APPS = re.compile(
    APP_NAMES + r"(?:\s*[:=]\s*@?[\w.\-]{2,30}|\s+@?(?=[\w.\-]*[\d_.][\w])[\w.\-]{2,30})?",
    re.IGNORECASE,
)
# « ajoute zoe_93 sur sc »: an account name before the app, and « sc » (Snapchat) only after « sur/on/mon/my ».
ADD_ME = re.compile(
    r"\b(?:ajoute|rajoute|ajt|add|follow|suis|abonne[\s\-]*toi\s+[àa])(?:[\s\-]*moi)?\s+@?[\w.\-]{2,30}\s+(?:sur|on)\s+(?:"
    + APP_NAMES[2:-2]
    + r"|sc)\b",
    re.IGNORECASE,
)
SNAP_SHORT = re.compile(
    r"\b(?:sur|on|mon|my)\s+sc\s*[:=]\s*@?[\w.\-]{2,30}"
    r"|\b(?:ajoute|parle|[ée]cris|contacte|dm|viens|retrouve|rejoins)(?:[\s\-]*moi)?\s+(?:sur|on)\s+sc\b",
    re.IGNORECASE,
)
TELEGRAM_LINK = re.compile(r"\bt\.me/[\w.]+", re.IGNORECASE)
PSEUDO = re.compile(r"\bpseudo\b[^.\n:=]{0,20}[:=]\s*@?[\w.\-]{2,30}", re.IGNORECASE)
LINK_RE = re.compile(
    r"(?:https?://|www\.)\S+"
    r"|\b[a-z0-9\-]{2,}\.(?:fr|com|net|org|io|me|be|gg|ly|co|info|app|link|xyz|ee|tv|eu|site|online|shop|blog"
    r"|store|biz|page|club)(?:/\S*)?\b"
    # Bounded, and only from the start of a name: from every letter of « a.a.a… » it was quadratic.
    r"|(?<![\w.\-])[a-z0-9\-]{1,63}(?:\.[a-z0-9\-]{1,63}){0,3}\.[a-z]{2,10}/[\w\-./?=&%#~]+",
    re.IGNORECASE,
)
STREET_KINDS = (
    r"rue|r\.|avenue|av\.|imp\.|all\.|bld|bd|boulevard|blvd|all[ée]e|impasse|chemin|route|quai|place|square|passage|villa|cit[ée]"
    r"|r[ée]sidence|lotissement|sentier|chauss[ée]e|faubourg|esplanade|parvis|rond-point"
)
STREET_NAME = r"(?:[ \t]+[^\s\d,.;:!?()][^\d,.;:!?()\n]{0,40})?"
# A postcode written just after the street: « 4 bis r. Jean-Jaurès 93200 ».
STREET_NAME += r"(?:[\s,]*\b(?:0[1-9]|[1-8]\d|9[0-8])\s?\d{3}\b)?"
# Not after « 8 h » or « 8: »: « à 8 h 30 place de la mairie » is a time.
NUMBERED_STREET = re.compile(
    r"(?<![h:]\s)(?<![:,./\-])\b\d{1,4}\s*(?:bis|ter)?\s*,?\s*(?:" + STREET_KINDS + r")(?![\w\-])" + STREET_NAME,
    re.IGNORECASE,
)
# The street first, then its number: « rue des Lilas, numéro 4 », « avenue Jean-Jaurès n° 12 », « au 4 ». The
# street's name must start with a capital (« une place de cinéma numéro 4 » is no address).
STREET_THEN_NUMBER = re.compile(
    r"\b(?i:" + STREET_KINDS + r")(?![\w\-])\s+(?:(?i:de\s+la|de\s+l['’]|du|des|de|d['’])\s*)?[A-ZÀ-ÖØ-Þ][\w'’\-]*"
    r"(?:\s+[\w'’\-]+){0,3}?\s*,?\s*(?i:num[ée]ro|n°|no\.|au)\s*\d{1,4}\b(?:\s*(?i:bis|ter)\b)?"
)
LIVES_ON = re.compile(
    r"\bhabite\s+(?:(?:au|à\s+la|à\s+l['’]|dans\s+la|dans\s+l['’]|sur\s+la|sur\s+l['’])\s*)?(?:"
    + STREET_KINDS
    + r")(?![\w\-])"
    + STREET_NAME,
    re.IGNORECASE,
)
# A number said in words, then a kind of street: « douze rue… » (not « un », « une »: « une place de cinéma »).
NUMBER_WORD = (
    r"(?:deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingt|trente"
    r"|quarante|cinquante|soixante|cent|two|three|four|five|seven|eight|nine|ten|eleven|twelve)"
)
SPELLED_STREET = re.compile(
    r"\b"
    + NUMBER_WORD
    + r"(?:[\s\-]+(?:et|"
    + NUMBER_WORD[3:-1]
    + r"|un|une))*\s+(?:bis\s+|ter\s+)?(?:"
    + STREET_KINDS
    + r")(?![\w\-])"
    + STREET_NAME,
    re.IGNORECASE,
)
TOWN_WORD = r"[A-ZÀ-ÖØ-Þ][\w'’\-]*"
POSTCODE = r"(?:0[1-9]|[1-8]\d|9[0-8])"
# « 93 200 » alone, or before a capital (a town), not « 12 300 pages », « 93 200 € ».
SPACED_POSTCODE = re.compile(
    r"(?<![\d/.,\-])(?<!\d\s)\b" + POSTCODE + r"\s\d{3}\b(?![\d/.,\-])(?!\s*(?:[a-zà-ÿ€%$£]|\d))"
)
LIVES_IN_POSTCODE = re.compile(
    r"\b(?:habite|vis|code\s+postal|cp)\b[^\d\n]{0,15}\b(?P<piece>" + POSTCODE + r"\s?\d{3})\b", re.IGNORECASE
)
POSTCODE_TOWN = re.compile(
    r"(?<![\d/.,\-])\b(?:0[1-9]|[1-8]\d|9[0-8])\s?\d{3}\b(?![\d/.,\-])\s+"
    + TOWN_WORD
    + r"(?:\s+(?:"
    + TOWN_WORD
    + r"|sur|sous|en|lès|les|le|la|de|du|des|d['’]))*"
)
PATTERNS = [
    (EMAIL, EMAIL_RE),
    (EMAIL, SPELLED_EMAIL),
    (EMAIL, SPELLED_MAIL_DOMAIN),
    (EMAIL, CHEZ_MAIL),
    (HANDLE, APPS),
    (HANDLE, ADD_ME),
    (HANDLE, SNAP_SHORT),
    (ADDRESS, NUMBERED_STREET),
    (ADDRESS, LIVES_ON),
    (ADDRESS, STREET_THEN_NUMBER),
    (ADDRESS, POSTCODE_TOWN),
    (ADDRESS, SPELLED_STREET),
    (ADDRESS, SPACED_POSTCODE),
    (ADDRESS, LIVES_IN_POSTCODE),
]
# Searched once the e-mail addresses are blanked out: « lina@gmail.com » and « lina @ gmail.com » are neither
# a handle nor a link.
PATTERNS_WITHOUT_EMAILS = [(HANDLE, HANDLE_RE), (HANDLE, PSEUDO), (HANDLE, TELEGRAM_LINK), (LINK, LINK_RE)]


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


def _digit_phones(text):
    """Phone numbers of the `digits` view: ten digits, nine from 6 or 7."""
    if sum(char.isdigit() for char in text) < 9:
        return []
    return [match.span() for pattern in (TEN_DIGITS, NINE_DIGITS) for match in pattern.finditer(text)]


def _split_phones(text):
    """Five pairs of digits from « 06 » or « 07 » split by a few words, in a view whose separators are
    kept (« 06/20 au contrôle, puis 12/20 » is marks, not a number)."""
    if sum(char.isdigit() for char in text) < 9:
        return []
    spans = []
    pairs = list(PAIR.finditer(text))
    for first in range(len(pairs) - 4):
        if pairs[first].group() not in ("06", "07"):
            continue
        chain = pairs[first : first + 5]
        if all(
            b.start() - a.end() <= PAIR_GAP and not any(c.isdigit() for c in text[a.end() : b.start()])
            for a, b in zip(chain, chain[1:], strict=False)
        ):
            spans.append((chain[0].start(), chain[-1].end()))
    return spans


def _spans(text, patterns=True):
    """[(start, end, kind)] found in one string."""
    spans = [(start, end, PHONE) for start, end in [*_phones(text), *spelled_phone.spans(text)]]
    for kind, pattern in PATTERNS:  # a pattern may name the piece to mask (`piece`) in what it matches
        spans += [
            (*match.span("piece" if "piece" in pattern.groupindex else 0), kind) for match in pattern.finditer(text)
        ]
    without_emails = text
    for start, end, kind in spans:
        if kind == EMAIL:
            without_emails = without_emails[:start] + " " * (end - start) + without_emails[end:]
    for kind, pattern in PATTERNS_WITHOUT_EMAILS:
        spans += [(*match.span(), kind) for match in pattern.finditer(without_emails)]
    return spans


def find(text):
    """Every piece of contact details in `text`, in order: [Found(start, end, kind, text)], placed on
    `text` as written whatever view it was found in."""
    text = text or ""
    spans = _spans(text)
    plain = normalise.plain(text)
    if plain.text != text:
        spans += [(*plain.span(s, e), kind) for s, e, kind in _spans(plain.text)]
    look_alike = normalise.look_alike_digits(plain)
    spans += [(*look_alike.span(s, e), PHONE) for s, e in _split_phones(look_alike.text)]
    digits = normalise.digits(plain)
    spans += [(*digits.span(s, e), PHONE) for s, e in _digit_phones(digits.text)]
    if digits.text != plain.text:
        spans += [(*digits.span(s, e), PHONE) for s, e in [*_phones(digits.text), *spelled_phone.spans(digits.text)]]
    letters = normalise.letters(plain)
    if letters.text != plain.text:
        spans += [(*letters.span(*match.span()), HANDLE) for match in APPS.finditer(letters.text)]
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
