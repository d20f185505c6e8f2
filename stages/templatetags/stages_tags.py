"""What the stages app shows on other apps' pages: the stage places of a métier sheet."""

from django import template
from django.db.models import Sum

from wagtail.models import Locale

from accounts.models import current_school_year

from .. import badges
from ..models import PlaceStatus, PlaceWeek

register = template.Library()


@register.filter
def request_tone(state):
    """The badge tone of a stage request's state: `{{ stage_request.state|request_tone }}`."""
    return badges.request_tone(state)


def places_this_year(sheet):
    """Seats offered this school year, in validated places, for `sheet` (in any of its languages)."""
    total = PlaceWeek.objects.filter(
        place__status=PlaceStatus.APPROVED,
        place__school_year=current_school_year(),
        place__sheets__translation_key=sheet.translation_key,
    ).aggregate(total=Sum("seats"))["total"]
    return total or 0


@register.inclusion_tag("stages/includes/metier_places.html")
def metier_stage_places(page):
    if not page:
        return {}
    french = page.get_translation_or_none(Locale.get_default()) or page
    return {"page": page, "count": places_this_year(page), "sheet_pk": french.pk}
