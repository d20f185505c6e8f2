"""The figures plug into « Mon espace » (accounts.extensions) for the people who may read them."""

from wagtail import hooks

from accounts.extensions import DASHBOARD_SECTIONS

from . import dashboard

# « Mon espace » (accounts.extensions): the function is in dashboard.py.
hooks.register(DASHBOARD_SECTIONS, dashboard.sections)
