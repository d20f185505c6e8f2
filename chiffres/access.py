"""Who may see the project's figures: the one place the views and « Mon espace » ask.

The figures are aggregates of the whole action, already anonymised by `chiffres.anonymity.publish` (no
name, no per-pupil row, no count from 1 to 4). They are still kept for the people who report on the project:

- partners (« Partenaire »: the city, the département, the Éducation nationale, funders) and staff
  (« Équipe ») and superusers see the page and download its CSV;
- anyone else logged in (pupil, parent, teacher, volunteer, professional): 404, as if the page did not
  exist; anonymous visitors: the login page, like every private page.

Enforced in `chiffres.views` (both views); the responses are `Cache-Control: private, no-store`
(home.middleware, and `never_cache` on the views). Tests: tests/test_chiffres_access.py.
"""

from accounts.access import is_staff_member
from accounts.roles import Role

__all__ = ["can_see_figures"]


def can_see_figures(user):
    return user.is_authenticated and (is_staff_member(user) or user.has_role(Role.PARTNER))
