"""Staff see the professionals' proposals in the admin, with filters, search and CSV export."""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.viewsets.model import ModelViewSet

from .models import ProfessionalProposal


class ProfessionalProposalViewSet(ModelViewSet):
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
