"""Moved to `safeguarding` (one module for every channel between adults and minors); kept so that code
written against the old path still works. New code imports `safeguarding`."""

from safeguarding.detect import *  # noqa: F403
from safeguarding.detect import describe, find, find_contact_details, mask  # noqa: F401
