"""Every page model of our apps has a factory, so tests and benchmarks can build any page type."""

import importlib
import inspect
from pathlib import Path

from django.apps import apps
from django.conf import settings

from wagtail.models import Page, get_page_models

import wagtail_factories

REPO_ROOT = Path(settings.BASE_DIR).resolve()


def our_page_models():
    """Concrete page models defined by an app whose code lives in this repository (not Wagtail's)."""
    models = []
    for model in get_page_models():
        if model is Page or model._meta.abstract:
            continue
        app_path = Path(apps.get_app_config(model._meta.app_label).path).resolve()
        if app_path.is_relative_to(REPO_ROOT) and ".venv" not in app_path.parts:
            models.append(model)
    return models


def factories_by_model(app_label):
    try:
        module = importlib.import_module(f"{apps.get_app_config(app_label).name}.factories")
    except ModuleNotFoundError:
        return {}
    return {
        factory._meta.model: factory
        for _name, factory in inspect.getmembers(module, inspect.isclass)
        if issubclass(factory, wagtail_factories.PageFactory) and factory._meta.model is not None
    }


def test_the_repository_defines_page_models():
    # Guards the test below against finding nothing (and so passing) if the discovery breaks.
    labels = {model._meta.label for model in our_page_models()}
    assert {"home.HomePage", "home.StandardPage"} <= labels
    assert not any(label.startswith("wagtail") for label in labels)


def test_every_page_model_has_a_factory():
    missing = [
        model._meta.label for model in our_page_models() if model not in factories_by_model(model._meta.app_label)
    ]
    assert not missing, f"Page models without a PageFactory in <app>/factories.py: {missing}"
