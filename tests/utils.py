"""Helpers shared by the test modules."""

from django.urls import reverse


def add_url(model, parent):
    """The Wagtail admin URL that creates a page of `model` under `parent`."""
    return reverse("wagtailadmin_pages:add", args=(model._meta.app_label, model._meta.model_name, parent.pk))
