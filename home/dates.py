"""Dates and times written the way the visitor's language writes them.

Django's formats give « 1 mars » where French writes « 1er mars », and the project's French times
(« 09h00 ») are not English ones (« 9:00 AM »). `day()` and `clock()` are the one place for both; the
template filters `day` and `clock` (`home.templatetags.date_tags`) call them.
"""

import re

from django.utils import formats, translation

# The clock of each language; a language not listed writes 24-hour times (« 09:00 »).
CLOCK_FORMATS = {"fr": r"H\hi", "en": "g:i A"}
UNESCAPED_DAY = re.compile(r"(?<!\\)j")


def _language():
    return (translation.get_language() or "fr").split("-")[0]


def day(value, fmt="l j F Y"):
    """`value` (a date or a local datetime) in the format `fmt` of Django's `date` filter, with « 1er »
    for the first day of the month in French."""
    if value in (None, ""):
        return ""
    if _language() == "fr" and value.day == 1:
        fmt = UNESCAPED_DAY.sub(r"j\\e\\r", fmt)
    return formats.date_format(value, fmt)


def clock(value):
    """The time of `value` (a local datetime or a time): « 09h00 » in French, « 9:00 AM » in English."""
    if value in (None, ""):
        return ""
    return formats.time_format(value, CLOCK_FORMATS.get(_language(), "H:i"))


def comma():
    """The comma of the visitor's language, between a date and its time or the parts of a line: « ، » in
    Arabic, « , » otherwise."""
    return "، " if _language() == "ar" else ", "
