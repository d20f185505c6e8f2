"""What the search page offers when a query found nothing of its own (`SiteSearch.found_nothing`): the
centres d'intérêt and grands domaines whose words the query shares (its everyday words read by
`search.concepts`), Onisep's centres d'intérêt to browse otherwise, and the catalogue and guidance sections.
Never a sheet that only shares letters with the query (`SiteSearch.closest`)."""

from django.utils.functional import cached_property

from wagtail.models import Locale

from metiers.models import CentreInteret, DomaineProfessionnel, GrandDomaine, MetiersIndexPage
from orientation.models import GuidanceIndexPage

from . import concepts

FITTING_SIZE = 6


class NothingFoundMixin:
    """For `SiteSearch`: needs `found_nothing`, `folded` (the query folded) and `locale`."""

    @cached_property
    def _catalogue(self):
        return MetiersIndexPage.objects.live().public().filter(locale=Locale.get_default()).first()

    def _fitting(self, items):
        """`items` [(text, value)] that share a root with the query as read (its everyday words included), the
        ones sharing most first."""
        groups = concepts.read(self.folded).groups
        if not groups:
            return []
        scored = []
        for position, (text, value) in enumerate(items):
            roots = set(concepts.roots_of(text))
            shared = sum(
                max((weight for root, weight in group.items() if root in roots), default=0) for group in groups
            )
            if shared:
                scored.append((-shared, position, value))
        return [value for _shared, _position, value in sorted(scored)]

    @cached_property
    def fitting_interests(self):
        """When nothing matched: the centres d'intérêt whose wording or presentation shares the query's words."""
        if not self.found_nothing or self._catalogue is None:
            return []
        interests = CentreInteret.objects.filter(tagged_sheets__isnull=False).distinct().order_by("name")
        found = self._fitting([(f"{interest.name} {interest.description}", interest) for interest in interests])
        return [(interest.name, f"{self._catalogue.url}?interet={interest.slug}") for interest in found[:FITTING_SIZE]]

    @cached_property
    def fitting_domains(self):
        """When nothing matched: the grands domaines whose name, or the name of one of their domaines
        professionnels, shares the query's words, with the catalogue filtered on each."""
        if not self.found_nothing or self._catalogue is None:
            return []
        texts = {domaine.pk: [domaine.name] for domaine in GrandDomaine.objects.all()}
        for parent_id, name in DomaineProfessionnel.objects.values_list("grand_domaine_id", "name"):
            texts.setdefault(parent_id, []).append(name)
        domains = {domaine.pk: domaine for domaine in GrandDomaine.objects.all()}
        found = self._fitting([(" ".join(names), domains[pk]) for pk, names in texts.items() if pk in domains])
        return [(domaine.name, f"{self._catalogue.url}?domaine={domaine.code}") for domaine in found[:FITTING_SIZE]]

    @cached_property
    def interests(self):
        """Centres d'intérêt written for teenagers (Onisep's), with the catalogue filtered on each: those that fit
        the query's words first; when none does, the list to browse."""
        if not self.found_nothing or self._catalogue is None:
            return []
        if self.fitting_interests:
            return self.fitting_interests
        interests = CentreInteret.objects.exclude(onisep_id="").filter(tagged_sheets__isnull=False)
        return [
            (interest.name, f"{self._catalogue.url}?interet={interest.slug}") for interest in interests.distinct()[:12]
        ]

    @cached_property
    def browse_links(self):
        """The catalogue and the guidance section, to browse when the search finds nothing."""

        links = []
        for model in (MetiersIndexPage, GuidanceIndexPage):
            pages = model.objects.live().public()
            page = pages.filter(locale=self.locale).first() or pages.filter(locale=Locale.get_default()).first()
            if page is not None:
                links.append(page)
        return links
