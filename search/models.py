"""The term dictionary: every name a métier sheet is known by, folded, pointing to its page.

Full-text search finds words in the text; it does not forgive « boulangé » or « infirmiere » on every
backend, and it knows nothing of « docteur » meaning « médecin ». The dictionary holds the titles (masculine,
feminine), alternative names (ROME appellations, Onisep synonyms), centres d'intérêt and the curated
everyday words of `search/data/synonymes.csv`, accent-folded, so that a query can be matched exactly, by
prefix or by trigram similarity (pg_trgm on PostgreSQL, the same measure in Python elsewhere).

It is derived data, rebuilt by `manage.py rebuild_search_terms`, page by page when a sheet is published or
unpublished, and automatically when the catalogue changed behind its back (the import's bulk writes send no
signal): see `search.terms`. It never decides what a visitor may see: matches are always intersected with the
pages the visitor may view.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TermKind(models.TextChoices):
    TITLE = "title", _("intitulé")
    ALTERNATIVE = "alternative", _("autre nom")
    INTEREST = "interest", _("centre d'intérêt")
    SYNONYM = "synonym", _("mot courant")


# How much a match on each kind of name counts, title first.
KIND_WEIGHTS = {
    TermKind.TITLE: 1.0,
    TermKind.SYNONYM: 0.95,
    TermKind.ALTERNATIVE: 0.8,
    TermKind.INTEREST: 0.6,
}


class SearchTerm(models.Model):
    """One folded name of one page."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    term = models.CharField(_("terme normalisé"), max_length=255, db_index=True)
    label = models.CharField(_("libellé"), max_length=255)
    kind = models.CharField(_("type"), max_length=12, choices=TermKind.choices)

    class Meta:
        verbose_name = _("terme de recherche")
        verbose_name_plural = _("termes de recherche")
        indexes = [models.Index(fields=["page", "kind"], name="search_term_page_kind")]

    def __str__(self):
        return self.label


class TermDictionaryState(models.Model):
    """A single row: the fingerprint of the catalogue the dictionary was last built from."""

    fingerprint = models.CharField(max_length=200)
    built_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("état du dictionnaire de recherche")
