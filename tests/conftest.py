from wagtail.models import Locale, Page, Site

import pytest

from home.models import HomePage


@pytest.fixture
def root_page(db):
    return Page.objects.get(depth=1)


@pytest.fixture
def home_page(db):
    """The French home page created by the migrations: the default site's root."""
    return HomePage.objects.get(locale=Locale.get_default())


@pytest.fixture
def site(db, home_page):
    return Site.objects.get(is_default_site=True)
