"""The métiers index (the browsable catalogue) and the métier sheet.

A sheet is one historic ROME fiche (532 of them); the finer ROME 4.0 fiches that belong to it and all
their appellations are kept as its alternative names (see `metiers.importer`). Fields filled by the
import are ordinary, editable fields: the import remembers what it last wrote in `import_snapshot` and
never overwrites a value staff changed since.
"""

import functools
import json

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.blocks import RICH_TEXT_FEATURES
from home.fields import BodyStreamField
from home.models import BasePage

from ..blocks import MetierStreamBlock
from .snippets import MetierPageCentreInteret

ROME_CODE_VALIDATOR = RegexValidator(r"^[A-N]\d{4}$", _("Un code ROME est une lettre de A à N suivie de 4 chiffres."))


class AccessLevel(models.IntegerChoices):
    """Minimum level of study, on the French national scale (niveau 3 = CAP … niveau 8 = doctorat)."""

    NONE = 2, _("Sans diplôme ou brevet")
    CAP = 3, _("CAP ou équivalent")
    BAC = 4, _("Bac ou équivalent")
    BAC_2 = 5, _("Bac + 2")
    BAC_3 = 6, _("Bac + 3 ou + 4")
    BAC_5 = 7, _("Bac + 5")
    BAC_8 = 8, _("Bac + 8 et plus")


class Riasec(models.TextChoices):
    """Holland's RIASEC types, which France Travail gives for each fiche."""

    REALISTIC = "R", _("Réaliste : concret, manuel")
    INVESTIGATIVE = "I", _("Investigateur : curieux, chercheur")
    ARTISTIC = "A", _("Artistique : créatif, imaginatif")
    SOCIAL = "S", _("Social : à l'écoute, aidant")
    ENTERPRISING = "E", _("Entreprenant : meneur, persuasif")
    CONVENTIONAL = "C", _("Conventionnel : organisé, méthodique")


class MetiersIndexPage(BasePage):
    """The catalogue of sheets, filtered by facets given as GET parameters (shareable, no JavaScript)."""

    body = BodyStreamField(verbose_name=_("contenu"))
    per_page = models.PositiveSmallIntegerField(_("fiches par page"), default=24)
    # The menu's name for the catalogue under /en/ and /ar/, where the page itself is not translated.
    menu_label = _("Métiers")

    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    settings_panels = [*BasePage.settings_panels, FieldPanel("per_page")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["metiers.MetierPage"]
    max_count = 1

    class Meta:
        verbose_name = _("index des métiers")
        verbose_name_plural = _("index des métiers")

    def get_context(self, request, *args, **kwargs):
        from ..listing import MetierListing  # the listing queries this module's models

        context = super().get_context(request, *args, **kwargs)
        # Read only when the template's cached copy of the results and filters is rebuilt (content_cache).
        context["listing"] = SimpleLazyObject(lambda: MetierListing(self, request.GET))
        return context


class MetierPage(BasePage):
    """A métier sheet: what the work is, the skills it needs, how to get there, and related sheets.

    The hook for a 13-year-old is `introduction` (shown under the title and in lists)."""

    # Unique per locale, not site-wide: sheets are French today, and a translation made with wagtail-localize
    # keeps its source's ROME code (docs/metiers.md, « Langues »). `locale` lives on wagtailcore_page, so the
    # database cannot hold the rule across both tables: `clean()` checks it.
    rome_code = models.CharField(_("code ROME"), max_length=5, db_index=True, validators=[ROME_CODE_VALIDATOR])
    title_masculine = models.CharField(_("intitulé au masculin"), max_length=255, blank=True)
    title_feminine = models.CharField(_("intitulé au féminin"), max_length=255, blank=True)
    alternative_names = models.TextField(
        _("autres noms du métier"),
        blank=True,
        help_text=_("Un par ligne : appellations ROME, synonymes Onisep. La recherche les utilise."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("texte alternatif de l'image"),
        max_length=250,
        blank=True,
        help_text=_("Décrivez ce que montre l'image pour une personne qui ne la voit pas."),
    )
    video_url = models.URLField(_("vidéo (YouTube ou Vimeo)"), blank=True)
    video_title = models.CharField(_("titre de la vidéo"), max_length=200, blank=True)

    # « En bref »: three short sentences for a 13-year-old. Blank lines show a first version derived from the
    # imported data (metiers/en_bref.py) until staff write their own.
    en_bref_what = models.CharField(
        _("ce que tu fais"), max_length=160, blank=True, help_text=_("Une phrase courte, avec des mots simples.")
    )
    en_bref_where = models.CharField(_("où"), max_length=160, blank=True)
    en_bref_who = models.CharField(_("avec qui"), max_length=160, blank=True)

    tasks = RichTextField(_("ses missions"), blank=True, features=RICH_TEXT_FEATURES)
    work_description = RichTextField(_("le métier au quotidien"), blank=True, features=RICH_TEXT_FEATURES)
    qualities = RichTextField(_("les qualités utiles"), blank=True, features=RICH_TEXT_FEATURES)
    # Imported from ROME only (not in the edit form): staff enrich a sheet through `body`.
    skills = models.JSONField(_("compétences clés"), default=list, blank=True, editable=False)
    work_contexts = models.JSONField(_("contextes de travail"), default=list, blank=True, editable=False)

    access_level = models.PositiveSmallIntegerField(
        _("niveau d'accès minimum"), choices=AccessLevel.choices, null=True, blank=True
    )
    access_summary = models.TextField(_("accès au métier (en bref)"), blank=True)
    access_details = RichTextField(_("études et diplômes"), blank=True, features=RICH_TEXT_FEATURES)
    formations = models.TextField(_("formations minimales"), blank=True, help_text=_("Une par ligne."))

    grand_domaine = models.ForeignKey(
        "metiers.GrandDomaine",
        verbose_name=_("grand domaine"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sheets",
    )
    domaine_professionnel = models.ForeignKey(
        "metiers.DomaineProfessionnel",
        verbose_name=_("domaine professionnel"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sheets",
    )
    sectors = ParentalManyToManyField("metiers.Secteur", verbose_name=_("secteurs"), blank=True, related_name="sheets")
    centres_interet = ClusterTaggableManager(
        verbose_name=_("centres d'intérêt"), through=MetierPageCentreInteret, blank=True
    )
    riasec_major = models.CharField(_("profil RIASEC principal"), max_length=1, choices=Riasec.choices, blank=True)
    riasec_minor = models.CharField(_("profil RIASEC secondaire"), max_length=1, choices=Riasec.choices, blank=True)

    onisep_links = models.JSONField(_("fiches Onisep"), default=list, blank=True, editable=False)
    body = BodyStreamField(MetierStreamBlock, verbose_name=_("pour aller plus loin"))

    # What the import wrote last, per field: a different current value means staff edited it.
    import_snapshot = models.JSONField(default=dict, blank=True, editable=False)
    imported_at = models.DateTimeField(_("dernier import"), null=True, blank=True, editable=False)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("title_masculine"), FieldPanel("title_feminine"), FieldPanel("alternative_names")],
            heading=_("Intitulés"),
        ),
        FieldPanel("introduction", heading=_("Accroche")),
        MultiFieldPanel(
            [FieldPanel("en_bref_what"), FieldPanel("en_bref_where"), FieldPanel("en_bref_who")],
            heading=_("En bref"),
            help_text=_(
                "Trois phrases courtes en haut de la fiche. Laissées vides, la fiche montre une première version "
                "tirée des données du ROME."
            ),
        ),
        MultiFieldPanel(
            [FieldPanel("image"), FieldPanel("image_alt"), FieldPanel("video_url"), FieldPanel("video_title")],
            heading=_("Image et vidéo"),
        ),
        FieldPanel("tasks"),
        FieldPanel("work_description"),
        FieldPanel("qualities"),
        MultiFieldPanel(
            [
                FieldPanel("access_level"),
                FieldPanel("access_summary"),
                FieldPanel("access_details"),
                FieldPanel("formations"),
            ],
            heading=_("Comment y arriver"),
        ),
        InlinePanel("related_links", label=_("Métiers proches")),
        FieldPanel("body"),
    ]
    classification_panels = [
        FieldPanel("rome_code"),
        FieldPanel("grand_domaine"),
        FieldPanel("domaine_professionnel"),
        FieldPanel("sectors"),
        FieldPanel("centres_interet"),
        MultiFieldPanel([FieldPanel("riasec_major"), FieldPanel("riasec_minor")], heading=_("Profil RIASEC")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Contenu")),
            ObjectList(classification_panels, heading=_("Classement")),
            ObjectList(BasePage.promote_panels, heading=_("Promotion")),
            ObjectList(BasePage.settings_panels, heading=_("Paramètres")),
        ]
    )

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("title_masculine", boost=2),
        index.SearchField("title_feminine", boost=2),
        index.SearchField("alternative_names"),
        index.SearchField("tasks"),
        index.AutocompleteField("title_masculine"),
        index.AutocompleteField("title_feminine"),
        index.AutocompleteField("alternative_names"),
        index.FilterField("rome_code"),
        index.FilterField("access_level"),
        index.FilterField("grand_domaine"),
    ]

    parent_page_types = ["metiers.MetiersIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("fiche métier")
        verbose_name_plural = _("fiches métiers")

    def clean(self):
        super().clean()
        same_code = MetierPage.objects.filter(rome_code=self.rome_code, locale_id=self.locale_id).exclude(pk=self.pk)
        if self.rome_code and same_code.exists():
            raise ValidationError({"rome_code": _("Une autre fiche de cette langue a déjà ce code ROME.")})
        if self.image_id and not self.image_alt.strip():
            raise ValidationError({"image_alt": _("Le texte alternatif est obligatoire quand une image est choisie.")})
        if self.video_url and not self.video_title.strip():
            raise ValidationError(
                {"video_title": _("Donnez un titre à la vidéo : il est lu par les lecteurs d'écran.")}
            )

    def get_context(self, request, *args, **kwargs):
        """The template keeps the sheet in the cache until the content changes: what it shows is given as
        callables (the template calls them, each once), read only when the cached copy is rebuilt."""
        from home.routing import parent_url

        from ..en_bref import en_bref_lines
        from ..facts import sheet_facts

        context = super().get_context(request, *args, **kwargs)

        # Its classifications, related sheets and specialities: one entry of a table of all sheets, kept for
        # the content generation (metiers/facts.py), so a sheet's first visit reads them without a query.
        facts = functools.cache(lambda: sheet_facts(self, request))
        context.update(
            json_ld=functools.cache(lambda: self.json_ld(request)),
            grand_domaine=lambda: facts().grand_domaine,
            domaine_professionnel=lambda: facts().domaine_professionnel,
            related_sheets=lambda: facts().related_sheets,
            sectors=lambda: facts().sectors,
            interests=lambda: facts().interests,
            specialities=lambda: facts().specialities,
            en_bref=functools.cache(lambda: en_bref_lines(self, sectors=facts().sectors)),
            index_url=functools.cache(lambda: parent_url(self, request)),
        )
        return context

    # Display helpers ------------------------------------------------------------------------------
    @property
    def alternative_names_list(self):
        """The other names, each once (case, accents, punctuation and spacing aside: compared by slug), the
        sheet's own titles left out."""
        seen = {slugify(self.title), slugify(self.title_masculine), slugify(self.title_feminine)}
        names = []
        for name in self.alternative_names.splitlines():
            name = " ".join(name.split())
            key = slugify(name)
            if key and key not in seen:
                seen.add(key)
                names.append(name)
        return names

    @property
    def onisep_primary(self):
        """The Onisep métier whose texts the sheet shows (named like the sheet), if any."""
        return next((link for link in self.onisep_links if link.get("primary")), None)

    @property
    def onisep_family(self):
        """The other Onisep métiers of the sheet's ROME family: « Métiers de la même famille »."""
        return [link for link in self.onisep_links if not link.get("primary")]

    @cached_property
    def en_bref(self):
        """The « En bref » lines to show: [(label, sentence, derived?)] (see metiers/en_bref.py)."""
        from ..en_bref import en_bref_lines

        return en_bref_lines(self)

    @property
    def formations_list(self):
        return [line for line in self.formations.splitlines() if line.strip()]

    @property
    def core_skills(self):
        return [skill for skill in self.skills if skill.get("core")]

    @property
    def other_skills(self):
        return [skill for skill in self.skills if not skill.get("core")]

    @cached_property
    def specialities(self):
        """The finer ROME 4.0 fiches merged into this sheet, by their main title."""
        return list(self.appellations.filter(is_main_title=True).exclude(fiche_code=self.rome_code).order_by("label"))

    @cached_property
    def related_sheets(self):
        """« Métiers proches »: ROME mobilities, in France Travail's order, live sheets only."""
        links = (
            self.related_links.filter(target__live=True)
            .select_related("target", "target__locale")
            .only(
                "sort_order",
                "page_id",
                "target__title",
                "target__slug",
                "target__url_path",
                "target__path",
                "target__depth",
                "target__live",
                "target__locale__language_code",
            )
            .order_by("sort_order")
        )
        return [link.target for link in links]

    @cached_property
    def sector_list(self):
        return list(self.sectors.select_related("parent").order_by("name"))

    @cached_property
    def interest_list(self):
        return list(self.centres_interet.order_by("name"))

    def json_ld(self, request=None):
        """schema.org `Occupation` for search engines, as a string safe to put in a <script> element."""
        data = {
            "@context": "https://schema.org",
            "@type": "Occupation",
            "name": self.title,
            "description": self.introduction or self.search_description,
            "occupationalCategory": {
                "@type": "CategoryCode",
                "codeValue": self.rome_code,
                "inCodeSet": {"@type": "CategoryCodeSet", "name": "ROME 4.0 (France Travail)"},
            },
            "occupationLocation": {"@type": "Country", "name": "France"},
        }
        names = [name for name in (self.title_masculine, self.title_feminine) if name]
        names += self.alternative_names_list[:20]
        if names:
            data["alternateName"] = list(dict.fromkeys(names))
        if self.skills:
            data["skills"] = ", ".join(skill["label"] for skill in self.skills[:15])
        if self.access_level:
            data["educationRequirements"] = str(AccessLevel(self.access_level).label)
        url = self.get_full_url(request)
        if url:
            data["url"] = url
        text = json.dumps(data, ensure_ascii=False)
        # Same escaping as Django's json_script: the text cannot close the <script> element.
        return text.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")


class MetierRelation(Orderable):
    """A « métier proche » of a sheet (ROME mobilité), in the order France Travail gives."""

    page = ParentalKey(MetierPage, on_delete=models.CASCADE, related_name="related_links")
    target = models.ForeignKey(MetierPage, verbose_name=_("fiche"), on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("target", "metiers.MetierPage")]

    class Meta(Orderable.Meta):
        verbose_name = _("métier proche")
        verbose_name_plural = _("métiers proches")


class Appellation(models.Model):
    """A ROME appellation (job title) attached to a sheet, such as « Boulangère » or « Mitron ».

    Owned by the import (a plain foreign key, not part of page revisions): each run adds, updates and
    removes them to match the data. `fiche_code` is the ROME 4.0 fiche the title comes from, which is a
    finer fiche when it differs from the sheet's code."""

    page = models.ForeignKey(MetierPage, on_delete=models.CASCADE, related_name="appellations")
    code_ogr = models.PositiveIntegerField(_("code OGR"), unique=True)
    fiche_code = models.CharField(_("fiche ROME 4.0"), max_length=5, validators=[ROME_CODE_VALIDATOR])
    label = models.CharField(_("intitulé"), max_length=255)
    short_label = models.CharField(_("intitulé court"), max_length=255, blank=True)
    is_main_title = models.BooleanField(_("intitulé principal de la fiche"), default=False)
    rarely_used = models.BooleanField(_("peu usité"), default=False)

    class Meta:
        ordering = ["label"]
        verbose_name = _("appellation")
        verbose_name_plural = _("appellations")

    def __str__(self):
        return self.label
