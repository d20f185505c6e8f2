"""Who may see or do what about a pupil: the one place later apps ask.

Rules (each view of personal data calls one of these, then sends `Cache-Control: private, no-store`):

- A pupil sees their own record only.
- A parent sees the children linked to their account (`User.children`), nobody else.
- A teacher sees the pupils of the classes they teach (`SchoolClass.teachers`), prints their activation
  cards and regenerates their codes; nothing of other classes, even in the same collège.
- Staff (« Équipe ») and superusers see every pupil, through the admin, where reads are audited.

Who is around a pupil (family, teachers, an assigned volunteer, a host, staff) is defined once, in
`accounts.circle`; `visible_pupils` and `is_parent_of` are its ``RECORD`` and ``PARENT`` views.

What a pupil may do (for the workshop, stage and CV apps):

- `is_activated(pupil)`: the pupil has chosen a password with their activation card.
- `has_consent(pupil)`: the consent that counts is on record (a parent's, or the pupil's own from 15).
- `has_parental_consent(pupil)`: a parent's agreement is the latest decision.
- `can_take_part(pupil)`: activated and consent given. Until then a pupil browses the public site and
  their « Mon espace » only.
- `can_share_with_outside(pupil)`: whether anything may pass the pupil's data to someone outside the
  association (stage requests, workshops outside the collège, CV help by a volunteer). False while
  consent is pending, refused or withdrawn.
- `blocked_message(pupil)`: the kind words to show the pupil when they cannot do something yet.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from . import circle, consent
from .activation import is_activated
from .models import ConsentRecord, SchoolClass
from .roles import Role

__all__ = [
    "blocked_message",
    "can_manage_class",
    "can_see_pupil",
    "can_share_with_outside",
    "can_take_part",
    "has_consent",
    "has_parental_consent",
    "is_activated",
    "is_parent_of",
    "is_pupil",
    "is_staff_member",
    "staff_required",
    "managed_classes",
    "visible_pupils",
]


def is_staff_member(user):
    return user.is_authenticated and (user.is_superuser or user.has_role(Role.STAFF))


def staff_required(view):
    """The one check of every staff screen, on the public site or in the admin: an anonymous visitor is
    sent to the login page, anyone signed in but staff gets a 403."""

    @wraps(view)
    @login_required
    def staff_view(request, *args, **kwargs):
        if not is_staff_member(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return staff_view


def is_pupil(user):
    return user.is_authenticated and user.has_role(Role.PUPIL)


def has_consent(pupil):
    return consent.has_consent(pupil)


def has_parental_consent(pupil):
    record = consent.latest(pupil)
    return (
        record is not None
        and record.decision == ConsentRecord.Decision.GIVEN
        and record.method != ConsentRecord.Method.SELF
    )


def can_take_part(pupil):
    return is_pupil(pupil) and is_activated(pupil) and consent.has_consent(pupil)


def can_share_with_outside(pupil):
    return can_take_part(pupil)


def blocked_message(pupil):
    """Why the pupil cannot take part yet, in words for a 13-year-old; empty when they can."""
    if can_take_part(pupil):
        return ""
    state = consent.status(pupil)
    if state == consent.Status.PENDING_SELF:
        return _("Pour t'inscrire aux ateliers et demander un stage, donne d'abord ton accord dans « Mon espace ».")
    if state == consent.Status.PENDING:
        return _(
            "Pour t'inscrire aux ateliers et demander un stage, il faut l'accord d'un de tes parents. "
            "Donne-leur la lettre fermée que ton professeur t'a remise pour eux : ils répondent en deux minutes "
            "sur leur téléphone."
        )
    return _(
        "Ta famille n'a pas donné son accord pour que nous partagions tes informations. Tu peux toujours lire "
        "les fiches métiers et les conseils du site. Si ta famille change d'avis, elle peut nous le dire à "
        "tout moment."
    )


def is_parent_of(user, pupil):
    return circle.can_see(user, pupil, {circle.Relation.PARENT})


def managed_classes(user):
    """The classes whose activation `user` manages: all for staff, their own for a teacher."""
    if not user.is_authenticated:
        return SchoolClass.objects.none()
    if is_staff_member(user):
        return SchoolClass.objects.all()
    if user.has_role(Role.TEACHER):
        return SchoolClass.objects.filter(teachers=user)
    return SchoolClass.objects.none()


def can_manage_class(user, school_class):
    return managed_classes(user).filter(pk=school_class.pk).exists()


def visible_pupils(user):
    """Every pupil whose record `user` may read: themself, their children, their classes' pupils; staff, all."""
    return circle.pupils_visible_to(user, circle.RECORD)


def can_see_pupil(user, pupil):
    return visible_pupils(user).filter(pk=pupil.pk).exists()
