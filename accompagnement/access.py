"""Who may see or do what with a pupil's CV and letters: the one place views ask.

Seeing a document, its versions and its visible comments (`visible_documents`, `can_see_document`; every
view also sends `Cache-Control: private, no-store` through home.middleware):

- the pupil who wrote it; never another pupil;
- their parents (`User.children`), read-only: every comment of an adult is readable by the family;
- the volunteer assigned to it while the assignment is active (`Assignment.objects.active()`) and the
  family's consent stands, and only `pupil_card()`: first name, class level, collège. No surname,
  e-mail, birth date or parent;
- staff (« Équipe ») and superusers: everything, held comments and reports included.
- Teachers do not read the texts: « Mon espace » tells them which of their pupils have a CV ready.
- Anyone else (another volunteer, another family, a professional, a partner, anonymous): nothing (404).

Doing:

- write, ask for a review, accept a suggestion, report a comment, mark done: the pupil themself
  (`can_write`), and for everything that reaches a volunteer, only with the family's consent
  (`accounts.access.can_share_with_outside`);
- comment on a version: the volunteer actively assigned to that version's document (`can_comment`);
- assign, end, block, moderate: staff (`is_staff_member`), with the rules of `assignment.py`.
- Held or removed comments: staff and their author only (`visible_comments`).

In the circle (`accounts.circle`): a volunteer is ``VOLUNTEER`` of the pupils of the documents they are
actively assigned to (`volunteer_pupils`, `pupil_volunteers`, registered in wagtail_hooks.py); the family is
the circle's ``FAMILY``.
"""

from django.db.models import Q

from accounts import circle
from accounts.access import can_share_with_outside, is_pupil, is_staff_member
from accounts.models import User
from accounts.roles import Role

from .models import Assignment, Comment, CommentStatus, Document

__all__ = [
    "can_comment",
    "can_see_document",
    "can_write",
    "comments_by_version",
    "holds_assignment",
    "is_assigned_volunteer",
    "pupil_card",
    "pupil_volunteers",
    "visible_comments",
    "visible_documents",
    "volunteer_pupils",
]


def visible_documents(user):
    documents = Document.objects.all()
    if not user.is_authenticated:
        return documents.none()
    if is_staff_member(user):
        return documents
    rule = circle.pupil_q(user, circle.FAMILY, field="pupil")
    if user.has_role(Role.VOLUNTEER):
        active = Assignment.objects.active().filter(volunteer=user).values("document_id")
        rule |= Q(pk__in=active)
    return documents.filter(rule).distinct()


def can_see_document(user, document):
    """As `visible_documents`; a volunteer also loses sight of it as soon as the family's consent is withdrawn."""
    if not visible_documents(user).filter(pk=document.pk).exists():
        return False
    if is_staff_member(user) or circle.can_see(user, document.pupil, circle.FAMILY):
        return True
    return can_share_with_outside(document.pupil)


def readable_documents(user, documents):
    """`documents` (from `visible_documents(user)`) narrowed to those `can_see_document` allows, for a list:
    the pupils' roles and consent decisions prefetched, so a few queries whatever the number of documents."""
    documents = list(documents.prefetch_related("pupil__groups", "pupil__consent_records"))
    if is_staff_member(user):
        return documents
    family = set(circle.pupils_visible_to(user, circle.FAMILY).values_list("pk", flat=True))
    return [document for document in documents if document.pupil_id in family or can_share_with_outside(document.pupil)]


def volunteer_pupils(user):
    """For the circle: the pupils of the documents `user` is actively assigned to as a volunteer."""
    if not user.has_role(Role.VOLUNTEER):
        return []
    active = Assignment.objects.active().filter(volunteer=user).values("document_id")
    return Document.objects.filter(pk__in=active).values_list("pupil_id", flat=True)


def pupil_volunteers(pupil, about=None):
    """For the circle: the volunteers actively assigned to one of `pupil`'s documents (to `about`, a document,
    only)."""
    assignments = Assignment.objects.active().filter(document__pupil=pupil)
    if isinstance(about, Document):
        assignments = assignments.filter(document=about)
    return User.objects.filter(groups__name=Role.VOLUNTEER, help_assignments__in=assignments).distinct()


def is_assigned_volunteer(user, document):
    return (
        user.is_authenticated
        and user.has_role(Role.VOLUNTEER)
        and Assignment.objects.active().filter(volunteer=user, document=document).exists()
    )


def holds_assignment(user, assignment):
    """`is_assigned_volunteer` when the document's active assignment (`Document.active_assignment()`, or None)
    is already at hand: a document has at most one open assignment (a constraint), so no second query."""
    return (
        assignment is not None
        and user.is_authenticated
        and assignment.volunteer_id == user.pk
        and user.has_role(Role.VOLUNTEER)
    )


def can_write(user, document):
    """The pupil who owns the document, while they are a pupil."""
    return user.is_authenticated and document.pupil_id == user.pk and is_pupil(user)


def can_comment(user, version):
    return is_assigned_volunteer(user, version.document) and can_share_with_outside(version.document.pupil)


def visible_comments(user, comments):
    """Comments `user` may read among `comments`: visible ones, plus held ones for staff and their author."""
    if is_staff_member(user):
        return comments
    return comments.filter(Q(status=CommentStatus.VISIBLE) | Q(author=user, status=CommentStatus.HELD))


def pupil_card(document):
    """What a volunteer may know of the pupil: nothing that identifies or contacts them."""
    pupil = document.pupil
    school_class = pupil.school_class
    return {
        "first_name": pupil.first_name,
        "level": school_class.get_level_display() if school_class else "",
        "school": school_class.school.name if school_class else "",
    }


def comments_by_version(user, versions):
    """{version pk: [comments `user` may read, oldest first]} for all `versions` in one query."""
    found = {version.pk: [] for version in versions}
    comments = visible_comments(user, Comment.objects.filter(version__in=list(found))).select_related("author")
    for comment in comments:
        found[comment.version_id].append(comment)
    return found
