"""The audit log of people's records (django-auditlog): who changed or read what, and when.

- Every change to an account (names, class, role, family links, activation) and every consent decision
  is recorded by auditlog's signals, with the logged-in person as actor (`AuditlogMiddleware`).
  Passwords and login times are left out.
- A staff member's read of a pupil's record is recorded with `log_staff_read` (the admin's account page,
  a class's pupil list, a data export), as an « access » entry.
- Staff with the « Peut voir le journal d'audit » permission (`auditlog.view_logentry`, given to the
  « Équipe » group) read the log in the admin (« Journal d'audit »).
- Erasure keeps the entries (who did what, when) but empties the values they recorded.
"""

from auditlog.registry import auditlog
from auditlog.signals import accessed


def register():
    from .models import ConsentRecord, SchoolClass, User

    if not auditlog.contains(User):
        auditlog.register(User, exclude_fields=["password", "last_login"], m2m_fields={"groups", "children"})
        auditlog.register(ConsentRecord)
        auditlog.register(SchoolClass, m2m_fields={"teachers"})


def log_staff_read(request, instance):
    """Record that a staff member read `instance` (a pupil, or a class with its pupil list)."""
    from .access import is_staff_member

    if is_staff_member(request.user):
        accessed.send(sender=instance.__class__, instance=instance)
