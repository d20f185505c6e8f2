"""The site search: métier sheets, guidance articles and, for those allowed, internal procedures.

How a query is answered
-----------------------
1. *Who may see what* comes first: `visible_pages()` lists the live pages of the current language the visitor
   may open (public sheets and articles; procedures only through `procedures.access`' rules). Everything after
   works inside that list: the full-text query is filtered on those ids (`id` is a filter field of every page,
   on every backend), dictionary matches are intersected with it, and counts, facets, suggestions and
   autocomplete are computed from the result. A draft or a private page cannot leak through any of them.
2. Two rankings are blended: the term dictionary (`search.terms`: titles, feminine forms, alternative names,
   centres d'intérêt and everyday words, accent-folded and typo-tolerant) and Wagtail's full-text search
   (French stemming on PostgreSQL and Elasticsearch, FTS5 on SQLite). A sheet named like the query comes first;
   the full-text rank orders the rest and brings articles and procedures. A phrase or a word no name knows is
   also matched on the sheets' own texts (`search.concepts`: French roots, BM25), and unknown words are read
   by their French sound (« jandarm » → « gendarme »).
3. Filters (type, grand domaine, level) and their counts are computed on the blended list, each count as if
   its own filter were not chosen; then a page of results is loaded.

Bad input never fails: the query is cleaned and capped (`search.text.clean_query`), unknown filter values are
ignored with a message, page numbers are clamped.
"""

import logging
from dataclasses import dataclass

from django.apps import apps
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Locale, Page
from wagtail.search.utils import normalise_query_string

from home.facets import Facet, FacetOption, Facets
from home.text import fold
from metiers.models import AccessLevel, GrandDomaine, MetierPage
from procedures.access import AUDIENCE_ROLES, is_staff_reader, user_group_names
from procedures.models import ProcedurePage, ProceduresIndexPage

from . import concepts, terms
from .fallback import NothingFoundMixin
from .signals import generation
from .text import MAX_QUERY_LENGTH, clean_query, full_text_words, meaningful_words

logger = logging.getLogger(__name__)

PER_PAGE = 10
VISIBLE_CACHE_SECONDS = 30
FULL_TEXT_LIMIT = 200
# How much each ranking weighs in the blend: a dictionary score is between 0 and 1, a full-text rank gives
# 1 for the first result, 0.5 for the fifth, 0.2 for the 17th.
DICTIONARY_WEIGHT = 1.5
FULL_TEXT_WEIGHT = 1.0
# A sheet that bears exactly the name typed (« infirmière ») comes before those whose name merely starts so.
EXACT_NAME_BONUS = 0.5
TITLE_BONUS = 0.8
# The sheets whose texts describe what the query says (search.concepts), between 0 and 1 for the best.
CONCEPT_WEIGHT = 1.2
# A query naming a domain (« santé »): its sheets, the most central first (search.concepts.domain_sheets).
DOMAIN_WEIGHT = 1.0
DOMAIN_SHEETS = 20  # the most central ones only: a page of results, not the whole domain to rank and count
# A wish worded like a centre d'intérêt (« protéger les gens », « Je souhaite protéger et secourir »): its sheets.
INTEREST_WEIGHT = 0.5
CLOSEST_SIZE = 5
# A dictionary match scored below this came from letters in common (trigrams), not from a name that starts
# with, or is, the query: it is kept only if some word of the query could be meant for a word of that name.
LETTERS_ONLY_SCORE = 0.7


@dataclass(frozen=True)
class ResultType:
    key: str
    model: str
    label: object
    plural: object


RESULT_TYPES = [
    ResultType("metier", "metiers.MetierPage", _("Fiche métier"), _("Fiches métiers")),
    ResultType("article", "orientation.GuidanceArticlePage", _("Article d'orientation"), _("Articles d'orientation")),
    ResultType("procedure", "procedures.ProcedurePage", _("Procédure interne"), _("Procédures internes")),
]
TYPES_BY_KEY = {result_type.key: result_type for result_type in RESULT_TYPES}


def model_for(result_type):
    return apps.get_model(result_type.model)


def audience_key(user):
    """What decides which pages a visitor may open: two visitors with the same key see the same pages."""
    if is_staff_reader(user):
        return "staff"
    groups = sorted(user_group_names(user) & set(AUDIENCE_ROLES))
    return "+".join(groups) or "public"


def visible_pages(user, locale):
    """Live pages of `locale` that `user` may open, among the searchable types: {page id: type key}.

    Cached for a few seconds per kind of visitor, and dropped as soon as any page or view restriction changes
    (see `search.signals`)."""
    key = f"search:visible:{generation()}:{locale.pk}:{audience_key(user)}"
    visible = cache.get(key)
    if visible is None:
        visible = _visible_pages(user, locale)
        cache.set(key, visible, VISIBLE_CACHE_SECONDS)
    return visible


def _visible_pages(user, locale):
    content_types = {}
    for result_type in RESULT_TYPES:
        model = model_for(result_type)
        content_types[model._meta.label_lower] = result_type.key
    public_models = [model_for(result_type) for result_type in RESULT_TYPES if result_type.key != "procedure"]
    # In English or Arabic, French pages not translated yet are searched too: they are shown in French under
    # the visitor's language (home.i18n) and marked lang="fr" in the results.
    default = Locale.get_default()
    locales = [locale] if locale.pk == default.pk else [locale, default]
    translated_keys = Page.objects.live().filter(locale=locale).values("translation_key")

    def of_locale(queryset, page_locale):
        queryset = queryset.filter(locale=page_locale)
        return queryset if page_locale == locale else queryset.exclude(translation_key__in=translated_keys)

    condition = Q()
    for page_locale in locales:
        public = of_locale(Page.objects.live().type(*public_models).public(), page_locale)
        condition |= Q(pk__in=public.values("pk"))
        for index in ProceduresIndexPage.objects.live().filter(locale=page_locale):
            if index.user_can_read(user):
                readable = of_locale(index.get_procedures_for(user).live().order_by(), page_locale)
                condition |= Q(pk__in=ProcedurePage.objects.filter(pk__in=readable.values("pk")).values("pk"))
    rows = Page.objects.filter(condition).values_list("pk", "content_type__app_label", "content_type__model").order_by()
    return {pk: content_types[f"{app}.{model}"] for pk, app, model in rows if f"{app}.{model}" in content_types}


def full_text_ids(query, ids, operator="and", limit=FULL_TEXT_LIMIT):
    """Page ids matching `query` in Wagtail's search backend, most relevant first, among `ids` only."""
    if not query or not ids:
        return []
    queryset = Page.objects.filter(pk__in=list(ids))
    try:
        results = queryset.search(query, operator=operator, order_by_relevance=True)[:limit]
        return [page.pk for page in results]
    except Exception:  # A backend down or a query it refuses: the dictionary still answers.
        logger.exception("Full-text search failed for a query of %s characters", len(query))
        return []


def blend(dictionary_matches, full_text, words=(), concept_scores=(), extra_scores=()):
    """One ranking out of two, best first. A page whose title holds every word of the query gets a bonus:
    full-text ranks alone put a sheet that cites « apprentissage » among its 80 names before the article
    called « L'apprentissage, comment ça marche ? »."""
    scores = {}
    if words and full_text:
        for page_id, title in Page.objects.filter(pk__in=full_text).values_list("pk", "title"):
            title_words = set(fold(title).split())
            if all(any(known.startswith(word) for known in title_words) for word in words):
                scores[page_id] = TITLE_BONUS
    for match in dictionary_matches:
        bonus = EXACT_NAME_BONUS if match.exact else 0
        scores[match.page_id] = scores.get(match.page_id, 0) + DICTIONARY_WEIGHT * match.score + bonus
    for position, page_id in enumerate(full_text):
        scores[page_id] = scores.get(page_id, 0) + FULL_TEXT_WEIGHT / (1 + position * 0.25)
    for page_id, score in concept_scores:
        scores[page_id] = scores.get(page_id, 0) + CONCEPT_WEIGHT * score
    for page_id, score in extra_scores:  # a domain's centrality, or a centre d'intérêt, already weighted
        scores[page_id] = scores.get(page_id, 0) + score
    return sorted(scores, key=lambda page_id: -scores[page_id])


@dataclass
class Result:
    page: Page
    type: ResultType
    matched_name: str = ""

    @property
    def alias(self):
        """The name the query matched, when the title does not already say it (« Mitron » for « Boulanger »)."""
        if not self.matched_name or self.type.key != "metier":
            return ""
        folded = fold(self.matched_name)
        if folded in fold(self.page.title) or folded in {fold(getattr(self.page, "title_feminine", ""))}:
            return ""
        return self.matched_name

    @property
    def summary(self):
        page = self.page
        return getattr(page, "listing_summary", "") or getattr(page, "introduction", "") or page.search_description


def search_facets():
    """The search page's facets: the type of content, and the domain and level of métier sheets."""
    return [
        Facet(
            "type",
            _("Type de contenu"),
            _("Tous les contenus"),
            [FacetOption(result_type.key, result_type.plural) for result_type in RESULT_TYPES],
        ),
        Facet(
            "domaine",
            _("Grand domaine"),
            _("Tous les domaines"),
            [
                FacetOption(code, name)
                for code, name in GrandDomaine.objects.order_by("code").values_list("code", "name")
            ],
        ),
        Facet(
            "niveau",
            _("Niveau d'études minimum"),
            _("Tous les niveaux"),
            [FacetOption(str(level.value), level.label) for level in AccessLevel],
        ),
    ]


class SiteSearch(NothingFoundMixin):
    """One search: the parsed request, its results, facets, suggestions and promotions."""

    def __init__(self, params, user, locale, per_page=PER_PAGE):
        self.params = params
        self.user = user
        self.locale = locale
        self.per_page = per_page
        self.errors = []
        # What the visitor typed, shown back in the search box as it was (the template escapes it).
        self.typed = str(params.get("q", ""))[:MAX_QUERY_LENGTH]
        self.query = clean_query(self.typed)
        self.folded = fold(self.query)
        self.words = meaningful_words(self.folded)
        self.facets = Facets(params, search_facets(), clean=clean_query)
        self.errors += self.facets.errors
        self.dictionary_matches = []
        self.ranked = []
        self.corrected = ""
        self.reading = concepts.Reading([], False)
        if self.words:
            self._search()

    # Parameters ------------------------------------------------------------------------------------
    @property
    def has_query(self):
        return bool(self.query)

    @property
    def only_stop_words(self):
        return bool(self.folded) and not self.words

    # Searching -------------------------------------------------------------------------------------
    @cached_property
    def visible(self):
        return visible_pages(self.user, self.locale)

    def _search(self):
        visible_ids = set(self.visible)
        # The query read by sound (« jandarm » → « gendarme »), when some of its words are unknown.
        self.corrected = concepts.correct(self.query)
        alternatives = [self.corrected] if self.corrected else []
        self.reading = concepts.read(self.corrected or self.folded)
        self.dictionary_matches = [
            match
            for match in terms.match(self.folded, visible_ids, limit=60, alternatives=alternatives)
            if match.score >= LETTERS_ONLY_SCORE
            or concepts.more_than_letters(self.folded, match.label)
            or (self.corrected and concepts.more_than_letters(self.corrected, match.label))
        ]
        words = full_text_words(self.folded)
        # The full-text query keeps the visitor's accents (the stemmers want them), without stop words.
        typed = [word for word in self.query.split() if fold(word) and set(fold(word).split()) & set(words)]
        if self.corrected:
            typed = full_text_words(self.corrected) or typed
        text_query = " ".join(typed)
        # A query that is itself the name of a sheet (« prof ») is answered by the names, as is one word the
        # names know (« apprentissage »: a topic that articles may bear too); the texts help the rest.
        exact = any(match.exact for match in self.dictionary_matches)
        # A word read through the everyday vocabulary (« bagnole », « ordi ») is not a name: the texts decide.
        helps = not exact and (len(words) > 1 or not self.dictionary_matches or self.reading.read_as)
        concept_scores = concepts.search(self.corrected or self.folded, visible_ids) if helps else []
        # A domain's name (« santé ») is no sheet's name: the domain's sheets join in, the most central first.
        extra_scores = (
            []
            if exact
            else [
                (page_id, DOMAIN_WEIGHT * score)
                for page_id, score in concepts.domain_sheets(self.reading, visible_ids)[:DOMAIN_SHEETS]
            ]
        )
        found = full_text_ids(text_query, visible_ids, operator="and")
        if len(found) < 5 and len(words) > 1:
            found += [
                page_id for page_id in full_text_ids(text_query, visible_ids, operator="or") if page_id not in found
            ]
        if helps:  # a wish worded like a centre d'intérêt: the sheets given that interest, among those found
            found_ids = set(found) | {page_id for page_id, _score in concept_scores}
            extra_scores += [
                (page_id, INTEREST_WEIGHT * score)
                for page_id, score in concepts.interest_sheets(self.reading, visible_ids)
                if page_id in found_ids
            ]
        self.ranked = blend(self.dictionary_matches, found, words, concept_scores, extra_scores)
        self.matched_names = {match.page_id: match.label for match in self.dictionary_matches}

    @cached_property
    def _sheet_facts(self):
        """Grand domaine code and access level of the sheets in the results, in one query."""
        sheet_ids = [page_id for page_id in self.ranked if self.visible.get(page_id) == "metier"]
        rows = MetierPage.objects.filter(pk__in=sheet_ids).values_list("pk", "grand_domaine__code", "access_level")
        return {pk: (domaine or "", str(level) if level else "") for pk, domaine, level in rows}

    def _value_of(self, param, page_id):
        """The value of facet `param` for one result: its type, or the sheet's domain or level."""
        if param == "type":
            return self.visible.get(page_id)
        facts = self._sheet_facts.get(page_id)
        if facts is None:
            return None
        return facts[0 if param == "domaine" else 1]

    def _keeps(self, page_id, chosen):
        return all(self._value_of(param, page_id) == option.value for param, option in chosen.items())

    def _count(self, facet, chosen):
        """Results per value of `facet` among those the other chosen filters keep (see home.facets)."""
        counts = {}
        for page_id in self.ranked:
            if self._keeps(page_id, chosen):
                value = self._value_of(facet.param, page_id)
                counts[value] = counts.get(value, 0) + 1
        return counts

    @cached_property
    def results_ids(self):
        self.facets.count(self._count)
        chosen = self.facets.chosen()
        return [page_id for page_id in self.ranked if self._keeps(page_id, chosen)]

    @property
    def ordered_facets(self):
        self.results_ids  # noqa: B018 (computes the counts)
        return list(self.facets)

    @property
    def active_filters(self):
        """Chosen filters, each with the query string of the same search without it (`remove_query`)."""
        return self.facets.active

    @cached_property
    def page_obj(self):
        paginator = Paginator(self.results_ids, self.per_page)
        page_obj = paginator.get_page(self.params.get("page"))
        ids = list(page_obj.object_list)
        pages = {page.pk: page for page in Page.objects.filter(pk__in=ids).specific()}
        page_obj.object_list = [
            Result(pages[pk], TYPES_BY_KEY[self.visible[pk]], self.matched_names.get(pk, ""))
            for pk in ids
            if pk in pages
        ]
        return page_obj

    @property
    def count(self):
        return len(self.results_ids)

    # Help when the query is misspelt or finds nothing -------------------------------------------------
    @cached_property
    def suggestions(self):
        """« Tu voulais dire … ? »: names of visible sheets close to the query, when it is not itself one."""
        if not self.words:
            return []
        if any(match.exact for match in self.dictionary_matches):
            return []
        # A query spelt right (« infirmier » in « Infirmier de bloc opératoire ») needs no correction.
        if any(f" {self.folded} " in f" {fold(match.label)} " for match in self.dictionary_matches[:10]):
            return []
        # A query understood through the everyday vocabulary (« travailler avec les ordis ») has its answers:
        # a name that merely looks like one of its words would be a worse one.
        if self.reading.read_as and self.ranked:
            return []
        labels = []
        for match in self.dictionary_matches[:10]:
            if fold(match.label) != self.folded and match.label not in labels:
                labels.append(match.label)
        if not labels and not self.results_ids:
            for match in terms.loose_match(self.folded, set(self.visible)):
                if match.label not in labels:
                    labels.append(match.label)
        # Only a name the query could have meant: the corrected search then finds that sheet by its name, which
        # is better than what was found; a name sharing letters only is not offered (« Cordiste » for « ordis »).
        return [label for label in labels if concepts.more_than_letters(self.folded, label)][:3]

    @cached_property
    def promotions(self):
        """Staff's promoted results for this exact query (Wagtail search promotions), visible pages only."""
        if not self.query or self.page_obj.number != 1:
            return []
        query = Query.objects.filter(query_string=normalise_query_string(self.query)).first()
        if query is None:
            return []
        promotions = []
        for promotion in query.editors_picks.select_related("page").order_by("sort_order"):
            if promotion.page_id and promotion.page_id not in self.visible:
                continue
            promotions.append(promotion)
        return promotions

    @property
    def found_nothing(self):
        """The query found nothing of its own: the page shows the closest sheets, interests and a way to ask."""
        return bool(self.words) and not self.ranked

    @cached_property
    def closest(self):
        """When nothing matched: the visible sheets whose names are nearest by spelling or by sound."""
        if not self.found_nothing:
            return []
        alternatives = [form for form in (self.corrected, concepts.nearest_by_sound(self.query)) if form]
        matches = terms.match(
            self.folded, set(self.visible), limit=CLOSEST_SIZE * 4, min_score=0.2, alternatives=alternatives
        )
        # Never a sheet that only shares letters with what was typed: a pupil reads « Cordiste » offered for
        # « les ordis » as nonsense. Better to say plainly that nothing fits and offer interests and domains.
        matches = [match for match in matches if concepts.more_than_letters(self.folded, match.label)][:CLOSEST_SIZE]
        pages = {page.pk: page for page in Page.objects.filter(pk__in=[m.page_id for m in matches]).specific()}
        return [Result(pages[m.page_id], TYPES_BY_KEY["metier"], m.label) for m in matches if m.page_id in pages]
