"""What a sheet shows from other rows: its domains, sectors, interests, related sheets and specialities.

Read one sheet at a time, that is six queries on the first visit of each sheet (and nine Page objects with
their URLs for the related sheets). They change only with the content (classifications, relations, titles,
appellations and live states are content: `home.caching`), so they are computed for every sheet at once, in
a few queries, when the first sheet is asked after a change, and kept per sheet for the content generation
(`home.caching.cached_entry`): each other sheet's first visit reads its own small entry, no query.

A preview shows the page being edited, with its unsaved classifications and relations: read from the
instance (`from_instance`), never from the cache.
"""

from collections import defaultdict
from types import SimpleNamespace
from typing import NamedTuple

from django.db.models import F
from django.utils import translation

from home.caching import cached_entry
from home.routing import parent_url

# An hour: the entries are keyed by the content generation, so they are never stale, only unused after a
# change; an old generation's 532 entries per language (about 1 MB) leave Redis within the hour, and a table
# built again costs one request about 50 ms.
TIMEOUT = 3600


class Domain(NamedTuple):
    code: str
    name: str


class Named(NamedTuple):
    name: str


class Sector(NamedTuple):
    name: str
    code: str
    parent_id: int | None


class Interest(NamedTuple):
    name: str
    slug: str


class Link(NamedTuple):
    title: str
    url: str


class Speciality(NamedTuple):
    label: str


class SheetFacts(NamedTuple):
    grand_domaine: Domain | None
    domaine_professionnel: Named | None
    sectors: list
    interests: list
    related_sheets: list
    specialities: list


EMPTY = SheetFacts(None, None, [], [], [], [])


def sheet_facts(page, request):
    """The facts of `page` (a MetierPage), for the request's language and host (related sheets' URLs)."""
    if request is None or getattr(request, "is_preview", False):
        return from_instance(page, request)
    host = request.get_host()
    name = f"sheet-facts:{translation.get_language()}:{host}"
    return cached_entry(request, name, page.pk, lambda: all_facts(request), default=EMPTY, timeout=TIMEOUT)


def from_instance(page, request):
    """The facts read from the page itself (its unsaved values in a preview): one query each."""
    domain = page.grand_domaine
    professional = page.domaine_professionnel
    return SheetFacts(
        Domain(domain.code, domain.name) if domain else None,
        Named(professional.name) if professional else None,
        [Sector(sector.name, sector.code, sector.parent_id) for sector in page.sector_list],
        [Interest(tag.name, tag.slug) for tag in page.interest_list],
        [Link(sheet.title, sheet.get_url(request)) for sheet in page.related_sheets],
        [Speciality(item.label) for item in page.specialities],
    )


def all_facts(request):
    """{sheet id: SheetFacts} for every sheet, in nine queries whatever the number of sheets."""
    from .models import (
        Appellation,
        DomaineProfessionnel,
        GrandDomaine,
        MetierPage,
        MetierPageCentreInteret,
        MetierRelation,
        Secteur,
    )
    from .models.snippets import CentreInteret

    domains = {pk: Domain(code, name) for pk, code, name in GrandDomaine.objects.values_list("pk", "code", "name")}
    professional = {pk: Named(name) for pk, name in DomaineProfessionnel.objects.values_list("pk", "name")}
    sectors = {pk: Sector(*row) for pk, *row in Secteur.objects.values_list("pk", "name", "code", "parent_id")}
    interests = {pk: Interest(*row) for pk, *row in CentreInteret.objects.values_list("pk", "name", "slug")}

    sectors_of = defaultdict(list)
    sector_links = MetierPage.sectors.through.objects.order_by("secteur__name", "secteur_id")
    for page_id, sector_id in sector_links.values_list("metierpage_id", "secteur_id"):
        sectors_of[page_id].append(sectors[sector_id])
    interests_of = defaultdict(list)
    interest_links = MetierPageCentreInteret.objects.order_by("tag__name", "tag_id")
    for page_id, tag_id in interest_links.values_list("content_object_id", "tag_id"):
        interests_of[page_id].append(interests[tag_id])

    # Related sheets: live ones, in France Travail's order, with their URL for this request.
    relations = MetierRelation.objects.filter(target__live=True).order_by("page_id", "sort_order")
    relations = relations.values_list("page_id", "target_id")
    related_of = defaultdict(list)
    for page_id, target_id in relations:
        related_of[page_id].append(target_id)
    wanted = {target for targets in related_of.values() for target in targets}
    # A page's URL is its parent's and its slug (Wagtail's url_path): the parents' (the catalogue, one per
    # language) are asked once, not 500 Page objects built for their URLs.
    targets = MetierPage.objects.filter(pk__in=wanted).values_list("pk", "title", "slug", "path", "depth")
    links = {}
    for pk, title, slug, path, depth in targets:
        parent = parent_url(SimpleNamespace(path=path, depth=depth), request)
        links[pk] = Link(title, f"{parent}{slug}/" if parent else "")

    specialities_of = defaultdict(list)
    main_titles = Appellation.objects.filter(is_main_title=True).exclude(fiche_code=F("page__rome_code"))
    for page_id, label in main_titles.order_by("label").values_list("page_id", "label"):
        specialities_of[page_id].append(Speciality(label))

    facts = {}
    sheets = MetierPage.objects.values_list("pk", "grand_domaine_id", "domaine_professionnel_id")
    for pk, domain_id, professional_id in sheets:
        facts[pk] = SheetFacts(
            domains.get(domain_id),
            professional.get(professional_id),
            sectors_of[pk],
            interests_of[pk],
            [links[target] for target in related_of[pk] if target in links],
            specialities_of[pk],
        )
    return facts
