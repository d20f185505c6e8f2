"""The logged-in user's groups, read once per request.

Roles are groups (`accounts.roles`): « Mon espace », the access checks of each app and Wagtail's view
restrictions all ask for `user.groups.all()`, which costs a query every time on a freshly loaded user (16
times on « Mon espace »). The groups are prefetched when the user is first loaded, so every later
`groups.all()` of the request reads the prefetched list; `groups.add()`, `remove()` and `set()` forget
it as Django does for any prefetched relation.
"""

from django.contrib.auth.middleware import get_user
from django.db.models import prefetch_related_objects
from django.utils.functional import SimpleLazyObject


def with_groups(user):
    if user.is_authenticated and "groups" not in getattr(user, "_prefetched_objects_cache", {}):
        prefetch_related_objects([user], "groups")
    return user


class UserGroupsMiddleware:
    """Right after `AuthenticationMiddleware`: the same lazy user, with its groups prefetched."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.user = SimpleLazyObject(lambda: with_groups(get_user(request)))
        return self.get_response(request)
