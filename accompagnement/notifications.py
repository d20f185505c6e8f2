"""E-mails of the CV help, through accounts.emails (the django-tasks queue, with retries), never inside the
request. They name nobody but the reader and hold no text of the document or comment: the details are
behind login. Who is told:

- the volunteer, when assigned and when the pupil asks for a new review (« something to read »);
- the pupil and their parents, when a comment becomes visible (directly, or after staff's review);
- staff, when a comment is held or reported (the moderation queue).

Who is around the pupil, and who is staff, comes from `accounts.circle` (active accounts, each address once,
the volunteer only while the family's consent stands).
"""

from django.conf import settings
from django.urls import reverse

from accounts import circle
from accounts.emails import queue_email


def _url(name, *args):
    return settings.WAGTAILADMIN_BASE_URL + reverse(name, args=args)


def _send(template, people, context):
    """One e-mail per person of `people` (from `accounts.circle`: active, with an address, each once)."""
    for person in people:
        queue_email(f"accompagnement/emails/{template}", {**context, "person": person}, [person.email])
    return len(people)


def volunteer_has_something_to_read(assignment_pk):
    from .models import Assignment

    assignment = Assignment.objects.select_related("document__pupil").filter(pk=assignment_pk).first()
    if assignment is None:
        return 0
    document = assignment.document
    volunteers = circle.recipients(document.pupil, {circle.Relation.VOLUNTEER}, about=document)
    context = {"kind": document.get_kind_display(), "url": _url("accompagnement:volunteer")}
    return _send("to_read", volunteers, context)


def new_version(document):
    assignment = document.active_assignment()
    return volunteer_has_something_to_read(assignment.pk) if assignment else 0


def comment_visible(comment):
    document = comment.version.document
    pupil = document.pupil
    context = {
        "first_name": pupil.first_name,
        "kind": document.get_kind_display(),
        "url": _url("accompagnement:document", document.pk),
    }
    return _send("comment", circle.recipients(pupil, circle.FAMILY), context)


def staff_to_review(reason):
    staff = circle.recipients(None, {circle.Relation.STAFF})
    return _send("moderation", staff, {"reason": reason, "url": _url("accompagnement_console")})
