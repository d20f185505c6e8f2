"""What a pupil may not write in their CV and letters: contact details (`contact_filter`). A step holding
some is refused when saved, with a message a 13-year-old understands (what was found and why), the typed
text kept; a review request is refused while a step holds some (text saved before this check existed);
staff see the versions already in review that hold some, and the volunteer reads them masked.

The guided CV has no contact section by design: first name and last name only, so a phone number, an
e-mail address, an account name, a link or a street address is refused in every step, the pupil's own
e-mail included. The volunteer never needs them, and the pupil adds them by hand on the printed sheet if a
stage place asks."""

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from safeguarding import detect as contact_filter

from .models import Assignment, DocumentState, Version
from .sections import sections_for

# What the pupil wrote, named for them.
WHAT = {
    contact_filter.PHONE: gettext_lazy("ton numéro de téléphone"),
    contact_filter.EMAIL: gettext_lazy("ton adresse e-mail"),
    contact_filter.HANDLE: gettext_lazy(
        "ton pseudo ou le nom d'une appli pour discuter (Snapchat, Instagram, WhatsApp…)"
    ),
    contact_filter.LINK: gettext_lazy("l'adresse d'un site ou d'un profil (un lien)"),
    contact_filter.ADDRESS: gettext_lazy("ton adresse (rue, code postal, ville)"),
}
FOUND_LIMIT = 60  # characters of one piece quoted back to the pupil


def _quoted(pieces):
    shown = []
    for piece in pieces:
        text = piece if len(piece) <= FOUND_LIMIT else piece[: FOUND_LIMIT - 1] + "…"
        if text not in shown:
            shown.append(text)
    # Translators: a piece of text quoted back to the pupil; the quotation marks of your language.
    return ", ".join(_("« %(text)s »") % {"text": text} for text in shown)


def by_kind(text):
    """{kind: [pieces found]} in the order of `contact_filter.KINDS`; empty when the text is clean."""
    found = contact_filter.find(text)
    return {
        kind: [f.text for f in found if f.kind == kind]
        for kind in contact_filter.KINDS
        if any(f.kind == kind for f in found)
    }


def errors(document_kind, text):
    """The messages refusing `text` in a step of a document of `document_kind`; empty when it may be saved."""
    found = by_kind(text)
    if not found:
        return []
    if document_kind == "cv":
        line = _("Ton CV ne doit pas contenir %(what)s : %(found)s.")
        why = _(
            "Sur ton CV, ton prénom et ton nom suffisent. Enlève ces informations puis enregistre à nouveau : "
            "ton texte est gardé ci-dessous. Les bénévoles n'ont pas besoin de te contacter en dehors du portail."
        )
    else:
        line = _("Ta lettre ne doit pas contenir %(what)s : %(found)s.")
        why = _(
            "Enlève ces informations puis enregistre à nouveau : ton texte est gardé ci-dessous. "
            "Les bénévoles n'ont pas besoin de te contacter en dehors du portail."
        )
    messages = [line % {"what": WHAT[kind], "found": _quoted(pieces)} for kind, pieces in found.items()]
    if document_kind != "cv" and contact_filter.ADDRESS in found:
        messages.append(_("L'adresse du lieu de stage, tu l'écriras à la main sur ta lettre imprimée."))
    return [*messages, why]


def _summary(found):
    """{"what": « ton numéro de téléphone, ton adresse e-mail », "found": « 06… », « lina@… »} of `by_kind`."""
    return {
        "what": ", ".join(str(WHAT[kind]) for kind in found),
        "found": _quoted([piece for pieces in found.values() for piece in pieces]),
    }


def to_remove(text):
    """« Cette partie contient ton numéro de téléphone… » beside a part of the pupil's current text saved
    before steps were checked; "" when it is clean."""
    found = by_kind(text)
    if not found:
        return ""
    return _(
        "Cette partie contient %(what)s (%(found)s) : enlève ces informations avant de demander une relecture."
    ) % _summary(found)


def review_refusals(document_kind, sections):
    """[(section, message)] for each step of `sections` holding contact details, in the order of the steps:
    why a review request is refused."""
    refusals = []
    for section in sections_for(document_kind):
        found = by_kind(sections.get(section.key, ""))
        if found:
            message = _(
                "Ta demande de relecture n'a pas été envoyée : l'étape « %(step)s » contient %(what)s (%(found)s). "
                "Corrige cette étape, puis demande à nouveau une relecture. Les bénévoles n'ont pas besoin de te "
                "contacter en dehors du portail."
            ) % {"step": section.title, **_summary(found)}
            refusals.append((section, message))
    return refusals


def flags(document_kind, sections):
    """[(section title, what was found)] for staff: each section of a text that holds contact details."""
    result = []
    for section in sections_for(document_kind):
        kinds = contact_filter.find_contact_details(sections.get(section.key, ""))
        if kinds:
            result.append((section.title, contact_filter.describe(kinds)))
    return result


def flagged_versions(limit=200):
    """Versions a volunteer may read (their document is in review or followed) that hold contact details,
    with what was found, for staff's console: [(version, [(section title, what)])]. One query."""
    followed = Assignment.objects.active().values("document_id")
    versions = (
        Version.objects.filter(Q(document__state=DocumentState.REVIEW) | Q(document__in=followed))
        .select_related("document__pupil__school_class__school")
        .order_by("document__review_requested_at", "document_id", "number")
    )
    result = []
    for version in versions:
        found = flags(version.document.kind, version.sections)
        if found:
            result.append((version, found))
            if len(result) >= limit:
                break
    return result


def for_volunteer(document, sections):
    """What the assigned volunteer reads of a text: the name line as the first name only, and every piece of
    contact details masked (a version frozen before the pupil's text was checked may hold some)."""
    shown = {key: contact_filter.mask(text) for key, text in sections.items()}
    if "name" in shown:
        shown["name"] = document.pupil.first_name
    return shown
