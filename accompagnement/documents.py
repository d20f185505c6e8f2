"""What happens to a document: saving a step, asking for a review (a version is frozen), marking it done,
commenting, accepting a suggestion, reporting and moderating a comment. Views call these after checking
who may act (`access.py`); each returns what the view tells the user."""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from safeguarding import detect as contact_filter

from . import assignment, notifications, pupil_text
from .models import Assignment, Comment, CommentStatus, Document, DocumentState, Report, SuggestionState, Version


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
    document.sections = {**document.sections, key: text}
    document.save(update_fields=["sections", "updated_at"])


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
        number = (locked.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        version = Version.objects.create(document=locked, number=number, sections=dict(locked.sections))
        locked.state = DocumentState.REVIEW
        locked.review_requested_at = timezone.now()
        locked.save(update_fields=["state", "review_requested_at", "updated_at"])
    document.refresh_from_db()
    if document.active_assignment() is None:
        assignment.auto_assign(document)  # emails the volunteer when someone is picked
    else:
        transaction.on_commit(lambda: notifications.new_version(document))
    return version


def mark_done(document):
    document.state = DocumentState.DONE
    document.save(update_fields=["state", "updated_at"])
    assignment.end_for_document(document, Assignment.EndReason.DONE)


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


def accept_suggestion(comment):
    """Put the suggestion into the current text, in place of the quoted passage (or of the whole section).
    Returns False, changing nothing, when the passage is no longer in the text."""
    document = comment.version.document
    current = document.sections.get(comment.section, "")
    if comment.quote:
        if comment.quote not in current:
            return False
        new_text = current.replace(comment.quote, comment.suggestion, 1)
    else:
        new_text = comment.suggestion
    with transaction.atomic():
        save_section(document, comment.section, new_text)
        comment.suggestion_state = SuggestionState.ACCEPTED
        comment.save(update_fields=["suggestion_state"])
    return True


def decline_suggestion(comment):
    comment.suggestion_state = SuggestionState.DECLINED
    comment.save(update_fields=["suggestion_state"])


def report(comment, reporter, reason):
    """The pupil's « signaler »: the comment is hidden from the family until staff have looked at it."""
    with transaction.atomic():
        Report.objects.create(comment=comment, reporter=reporter, reason=reason)
        if comment.status == CommentStatus.VISIBLE:
            comment.status = CommentStatus.HELD
            comment.held_reason = _("Signalé par l'élève.")
            comment.save(update_fields=["status", "held_reason"])
    transaction.on_commit(lambda: notifications.staff_to_review(_("Un élève a signalé un commentaire.")))


def moderate(comment, publish, by):
    """Staff publish a held comment or remove it; the reports on it are marked handled. Nothing is deleted."""
    now = timezone.now()
    with transaction.atomic():
        comment.status = CommentStatus.VISIBLE if publish else CommentStatus.REMOVED
        comment.moderated_by, comment.moderated_at = by, now
        comment.save(update_fields=["status", "moderated_by", "moderated_at"])
        comment.reports.filter(handled_at__isnull=True).update(handled_at=now, handled_by=by)
    if publish:
        transaction.on_commit(lambda: notifications.comment_visible(comment))
