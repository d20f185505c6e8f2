"""Helpers shared by the test modules: admin URLs and the form data Wagtail's page editor posts."""

from django.urls import reverse


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
