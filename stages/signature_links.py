"""Signed links for the legal representative to sign a convention without an account: tied to the content
they were sent with (a change voids them), expiring after `LINK_MAX_AGE`, carrying only ids; a bad, expired,
used or stale link reads the same (`read_link_token` returns None)."""

from django.core import signing

from .models import Convention, ConventionState, Party

LINK_SALT = "stages.convention_signature"
LINK_MAX_AGE = 60 * 60 * 24 * 14  # a signature link works for 14 days


def make_link_token(convention, parent):
    """A signed link for `parent` to sign `convention`: tied to the content it was sent with, so a link
    sent before a change no longer works. Nothing personal in it."""
    return signing.dumps({"c": convention.pk, "r": parent.pk, "h": convention.content_hash[:16]}, salt=LINK_SALT)


def read_link_token(token):
    """(convention, parent) of a link still good, else None: bad, expired, used and stale links alike."""
    from accounts.models import User

    from .signatures import parties_of, stopped_message

    try:
        data = signing.loads(token, salt=LINK_SALT, max_age=LINK_MAX_AGE)
        convention = Convention.objects.select_related("request__pupil").get(pk=int(data["c"]))
        parent = User.objects.get(pk=int(data["r"]), is_active=True)
    except (signing.BadSignature, KeyError, TypeError, ValueError, Convention.DoesNotExist, User.DoesNotExist):
        return None
    if (
        convention.content_hash[:16] != data.get("h")
        or convention.state == ConventionState.SIGNED
        or convention.signature_of(Party.PARENT) is not None
        or Party.PARENT not in parties_of(parent, convention)
        or stopped_message(convention)
    ):
        return None
    return convention, parent
