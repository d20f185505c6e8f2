"""The « Ce métier m'intéresse » button, for the métier sheet (rendered outside the sheet's shared cache:
only a pupil who may take part sees it, anonymous visitors get nothing, so the page stays cacheable)."""

from django import template

from accounts.access import can_take_part

from ..models import InterestMark

register = template.Library()


@register.inclusion_tag("carnet/includes/mark_button.html", takes_context=True)
def carnet_mark_button(context, sheet):
    request = context.get("request")
    user = getattr(request, "user", None)
    show = bool(user and user.is_authenticated and sheet is not None and can_take_part(user))
    return {
        "show": show,
        "sheet": sheet,
        "marked": show and InterestMark.objects.filter(pupil=user, sheet=sheet).exists(),
        "next": request.get_full_path() if request else "",
        "csrf_token": context.get("csrf_token"),
    }
