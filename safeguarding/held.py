"""Pupils' texts held for staff: what a pupil wrote for an adult to read and that holds contact details. The
adult reads it masked; staff see it whole here, with why it was held and a link to where they can act
(talk to the pupil, edit or empty the text).

Each app that keeps such texts gives them through the Wagtail hook `safeguarding_held_texts`: a function
returning an iterable of `HeldText`. This module imports no app, so the dependencies stay one-way."""

import datetime
from dataclasses import dataclass

from wagtail import hooks

HOOK = "safeguarding_held_texts"


@dataclass(frozen=True)
class HeldText:
    channel: str  # « Motivation d'une demande de stage »
    written_by: str  # first name and class, never more
    text: str  # whole: staff only
    reason: str  # « Contient un numéro de téléphone. »
    at: datetime.datetime
    url: str  # where staff act on it


def held_texts():
    """Every held text the apps give, the latest first."""
    rows = [row for provider in hooks.get_hooks(HOOK) for row in provider()]
    return sorted(rows, key=lambda row: row.at, reverse=True)
