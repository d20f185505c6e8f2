"""The guidance demo content loads, renders, and loads again without duplicates."""

import io
from types import SimpleNamespace

from django.utils.html import escape

from wagtail.models import Locale

import pytest

from demo import orientation as demo_orientation
from orientation.models import Audience, GuidanceArticlePage, GuidanceIndexPage

pytestmark = pytest.mark.django_db


def test_demo_articles_load_twice_and_render(client, home_page):
    command = SimpleNamespace(stdout=io.StringIO())
    demo_orientation.load(command, home_page)
    demo_orientation.load(command, home_page)

    french = Locale.get_default()
    # The section and the parents' article are translated (en, ar) once, whatever the number of runs.
    assert GuidanceIndexPage.objects.count() == 3
    assert GuidanceArticlePage.objects.exclude(locale=french).count() == 2
    assert GuidanceIndexPage.objects.filter(locale=french).count() == 1
    articles = GuidanceArticlePage.objects.live().filter(locale=french)
    assert articles.count() == len(demo_orientation.ARTICLES)
    assert {article.audience for article in articles} == set(Audience.values)
    for article in articles:
        response = client.get(article.url)
        assert response.status_code == 200, article.slug
        assert f"<h1>{escape(article.title)}</h1>" in response.content.decode()
    parents = client.get(GuidanceIndexPage.objects.get(locale=french).url, {"audience": Audience.PARENTS})
    assert [a.title for a in parents.context["articles"]] == ["Comment aider votre enfant à trouver un stage"]
