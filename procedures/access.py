"""Who may read the association's internal procedures, and the view restrictions that say so.

Privacy is enforced by code at three levels, so that no editor has to remember it:

1. The procedures index carries a « groups » view restriction (staff, volunteers, teachers,
   professionals), rewritten on every save; each procedure carries one for its own audience plus staff.
   These make `Page.objects.public()` leave procedures out of every listing, the sitemap, search
   results and the API, and put a padlock on them in the admin.
2. `procedures.wagtail_hooks` checks each request for a procedure page or attachment against the
   audience stored on the live page, whatever restrictions exist in the database: anonymous visitors
   go to the login page, logged-in people outside the audience get a 403.
3. Their attachments live in the « Procédures internes » collection, itself restricted to the same
   groups (created by migration 0002).

Staff (and superusers) always read every procedure.

Anonymous visitors cannot tell a procedure that exists from one that does not: any address under the
procedures section sends them to the login page the same way, and the login's `next` parameter carries a
keyed digest of the address instead of the slug (which is made from the title). Once logged in, the
section's index finds the procedure whose address has that digest among those the person may read.
"""

from django.contrib.auth.models import Group
from django.utils.crypto import salted_hmac

from wagtail.models import BaseViewRestriction, Collection, PageViewRestriction

from accounts.middleware import with_groups
from accounts.roles import Role

# Roles a procedure can be written for, besides staff who read them all.
AUDIENCE_ROLES = [Role.VOLUNTEER, Role.TEACHER, Role.PROFESSIONAL]
READER_ROLES = [Role.STAFF, *AUDIENCE_ROLES]

# Name of the collection holding procedure attachments (created by migration 0002).
PRIVATE_COLLECTION_NAME = "Procédures internes"


def user_group_names(user):
    if not user.is_authenticated:
        return set()
    # The groups are prefetched once per request (accounts.middleware): a listing asks once per procedure.
    return {group.name for group in with_groups(user).groups.all()}


def is_staff_reader(user):
    return user.is_authenticated and (user.is_superuser or Role.STAFF in user_group_names(user))


def can_read_procedures(user):
    """Whether `user` may open the procedures section at all."""
    return is_staff_reader(user) or bool(user_group_names(user) & set(AUDIENCE_ROLES))


def restrict_to_groups(page, group_names):
    """Make `page`'s only view restriction a « groups » one for exactly `group_names`."""
    restrictions = list(PageViewRestriction.objects.filter(page=page).order_by("pk"))
    restriction = restrictions[0] if restrictions else PageViewRestriction(page=page)
    for extra in restrictions[1:]:
        extra.delete()
    if restriction.restriction_type != BaseViewRestriction.GROUPS or restriction.password or not restriction.pk:
        restriction.restriction_type = BaseViewRestriction.GROUPS
        restriction.password = ""
        restriction.save()
    groups = list(Group.objects.filter(name__in=group_names))
    if {group.pk for group in restriction.groups.all()} != {group.pk for group in groups}:
        restriction.groups.set(groups)
    return restriction


def private_collection():
    return Collection.objects.filter(name=PRIVATE_COLLECTION_NAME, depth=2).first()


def private_collection_ids():
    """The private collection and its descendants."""
    collection = private_collection()
    if collection is None:
        return []
    return list(collection.get_descendants(inclusive=True).values_list("pk", flat=True))


NEXT_PARAMETER = "suite"


def path_digest(path):
    """A digest of a page address that reveals nothing of it without the secret key."""
    return salted_hmac("procedures.login-next", path).hexdigest()[:20]


def login_next_url(index_url, path):
    """Where the login sends an anonymous visitor back to, without the procedure's slug."""
    return f"{index_url}?{NEXT_PARAMETER}={path_digest(path)}"
