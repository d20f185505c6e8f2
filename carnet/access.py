"""Who reads and writes a pupil's orientation notebook: the one place the views ask.

Reading (`reader_relation`; every other person gets a 404, the view sends `Cache-Control: private,
no-store` through home.middleware):

- the pupil, always (before consent their page explains why it is empty; after a withdrawal what they
  wrote is still theirs to read);
- their parents (``PARENT``) and the teachers of their class (``TEACHER``), only while the consent stands
  (`accounts.access.can_take_part`): nothing before consent, nothing after a withdrawal;
- the volunteer assigned to one of the pupil's documents for CV help (``VOLUNTEER``, the circle already
  requires the consent), only when the pupil turned on the sharing (`Notebook.shared_with_volunteer`), and
  then only the sheets, the workshops' titles and the wishes (`VOLUNTEER_PARTS`);
- staff (``STAFF``), to help a family who asks.

Writing, only while the consent stands: the pupil marks sheets, writes wishes and questions and turns the
sharing on or off; a parent comments; a teacher of the class answers questions. Adults' texts are checked
(`safeguarding.validate_adult_text`), the pupil's shown masked to adults (`safeguarding.mask`).

Everyone is found through `accounts.circle`; hosts are never readers.
"""

from accounts import circle
from accounts.access import can_take_part, is_pupil

R = circle.Relation
#: The parts of the notebook a volunteer reads when the pupil shares it.
VOLUNTEER_PARTS = frozenset({"sheets", "workshops", "wishes"})
ALL_PARTS = frozenset({"sheets", "workshops", "stage", "wishes", "questions", "comments"})


def reader_relation(user, pupil):
    """How `user` reads `pupil`'s notebook (a `Relation`), or None: then the view answers 404."""
    if pupil is None or not is_pupil(pupil):
        return None
    found = circle.relations_to(user, pupil, {R.PUPIL, R.PARENT, R.TEACHER, R.VOLUNTEER, R.STAFF})
    if R.PUPIL in found:
        return R.PUPIL
    if R.STAFF in found:
        return R.STAFF
    if not can_take_part(pupil):
        return None
    for relation in (R.PARENT, R.TEACHER):
        if relation in found:
            return relation
    if R.VOLUNTEER in found and _shared(pupil):
        return R.VOLUNTEER
    return None


def _shared(pupil):
    from .models import Notebook

    return Notebook.objects.filter(pupil=pupil, shared_with_volunteer=True).exists()


def parts_for(relation):
    return VOLUNTEER_PARTS if relation == R.VOLUNTEER else ALL_PARTS


def may_write(user, pupil):
    """The pupil themself, while the consent stands."""
    return user.is_authenticated and user.pk == pupil.pk and can_take_part(pupil)


def may_comment(user, pupil):
    return reader_relation(user, pupil) == R.PARENT


def may_answer(user, pupil):
    return reader_relation(user, pupil) == R.TEACHER


def masked_for(relation):
    """Whether the pupil's own words are shown masked (to every adult)."""
    return relation != R.PUPIL
