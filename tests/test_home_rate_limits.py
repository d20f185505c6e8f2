"""The one rate limiter (home/rate_limits.py): limits named in settings, per client address or per value."""

import json

from django.http import HttpResponse
from django.test import RequestFactory

import pytest

from home.rate_limits import over_limit, rate_limit

# The clock is stopped: django-ratelimit counts in fixed windows, and a run crossing one would start again.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("stopped_clock")]


@pytest.fixture
def limits(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "test_page": "2/h"}


def page_view(request):
    return HttpResponse("la page")


def test_the_decorator_refuses_a_client_past_the_limit_with_a_french_page(limits, home_page):
    view = rate_limit("test_page")(page_view)
    factory = RequestFactory()
    answers = [view(factory.get("/fr/", REMOTE_ADDR="10.0.0.1")) for _ in range(3)]
    assert [answer.status_code for answer in answers] == [200, 200, 429]
    refused = answers[-1]
    refused.render()
    assert "Trop de requêtes" in refused.content.decode()
    assert int(refused["Retry-After"]) > 0
    # Another client is not affected.
    assert view(factory.get("/fr/", REMOTE_ADDR="10.0.0.2")).status_code == 200


def test_the_refusal_links_back_to_the_sites_page_it_came_from(limits, home_page):
    view = rate_limit("test_page")(page_view)
    factory = RequestFactory()
    came_from = "http://testserver/fr/agenda/ateliers-cuisine/"
    for _ in range(2):
        view(factory.post("/fr/ateliers/seances/1/inscription/", REMOTE_ADDR="10.0.0.3", HTTP_REFERER=came_from))
    refused = view(factory.post("/fr/ateliers/seances/1/inscription/", REMOTE_ADDR="10.0.0.3", HTTP_REFERER=came_from))
    refused.render()
    assert f'href="{came_from}"' in refused.content.decode()
    # Another site's address is never linked.
    elsewhere = view(
        factory.post(
            "/fr/ateliers/seances/1/inscription/", REMOTE_ADDR="10.0.0.3", HTTP_REFERER="https://evil.example/"
        )
    )
    elsewhere.render()
    assert "evil.example" not in elsewhere.content.decode()


def test_the_decorator_answers_json_to_a_json_endpoint(limits):
    view = rate_limit("test_page", json=True)(page_view)
    factory = RequestFactory()
    for _ in range(2):
        view(factory.get("/", REMOTE_ADDR="10.0.0.1"))
    refused = view(factory.get("/", REMOTE_ADDR="10.0.0.1"))
    assert refused.status_code == 429
    assert "Trop de requêtes" in json.loads(refused.content)["error"]


def test_a_view_may_count_per_value_instead_of_per_client(limits):
    request = RequestFactory().post("/", REMOTE_ADDR="10.0.0.1")
    assert [over_limit(request, "test_page", "a@example.org") for _ in range(3)] == [False, False, True]
    assert over_limit(request, "test_page", "b@example.org") is False


def test_an_unknown_limit_name_fails_loudly(settings):
    with pytest.raises(KeyError):
        over_limit(RequestFactory().get("/"), "no_such_limit")
