"""The term dictionary: every name a métier sheet is known by, folded, pointing to its page.

Full-text search finds words in the text; it does not forgive « boulangé » or « infirmiere » on every
backend, and it knows nothing of « docteur » meaning « médecin ». The dictionary holds the titles (masculine,
feminine), alternative names (ROME appellations, Onisep synonyms), centres d'intérêt and the curated
everyday words of `search/data/synonymes.csv`, accent-folded, so that a query can be matched exactly, by
prefix or by trigram similarity (pg_trgm's measure, computed in the process: `search.terms`).

It is derived data, rebuilt by `manage.py rebuild_search_terms`, page by page when a sheet is published or
unpublished, and automatically when the catalogue changed behind its back (the import's bulk writes send no
signal): see `search.terms`. It never decides what a visitor may see: matches are always intersected with the
pages the visitor may view.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.models import Orderable


class TermKind(models.TextChoices):
    TITLE = "title", _("intitulé")
    ALTERNATIVE = "alternative", _("autre nom")
    INTEREST = "interest", _("centre d'intérêt")
    SYNONYM = "synonym", _("mot courant")
    PUPIL = "pupil", _("mot des élèves")


# How much a match on each kind of name counts, title first.
KIND_WEIGHTS = {
    TermKind.TITLE: 1.0,
    TermKind.SYNONYM: 0.95,
    TermKind.PUPIL: 0.95,
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


class SheetConcepts(models.Model):
    """The roots of one sheet's texts with their weights, and the words of its names: what `search.concepts`
    ranks a query's meaning on, computed when the dictionary is built (stemming every text at each process
    start would take seconds)."""

    page = models.OneToOneField("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    roots = models.JSONField(default=dict)
    name_words = models.JSONField(default=list)  # [folded word, sound key]

    class Meta:
        verbose_name = _("sens d'une fiche pour la recherche")


class PupilWordForm(WagtailAdminModelForm):
    """A word needs somewhere to lead: at least one sheet, or a meaning in the sheets' words."""

    def clean(self):
        cleaned = super().clean()
        sheets = self.formsets.get("sheets")
        chosen = False
        if sheets is not None and sheets.is_valid():
            chosen = any(
                form.cleaned_data.get("page") and not form.cleaned_data.get("DELETE")
                for form in sheets.forms
                if form.cleaned_data
            )
        if not chosen and not (cleaned.get("meaning") or "").strip():
            raise ValidationError(_("Choisissez au moins une fiche, ou écrivez ce que le mot veut dire."))
        return cleaned


class PupilWord(ClusterableModel):
    """A word pupils use for a job (« youtubeur », « keuf », « dev »), with the sheets it points to, or with what
    it means in the sheets' own words (« tiktokeur » → « vidéo réseaux sociaux »): a concept, for a word that
    fits many sheets.

    Staff keep this list in the admin (Fiches métiers › Mots des élèves): each word becomes a name of its sheets
    in the term dictionary, and its meaning part of the search's everyday vocabulary (`search.concepts`), found by
    the search and the autocomplete as soon as it is saved (see `search.signals`). The reports of searches without
    results say which words are missing, with a link that adds the word here."""

    word = models.CharField(
        _("mot ou expression"),
        max_length=100,
        unique=True,
        help_text=_("Tel qu'un élève l'écrit : « youtubeur », « dev web », « keuf ». Les accents ne comptent pas."),
    )
    meaning = models.CharField(
        _("ce que le mot veut dire"),
        max_length=255,
        blank=True,
        help_text=_(
            "Pour un mot qui va avec beaucoup de fiches : les mots que les fiches emploient, séparés par des "
            "espaces (« tiktokeur » : « vidéo réseaux sociaux »). La recherche cherche alors ces mots dans les "
            "textes des fiches. Il faut une fiche ou un sens."
        ),
    )
    note = models.CharField(
        _("remarque"),
        max_length=255,
        blank=True,
        help_text=_("Pourquoi ce mot, d'où il vient (rapport des recherches sans résultat, atelier…)."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    base_form_class = PupilWordForm
    panels = [
        FieldPanel("word"),
        InlinePanel("sheets", label=_("Fiches")),
        FieldPanel("meaning"),
        FieldPanel("note"),
    ]

    class Meta:
        verbose_name = _("mot des élèves")
        verbose_name_plural = _("mots des élèves")
        ordering = ["word"]

    def __str__(self):
        return self.word

    def sheet_titles(self):
        return ", ".join(link.page.title for link in self.sheets.select_related("page"))

    sheet_titles.short_description = _("fiches")


class PupilWordSheet(Orderable):
    word = ParentalKey(PupilWord, on_delete=models.CASCADE, related_name="sheets")
    page = models.ForeignKey(
        "metiers.MetierPage", verbose_name=_("fiche métier"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [PageChooserPanel("page", page_type="metiers.MetierPage")]

    class Meta(Orderable.Meta):
        verbose_name = _("fiche")
        constraints = [models.UniqueConstraint(fields=["word", "page"], name="search_pupil_word_sheet_unique")]


def week_of(day):
    """The Monday of `day`'s week: the log counts searches per week, never per visitor or per moment."""
    return day - datetime.timedelta(days=day.weekday())


class UnansweredSearch(models.Model):
    """How many times a query found nothing, per week. Anonymous by construction: the folded query text and a
    count, no user, no address, no time of day (see `search.unanswered` for what is never recorded)."""

    query = models.CharField(_("recherche"), max_length=100)
    week = models.DateField(_("semaine du"))
    count = models.PositiveIntegerField(_("nombre"), default=0)

    # Personal data: kept out of Wagtail's reference index (no index row or task per save).
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("recherche sans résultat")
        verbose_name_plural = _("recherches sans résultat")
        constraints = [models.UniqueConstraint(fields=["query", "week"], name="search_unanswered_query_week")]
        indexes = [models.Index(fields=["week"], name="search_unanswered_week")]

    def __str__(self):
        return self.query

    @classmethod
    def record(cls, query, day=None):
        """Count one more search for `query` this week."""
        count_weekly(cls, query, "count", day)


def count_weekly(model, query, field, day=None):
    """Add one to `field` of `query`'s row for this week; the row is created once even when two requests race
    (the unique constraint decides, then the count is incremented in the database)."""
    week = week_of(day or timezone.localdate())
    if model.objects.filter(query=query, week=week).update(**{field: F(field) + 1}):
        return
    try:
        with transaction.atomic():
            model.objects.create(query=query, week=week, **{field: 1})
    except IntegrityError:
        model.objects.filter(query=query, week=week).update(**{field: F(field) + 1})


class AnsweredSearch(models.Model):
    """For a query that found results, per week: how many times it was searched and how many of those searches
    led to opening a result (the report « Recherches peu cliquées »). Anonymous like `UnansweredSearch`: counted
    from the browser's beacon (search.clicks), with the same filters, and nothing about the visitor."""

    query = models.CharField(_("recherche"), max_length=100)
    week = models.DateField(_("semaine du"))
    searches = models.PositiveIntegerField(_("recherches"), default=0)
    opens = models.PositiveIntegerField(_("résultat ouvert"), default=0)

    # Personal data: kept out of Wagtail's reference index (no index row or task per save).
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("recherche avec résultats")
        verbose_name_plural = _("recherches avec résultats")
        constraints = [models.UniqueConstraint(fields=["query", "week"], name="search_answered_query_week")]
        indexes = [models.Index(fields=["week"], name="search_answered_week")]

    def __str__(self):
        return self.query

    @property
    def click_rate(self):
        """The share of searches after which a result was opened (0 to 1)."""
        return min(1.0, self.opens / self.searches) if self.searches else 0.0
