"""The classifications a sheet is filed under: ROME grands domaines and domaines professionnels, sectors
of activity and centres d'intérêt. Staff edit them as snippets; the import creates them and keeps their
names up to date unless staff renamed them (see `ImportedNameMixin`)."""

from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from taggit.models import TagBase, TaggedItemBase
from wagtail.admin.panels import FieldPanel


class ImportedNameMixin(models.Model):
    """Remembers the name the import last wrote, so that a name staff changed is never overwritten."""

    source_name = models.CharField(_("intitulé d'origine"), max_length=255, blank=True, editable=False)

    class Meta:
        abstract = True

    @property
    def renamed_by_staff(self):
        return bool(self.source_name) and self.name != self.source_name


class GrandDomaine(ImportedNameMixin, models.Model):
    """One of the 14 ROME grands domaines (a letter A–N), the first level of the browsing facets."""

    code = models.CharField(_("code ROME"), max_length=1, unique=True)
    name = models.CharField(_("intitulé"), max_length=255)

    panels = [FieldPanel("code"), FieldPanel("name")]

    class Meta:
        ordering = ["code"]
        verbose_name = _("grand domaine")
        verbose_name_plural = _("grands domaines")

    def __str__(self):
        return self.name


class DomaineProfessionnel(ImportedNameMixin, models.Model):
    """A ROME domaine professionnel (e.g. « D11 Commerce alimentaire et métiers de bouche »)."""

    code = models.CharField(_("code ROME"), max_length=3, unique=True)
    name = models.CharField(_("intitulé"), max_length=255)
    grand_domaine = models.ForeignKey(
        GrandDomaine, verbose_name=_("grand domaine"), on_delete=models.PROTECT, related_name="domaines"
    )

    panels = [FieldPanel("code"), FieldPanel("name"), FieldPanel("grand_domaine")]

    class Meta:
        ordering = ["code"]
        verbose_name = _("domaine professionnel")
        verbose_name_plural = _("domaines professionnels")

    def __str__(self):
        return f"{self.code} – {self.name}"


class Secteur(ImportedNameMixin, models.Model):
    """A ROME sector of activity, or a sub-sector when `parent` is set.

    A sheet linked to a sub-sector is also linked to its parent sector, so the listing facet, which only
    offers top-level sectors, finds it without a recursive query."""

    code = models.CharField(_("code ROME"), max_length=10, unique=True)
    name = models.CharField(_("intitulé"), max_length=255)
    description = models.TextField(_("présentation"), blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("secteur parent"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )

    panels = [FieldPanel("code"), FieldPanel("name"), FieldPanel("description"), FieldPanel("parent")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("secteur d'activité")
        verbose_name_plural = _("secteurs d'activité")

    def __str__(self):
        return f"{self.parent.name} › {self.name}" if self.parent_id else self.name


class CentreInteret(ImportedNameMixin, TagBase):
    """A centre d'intérêt, used as a tag on sheets: « Je veux travailler de mes mains ».

    Both sources' lists are imported: France Travail's (`rome_code`) and Onisep's (`onisep_id`), which is
    written for teenagers. Where both have the same wording, they are one tag carrying both codes."""

    description = models.TextField(_("présentation"), blank=True)
    rome_code = models.CharField(_("code France Travail"), max_length=10, blank=True, db_index=True)
    onisep_id = models.CharField(_("identifiant Onisep"), max_length=30, blank=True, db_index=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("centre d'intérêt")
        verbose_name_plural = _("centres d'intérêt")

    def slugify(self, tag, i=None):
        # ASCII slugs: they appear in shareable listing URLs (?interet=je-veux-travailler-de-mes-mains).
        slug = slugify(tag)[:90] or "interet"
        return f"{slug}-{i}" if i is not None else slug


class MetierPageCentreInteret(TaggedItemBase):
    """Links a sheet to its centres d'intérêt (the through model of its tag field)."""

    tag = models.ForeignKey(CentreInteret, on_delete=models.CASCADE, related_name="tagged_sheets")
    content_object = ParentalKey("metiers.MetierPage", on_delete=models.CASCADE, related_name="tagged_items")

    class Meta:
        unique_together = [("content_object", "tag")]
        verbose_name = _("centre d'intérêt d'une fiche")
        verbose_name_plural = _("centres d'intérêt des fiches")
