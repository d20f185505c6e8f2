"""The circle around a pupil: who may see them and who is told about them. The one place that says it;
access modules, « Mon espace » sections, e-mails and the API ask here, and never spell `parents__…` or
`teachers__…` themselves.

Who is in a pupil's circle (`Relation`):

- ``PUPIL``: the pupil themself.
- ``PARENT``: a parent account linked to the pupil (`User.children`), with the parent role.
- ``TEACHER``: a teacher of the pupil's class (`SchoolClass.teachers`), with the teacher role; never the
  teachers of another class, even in the same collège.
- ``VOLUNTEER``: a volunteer assigned to one of the pupil's documents for CV help (accompagnement, while the
  assignment is active), and only while the family's consent stands (`access.can_share_with_outside`).
- ``HOST``: a member of a host organisation once one of its places is proposed to the pupil's stage
  request or accepted (stages: « proposée » and after), and only while the consent stands.
- ``STAFF``: the association's staff (« Équipe ») and superusers, for every pupil.

Only active accounts are around anyone (an inactive or anonymised parent neither sees nor is written to).
Partners, other volunteers, other hosts, other families and other pupils are in nobody's circle.

Named sets of relations: ``FAMILY`` (pupil, parents), ``SCHOOL`` (+ teachers), ``RECORD`` (+ staff: who
reads the pupil's record), ``OUTSIDE`` (volunteer, host), ``EVERYONE``.

Not the circle: who is *asked* for consent (`consent.send_requests` writes to every linked parent address,
an account not activated yet included: that is how a parent first hears of the portal).

`accounts` does not import the apps (dependencies run apps → accounts): ``VOLUNTEER`` and ``HOST`` are
answered by the app that knows them, through a Wagtail hook registered in its `wagtail_hooks.py`
(``accounts_circle_members``: ``fn() -> Provider``). The family, teacher and staff rules, and the consent
rule for people outside the association, live here.

What each use asks for (``relations``, a set of `Relation`):

- Lists and access checks: `pupil_q` (a `Q` for any model with a pupil field), `visible` (a queryset
  narrowed), `pupils_visible_to` (the pupils themselves), `relations_to` and `can_see` (one pupil).
  An app narrows further per object (a host sees only the request proposed to them, a volunteer only the
  document they are assigned to): the circle says who is around the pupil, the app says what of it they see.
- Mail: `recipients(pupil, relations, about=...)`: active accounts with an address, each address once (a
  parent linked twice, or through two children, is written to once), volunteers and hosts only while the
  consent stands. `staff_addresses` for mail to the association, `staff_members` for the
  staff accounts themselves.
"""

import enum
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q

from wagtail import hooks

from .roles import Role

__all__ = [
    "EVERYONE",
    "FAMILY",
    "OUTSIDE",
    "PROVIDERS",
    "RECORD",
    "SCHOOL",
    "Provider",
    "Relation",
    "can_see",
    "pupil_q",
    "pupils_visible_to",
    "recipients",
    "relations_to",
    "staff_addresses",
    "staff_members",
    "visible",
]

PROVIDERS = "accounts_circle_members"


class Relation(enum.StrEnum):
    PUPIL = "pupil"
    PARENT = "parent"
    TEACHER = "teacher"
    VOLUNTEER = "volunteer"
    HOST = "host"
    STAFF = "staff"


#: The pupil and their parents.
FAMILY = frozenset({Relation.PUPIL, Relation.PARENT})
#: The pupil, their parents and their class's teachers: the people told how the pupil's stage goes.
SCHOOL = FAMILY | {Relation.TEACHER}
#: Who reads a pupil's whole record (accounts): the school circle and staff.
RECORD = SCHOOL | {Relation.STAFF}
#: People outside the association, only while the family's consent stands.
OUTSIDE = frozenset({Relation.VOLUNTEER, Relation.HOST})
EVERYONE = frozenset(Relation)


@dataclass(frozen=True)
class Provider:
    """An app's answer for one relation it knows (``VOLUNTEER`` or ``HOST``).

    - ``pupils(user)``: the pupils' primary keys `user` is around through this relation (a queryset of
      values, or a list), consent not yet applied;
    - ``members(pupil, about)``: the users around `pupil` through it (a queryset of users). ``about`` is the
      object a mail is about (a stage request, a document) or None for any: the app narrows to it.
    """

    relation: Relation
    pupils: Callable
    members: Callable


def _providers(relation):
    return [provider for fn in hooks.get_hooks(PROVIDERS) if (provider := fn()).relation == relation]


def _users():
    from .models import User

    return User.objects


def _is_around(user):
    """Only a signed-in, active account is around anyone."""
    return user.is_authenticated and user.is_active


def _is_staff(user):
    return user.is_superuser or user.has_role(Role.STAFF)


def _path(field, lookup):
    return f"{field}__{lookup}" if field else lookup


def _consented(pupil_ids):
    """`pupil_ids` narrowed to the pupils whose data may go outside the association (consent given)."""
    from .access import can_share_with_outside

    pupils = _users().filter(pk__in=pupil_ids).prefetch_related("groups", "consent_records")
    return [pupil.pk for pupil in pupils if can_share_with_outside(pupil)]


def pupil_q(user, relations=EVERYONE, field=None):
    """A `Q` matching the pupils `user` is around through one of `relations`; on another model, `field`
    names its pupil (``field="pupil"`` for a stage request, a document, a sign-up). Staff match all."""
    relations = frozenset(relations)
    if not _is_around(user):
        return Q(pk__in=[])
    if Relation.STAFF in relations and _is_staff(user):
        return Q()
    rule = Q(pk__in=[])
    if Relation.PUPIL in relations:
        rule |= Q(**{field or "pk": user.pk})
    if Relation.PARENT in relations and user.has_role(Role.PARENT):
        rule |= Q(**{_path(field, "parents"): user})
    if Relation.TEACHER in relations and user.has_role(Role.TEACHER):
        rule |= Q(**{_path(field, "school_class__teachers"): user})
    outside = set()
    for relation in relations & OUTSIDE:
        for provider in _providers(relation):
            outside.update(provider.pupils(user))
    if outside:
        rule |= Q(**{_path(field, "pk__in"): _consented(outside)})
    return rule


def visible(queryset, user, relations=EVERYONE, field="pupil"):
    """`queryset` (of a model with a pupil field) narrowed to the pupils `user` is around."""
    return queryset.filter(pupil_q(user, relations, field)).distinct()


def pupils_visible_to(user, relations=EVERYONE):
    """The pupils (accounts with the pupil role) `user` is around through one of `relations`."""
    pupils = _users().filter(groups__name=Role.PUPIL)
    return pupils.filter(pupil_q(user, relations)).distinct()


def relations_to(user, pupil, relations=EVERYONE):
    """How `user` stands to `pupil`, among `relations` (a frozenset, empty for a stranger). A pupil without
    an account (erased) has nobody around them but staff."""
    relations = frozenset(relations)
    if not _is_around(user):
        return frozenset()
    found = set()
    if Relation.STAFF in relations and _is_staff(user):
        found.add(Relation.STAFF)
    if pupil is None:
        return frozenset(found)
    if Relation.PUPIL in relations and pupil.pk == user.pk:
        found.add(Relation.PUPIL)
    if Relation.PARENT in relations and user.has_role(Role.PARENT) and pupil.parents.filter(pk=user.pk).exists():
        found.add(Relation.PARENT)
    if (
        Relation.TEACHER in relations
        and pupil.school_class_id
        and user.has_role(Role.TEACHER)
        and user.taught_classes.filter(pk=pupil.school_class_id).exists()
    ):
        found.add(Relation.TEACHER)
    outside = {
        relation
        for relation in relations & OUTSIDE
        for provider in _providers(relation)
        if provider.members(pupil, None).filter(pk=user.pk).exists()
    }
    if outside and _consented([pupil.pk]):
        found |= outside
    return frozenset(found)


def can_see(user, pupil, relations=EVERYONE):
    """Whether `user` is around `pupil` through one of `relations`."""
    return bool(relations_to(user, pupil, relations))


def staff_members():
    """The active staff accounts (« Équipe »)."""
    return _users().filter(groups__name=Role.STAFF, is_active=True)


def staff_addresses():
    """Where mail to the association goes: its contact address (site settings), else the active staff
    members' addresses."""
    from home.models import SiteSettings

    contact = SiteSettings.load().contact_email
    if contact:
        return [contact]
    return sorted({user.email for user in staff_members() if user.email})


def recipients(pupil, relations=SCHOOL, about=None):
    """The people to write to about `pupil`, among `relations`, in this order: the pupil, their parents,
    teachers, volunteers, hosts, staff. Active accounts with an address only, each address once; volunteers
    and hosts only while the consent stands. ``about`` (a stage request, a document) lets the app that
    answers for volunteers or hosts narrow to the people of that object."""
    relations = frozenset(relations)
    people = []
    if pupil is not None:
        if Relation.PUPIL in relations:
            people.append(pupil)
        if Relation.PARENT in relations:
            people += pupil.parents.filter(groups__name=Role.PARENT)
        if Relation.TEACHER in relations and pupil.school_class_id:
            people += _users().filter(taught_classes=pupil.school_class_id, groups__name=Role.TEACHER)
        if relations & OUTSIDE and _consented([pupil.pk]):
            for relation in [Relation.VOLUNTEER, Relation.HOST]:
                if relation in relations:
                    for provider in _providers(relation):
                        people += provider.members(pupil, about)
    if Relation.STAFF in relations:
        people += staff_members()
    seen, result = set(), []
    for person in people:
        address = (person.email or "").lower()
        if address and person.is_active and person.anonymised_at is None and address not in seen:
            seen.add(address)
            result.append(person)
    return result
