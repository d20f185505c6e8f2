"""E-mails of the CV help, through accounts.emails (the django-tasks queue, with retries), never inside the
request. They name nobody but the reader and hold no text of the document or comment: the details are
behind login. Who is told:

- the volunteer, when assigned and when the pupil asks for a new review (« something to read »);
- the pupil and their parents, when a comment becomes visible (directly, or after staff's review);
- staff, when a comment is held or reported (the moderation queue).
"""

from django.conf import settings
from django.urls import reverse

from accounts.emails import queue_email
from accounts.models import User
from accounts.roles import Role


def _url(name, *args):
    return settings.WAGTAILADMIN_BASE_URL + reverse(name, args=args)


def _send(template, people, context):
    seen = set()
    for person in people:
        if person.email and person.is_active and person.email not in seen:
            seen.add(person.email)
            queue_email(f"accompagnement/emails/{template}", {**context, "person": person}, [person.email])
    return len(seen)


def volunteer_has_something_to_read(assignment_pk):
    from .models import Assignment

    assignment = Assignment.objects.select_related("volunteer", "document").filter(pk=assignment_pk).first()
    if assignment is None:
        return 0
    context = {"kind": assignment.document.get_kind_display(), "url": _url("accompagnement:volunteer")}
    return _send("to_read", [assignment.volunteer], context)


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
    return _send("comment", [pupil, *pupil.parents.all()], context)


def staff_to_review(reason):
    staff = User.objects.filter(groups__name=Role.STAFF, is_active=True)
    return _send("moderation", staff, {"reason": reason, "url": _url("accompagnement_console")})
