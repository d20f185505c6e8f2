"""The « Mes données » page shows the same data as the JSON export, whose dates are ISO 8601 strings: this
filter writes them as people read them (« 30 novembre 2026 11:05 »), in local time."""

import datetime

from django import template
from django.template.defaultfilters import date as format_date
from django.utils import timezone

register = template.Library()


@register.filter
def readable_date(value):
    """An ISO date or date-time string (or a date) as a date to read; anything else as it is."""
    if not value:
        return value
    if isinstance(value, str):
        try:
            value = datetime.datetime.fromisoformat(value) if "T" in value else datetime.date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return format_date(value, "j F Y H:i")
    return format_date(value, "j F Y")
