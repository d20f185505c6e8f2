"""One cache rule: every response to a logged-in person is `Cache-Control: private, no-store`; public pages
seen by anonymous visitors stay cacheable."""

from django.urls import reverse
from django.utils.cache import patch_cache_control

import pytest

from accounts.factories import PupilFactory, StaffFactory, UserFactory
from accounts.roles import Role
from orientation.factories import GuidanceArticlePageFactory, GuidanceIndexPageFactory
from procedures.factories import (
    ProcedureAttachmentFactory,
    ProcedurePageFactory,
    ProceduresIndexPageFactory,
    ProcedureStepFactory,
)

pytestmark = pytest.mark.django_db


def assert_private(response):
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    assert {"private", "no-store"} <= directives, response.get("Cache-Control")


def assert_cacheable(response):
    value = response.get("Cache-Control", "")
    assert "private" not in value
    assert "no-store" not in value


@pytest.fixture
def content(home_page):
    article = GuidanceArticlePageFactory(parent=GuidanceIndexPageFactory(parent=home_page), title="Zanzibar public")
    index = ProceduresIndexPageFactory(parent=home_page)
    procedure = ProcedurePageFactory(parent=index, title="Zanzibar interne", audience=[Role.TEACHER])
    ProcedureStepFactory(page=procedure, title="Étape zanzibar")
    attachment = ProcedureAttachmentFactory(page=procedure)
    return {"article": article, "procedure": procedure, "document": attachment.document}


def test_public_pages_stay_cacheable_for_anonymous_visitors(client, content, home_page):
    for url in (home_page.url, content["article"].url, reverse("search:search") + "?q=zanzibar"):
        response = client.get(url)
        assert response.status_code == 200
        assert_cacheable(response)
    response = client.get(reverse("search:autocomplete"), {"q": "zanzibar"})
    assert response.json()
    assert_cacheable(response)


def test_my_space_is_private(client):
    client.force_login(PupilFactory())
    response = client.get(reverse("accounts:dashboard"))
    assert response.status_code == 200
    assert_private(response)


def test_private_document_page_search_and_autocomplete_are_private(client, content):
    client.force_login(UserFactory(role=Role.TEACHER))
    response = client.get(content["document"].url)
    assert response.status_code == 200
    assert_private(response)
    response = client.get(content["procedure"].url)
    assert response.status_code == 200
    assert_private(response)
    response = client.get(reverse("search:search"), {"q": "zanzibar"})
    assert "Zanzibar interne" in {result.page.title for result in response.context["search"].page_obj.object_list}
    assert_private(response)
    response = client.get(reverse("search:autocomplete"), {"q": "zanzibar"})
    assert "Zanzibar interne" in {item["title"] for item in response.json()}
    assert_private(response)


def test_a_public_page_seen_by_a_logged_in_person_is_private(client, content):
    """The header names the person: the page as they see it is theirs."""
    client.force_login(StaffFactory())
    response = client.get(content["article"].url)
    assert response.status_code == 200
    assert_private(response)


def test_the_rule_wins_over_a_view_that_asked_for_a_public_cache(rf, content):
    from home.middleware import PrivateResponseCacheMiddleware

    def view(request):
        from django.http import HttpResponse

        response = HttpResponse("x")
        patch_cache_control(response, public=True, max_age=3600)
        return response

    request = rf.get("/")
    request.user = UserFactory(role=Role.PARENT)
    response = PrivateResponseCacheMiddleware(view)(request)
    assert_private(response)
    assert "public" not in response["Cache-Control"]
