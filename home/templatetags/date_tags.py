"""`{{ value|day:"l j F Y" }}` and `{{ value|clock }}`: dates and times in the visitor's language
(« 1er mars » in French, « 9:00 AM » in English), and `{% comma %}` between them (« ، » in Arabic); see
`home.dates`."""

from django import template

from home import dates

register = template.Library()


@register.filter(expects_localtime=True)
def day(value, fmt="l j F Y"):
    return dates.day(value, fmt)


@register.filter(expects_localtime=True)
def clock(value):
    return dates.clock(value)


@register.simple_tag
def comma():
    return dates.comma()
