"""The anonymous log of searches that found nothing, for staff's report « Recherches sans résultat ».

What is stored: the folded query (lower case, no accents, at most 100 characters), the Monday of its week and a
count. Never a user, an address, a session or a time of day. Queries that may carry personal data are not
recorded at all: anything with an « @ » (an e-mail), a run of 6 digits or more (a phone number, a date of
birth, an INE), a web address, or more than 8 words (a pupil pasting a message). The log, and the counts of
searches with results (search.clicks), are purged after `SEARCH_UNANSWERED_MONTHS` months
(`manage.py purge_unanswered_searches`).
"""

import datetime
import re

from django.conf import settings
from django.utils import timezone

from home.text import fold

from .models import AnsweredSearch, UnansweredSearch

MAX_LENGTH = 100
MAX_WORDS = 8
_PERSONAL = re.compile(r"@|\d[\d .-]{4,}\d|https?|www|\.(fr|com|net|org)\b", re.IGNORECASE)


def loggable(typed):
    """The form of `typed` to record, or "" when it must not be recorded (possible personal data, too long)."""
    if not typed or _PERSONAL.search(typed):
        return ""
    folded = fold(typed)
    if len(folded) < 2 or len(folded.split()) > MAX_WORDS:
        return ""
    return folded[:MAX_LENGTH].strip()


def record(typed):
    query = loggable(typed)
    if query:
        UnansweredSearch.record(query)
    return query


def purge(months=None, today=None):
    """Delete the weeks older than `months` months, of both logs; returns how many rows went."""
    months = settings.SEARCH_UNANSWERED_MONTHS if months is None else months
    today = today or timezone.localdate()
    limit = today - datetime.timedelta(days=round(30.44 * months))
    deleted = 0
    for model in (UnansweredSearch, AnsweredSearch):
        deleted += model.objects.filter(week__lt=limit).delete()[0]
    return deleted
