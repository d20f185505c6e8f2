"""The school calendar rules for a workshop slot: a school day of the classes' school year, not past.

The portal holds no official calendar of school holidays yet. `INTERVENTIONS_SCHOOL_HOLIDAYS` (settings: a
list of ``("2026-10-17", "2026-11-02")`` pairs, first and last day included) lists them when staff have
it; empty, only weekends, the past and the year's bounds are refused. A school year runs, for a
workshop, from 1 September to 4 July (classes are over by then; `accounts.models.current_school_year`
names it from 1 August).
"""

import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from home import dates

FIRST_HOUR = datetime.time(8, 0)
LAST_START = datetime.time(17, 0)


def year_bounds(school_year):
    """(first day, last day) of a school year named « 2026-2027 »."""
    start = int(school_year[:4])
    return datetime.date(start, 9, 1), datetime.date(start + 1, 7, 4)


def holidays():
    periods = []
    for first, last in getattr(settings, "INTERVENTIONS_SCHOOL_HOLIDAYS", []):
        periods.append((datetime.date.fromisoformat(str(first)), datetime.date.fromisoformat(str(last))))
    return periods


def slot_errors(moment, school_years, now=None):
    """The French messages refusing `moment` (an aware datetime) as a workshop slot for classes of
    `school_years`; empty when it may be chosen."""
    now = now or timezone.now()
    local = timezone.localtime(moment)
    day = local.date()
    shown = dates.day(day, "l j F Y")
    errors = []
    if moment <= now:
        errors.append(_("Le %(date)s est déjà passé : choisissez une date à venir.") % {"date": shown})
    if day.weekday() >= 5:
        errors.append(_("Le %(date)s tombe un week-end : choisissez un jour de classe.") % {"date": shown})
    for first, last in holidays():
        if first <= day <= last:
            errors.append(_("Le %(date)s tombe pendant les vacances scolaires.") % {"date": shown})
            break
    for school_year in sorted(set(school_years)):
        first, last = year_bounds(school_year)
        if not first <= day <= last:
            errors.append(
                _("Le %(date)s est en dehors de l'année scolaire %(year)s de la classe.")
                % {"date": shown, "year": school_year}
            )
            break
    if not FIRST_HOUR <= local.time() <= LAST_START:
        errors.append(_("Choisissez un horaire de début entre 8 h et 17 h."))
    return errors
