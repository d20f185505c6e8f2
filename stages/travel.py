"""Distance and an *estimated* travel time between two Île-de-France communes.

The matching console needs « how far is this place from the pupil's collège ». Until a real
public-transport router is plugged in, `estimate()` measures the straight line between the communes'
representative points (stages/data/communes_idf.csv, Licence Ouverte: see stages/data/README.md) and turns
it into minutes with a detour factor and an average speed per means of travel. Every screen that shows it
says it is an estimate.

One small interface: a router is any callable ``(from_code, to_code, mode) -> Estimate | None``;
`set_router()` replaces the default one (a real router later, or a fixed one in tests).
"""

import csv
import math
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.db import models
from django.utils.translation import gettext_lazy as _

DATA = Path(__file__).resolve().parent / "data" / "communes_idf.csv"
# Straight lines are shorter than streets and lines: a common detour factor for urban trips.
DETOUR = 1.3
# Average door-to-door speeds (km/h) and fixed minutes (walking to the station, waiting), by means.
SPEEDS = {"transports": (18, 10), "marche": (4.5, 0), "velo": (13, 2), "voiture": (20, 5)}


class TravelMode(models.TextChoices):
    TRANSPORTS = "transports", _("transports en commun")
    WALK = "marche", _("à pied")
    BIKE = "velo", _("à vélo")
    CAR = "voiture", _("en voiture avec un proche")


@dataclass(frozen=True)
class Commune:
    code: str
    name: str
    postcodes: tuple
    lat: float
    lon: float


@dataclass(frozen=True)
class Estimate:
    km: float
    minutes: int


def fold(text):
    """Lower case, no accents, hyphens and apostrophes as spaces: « L'Île-Saint-Denis » ≈ « l ile saint denis »."""
    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()
    return " ".join(text.replace("-", " ").replace("'", " ").replace("’", " ").split())


@cache
def communes():
    with DATA.open(newline="", encoding="utf-8") as handle:
        rows = csv.DictReader(handle)
        return {
            row["code_insee"]: Commune(
                row["code_insee"], row["nom"], tuple(row["codes_postaux"].split()), float(row["lat"]), float(row["lon"])
            )
            for row in rows
        }


@cache
def _by_name():
    return {fold(commune.name): commune for commune in communes().values()}


def find_commune(text):
    """The commune named `text` (any case or accents) or with INSEE code `text`; None when unknown."""
    text = (text or "").strip()
    return communes().get(text) or _by_name().get(fold(text))


def commune_choices():
    return sorted(
        ((c.code, f"{c.name} ({c.postcodes[0] if c.postcodes else c.code[:2]})") for c in communes().values()),
        key=lambda x: fold(x[1]),
    )


def distance_km(a, b):
    """Great-circle distance between two communes' points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


def straight_line_router(from_code, to_code, mode=TravelMode.TRANSPORTS):
    a, b = communes().get(from_code), communes().get(to_code)
    if a is None or b is None:
        return None
    km = distance_km(a, b)
    speed, fixed = SPEEDS.get(str(mode), SPEEDS["transports"])
    return Estimate(km=round(km, 1), minutes=round(fixed + km * DETOUR / speed * 60))


_router = straight_line_router


def set_router(router):
    """Plug another router (same signature as `straight_line_router`); returns the previous one."""
    global _router
    previous, _router = _router, router
    return previous


def estimate(from_code, to_code, mode=TravelMode.TRANSPORTS):
    """Distance (km) and estimated minutes between two communes by INSEE code; None when one is unknown."""
    return _router(from_code, to_code, mode)
