"""The catalogue listing: facets (grand domaine, sector, centre d'intérêt, access level), counts per facet
value, sort and pagination, all driven by GET parameters so that a filtered list is a shareable URL that
works without JavaScript.

Facet counts follow the usual rule: the count shown for a value is the number of sheets the list would
show if that value were chosen, the other active filters staying as they are. The number of SQL queries
is fixed (one per facet, plus the count and the page of results) whatever the size of the catalogue.

Bad input never fails: an unknown or malformed value is ignored with a message in French, a malformed
page number shows the first page, a page past the end shows the last one.
"""

from django.core.paginator import Paginator
from django.db.models import Count, F, Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from home.facets import Facet, FacetOption, Facets, echo

from .models import AccessLevel, CentreInteret, GrandDomaine, MetierPage, MetierPageCentreInteret, Secteur

SORTS = {
    "titre": (_("Ordre alphabétique"), ("title", "pk")),
    "-titre": (_("Ordre alphabétique inverse"), ("-title", "-pk")),
    "niveau": (_("Études les plus courtes d'abord"), (F("access_level").asc(nulls_last=True), "title", "pk")),
    "-niveau": (_("Études les plus longues d'abord"), (F("access_level").desc(nulls_last=True), "title", "pk")),
}
DEFAULT_SORT = "titre"
# Each sort ends with the page id, so that sheets with the same title keep their order from page to page.

# How each facet filters the sheets, given the chosen option's key (a pk or an access level).
CONDITIONS = {
    "domaine": lambda key: Q(grand_domaine_id=key),
    "secteur": lambda key: Q(sectors=key),
    "interet": lambda key: Q(tagged_items__tag_id=key),
    "niveau": lambda key: Q(access_level=key),
}


def catalogue_facets():
    """The catalogue's facets, their values read from the classification snippets."""
    domaines = GrandDomaine.objects.order_by("code")
    sectors = Secteur.objects.filter(parent__isnull=True).order_by("name")
    interests = CentreInteret.objects.order_by("name")
    return [
        Facet(
            "domaine",
            _("Grand domaine"),
            _("Tous les domaines"),
            [FacetOption(item.code, item.name, item.pk) for item in domaines],
        ),
        Facet(
            "secteur",
            _("Secteur d'activité"),
            _("Tous les secteurs"),
            [FacetOption(item.code, item.name, item.pk) for item in sectors],
        ),
        Facet(
            "interet",
            _("Centre d'intérêt"),
            _("Tous les centres d'intérêt"),
            [FacetOption(item.slug, item.name, item.pk) for item in interests],
        ),
        Facet(
            "niveau",
            _("Niveau d'études minimum"),
            _("Tous les niveaux"),
            [FacetOption(str(level.value), str(level.label), level.value) for level in AccessLevel],
        ),
    ]


class MetierListing:
    def __init__(self, index_page, params, per_page=None):
        self.params = params
        self.base = MetierPage.objects.live().child_of(index_page)
        self.per_page = per_page or index_page.per_page or 24
        self.facets = Facets(params, catalogue_facets())
        self.errors = list(self.facets.errors)
        self.sort = self._parse_sort()
        self.facets.count(self._count)

    def _parse_sort(self):
        value = (self.params.get("tri") or "").strip()
        if not value:
            return DEFAULT_SORT
        if value not in SORTS:
            self.errors.append(
                _("Le tri « %(value)s » n'existe pas : la liste est triée par ordre alphabétique.")
                % {"value": echo(value)}
            )
            return DEFAULT_SORT
        return value

    # Queries -----------------------------------------------------------------------------------
    def _filtered(self, chosen):
        queryset = self.base
        for param, option in chosen.items():
            queryset = queryset.filter(CONDITIONS[param](option.key))
        return queryset

    def _count(self, facet, chosen):
        """Sheets per value of `facet` among those the other chosen filters keep (see home.facets)."""
        queryset = self._filtered(chosen).order_by()
        ids = queryset.values("pk")
        if facet.param == "domaine":
            rows = queryset.values_list("grand_domaine_id").annotate(n=Count("pk"))
        elif facet.param == "niveau":
            rows = queryset.values_list("access_level").annotate(n=Count("pk"))
        elif facet.param == "secteur":
            through = MetierPage.sectors.through
            rows = (
                through.objects.filter(metierpage_id__in=ids)
                .values_list("secteur_id")
                .annotate(n=Count("metierpage_id"))
            )
        else:
            rows = (
                MetierPageCentreInteret.objects.filter(content_object_id__in=ids)
                .values_list("tag_id")
                .annotate(n=Count("content_object_id"))
            )
        return dict(rows.order_by())

    @property
    def ordered_facets(self):
        return [self.facets[name] for name in ("interet", "domaine", "secteur", "niveau")]

    @property
    def interest_facet(self):
        return self.facets["interet"]

    @property
    def active_filters(self):
        """Chosen filters, each with the query string of the same list without it."""
        active = self.facets.active
        return [facet for facet in self.ordered_facets if facet in active]  # in the order of the form

    @property
    def sort_options(self):
        return [(value, label, value == self.sort) for value, (label, _order) in SORTS.items()]

    @cached_property
    def page_obj(self):
        queryset = (
            self._filtered(self.facets.chosen())
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
                "grand_domaine__code",
                "grand_domaine__name",
            )
            .order_by(*SORTS[self.sort][1])
        )
        paginator = Paginator(queryset, self.per_page)
        return paginator.get_page(self.params.get("page"))
