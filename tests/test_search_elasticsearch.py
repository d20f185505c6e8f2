"""The site search on a real Elasticsearch (or OpenSearch) server, French analyser included.

Not run in CI or by `make test`: no server can be installed there. Run it against a server with:

    ELASTICSEARCH_URL=http://127.0.0.1:9200 .venv/bin/pytest tests/test_search_elasticsearch.py -m elasticsearch
"""

import os

from django.urls import reverse

from wagtail.search.backends import get_search_backend

import pytest

from accounts.factories import UserFactory
from accounts.roles import Role
from procedures.factories import ProcedurePageFactory, ProceduresIndexPageFactory

pytestmark = [
    pytest.mark.elasticsearch,
    pytest.mark.django_db,
    pytest.mark.skipif(
        not os.environ.get("ELASTICSEARCH_URL"), reason="needs an Elasticsearch server at ELASTICSEARCH_URL"
    ),
]

URL = reverse("search:search")


@pytest.fixture
def indexed(imported, home_page, settings):
    """The extract and a volunteers' procedure, really indexed in a throw-away index."""
    backends = {name: dict(options) for name, options in settings.WAGTAILSEARCH_BACKENDS.items()}
    backends["default"]["INDEX_PREFIX"] = "test_unstage_"
    settings.WAGTAILSEARCH_BACKENDS = backends
    procedures = ProceduresIndexPageFactory(parent=home_page)
    procedure = ProcedurePageFactory(parent=procedures, title="Accueil des boulangers", audience=[Role.VOLUNTEER])
    backend = get_search_backend()
    assert "elasticsearch" in type(backend).__module__ or "opensearch" in type(backend).__module__
    backend.reset_indexes()
    from wagtail.models import Page

    for page in Page.objects.live().specific():
        backend.add(page)
    backend.refresh_indexes()
    yield procedure
    backend.reset_indexes()


def test_french_stemming_and_misspellings(client, indexed):
    for query in ("boulangers", "boulangé", "patissiere"):
        response = client.get(URL, {"q": query})
        assert response.status_code == 200
        assert response.context["search"].page_obj.object_list, query


def test_procedures_stay_private(client, indexed):
    assert indexed.title not in client.get(URL, {"q": "accueil boulangers"}).content.decode()
    client.force_login(UserFactory(role=Role.VOLUNTEER))
    assert indexed.title in client.get(URL, {"q": "accueil boulangers"}).content.decode()
