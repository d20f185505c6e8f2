"""Template filters of home/text.py."""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe

from home import text

register = template.Library()


@register.filter
def elide_de(value, name):
    """`{% blocktranslate asvar heading with name=pupil.first_name %}CV de {{ name }}{% endblocktranslate %}`
    then `{{ heading|elide_de:pupil.first_name }}`: « CV d'Inès » in French, the translation untouched in
    other languages. An escaped sentence stays escaped (the name is matched in its escaped form)."""
    if isinstance(value, SafeData):
        return mark_safe(text.elide_de(str(value), conditional_escape(str(name or ""))))  # noqa: S308
    return text.elide_de(str(value), name)
