"""What the stages app shows on other apps' pages: the stage places of a métier sheet."""

from django import template
from django.db.models import Sum

from wagtail.models import Locale

from accounts.models import current_school_year
from home.caching import cached

from .. import badges
from ..models import PlaceStatus, PlaceWeek

register = template.Library()


@register.filter
def request_tone(state):
    """The badge tone of a stage request's state: `{{ stage_request.state|request_tone }}`."""
    return badges.request_tone(state)


def _seats_by_sheet(year):
    """{sheet translation key: seats offered in `year`'s validated places}, for every sheet in one query."""
    rows = (
        PlaceWeek.objects.filter(place__status=PlaceStatus.APPROVED, place__school_year=year)
        .values_list("place__sheets__translation_key")
        .annotate(total=Sum("seats"))
    )
    return {key: total for key, total in rows if key is not None}


def places_this_year(sheet):
    """Seats offered this school year, in validated places, for `sheet` (in any of its languages): read from
    one table of all sheets kept for the content generation (places and their weeks are content)."""
    year = current_school_year()
    return cached(None, f"stage-seats-by-sheet:{year}", lambda: _seats_by_sheet(year)).get(sheet.translation_key, 0)


@register.inclusion_tag("stages/includes/metier_places.html")
def metier_stage_places(page):
    if not page:
        return {}
    default = Locale.get_default()
    french = page if page.locale_id == default.pk else (page.get_translation_or_none(default) or page)
    return {"page": page, "count": places_this_year(page), "sheet_pk": french.pk}
