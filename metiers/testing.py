"""Pytest fixtures shared by the métiers tests (tests/test_metiers_*.py import them by name)."""

from pathlib import Path

from django.conf import settings

import pytest

from .factories import MetiersIndexPageFactory
from .importer import CatalogueImporter

EXTRACT_DIR = Path(settings.BASE_DIR) / "tests" / "data" / "metiers"


@pytest.fixture
def metiers_index(home_page):
    """The catalogue page, published under the French home page."""
    return MetiersIndexPageFactory(parent=home_page)


@pytest.fixture
def imported(metiers_index):
    """The small extract of tests/data/metiers imported once; returns the import report."""
    return CatalogueImporter(metiers_index, EXTRACT_DIR).run()
