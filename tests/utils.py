"""Helpers shared by the test modules: admin URLs and the form data Wagtail's page editor posts."""

import datetime
import zoneinfo

from django.urls import reverse

# « Now » for tests that ask for the `frozen_now` fixture (tests/conftest.py): a Wednesday morning in term
# time, school year 2026-2027. Dates a test builds are relative to it, never to the wall clock.
FROZEN_NOW = datetime.datetime(2026, 11, 18, 10, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Paris"))


def add_url(model, parent):
    """The Wagtail admin URL that creates a page of `model` under `parent`."""
    return reverse("wagtailadmin_pages:add", args=(model._meta.app_label, model._meta.model_name, parent.pk))


def promote_data(slug):
    """The « Promote » tab of a page form (`BasePage`: slug, SEO and listing fields), left empty but the slug."""
    return {
        "slug": slug,
        "seo_title": "",
        "search_description": "",
        "social_image": "",
        "listing_title": "",
        "listing_summary": "",
        "listing_image": "",
    }
