"""The « Ce métier m'intéresse » button, for the métier sheet (rendered outside the sheet's shared cache) and
for each métier sheet among the search results: only a pupil who may take part sees it, anonymous visitors
get nothing, so the pages stay cacheable. The pupil's marks are read once per request."""

from django import template

from accounts.access import can_take_part
from metiers.models import MetierPage

from ..models import InterestMark

register = template.Library()


def _marks(request):
    """(may mark, {marked sheet ids}) for the request's user, computed once per request."""
    if not hasattr(request, "_carnet_marks"):
        user = request.user
        if user.is_authenticated and can_take_part(user):
            request._carnet_marks = (
                True,
                set(InterestMark.objects.filter(pupil=user).values_list("sheet_id", flat=True)),
            )
        else:
            request._carnet_marks = (False, set())
    return request._carnet_marks


@register.inclusion_tag("carnet/includes/mark_button.html", takes_context=True)
def carnet_mark_button(context, sheet, compact=False):
    request = context.get("request")
    show, marked = _marks(request) if request is not None and hasattr(request, "user") else (False, set())
    show = show and sheet is not None and sheet.specific_class is MetierPage
    return {
        "show": show,
        "compact": compact,
        "sheet": sheet,
        "marked": show and sheet.pk in marked,
        "next": request.get_full_path() if request else "",
        "csrf_token": context.get("csrf_token"),
    }
