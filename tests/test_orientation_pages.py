"""Guidance pages: where they live, creation through the admin form, the filterable listing, what an
article shows, and what it refuses to show."""

import html as html_module

from django.core.exceptions import ValidationError

from wagtail.models import WorkflowPage
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest
import wagtail_factories

from home.factories import StandardPageFactory
from home.models import HomePage
from metiers.factories import MetierPageFactory, MetiersIndexPageFactory
from orientation.factories import GuidanceArticlePageFactory, GuidanceIndexPageFactory
from orientation.models import (
    ARTICLES_PER_PAGE,
    Audience,
    GuidanceArticleMetier,
    GuidanceArticlePage,
    GuidanceArticleRelated,
    GuidanceIndexPage,
    Topic,
)
from procedures.factories import PrivateDocumentFactory
from tests.utils import add_url, promote_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def guidance(home_page):
    return GuidanceIndexPageFactory(parent=home_page)


class TestPageTree:
    def test_guidance_index_lives_once_under_the_home_page(self, root_page, home_page, guidance):
        assert GuidanceIndexPage.allowed_parent_page_models() == [HomePage]
        assert not GuidanceIndexPage.can_create_at(root_page)
        assert not GuidanceIndexPage.can_create_at(home_page)  # Already one.
        assert not GuidanceIndexPage.can_create_at(guidance)
        assert GuidanceIndexPage.allowed_subpage_models() == [GuidanceArticlePage]

    def test_article_lives_only_in_the_guidance_index_and_has_no_children(self, home_page, guidance):
        article = GuidanceArticlePageFactory(parent=guidance)
        assert GuidanceArticlePage.can_create_at(guidance)
        assert not GuidanceArticlePage.can_create_at(home_page)
        assert not GuidanceArticlePage.can_create_at(article)
        assert GuidanceArticlePage.allowed_subpage_models() == []

    def test_index_is_moderated_by_staff(self, guidance):
        workflow = WorkflowPage.objects.get(page=guidance).workflow
        assert workflow.name == "Validation par l'équipe"
        assert [task.specific.groups.get().name for task in workflow.tasks] == ["Équipe"]
        article = GuidanceArticlePageFactory(parent=guidance)
        assert article.get_workflow() == workflow


class TestAdminCreation:
    def test_staff_creates_an_index_then_an_article_with_every_shared_block(self, staff_client, home_page, client):
        response = staff_client.post(
            add_url(GuidanceIndexPage, home_page),
            nested_form_data(
                {
                    "title": "Orientation",
                    "introduction": "Tes questions, nos réponses.",
                    **promote_data("orientation"),
                    "action-publish": "publish",
                }
            ),
        )
        assert response.status_code == 302, response.context["form"].errors if response.context else response
        index = GuidanceIndexPage.objects.get(slug="orientation")
        other = GuidanceArticlePageFactory(parent=index, title="Le stage de 3e")

        document = wagtail_factories.DocumentFactory(title="Modèle de lettre")
        data = nested_form_data(
            {
                "title": "Écrire ta lettre de motivation",
                "introduction": "Une lettre courte et sincère.",
                "audience": Audience.PUPILS,
                "topic": Topic.CV_LETTER,
                "reading_time": "",
                "easy_read": "on",
                "body": streamfield(
                    [
                        ("heading", "Ce que la lettre dit"),
                        ("paragraph", rich_text("<p>Qui tu es, ce qui t'intéresse.</p>")),
                        ("callout", {"style": "tip", "title": "Astuce", "text": rich_text("<p>Relis-toi.</p>")}),
                        (
                            "steps",
                            {
                                "title": "En trois étapes",
                                "steps": streamfield([("item", {"title": "Te présenter", "text": rich_text("")})]),
                            },
                        ),
                        (
                            "faq",
                            {
                                "title": "Questions",
                                "items": streamfield(
                                    [
                                        (
                                            "item",
                                            {
                                                "question": "Faut-il écrire à la main ?",
                                                "answer": rich_text("<p>Non.</p>"),
                                            },
                                        )
                                    ]
                                ),
                            },
                        ),
                        ("document", {"document": document.pk, "title": ""}),
                    ]
                ),
                "related_metiers": inline_formset([]),
                "related_articles": inline_formset([{"article": other.pk}]),
                **promote_data("lettre-de-motivation"),
                "action-publish": "publish",
            }
        )
        response = staff_client.post(add_url(GuidanceArticlePage, index), data)

        assert response.status_code == 302, response.context["form"].errors if response.context else response
        article = GuidanceArticlePage.objects.get(slug="lettre-de-motivation")
        assert article.live and article.easy_read
        assert [block.block_type for block in article.body] == [
            "heading",
            "paragraph",
            "callout",
            "steps",
            "faq",
            "document",
        ]
        assert article.get_related_articles() == [other]

        client.logout()
        html = client.get(article.url).content.decode()
        assert "<h1>Écrire ta lettre de motivation</h1>" in html
        assert "Facile à lire" in html
        assert "Faut-il écrire à la main ?" in html
        assert "Modèle de lettre" in html
        assert "Le stage de 3e" in html  # Related article.

    def test_an_article_may_not_link_a_private_procedure_document(self, staff_client, guidance):
        document = PrivateDocumentFactory(title="Charte interne")
        data = nested_form_data(
            {
                "title": "Une fuite",
                "introduction": "",
                "audience": Audience.PARENTS,
                "topic": Topic.STAGE,
                "reading_time": "",
                "body": streamfield([("document", {"document": document.pk, "title": ""})]),
                "related_metiers": inline_formset([]),
                "related_articles": inline_formset([]),
                **promote_data("une-fuite"),
                "action-publish": "publish",
            }
        )
        response = staff_client.post(add_url(GuidanceArticlePage, guidance), data)
        assert response.status_code == 200
        assert "réservé aux membres de l'association" in " ".join(response.context["form"].errors["body"])
        assert not GuidanceArticlePage.objects.filter(slug="une-fuite").exists()

    def test_a_private_document_linked_in_rich_text_is_refused_too(self, guidance):
        document = PrivateDocumentFactory(title="Charte interne")
        article = GuidanceArticlePageFactory.build(
            title="Lien caché",
            slug="lien-cache",
            body=[{"type": "paragraph", "value": f'<p><a linktype="document" id="{document.pk}">la charte</a></p>'}],
        )
        with pytest.raises(ValidationError, match="Charte interne"):
            article.full_clean()


class TestListing:
    @pytest.fixture
    def articles(self, guidance):
        return {
            "stage": GuidanceArticlePageFactory(
                parent=guidance, title="Le stage pas à pas", audience=Audience.PUPILS, topic=Topic.STAGE
            ),
            "parents": GuidanceArticlePageFactory(
                parent=guidance, title="Aider votre enfant", audience=Audience.PARENTS, topic=Topic.STAGE
            ),
            "apprenticeship": GuidanceArticlePageFactory(
                parent=guidance, title="L'apprentissage expliqué", audience=Audience.PUPILS, topic=Topic.APPRENTICESHIP
            ),
            "draft": GuidanceArticlePageFactory(
                parent=guidance, title="Brouillon caché", audience=Audience.PUPILS, topic=Topic.STAGE, live=False
            ),
        }

    def titles(self, response):
        return {article.title for article in response.context["articles"]}

    def test_lists_live_articles(self, client, guidance, articles):
        response = client.get(guidance.url)
        assert response.status_code == 200
        assert self.titles(response) == {"Le stage pas à pas", "Aider votre enfant", "L'apprentissage expliqué"}
        assert "Brouillon caché" not in response.content.decode()
        assert "3 articles" in response.content.decode()

    def test_filters_by_audience(self, client, guidance, articles):
        response = client.get(guidance.url, {"audience": Audience.PARENTS})
        assert self.titles(response) == {"Aider votre enfant"}
        assert "1 article" in response.content.decode()

    def test_filters_by_topic(self, client, guidance, articles):
        response = client.get(guidance.url, {"topic": Topic.STAGE})
        assert self.titles(response) == {"Le stage pas à pas", "Aider votre enfant"}

    def test_filters_combine(self, client, guidance, articles):
        response = client.get(guidance.url, {"audience": Audience.PUPILS, "topic": Topic.APPRENTICESHIP})
        assert self.titles(response) == {"L'apprentissage expliqué"}

    def test_unknown_filter_values_are_ignored_not_an_error(self, client, guidance, articles):
        response = client.get(guidance.url, {"audience": "<script>", "topic": Topic.APPRENTICESHIP, "page": "x"})
        assert response.status_code == 200
        assert self.titles(response) == {"L'apprentissage expliqué"}
        assert "<script>" not in response.content.decode()

    def test_no_match_says_so(self, client, guidance, articles):
        response = client.get(guidance.url, {"audience": Audience.TEACHERS})
        assert self.titles(response) == set()
        assert "Aucun article ne correspond" in response.content.decode()

    def test_pages_keep_the_filters(self, client, guidance):
        for number in range(ARTICLES_PER_PAGE + 1):
            GuidanceArticlePageFactory(parent=guidance, title=f"Article {number}", audience=Audience.PARENTS)
        response = client.get(guidance.url, {"audience": Audience.PARENTS})
        html = response.content.decode()
        assert len(response.context["articles"]) == ARTICLES_PER_PAGE
        assert "?audience=parents&amp;page=2" in html
        second = client.get(guidance.url, {"audience": Audience.PARENTS, "page": 2})
        assert len(second.context["articles"]) == 1


class TestArticle:
    def test_reading_time_is_estimated_from_the_text_unless_given(self, guidance):
        words = " ".join(["mot"] * 400)
        article = GuidanceArticlePageFactory(
            parent=guidance, body=[{"type": "paragraph", "value": f"<p>{words}</p>"}], introduction=""
        )
        assert article.estimated_reading_time == 3  # 400 words at 180 a minute.
        article.reading_time = 7
        assert article.estimated_reading_time == 7

    def test_article_shows_its_audience_topic_and_reading_time(self, client, guidance):
        article = GuidanceArticlePageFactory(
            parent=guidance, audience=Audience.PARENTS, topic=Topic.APPRENTICESHIP, reading_time=4
        )
        html = client.get(article.url).content.decode()
        assert "Parents" in html
        assert "L'apprentissage" in html_module.unescape(html)
        assert "4 minutes" in html

    def test_article_links_back_to_its_index_even_after_the_index_moves_address(self, client, guidance):
        article = GuidanceArticlePageFactory(parent=guidance)
        assert f'<a href="{guidance.url}">Tous les articles d' in client.get(article.url).content.decode()

        guidance.slug = "s-orienter"
        guidance.save_revision().publish()

        html = client.get(GuidanceArticlePage.objects.get(pk=article.pk).url).content.decode()
        assert '<a href="/fr/s-orienter/">Tous les articles d' in html

    def test_an_article_seen_for_the_first_time_reads_its_related_sheets_without_a_query(
        self, client, home_page, guidance
    ):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        metiers = MetiersIndexPageFactory(parent=home_page)
        first, with_sheets, without = (GuidanceArticlePageFactory(parent=guidance) for _ in range(3))
        for n in range(3):
            sheet = MetierPageFactory(parent=metiers, title=f"Métier lié {n}", slug=f"lie-{n}")
            GuidanceArticleMetier.objects.create(page=with_sheets, metier=sheet, sort_order=n)
        for _ in range(2):  # the header, the footer, the site settings made on first use, then the table
            client.get(first.url)

        counts = {}
        for article in (with_sheets, without):
            with CaptureQueriesContext(connection) as captured:
                html = client.get(article.url).content.decode()
            counts[article.pk] = len(captured.captured_queries)
        assert counts[with_sheets.pk] == counts[without.pk]
        assert '<a href="/fr/metiers/lie-2/">Métier lié 2</a>' in client.get(with_sheets.url).content.decode()
        assert "Métier lié" not in html

    def test_related_metiers_show_only_public_live_pages(self, client, home_page, guidance):
        article = GuidanceArticlePageFactory(parent=guidance)
        metiers_index = MetiersIndexPageFactory(parent=home_page)
        shown = MetierPageFactory(parent=metiers_index, title="Électricienne")
        hidden = MetierPageFactory(parent=metiers_index, title="Métier en brouillon", live=False)
        GuidanceArticleMetier.objects.create(page=article, metier=shown, sort_order=0)
        GuidanceArticleMetier.objects.create(page=article, metier=hidden, sort_order=1)
        html = client.get(article.url).content.decode()
        assert "Électricienne" in html
        assert "Métier en brouillon" not in html

    def test_a_related_metier_must_be_a_metier_sheet(self, home_page, guidance):
        article = GuidanceArticlePageFactory(parent=guidance)
        link = GuidanceArticleMetier(page=article, metier=StandardPageFactory(parent=home_page))
        with pytest.raises(ValidationError, match="Choisissez une fiche métier"):
            link.full_clean()

    def test_a_related_article_in_draft_is_not_shown(self, client, guidance):
        article = GuidanceArticlePageFactory(parent=guidance)
        draft = GuidanceArticlePageFactory(parent=guidance, title="Pas encore prêt", live=False)
        GuidanceArticleRelated.objects.create(page=article, article=draft, sort_order=0)
        assert "Pas encore prêt" not in client.get(article.url).content.decode()

    @pytest.mark.parametrize("page_cache", [False, True], ids=["logged-in-fragment", "anonymous-page-cache"])
    def test_a_related_articles_new_reading_time_shows_at_once(self, client, settings, guidance, page_cache):
        settings.PAGE_CACHE = {"ENABLED": page_cache, "TIMEOUT": 300}
        article = GuidanceArticlePageFactory(parent=guidance, slug="a-lire")
        other = GuidanceArticlePageFactory(
            parent=guidance, slug="aussi", reading_time=None, body=[("paragraph", "<p>Court.</p>")]
        )
        GuidanceArticleRelated.objects.create(page=article, article=other, sort_order=0)
        client.get(article.url)  # the first request fills the header's caches: the second one is kept
        assert "1 minute" in client.get(article.url).content.decode()

        # Only the related article's text changes (home.caching.page_changed: no global reset).
        other = GuidanceArticlePage.objects.get(pk=other.pk)
        other.body = [("paragraph", "<p>" + "mot " * 900 + "</p>")]
        other.save_revision().publish()
        minutes = GuidanceArticlePage.objects.get(pk=other.pk).estimated_reading_time
        assert minutes > 1

        assert f"{minutes} minutes" in client.get(article.url).content.decode()

    def test_article_is_in_the_sitemap_and_public_search(self, client, guidance):
        article = GuidanceArticlePageFactory(parent=guidance, title="Voie professionnelle")
        assert article.full_url in client.get("/sitemap.xml").content.decode()
        response = client.get("/fr/recherche/", {"q": "professionnelle"})
        assert article.pk in {result.page.pk for result in response.context["search"].page_obj.object_list}
