"""The rules of law a « séquence d'observation en milieu professionnel » of a 4e/3e pupil must keep.

Pure functions: they take values (dates, times, kinds), query nothing, and return a list of `Breach`
(empty when the rule is kept). Each breach's message is in French and names the rule and its text, so
that a host, a teacher or staff knows what to change and why. They are asked:

- when a host offers or edits a place (`place_breaches`: hours and tutor; the pupil is not known yet, so
  the strictest case, a pupil under 16, is assumed — every 4e/3e pupil is 13 to 15);
- when staff propose a place to a pupil (`placement_breaches`: adds the pupil's age on the first day and
  the host's kind, `stages.workflow.check_place_fits`);
- when a convention is drawn up or changed (`convention_breaches`, `stages.models.conventions`).

The texts (see docs/stages.md, « The law checked », for their dates):

- Code de l'éducation, art. D.332-14: the observation sequence of the last two years of collège, at most
  one week, under a convention between the collège and the host (model convention: circulaire
  n° 2003-134 du 8 septembre 2003, with décret n° 2003-812 du 26 août 2003).
- Code du travail, art. L.4153-1 and D.4153-2: under 16, only observation, never productive work; under
  14, only in administrations, établissements publics and collectivités territoriales — or, by
  art. L.4153-5, in a business where only members of the pupil's family work.
- Code du travail, art. L.3162-1 and the model convention: a minor in observation is present at most
  7 hours a day and 35 hours a week; art. L.3162-3: a break of 30 consecutive minutes once a day's time
  passes 4 h 30; art. L.3163-2: no presence between 20 h and 6 h under 16.

The ceilings are constants below: if a text changes, change them here (and the convention's articles).
"""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

MAX_DAILY_MINUTES = 7 * 60
MAX_WEEKLY_MINUTES = 35 * 60
BREAK_AFTER_MINUTES = 4 * 60 + 30
MIN_BREAK_MINUTES = 30
NIGHT_STARTS = datetime.time(20, 0)
NIGHT_ENDS = datetime.time(6, 0)
NIGHT_RULE_UNDER = 16
PUBLIC_ONLY_UNDER = 14


class LegalKind:
    """The host's kind as the age rule sees it (stored on `HostOrganisation.legal_kind`)."""

    PUBLIC = "public"  # administration, collectivité territoriale, établissement public
    FAMILY = "familiale"  # only members of the pupil's family work there (L.4153-5)
    PRIVATE = "prive"  # company, craftsperson, association…
    UNKNOWN = ""


@dataclass(frozen=True)
class Breach:
    rule: str  # a short key, for tests and logs: "age", "daily", "break", "night", "weekly", "days", "tutor"
    message: str

    def __str__(self):
        return self.message


def messages(breaches):
    return [breach.message for breach in breaches]


def age_on(birth_date, day):
    """Age in whole years on `day` (None when the birth date is unknown)."""
    if birth_date is None or day is None:
        return None
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def _minutes(time):
    return time.hour * 60 + time.minute


def _hm(minutes):
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest:02d}" if rest else f"{hours} h"


def hours_label(starts_at, ends_at, break_minutes):
    """« 9 h – 16 h, pause de 45 min », as pupils read the place's hours."""
    label = f"{_hm(_minutes(starts_at))} – {_hm(_minutes(ends_at))}"
    if break_minutes:
        label += _(", pause de %(minutes)s min") % {"minutes": break_minutes}
    return label


def daily_minutes(starts_at, ends_at, break_minutes):
    """Minutes of presence in a day, the break taken off."""
    return _minutes(ends_at) - _minutes(starts_at) - (break_minutes or 0)


def host_allowed(legal_kind, birth_date, first_day):
    """Under 14 on the first day: only a public body or a family business (L.4153-1, D.4153-2, L.4153-5)."""
    if legal_kind == LegalKind.PUBLIC:
        return []
    if legal_kind == LegalKind.UNKNOWN:
        return [
            Breach(
                "host_kind",
                _(
                    "Âge minimum selon le lieu (Code du travail, art. L.4153-1 et D.4153-2) : le statut de la "
                    "structure d'accueil (publique, privée ou entreprise familiale) n'est pas connu. L'équipe "
                    "doit l'indiquer sur la fiche de la structure."
                ),
            )
        ]
    years = age_on(birth_date, first_day)
    if years is None:
        return [
            Breach(
                "age_unknown",
                _(
                    "Âge minimum selon le lieu (Code du travail, art. L.4153-1 et D.4153-2) : la date de "
                    "naissance de l'élève n'est pas connue, or une structure privée n'accueille pas un élève de "
                    "moins de 14 ans. Demandez à l'équipe de l'association d'enregistrer sa date de naissance."
                ),
            )
        ]
    if years < PUBLIC_ONLY_UNDER and legal_kind != LegalKind.FAMILY:
        return [
            Breach(
                "age",
                _(
                    "Âge minimum selon le lieu (Code du travail, art. L.4153-1 et D.4153-2) : l'élève aura "
                    "%(age)s ans le premier jour du stage ; avant 14 ans, la séquence d'observation n'est "
                    "possible que dans une administration, une collectivité territoriale, un établissement "
                    "public, ou une entreprise où ne travaillent que des membres de sa famille (art. L.4153-5)."
                )
                % {"age": years},
            )
        ]
    return []


def daily_breaches(starts_at, ends_at, break_minutes, *, under_16=True):
    """The day: at most 7 h of presence, a 30-minute break past 4 h 30, nothing between 20 h and 6 h."""
    if starts_at is None or ends_at is None:
        return [Breach("daily", _("Horaires : indiquez l'heure d'arrivée et l'heure de départ de l'élève."))]
    if ends_at <= starts_at:
        return [
            Breach(
                "daily",
                _("Horaires : l'heure de départ (%(end)s) doit venir après l'heure d'arrivée (%(start)s).")
                % {"start": _hm(_minutes(starts_at)), "end": _hm(_minutes(ends_at))},
            )
        ]
    breaches = []
    span = _minutes(ends_at) - _minutes(starts_at)
    break_minutes = break_minutes or 0
    if break_minutes >= span:
        return [Breach("break", _("Horaires : la pause est plus longue que la journée."))]
    present = span - break_minutes
    if present > MAX_DAILY_MINUTES:
        breaches.append(
            Breach(
                "daily",
                _(
                    "Durée quotidienne (Code du travail, art. L.3162-1 ; convention type, circulaire n° 2003-134) : "
                    "un élève mineur est présent 7 heures par jour au plus, pause non comptée ; ces horaires en "
                    "font %(hours)s."
                )
                % {"hours": _hm(present)},
            )
        )
    if present > BREAK_AFTER_MINUTES and break_minutes < MIN_BREAK_MINUTES:
        breaches.append(
            Breach(
                "break",
                _(
                    "Pause (Code du travail, art. L.3162-3) : au-delà de 4 h 30 de présence dans la journée, "
                    "l'élève a droit à une pause d'au moins 30 minutes consécutives."
                ),
            )
        )
    if under_16 and (starts_at < NIGHT_ENDS or ends_at > NIGHT_STARTS):
        breaches.append(
            Breach(
                "night",
                _(
                    "Travail de nuit (Code du travail, art. L.3163-2) : un élève de moins de 16 ans ne peut pas "
                    "être présent entre 20 h et 6 h."
                ),
            )
        )
    return breaches


def weekly_breaches(starts_at, ends_at, break_minutes, days):
    """The week: at most 35 hours (the same hours each day of the stage)."""
    if starts_at is None or ends_at is None or ends_at <= starts_at or not days:
        return []
    total = daily_minutes(starts_at, ends_at, break_minutes) * days
    if total > MAX_WEEKLY_MINUTES:
        return [
            Breach(
                "weekly",
                _(
                    "Durée hebdomadaire (Code du travail, art. L.3162-1 ; convention type, circulaire "
                    "n° 2003-134) : 35 heures par semaine au plus ; ces horaires font %(hours)s sur %(days)s jours."
                )
                % {"hours": _hm(total), "days": days},
            )
        ]
    return []


def working_days(first_day, last_day):
    """Monday-to-Friday days from `first_day` to `last_day`, both included."""
    if first_day is None or last_day is None or last_day < first_day:
        return 0
    count = 0
    day = first_day
    while day <= last_day:
        count += day.weekday() < 5
        day += datetime.timedelta(days=1)
    return count


def days_breaches(first_day, last_day, week_monday):
    """The stage's days fall within the collège's stage week, Monday to Friday (D.332-14: one week at most)."""
    if first_day is None or last_day is None:
        return [Breach("days", _("Dates : indiquez le premier et le dernier jour du stage."))]
    week_friday = week_monday + datetime.timedelta(days=4)
    if last_day < first_day:
        return [Breach("days", _("Dates : le dernier jour du stage vient avant le premier."))]
    if first_day < week_monday or last_day > week_friday:
        return [
            Breach(
                "days",
                _(
                    "Dates (Code de l'éducation, art. D.332-14) : la séquence d'observation a lieu pendant la "
                    "semaine de stage du collège, du %(monday)s au %(friday)s."
                )
                % {"monday": week_monday.strftime("%d/%m/%Y"), "friday": week_friday.strftime("%d/%m/%Y")},
            )
        ]
    return []


def tutor_breaches(name, contact):
    """The tutor is named, with a telephone number or an e-mail address to reach them (model convention)."""
    breaches = []
    if not (name or "").strip():
        breaches.append(
            Breach(
                "tutor",
                _("Tuteur (convention type, circulaire n° 2003-134) : indiquez le nom du tuteur ou de la tutrice."),
            )
        )
    contact = (contact or "").strip()
    digits = sum(character.isdigit() for character in contact)
    if not ("@" in contact or digits >= 10):
        breaches.append(
            Breach(
                "tutor_contact",
                _(
                    "Tuteur (convention type, circulaire n° 2003-134) : indiquez un téléphone (10 chiffres) ou "
                    "une adresse e-mail pour joindre le tuteur ou la tutrice pendant le stage."
                ),
            )
        )
    return breaches


def schedule_breaches(starts_at, ends_at, break_minutes, days=5, *, under_16=True):
    return daily_breaches(starts_at, ends_at, break_minutes, under_16=under_16) + weekly_breaches(
        starts_at, ends_at, break_minutes, days
    )


def place_breaches(place):
    """A place as a host offers it: hours for a pupil under 16 over a five-day week, the tutor."""
    return schedule_breaches(place.starts_at, place.ends_at, place.break_minutes) + tutor_breaches(
        place.tutor, place.tutor_contact
    )


def _under_16(birth_date, first_day):
    years = age_on(birth_date, first_day)
    return years is None or years < NIGHT_RULE_UNDER


def placement_breaches(place, birth_date, week_monday):
    """A place proposed to a pupil for their collège's week: the host for their age, then the place's rules."""
    return (
        host_allowed(place.host.legal_kind, birth_date, week_monday)
        + schedule_breaches(
            place.starts_at,
            place.ends_at,
            place.break_minutes,
            under_16=_under_16(birth_date, week_monday),
        )
        + tutor_breaches(place.tutor, place.tutor_contact)
    )


def convention_breaches(
    *,
    legal_kind,
    birth_date,
    week_monday,
    first_day,
    last_day,
    starts_at,
    ends_at,
    break_minutes,
    tutor_name,
    tutor_contact,
):
    """A convention as drawn up: every rule, with its own dates and hours."""
    days = days_breaches(first_day, last_day, week_monday)
    return (
        host_allowed(legal_kind, birth_date, first_day or week_monday)
        + days
        + schedule_breaches(
            starts_at,
            ends_at,
            break_minutes,
            working_days(first_day, last_day) if not days else 5,
            under_16=_under_16(birth_date, first_day or week_monday),
        )
        + tutor_breaches(tutor_name, tutor_contact)
    )
