"""Guidance (« orientation ») articles for pupils, parents and teachers, and the index that lists them.

An article is written for one audience, about one topic, in plain French. Pupils and parents find
articles by filtering the index; each article points to related métier sheets and articles.
"""

import functools
import math
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.models import Orderable, Page
from wagtail.search import index

from accounts.workflows import assign_staff_workflow
from home.facets import Facets
from home.fields import BodyStreamField
from home.models import BasePage
from metiers.models import MetierPage

# Words read per minute by a pupil of 13 to 15 reading for understanding, not skimming.
WORDS_PER_MINUTE = 180
ARTICLES_PER_PAGE = 12


class Audience(models.TextChoices):
    PUPILS = "pupils", _("Élèves")
    PARENTS = "parents", _("Parents")
    TEACHERS = "teachers", _("Professeurs")


class Topic(models.TextChoices):
    AFTER_3E = "after-3e", _("Après la 3e : voies générale, technologique et professionnelle")
    APPRENTICESHIP = "apprenticeship", _("L'apprentissage")
    STAGE = "stage", _("Le stage de 3e, étape par étape")
    CV_LETTER = "cv-letter", _("CV et lettre de motivation")
    APPLICATIONS = "applications", _("Les vœux d'orientation et l'affectation")
    DISCOVER = "discover", _("Découvrir les métiers")


def collect_text(value):
    """Every string in a block's raw value, for counting words."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from collect_text(item)
    elif isinstance(value, Sequence):
        for item in value:
            yield from collect_text(item)


class GuidanceIndexPage(BasePage):
    """The guidance section: lists its articles, filterable by audience and topic."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["orientation.GuidanceArticlePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("rubrique orientation")
        verbose_name_plural = _("rubriques orientation")

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # Drafts by anyone who may not publish go through staff approval.
        assign_staff_workflow(self)

    def get_articles(self):
        """Live, public articles of this section, newest first."""
        return GuidanceArticlePage.objects.child_of(self).live().public().order_by("-first_published_at", "title")

    def get_context(self, request, *args, **kwargs):
        from .forms import GuidanceFilterForm  # here, not at the top: orientation.forms imports this module

        context = super().get_context(request, *args, **kwargs)
        form = GuidanceFilterForm(request.GET)
        # An unknown value in the address is ignored; the valid filters still apply.
        facets = Facets(request.GET, form.facets())
        filters = {param: option.value for param, option in facets.chosen().items()}
        articles = self.get_articles().filter(**filters)
        paginator = Paginator(articles, ARTICLES_PER_PAGE)
        context["filter_form"] = form
        context["is_filtered"] = bool(filters)
        context["articles"] = paginator.get_page(request.GET.get("page"))
        context["article_count"] = paginator.count
        return context


class GuidanceArticlePage(BasePage):
    """An article that answers one question about orientation for one audience."""

    audience = models.CharField(_("public"), max_length=20, choices=Audience.choices, default=Audience.PUPILS)
    topic = models.CharField(_("thème"), max_length=20, choices=Topic.choices)
    reading_time = models.PositiveSmallIntegerField(
        _("temps de lecture (minutes)"),
        null=True,
        blank=True,
        help_text=_("Laissez vide pour un calcul automatique à partir du texte."),
    )
    easy_read = models.BooleanField(
        _("facile à lire"),
        default=False,
        help_text=_("Phrases courtes, mots simples, une idée par phrase (règles FALC)."),
    )
    body = BodyStreamField(verbose_name=_("contenu"))

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("audience"), FieldPanel("topic")]),
                FieldRowPanel([FieldPanel("reading_time"), FieldPanel("easy_read")]),
            ],
            heading=_("Public et thème"),
        ),
        FieldPanel("body"),
        InlinePanel("related_metiers", label=_("Fiches métiers liées"), max_num=6),
        InlinePanel("related_articles", label=_("Articles liés"), max_num=4),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("body"),
        index.FilterField("audience"),
        index.FilterField("topic"),
        index.FilterField("easy_read"),
    ]

    parent_page_types = ["orientation.GuidanceIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("article d'orientation")
        verbose_name_plural = _("articles d'orientation")

    @property
    def estimated_reading_time(self):
        """The editor's reading time, else the body's word count at a pupil's reading pace."""
        if self.reading_time:
            return self.reading_time
        texts = (text for block in self.body.raw_data for text in collect_text(block["value"]))
        words = sum(len(strip_tags(text).split()) for text in texts)
        words += len(self.introduction.split())
        return max(1, math.ceil(words / WORDS_PER_MINUTE))

    def get_context(self, request, *args, **kwargs):
        from home.routing import parent_url

        context = super().get_context(request, *args, **kwargs)
        # « Tous les articles d'orientation »: the index's URL, kept per parent for the content generation.
        context["index_url"] = lambda: parent_url(self, request)
        context["related_articles"] = functools.cache(lambda: self.related_articles_for(request))
        context["related_metiers"] = functools.cache(lambda: self.related_metiers_for(request))
        return context

    def related_metiers_for(self, request):
        """`get_related_metiers` as (title, URL) pairs, from one table of every article's sheets kept for the
        content generation (links, titles and live states are content): an article's first visit reads its
        entry, not three queries. A preview reads the page being edited."""
        from home.caching import cached_entry

        if getattr(request, "is_preview", False):
            return [
                RelatedLink(sheet.get_listing_title(), sheet.get_url(request)) for sheet in self.get_related_metiers()
            ]
        name = f"article-related-metiers:{translation.get_language()}:{request.get_host()}"
        return cached_entry(request, name, self.pk, lambda: _related_metiers_of_all(request), default=[], timeout=HOUR)

    def related_articles_for(self, request):
        """`get_related_articles`, and the page being rendered depends on each one's own version: it shows their
        reading time, which their text changes without changing the content generation (home.caching)."""
        from home.caching import depends_on, page_key

        related = self.get_related_articles()
        depends_on(request, *(page_key(article.pk) for article in related))
        return related

    def get_related_metiers(self):
        """Related métier sheets that anyone may read: live and without a view restriction."""
        ids = [link.metier_id for link in self.related_metiers.all()]
        pages = Page.objects.filter(pk__in=ids).live().public().specific()
        by_id = {page.pk: page for page in pages}
        return [by_id[pk] for pk in ids if pk in by_id]

    def get_related_articles(self):
        """Related articles that anyone may read, each in this article's language when translated (a
        translated article's links may still point to the French pages)."""
        ids = [link.article_id for link in self.related_articles.all()]
        pages = GuidanceArticlePage.objects.filter(pk__in=ids).live().public()
        by_id = {page.pk: page for page in pages}
        related = [by_id[pk] for pk in ids if pk in by_id]
        if any(page.locale_id != self.locale_id for page in related):
            translations = {
                page.translation_key: page
                for page in GuidanceArticlePage.objects.filter(
                    translation_key__in=[page.translation_key for page in related], locale_id=self.locale_id
                )
                .live()
                .public()
            }
            related = [translations.get(page.translation_key, page) for page in related]
        return related


class RelatedLink(NamedTuple):
    title: str
    url: str


HOUR = 3600  # as metiers/facts.py: an old generation's entries leave the cache within the hour


def _related_metiers_of_all(request):
    """{article id: [RelatedLink]} for every article: the sheets that anyone may read, in the editors' order
    (three queries)."""
    links = GuidanceArticleMetier.objects.order_by("page_id", "sort_order").values_list("page_id", "metier_id")
    links = list(links)
    pages = Page.objects.filter(pk__in={metier for _page, metier in links}).live().public().specific()
    shown = {page.pk: RelatedLink(page.get_listing_title(), page.get_url(request)) for page in pages}
    # Every article has its entry, an empty one too: an entry missing from the cache means « build again ».
    table = {pk: [] for pk in GuidanceArticlePage.objects.values_list("pk", flat=True)}
    for page_id, metier_id in links:
        if metier_id in shown:
            table.setdefault(page_id, []).append(shown[metier_id])
    return table


class GuidanceArticleMetier(Orderable):
    """A métier sheet that an article points to (the chooser and `clean` accept only public sheets)."""

    page = ParentalKey(GuidanceArticlePage, related_name="related_metiers", on_delete=models.CASCADE)
    metier = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("fiche métier"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [PageChooserPanel("metier", page_type="metiers.MetierPage")]

    class Meta(Orderable.Meta):
        verbose_name = _("fiche métier liée")
        verbose_name_plural = _("fiches métiers liées")

    def clean(self):
        super().clean()
        if not self.metier_id:
            return
        if not MetierPage.objects.filter(pk=self.metier_id).exists():
            raise ValidationError({"metier": _("Choisissez une fiche métier.")})
        if not Page.objects.filter(pk=self.metier_id).public().exists():
            raise ValidationError({"metier": _("Cette page est privée : elle ne peut pas être liée à un article.")})


class GuidanceArticleRelated(Orderable):
    page = ParentalKey(GuidanceArticlePage, related_name="related_articles", on_delete=models.CASCADE)
    article = models.ForeignKey(
        "orientation.GuidanceArticlePage",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [PageChooserPanel("article", page_type="orientation.GuidanceArticlePage")]

    class Meta(Orderable.Meta):
        verbose_name = _("article lié")
        verbose_name_plural = _("articles liés")
