"""The figures plug into « Mon espace » (accounts.extensions) for the people who may read them."""

from accounts import extensions

from . import dashboard

extensions.register(dashboard)  # « Mon espace »: see dashboard.py
