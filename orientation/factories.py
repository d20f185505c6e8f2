"""Factories for the guidance section's pages, used by tests and benchmarks."""

import factory
import wagtail_factories

from .models import Audience, GuidanceArticlePage, GuidanceIndexPage, Topic


class GuidanceIndexPageFactory(wagtail_factories.PageFactory):
    title = "Orientation"
    slug = "orientation"
    introduction = "Des réponses simples à tes questions sur l'orientation."

    class Meta:
        model = GuidanceIndexPage


class GuidanceArticlePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Article d'orientation {n}")
    introduction = "Ce qu'il faut savoir, en quelques minutes."
    audience = Audience.PUPILS
    topic = Topic.STAGE
    body = factory.LazyFunction(
        lambda: [
            {"type": "heading", "value": "En bref"},
            {"type": "paragraph", "value": "<p>Le stage de 3e dure une semaine.</p>"},
        ]
    )

    class Meta:
        model = GuidanceArticlePage
