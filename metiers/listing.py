"""The catalogue listing: facets (grand domaine, sector, centre d'intérêt, access level), counts per facet
value, sort and pagination, all driven by GET parameters so that a filtered list is a shareable URL that
works without JavaScript.

Facet counts follow the usual rule: the count shown for a value is the number of sheets the list would
show if that value were chosen, the other active filters staying as they are. The number of SQL queries
is fixed (one per facet, plus the count and the page of results) whatever the size of the catalogue.

Bad input never fails: an unknown or malformed value is ignored with a message in French, a malformed
page number shows the first page, a page past the end shows the last one.
"""

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Count, F, Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from .models import AccessLevel, CentreInteret, GrandDomaine, MetierPage, MetierPageCentreInteret, Secteur

SORTS = {
    "titre": (_("Ordre alphabétique"), ("title",)),
    "-titre": (_("Ordre alphabétique inverse"), ("-title",)),
    "niveau": (_("Études les plus courtes d'abord"), (F("access_level").asc(nulls_last=True), "title")),
    "-niveau": (_("Études les plus longues d'abord"), (F("access_level").desc(nulls_last=True), "title")),
}
DEFAULT_SORT = "titre"
MAX_ECHOED_LENGTH = 40


@dataclass
class FacetOption:
    value: str
    label: str
    pk: object
    count: int = 0
    selected: bool = False


@dataclass
class Facet:
    """One filter of the listing: its GET parameter, label and the values it offers."""

    param: str
    label: str
    all_label: str
    options: list[FacetOption]
    selected: FacetOption | None = None
    counts: dict = field(default_factory=dict)
    remove_query: str = ""

    @property
    def visible_options(self):
        """Values that match at least one sheet, and the chosen one even when it matches none."""
        return [option for option in self.options if option.count or option.selected]


class MetierListing:
    def __init__(self, index_page, params, per_page=None):
        self.params = params
        self.errors = []
        self.base = MetierPage.objects.live().child_of(index_page)
        self.per_page = per_page or index_page.per_page or 24
        self.facets = self._build_facets()
        self.filters = self._parse_filters()
        self.sort = self._parse_sort()
        self._count_facets()

    # Parameters --------------------------------------------------------------------------------
    def _build_facets(self):
        domaines = GrandDomaine.objects.order_by("code")
        sectors = Secteur.objects.filter(parent__isnull=True).order_by("name")
        interests = CentreInteret.objects.order_by("name")
        return {
            "domaine": Facet(
                "domaine",
                _("Grand domaine"),
                _("Tous les domaines"),
                [FacetOption(item.code, item.name, item.pk) for item in domaines],
            ),
            "secteur": Facet(
                "secteur",
                _("Secteur d'activité"),
                _("Tous les secteurs"),
                [FacetOption(item.code, item.name, item.pk) for item in sectors],
            ),
            "interet": Facet(
                "interet",
                _("Centre d'intérêt"),
                _("Tous les centres d'intérêt"),
                [FacetOption(item.slug, item.name, item.pk) for item in interests],
            ),
            "niveau": Facet(
                "niveau",
                _("Niveau d'études minimum"),
                _("Tous les niveaux"),
                [FacetOption(str(level.value), str(level.label), level.value) for level in AccessLevel],
            ),
        }

    def _echo(self, value):
        return value if len(value) <= MAX_ECHOED_LENGTH else value[:MAX_ECHOED_LENGTH] + "…"

    def _parse_filters(self):
        filters = {}
        for name, facet in self.facets.items():
            value = (self.params.get(name) or "").strip()
            if not value:
                continue
            option = next((option for option in facet.options if option.value == value), None)
            if option is None:
                self.errors.append(
                    _("Le filtre « %(facet)s » ne connaît pas la valeur « %(value)s » : il n'a pas été appliqué.")
                    % {"facet": facet.label, "value": self._echo(value)}
                )
                continue
            option.selected = True
            facet.selected = option
            filters[name] = self._condition(name, option)
        return filters

    @staticmethod
    def _condition(name, option):
        if name == "domaine":
            return Q(grand_domaine_id=option.pk)
        if name == "secteur":
            return Q(sectors=option.pk)
        if name == "interet":
            return Q(tagged_items__tag_id=option.pk)
        return Q(access_level=option.pk)

    def _parse_sort(self):
        value = (self.params.get("tri") or "").strip()
        if not value:
            return DEFAULT_SORT
        if value not in SORTS:
            self.errors.append(
                _("Le tri « %(value)s » n'existe pas : la liste est triée par ordre alphabétique.")
                % {"value": self._echo(value)}
            )
            return DEFAULT_SORT
        return value

    # Queries -----------------------------------------------------------------------------------
    def _filtered(self, except_facet=None):
        queryset = self.base
        for name, condition in self.filters.items():
            if name != except_facet:
                queryset = queryset.filter(condition)
        return queryset

    def _count_facets(self):
        for name, facet in self.facets.items():
            queryset = self._filtered(except_facet=name).order_by()
            ids = queryset.values("pk")
            if name == "domaine":
                rows = queryset.values_list("grand_domaine_id").annotate(n=Count("pk"))
            elif name == "niveau":
                rows = queryset.values_list("access_level").annotate(n=Count("pk"))
            elif name == "secteur":
                through = MetierPage.sectors.through
                rows = (
                    through.objects.filter(metierpage_id__in=ids)
                    .values_list("secteur_id")
                    .annotate(n=Count("metierpage_id"))
                    .order_by()
                )
            else:
                rows = (
                    MetierPageCentreInteret.objects.filter(content_object_id__in=ids)
                    .values_list("tag_id")
                    .annotate(n=Count("content_object_id"))
                    .order_by()
                )
            facet.counts = dict(rows.order_by())
            for option in facet.options:
                option.count = facet.counts.get(option.pk, 0)

    @property
    def ordered_facets(self):
        return [self.facets[name] for name in ("interet", "domaine", "secteur", "niveau")]

    @property
    def interest_facet(self):
        return self.facets["interet"]

    @property
    def active_filters(self):
        """Chosen filters, each with the query string of the same list without it."""
        facets = [facet for facet in self.ordered_facets if facet.selected]
        for facet in facets:
            params = self.params.copy()
            params.pop(facet.param, None)
            params.pop("page", None)
            facet.remove_query = f"?{params.urlencode()}" if params else "?"
        return facets

    @property
    def sort_options(self):
        return [(value, label, value == self.sort) for value, (label, _order) in SORTS.items()]

    @cached_property
    def page_obj(self):
        queryset = (
            self._filtered()
            .select_related("grand_domaine", "locale")
            .only(
                "id",
                "title",
                "slug",
                "url_path",
                "path",
                "depth",
                "locale__language_code",
                "introduction",
                "listing_title",
                "listing_summary",
                "access_level",
                "rome_code",
                "grand_domaine__name",
            )
            .order_by(*SORTS[self.sort][1])
        )
        paginator = Paginator(queryset, self.per_page)
        return paginator.get_page(self.params.get("page"))
