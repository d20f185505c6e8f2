"""`{{ text|masked }}`: a text one side wrote, as the other side reads it, each piece of contact details
replaced by « [coordonnées masquées] » (`safeguarding.mask`)."""

from django import template

import safeguarding

register = template.Library()


@register.filter
def masked(text):
    return safeguarding.mask(str(text or ""))
