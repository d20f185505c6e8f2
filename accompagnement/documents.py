"""What happens to a document: saving a step, asking for a review (a version is frozen), marking it done,
commenting, accepting a suggestion, reporting and moderating a comment. Views call these after checking
who may act (`access.py`); each returns what the view tells the user.

States change only through the models' django-fsm-2 transitions, on a row locked here
(`select_for_update`): two clicks, two tabs or a pupil and staff acting at once see each other's change,
and the second is refused with a French message (`NotNow`) instead of being applied twice."""

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from django_fsm import can_proceed

from safeguarding import detect as contact_filter

from . import assignment, notifications, pupil_text
from .models import Assignment, Comment, CommentStatus, Document, Report, SuggestionState, Version


class NotNow(Exception):
    """A change refused because of the row's current state; `message` is the French text to show."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def start_cv(pupil):
    """The pupil's CV, created on first visit with their first name, last name and class filled in."""
    school_class = pupil.school_class
    school = f"{school_class.get_level_display()} – {school_class.school.name}" if school_class else ""
    document, _created = Document.objects.get_or_create(
        pupil=pupil,
        kind="cv",
        defaults={"sections": {"name": f"{pupil.first_name} {pupil.last_name}".strip(), "school": school}},
    )
    return document


def start_letter(pupil, stage_request=None):
    sections = {}
    if stage_request is not None:
        sections["availability"] = _("Semaine du %(week)s") % {"week": stage_request.week}
        if stage_request.place_week_id:
            place = stage_request.place_week.place
            sections["recipient"] = f"{place.host.name} – {place.title}"
    return Document.objects.create(pupil=pupil, kind="lettre", stage_request=stage_request, sections=sections)


def save_section(document, key, text):
    """Write one section, the others as they are in the database now (read under the row lock, so a step
    saved in one tab never brings back a text that a suggestion accepted in another tab replaced)."""
    with transaction.atomic():
        locked = Document.objects.select_for_update().get(pk=document.pk)
        locked.sections = {**locked.sections, key: text}
        locked.save(update_fields=["sections", "updated_at"])
    document.sections = locked.sections


class ContactDetailsInText(Exception):
    """A review request refused: the text to freeze holds contact details. `refusals` is
    [(section, message)] (`pupil_text.review_refusals`)."""

    def __init__(self, refusals):
        super().__init__(refusals[0][1])
        self.refusals = refusals


def request_review(document):
    """Freeze the current text as a new version and ask for a review. Returns the version. Raises
    ContactDetailsInText, freezing nothing, when a step holds contact details (saved before steps were
    checked): nothing of it may reach a volunteer."""
    with transaction.atomic():
        locked = Document.objects.select_for_update().get(pk=document.pk)
        refusals = pupil_text.review_refusals(locked.kind, locked.sections)
        if refusals:
            raise ContactDetailsInText(refusals)
        if not can_proceed(locked.request_review):
            raise NotNow(_("Ton document est vide : écris au moins une partie avant de demander de l'aide."))
        number = (locked.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        version = Version.objects.create(document=locked, number=number, sections=dict(locked.sections))
        locked.request_review()
        locked.save(update_fields=["state", "review_requested_at", "updated_at"])
    document.refresh_from_db()
    if document.active_assignment() is None:
        assignment.auto_assign(document)  # emails the volunteer when someone is picked
    else:
        transaction.on_commit(lambda: notifications.new_version(document))
    return version


def mark_done(document):
    """The pupil says their document is finished: the volunteer's assignment ends. Raises NotNow when it
    is already finished (a second click, another tab) or empty."""
    with transaction.atomic():
        locked = Document.objects.select_for_update().get(pk=document.pk)
        if not can_proceed(locked.finish, check_conditions=False):
            raise NotNow(_("Ton document est déjà terminé."))
        if not can_proceed(locked.finish):
            raise NotNow(_("Ton document est vide : écris au moins une partie avant de le terminer."))
        locked.finish()
        locked.save(update_fields=["state", "updated_at"])
        assignment.end_for_document(locked, Assignment.EndReason.DONE)
    document.refresh_from_db()


SPLIT_LOOKBACK = 5  # earlier comments of the same author on the document read with a new one


def _found_across_comments(author, version, text):
    """Kinds of contact details that only appear when `text` is read after the author's last comments on
    the document: a number split over several comments (« 06 12 34 » then « 56 78 »)."""
    earlier = Comment.objects.filter(version__document_id=version.document_id, author=author).order_by("-created_at")
    previous = "\n".join(
        " ".join(parts) for parts in reversed(earlier.values_list("body", "suggestion")[:SPLIT_LOOKBACK])
    )
    if not previous:
        return set()
    joined = previous + "\n" + text
    return {found.kind for found in contact_filter.find(joined) if found.end > len(previous)}


def add_comment(author, version, data):
    """Store a volunteer's comment; held for staff when it holds contact details, alone or read after the
    author's last comments on the document. Returns the comment."""
    text = " ".join([data["body"], data.get("suggestion", ""), data["quote"]])
    found = contact_filter.find_contact_details(text) or _found_across_comments(author, version, text)
    comment = Comment.objects.create(
        version=version,
        author=author,
        section=data["section"],
        quote=data["quote"].strip(),
        body=data["body"],
        suggestion=data.get("suggestion", ""),
        suggestion_state=SuggestionState.PENDING if data.get("suggestion") else SuggestionState.NONE,
        status=CommentStatus.HELD if found else CommentStatus.VISIBLE,
        held_reason=_("Contient %(what)s.") % {"what": contact_filter.describe(found)} if found else "",
    )
    if found:
        transaction.on_commit(
            lambda: notifications.staff_to_review(
                _("Un commentaire a été retenu : %(why)s") % {"why": comment.held_reason}
            )
        )
    else:
        transaction.on_commit(lambda: notifications.comment_visible(comment))
    return comment


def _locked_suggestion(comment):
    """The comment, locked, once its pending suggestion may still be answered; raises NotNow otherwise."""
    locked = Comment.objects.select_for_update().get(pk=comment.pk)
    if locked.suggestion_state != SuggestionState.PENDING:
        raise NotNow(_("Cette suggestion a déjà reçu ta réponse."))
    if not can_proceed(locked.accept_suggestion):  # the guard: held for staff or removed meanwhile
        raise NotNow(_("Cette suggestion n'est plus visible : l'équipe de l'association la relit."))
    return locked


def accept_suggestion(comment):
    """Put the suggestion into the current text, in place of the quoted passage (or of the whole section).

    The document's row is locked, then the comment's, and both are read again: the text may have changed
    since the pupil's page was shown (another suggestion accepted, another tab). Raises NotNow, changing
    nothing, when the suggestion was already answered, when the quoted passage is no longer in the text,
    or, for a suggestion on the whole section, when the section changed since the commented version."""
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=comment.version.document_id)
        locked = _locked_suggestion(comment)
        current = document.sections.get(locked.section, "")
        if locked.quote:
            if locked.quote not in current:
                raise NotNow(passage_changed())
            new_text = current.replace(locked.quote, locked.suggestion, 1)
        else:
            if current != locked.version.sections.get(locked.section, ""):
                raise NotNow(passage_changed())
            new_text = locked.suggestion
        save_section(document, locked.section, new_text)
        locked.accept_suggestion()
        locked.save(update_fields=["suggestion_state"])
    return locked


def passage_changed():
    return _("Le passage commenté a changé depuis dans ton texte : recopie la suggestion toi-même si elle te plaît.")


def decline_suggestion(comment):
    with transaction.atomic():
        locked = _locked_suggestion(comment)
        locked.decline_suggestion()
        locked.save(update_fields=["suggestion_state"])
    return locked


def report(comment, reporter, reason):
    """The pupil's « signaler »: the comment is hidden from the family until staff have looked at it."""
    with transaction.atomic():
        locked = Comment.objects.select_for_update().get(pk=comment.pk)
        Report.objects.create(comment=locked, reporter=reporter, reason=reason)
        if can_proceed(locked.hold):  # already held: the report is added for staff, nothing else changes
            locked.hold(_("Signalé par l'élève."))
            locked.save(update_fields=["status", "held_reason"])
    transaction.on_commit(lambda: notifications.staff_to_review(_("Un élève a signalé un commentaire.")))


def moderate(comment, publish, by):
    """Staff publish a held comment or remove it; the reports on it are marked handled. Nothing is deleted.
    Raises NotNow when another staff member handled it first."""
    with transaction.atomic():
        locked = Comment.objects.select_for_update().get(pk=comment.pk)
        move = locked.publish if publish else locked.remove
        if not can_proceed(move):
            raise NotNow(_("Ce commentaire a déjà été traité par un autre membre de l'équipe."))
        move(by)
        locked.save(update_fields=["status", "moderated_by", "moderated_at"])
        locked.reports.filter(handled_at__isnull=True).update(handled_at=locked.moderated_at, handled_by=by)
    comment = locked
    if publish:
        transaction.on_commit(lambda: notifications.comment_visible(comment))
