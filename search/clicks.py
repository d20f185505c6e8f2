"""Anonymous counts of searches that found results, and of how often a result was opened from them, for staff's
report « Recherches peu cliquées » (design in docs/search.md, « Recherches peu cliquées »).

The search page may be served from the anonymous page cache (home.page_cache) without running the view, so the
counting does not happen in the view: a page with results carries a token (the folded query, signed, the same for
every visitor: the page stays cacheable) and the browser posts it to `search:beacon` with
`navigator.sendBeacon`, once when the results are shown and once when a result is opened, at most once each per
browser tab and query (sessionStorage). The POST carries nothing else; nothing about the visitor is stored, the
token is never in a URL, and the signature means only queries the portal answered can be counted. The filters
of `search.unanswered.loggable` apply (no e-mail, phone number, web address, nor more than 8 words).
"""

from django.core import signing

from .models import AnsweredSearch, count_weekly
from .unanswered import loggable

SALT = "search.clicks"
EVENTS = {"search": "searches", "open": "opens"}


def token_for(typed):
    """The token a page of results carries for `typed`, or "" when the query must not be recorded."""
    query = loggable(typed)
    return signing.Signer(salt=SALT).sign(query) if query else ""


def record(token, event):
    """Count `event` ("search" or "open") for the query signed in `token`; returns the query counted, or ""."""
    field = EVENTS.get(event)
    if not field or not token or len(token) > 200:
        return ""
    try:
        query = signing.Signer(salt=SALT).unsign(token)
    except signing.BadSignature:
        return ""
    if query != loggable(query):
        return ""
    count_weekly(AnsweredSearch, query, field)
    return query
