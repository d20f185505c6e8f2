"""Staff see the professionals' proposals in the admin, with filters, search and CSV export."""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from accounts import circle, extensions
from accounts.extensions import CONSENT_WITHDRAWN
from home.exports import SafeExportViewSetMixin

from . import access, dashboard
from .models import (
    Convention,
    ConventionText,
    HostOrganisation,
    Place,
    PlaceWeek,
    ProfessionalProposal,
    StageRequest,
    StageWeek,
)


class ProfessionalProposalViewSet(SafeExportViewSetMixin, ModelViewSet):
    model = ProfessionalProposal
    name = "professional_proposal"
    icon = "mail"
    menu_label = _("Propositions des professionnels")
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["organisation", "job", "kind", "postcode", "created_at", "handled"]
    list_filter = ["kind", "handled"]
    search_fields = ["organisation", "job", "name", "postcode"]
    list_export = [
        "created_at",
        "kind",
        "name",
        "organisation",
        "job",
        "email",
        "phone",
        "postcode",
        "message",
        "handled",
    ]
    panels = [
        FieldPanel("kind", read_only=True),
        FieldPanel("name", read_only=True),
        FieldPanel("organisation", read_only=True),
        FieldPanel("job", read_only=True),
        FieldPanel("email", read_only=True),
        FieldPanel("phone", read_only=True),
        FieldPanel("postcode", read_only=True),
        FieldPanel("message", read_only=True),
        FieldPanel("handled"),
    ]


professional_proposal_viewset = ProfessionalProposalViewSet()


@hooks.register("register_admin_viewset")
def register_professional_proposal_viewset():
    return professional_proposal_viewset


@hooks.register(CONSENT_WITHDRAWN)
def stages_consent_withdrawn(pupil, dry_run, by=None):
    from .workflow import stop_for_withdrawn_consent

    return stop_for_withdrawn_consent(pupil, dry_run, by)


class HostOrganisationViewSet(SafeExportViewSetMixin, ModelViewSet):
    model = HostOrganisation
    icon = "site"
    menu_label = _("Structures d'accueil")
    list_display = ["name", "kind", "legal_kind", "commune_code"]
    list_filter = ["kind", "legal_kind"]
    search_fields = ["name", "address"]
    list_export = ["name", "kind", "legal_kind", "siret", "address", "commune_code"]
    form_fields = ["name", "kind", "legal_kind", "siret", "address", "commune_code", "members"]


class PlaceViewSet(SafeExportViewSetMixin, ModelViewSet):
    """Staff check each offer (« Validée ») before pupils can be matched to it, or hide it with a reason:
    a decision of the form, never the state typed in."""

    model = Place
    icon = "tasks"
    menu_label = _("Places de stage")
    list_display = ["title", "host", "status", "school_year"]
    list_filter = ["status", "school_year", "host__kind"]
    search_fields = ["title", "description"]
    list_export = ["title", "host", "status", "school_year", "tutor", "hours"]
    form_fields = [
        "host",
        "title",
        "sheets",
        "description",
        "tutor",
        "tutor_contact",
        "hours",
        "starts_at",
        "ends_at",
        "break_minutes",
        "lunch",
        "accessibility",
        "reserved_school",
        "school_year",
        "hidden_reason",
        "decision",
    ]

    def get_form_class(self, for_update=False):
        """The state changes only through the decisions of `PlaceReviewForm` (its transitions)."""
        from django.forms import modelform_factory

        from .forms_places import PlaceReviewForm

        return modelform_factory(
            self.model, form=PlaceReviewForm, formfield_callback=self.formfield_for_dbfield, fields=self.form_fields
        )


class PlaceWeekViewSet(SafeExportViewSetMixin, ModelViewSet):
    model = PlaceWeek
    icon = "date"
    menu_label = _("Semaines ouvertes")
    list_display = ["place", "starts_on", "seats", "seats_taken"]
    list_filter = ["starts_on"]
    form_fields = ["place", "starts_on", "seats"]


class StageWeekViewSet(SafeExportViewSetMixin, ModelViewSet):
    model = StageWeek
    icon = "calendar"
    menu_label = _("Semaines de stage des collèges")
    list_display = ["school", "starts_on", "school_year"]
    list_filter = ["school_year", "school"]
    form_fields = ["school", "school_year", "starts_on"]


class StageRequestViewSet(SafeExportViewSetMixin, ModelViewSet):
    """The board of requests with filters and CSV export; states change only through the console. The old
    `signed_by_*` ticks are shown read-only: a convention is signed by its parties online
    (`stages.signatures`), nobody ticks a signature by hand."""

    model = StageRequest
    icon = "user"
    menu_label = _("Demandes de stage")
    add_to_admin_menu = False
    list_display = ["__str__", "week", "state", "updated_at"]
    list_filter = ["state", "week__school"]
    list_export = ["pk", "week", "state", "travel_minutes", "travel_mode", "created_at", "updated_at"]
    inspect_view_enabled = True
    panels = [
        FieldPanel("signed_by_school", read_only=True),
        FieldPanel("signed_by_host", read_only=True),
        FieldPanel("signed_by_parent", read_only=True),
        FieldPanel("signed_by_pupil", read_only=True),
    ]


class ConventionTextViewSet(SnippetViewSet):
    """The convention's wording, one version a row. A version used by a convention no longer changes
    (`ConventionText.clean`): copy it into the next version number."""

    model = ConventionText
    icon = "doc-full"
    menu_label = _("Texte de la convention")
    add_to_admin_menu = False
    list_display = ["__str__", "effective_from", "created_at"]
    copy_view_enabled = True


register_snippet(ConventionTextViewSet)


class ConventionViewSet(SafeExportViewSetMixin, ModelViewSet):
    """Conventions and their state; signatures are given online by the parties (stages.signatures), the
    dates, hours and tutor changed from the convention's page, never here."""

    model = Convention
    icon = "doc-full-inverse"
    menu_label = _("Conventions de stage")
    list_display = ["reference", "host", "first_day", "state", "signed_at"]
    list_filter = ["state", "request__week__school"]
    search_fields = ["reference"]
    list_export = ["reference", "host", "first_day", "last_day", "state", "signed_at", "content_hash"]
    inspect_view_enabled = True
    form_fields = ["teacher_name"]


class StagesViewSetGroup(ViewSetGroup):
    menu_label = _("Stages")
    menu_icon = "tasks"
    menu_order = 290
    items = (
        StageRequestViewSet,
        ConventionViewSet,
        PlaceViewSet,
        PlaceWeekViewSet,
        HostOrganisationViewSet,
        StageWeekViewSet,
    )


@hooks.register("register_admin_viewset")
def register_stages_viewsets():
    return StagesViewSetGroup()


@hooks.register(circle.PROVIDERS)
def stage_hosts_in_circle():
    return circle.Provider(circle.Relation.HOST, pupils=access.host_pupils, members=access.pupil_hosts)


extensions.register(dashboard)  # « Mon espace », the data export and the erasure: see dashboard.py


@hooks.register("safeguarding_held_texts")
def held_motivations():
    """Open requests whose motivation holds contact details: the host reads it masked, staff act here."""
    from django.urls import reverse

    import safeguarding
    from safeguarding.held import HeldText

    from .models import StageRequest
    from .models.requests import OPEN_STATES

    rows = StageRequest.objects.filter(state__in=OPEN_STATES).exclude(motivation="")
    for pk, text, at, first_name, class_name in rows.values_list(
        "pk", "motivation", "updated_at", "pupil__first_name", "pupil__school_class__name"
    ):
        found = safeguarding.kinds(text)
        if found:
            yield HeldText(
                channel=_("Motivation d'une demande de stage"),
                written_by=", ".join(part for part in (first_name, class_name) if part) or "—",
                text=text,
                reason=safeguarding.held_reason(found),
                at=at,
                url=reverse("stages:console_request", args=[pk]),
            )
