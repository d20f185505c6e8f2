"""The association's internal procedures: how to welcome a pupil, run a workshop, react when a stage
goes wrong, the rules between adult volunteers and minors.

Procedures are private by construction (see `procedures.access`): only staff and the groups a
procedure is written for may read it. Only staff write them: they are the association's rules, and
staff already hold the admin; the « Validation par l'équipe » workflow on the index is there so that
the day volunteers or teachers are given drafting rights, their drafts are approved before publication.
"""

import calendar
import datetime

from django.contrib.auth.models import Group
from django.db import models
from django.db.models import Q
from django.forms import CheckboxSelectMultiple
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Locale, Orderable
from wagtail.search import index
from wagtail.url_routing import RouteResult

from accounts.roles import Role
from accounts.workflows import assign_staff_workflow
from home.fields import BodyStreamField
from home.models import BasePage

from .access import (
    AUDIENCE_ROLES,
    NEXT_PARAMETER,
    PRIVATE_COLLECTION_NAME,
    READER_ROLES,
    can_read_procedures,
    is_staff_reader,
    path_digest,
    restrict_to_groups,
    user_group_names,
)
from .blocks import ChecklistStreamBlock


def add_months(date, months):
    """`date` moved by `months` months, on the last day of the month when the day does not exist."""
    month_index = date.month - 1 + months
    year, month = date.year + month_index // 12, month_index % 12 + 1
    return date.replace(year=year, month=month, day=min(date.day, calendar.monthrange(year, month)[1]))


class PrivatePageMixin:
    """What every page of the procedures section shares: out of the sitemap, no privacy setting in the
    admin (the code decides it), and a `user_can_read` checked by `wagtail_hooks` on each request."""

    # Hides the « Privacy » control in the admin: the view restrictions are written by `save()`.
    private_page_options = []
    # Procedures are private: they may link their attachments from the private collection.
    allows_private_documents = True

    def get_sitemap_urls(self, request=None):
        return []

    def user_can_read(self, user):
        raise NotImplementedError

    def enforce_view_restriction(self):
        raise NotImplementedError

    def route(self, request, path_components):
        if path_components and not self.user_can_read(request.user):
            # Refused by `wagtail_hooks` whatever follows, so that an address that exists and one that does
            # not get the same answer.
            return RouteResult(self)
        return super().route(request, path_components)


class ProceduresIndexPage(PrivatePageMixin, BasePage):
    """The procedures section. Lists the procedures the visitor may read."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["procedures.ProcedurePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("rubrique des procédures internes")
        verbose_name_plural = _("rubriques des procédures internes")

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.enforce_view_restriction()
        assign_staff_workflow(self)

    def enforce_view_restriction(self):
        restrict_to_groups(self, READER_ROLES)

    def user_can_read(self, user):
        return can_read_procedures(user)

    def get_procedures_for(self, user):
        """Live procedures of this section that `user` may read, by title."""
        procedures = ProcedurePage.objects.child_of(self).live().order_by("title")
        return readable_procedures(procedures, user).select_related("procedure_owner")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["procedures"] = with_audience_names(self.get_procedures_for(request.user))
        context["is_staff_reader"] = is_staff_reader(request.user)
        return context

    def serve(self, request, *args, **kwargs):
        """Back from the login page (see `procedures.access.login_next_url`): to the procedure asked for."""
        digest = request.GET.get(NEXT_PARAMETER)
        if digest:
            for procedure in self.get_procedures_for(request.user):
                for url in (procedure.url, procedure.print_url):
                    if path_digest(url) == digest:
                        return HttpResponseRedirect(url)
            return HttpResponseRedirect(self.get_url(request))  # none of theirs: the plain index
        return super().serve(request, *args, **kwargs)


class ProcedurePage(PrivatePageMixin, RoutablePageMixin, BasePage):
    """One internal procedure: who it is for, who owns it, its steps, checklists and attachments."""

    procedure_owner = models.ForeignKey(
        "accounts.User",
        verbose_name=_("responsable de la procédure"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="owned_procedures",
        limit_choices_to={"groups__name": Role.STAFF},
        help_text=_("Membre de l'équipe qui tient la procédure à jour."),
    )
    audience_groups = ParentalManyToManyField(
        Group,
        verbose_name=_("destinée à"),
        blank=True,
        related_name="+",
        limit_choices_to={"name__in": AUDIENCE_ROLES},
        help_text=_("L'équipe lit toujours toutes les procédures. Ne cochez rien pour la réserver à l'équipe."),
    )
    checklists = BodyStreamField(ChecklistStreamBlock, verbose_name=_("listes de vérification"))
    body = BodyStreamField(verbose_name=_("précisions"))
    last_reviewed = models.DateField(_("dernière relecture"), default=datetime.date.today)

    class ReviewPeriod(models.IntegerChoices):
        SIX_MONTHS = 6, _("tous les 6 mois")
        ONE_YEAR = 12, _("tous les ans")
        TWO_YEARS = 24, _("tous les deux ans")

    review_period = models.PositiveSmallIntegerField(
        _("fréquence de relecture"), choices=ReviewPeriod.choices, default=ReviewPeriod.ONE_YEAR
    )
    # Stored so that the « to review » report is one query; recomputed on every save.
    review_due = models.DateField(_("relecture prévue le"), editable=False, null=True)

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("procedure_owner"),
                FieldPanel("audience_groups", widget=CheckboxSelectMultiple),
                FieldRowPanel([FieldPanel("last_reviewed"), FieldPanel("review_period")]),
            ],
            heading=_("Responsable, public et relecture"),
        ),
        InlinePanel("steps", label=_("Étapes"), min_num=1),
        FieldPanel("checklists"),
        InlinePanel("attachments", label=_("Pièces jointes")),
        FieldPanel("body"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("body"),
        index.RelatedFields("steps", [index.SearchField("title"), index.SearchField("description")]),
    ]

    parent_page_types = ["procedures.ProceduresIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("procédure interne")
        verbose_name_plural = _("procédures internes")

    def save(self, *args, **kwargs):
        self.review_due = add_months(self.last_reviewed, self.review_period) if self.last_reviewed else None
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "review_due" not in update_fields and "last_reviewed" in update_fields:
            kwargs["update_fields"] = [*update_fields, "review_due"]
        super().save(*args, **kwargs)
        self.__dict__.pop("audience_names", None)
        source = self.audience_source()
        if source.pk != self.pk:
            # A translation: whatever its form, revision or wagtail-localize wrote, it takes the source's.
            copy_stored_audience(source.pk, self.pk)
        self.enforce_view_restriction()
        if source.pk == self.pk:
            for translation in ProcedurePage.objects.filter(translation_key=self.translation_key).exclude(pk=self.pk):
                copy_stored_audience(self.pk, translation.pk)
                translation.enforce_view_restriction()

    def enforce_view_restriction(self):
        # The restriction follows the audience of the live source page as stored, never a draft's.
        restrict_to_groups(self, [Role.STAFF, *self.stored_audience_names()])

    def audience_source(self):
        """The page whose audience counts for every language of this procedure.

        wagtail-localize does not synchronise many-to-many fields, and a translation can be saved, synced or
        published (even from an old revision) in any order: the audience stored on the French original
        (French is the source language) is the one truth. A procedure written in another language with no
        French original is its own source.
        """
        default = Locale.get_default()
        if self.locale_id == default.pk:
            return self
        return ProcedurePage.objects.filter(translation_key=self.translation_key, locale=default).first() or self

    def stored_audience_names(self):
        """Names of the groups the procedure is written for, as stored on its source page."""
        return stored_audience_names(self.audience_source().pk)

    @cached_property
    def audience_names(self):
        return set(self.stored_audience_names())

    def user_can_read(self, user):
        if not user.is_authenticated:
            return False
        return is_staff_reader(user) or bool(self.audience_names & user_group_names(user))

    @cached_property
    def attachment_list(self):
        """The attachments with their documents, in one query whatever their number."""
        return list(self.attachments.select_related("document"))

    @property
    def is_review_due(self):
        return self.review_due is not None and self.review_due <= timezone.localdate()

    @property
    def audience_labels(self):
        labels = dict(Role.choices)
        return [labels[name] for name in AUDIENCE_ROLES if name in self.audience_names]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["is_staff_reader"] = is_staff_reader(request.user)
        return context

    @property
    def print_url(self):
        return self.url + self.reverse_subpage("print")

    @path("")
    def procedure(self, request):
        return self.render(request)

    @path("imprimer/", name="print")
    def print_view(self, request):
        """A printable version: no header, navigation or footer, boxes to tick on paper."""
        context = self.get_context(request)
        context["print_view"] = True
        return TemplateResponse(request, "procedures/procedure_page_print.html", context)


def stored_audience_names(page_id):
    through = ProcedurePage.audience_groups.through
    return list(
        Group.objects.filter(pk__in=through.objects.filter(procedurepage_id=page_id).values("group_id")).values_list(
            "name", flat=True
        )
    )


def with_audience_names(procedures):
    """`procedures` as a list, each with its `audience_names` read for all at once (the index shows them):
    two queries whatever their number, instead of one or two per procedure."""
    procedures = list(procedures)
    default = Locale.get_default()
    sources = {page.pk: page.pk for page in procedures if page.locale_id == default.pk}
    others = [page for page in procedures if page.locale_id != default.pk]
    if others:
        originals = dict(
            ProcedurePage.objects.filter(
                locale=default, translation_key__in=[page.translation_key for page in others]
            ).values_list("translation_key", "pk")
        )
        for page in others:
            sources[page.pk] = originals.get(page.translation_key, page.pk)
    names = {}
    through = ProcedurePage.audience_groups.through
    stored = through.objects.filter(procedurepage_id__in=set(sources.values()))
    for page_id, name in stored.values_list("procedurepage_id", "group__name"):
        names.setdefault(page_id, set()).add(name)
    for page in procedures:
        page.audience_names = names.get(sources[page.pk], set())
    return procedures


def copy_stored_audience(source_id, target_id):
    """Make the stored audience of page `target_id` that of page `source_id` (no revision, no signal loop)."""
    through = ProcedurePage.audience_groups.through
    wanted = set(through.objects.filter(procedurepage_id=source_id).values_list("group_id", flat=True))
    current = set(through.objects.filter(procedurepage_id=target_id).values_list("group_id", flat=True))
    if wanted != current:
        through.objects.filter(procedurepage_id=target_id).exclude(group_id__in=wanted).delete()
        through.objects.bulk_create(
            [through(procedurepage_id=target_id, group_id=group_id) for group_id in wanted - current]
        )


def readable_procedures(procedures, user):
    """`procedures` (a ProcedurePage queryset) narrowed to those `user` may read.

    Decided by the audience of each procedure's source page (see `ProcedurePage.audience_source`), so that
    a translation is never readable by a group its French original is no longer written for.
    """
    if is_staff_reader(user):
        return procedures
    names = user_group_names(user)
    if not names:
        return procedures.none()
    default = Locale.get_default()
    written_for = ProcedurePage.objects.filter(audience_groups__name__in=names)
    french_written_for = written_for.filter(locale=default).values("translation_key")
    with_french = ProcedurePage.objects.filter(locale=default).values("translation_key")
    return procedures.filter(
        Q(translation_key__in=french_written_for)
        | (Q(pk__in=written_for.values("pk")) & ~Q(translation_key__in=with_french))
    )


class ProcedureStep(Orderable):
    """One step of a procedure, and the role who does it."""

    page = ParentalKey(ProcedurePage, related_name="steps", on_delete=models.CASCADE)
    title = models.CharField(_("étape"), max_length=200)
    responsible_role = models.CharField(_("qui s'en charge ?"), max_length=20, choices=Role.choices)
    description = RichTextField(
        _("explication"), blank=True, features=["bold", "italic", "link", "ul", "ol"], max_length=4000
    )

    panels = [FieldPanel("title"), FieldPanel("responsible_role"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = _("étape")
        verbose_name_plural = _("étapes")

    def __str__(self):
        return self.title


class ProcedureAttachment(Orderable):
    """A document to download with a procedure, e.g. a blank stage convention.

    Only documents of the private « Procédures internes » collection may be attached: a document of a
    public collection would be downloadable by anyone who guesses its address.
    """

    page = ParentalKey(ProcedurePage, related_name="attachments", on_delete=models.CASCADE)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to=Q(collection__name=PRIVATE_COLLECTION_NAME),
        help_text=_("Déposez d'abord le document dans la collection « Procédures internes »."),
    )
    title = models.CharField(
        _("intitulé"), max_length=200, blank=True, help_text=_("Par défaut : le titre du document.")
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("pièce jointe")
        verbose_name_plural = _("pièces jointes")

    def get_title(self):
        return self.title or self.document.title
