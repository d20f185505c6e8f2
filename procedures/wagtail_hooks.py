"""Admin and request wiring of the procedures: access checks on each page and attachment request, the
« procedures to review » report, and procedures kept out of page choosers."""

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .access import is_staff_reader, login_next_url, private_collection_ids
from .models import PrivatePageMixin, ProcedureAttachment, ProcedurePage, ProceduresIndexPage, readable_procedures
from .views import ProceduresDueForReviewView


def refuse(request, page=None):
    """Anonymous visitors log in first; logged-in people outside the audience are told no.

    Wagtail's own « groups » restriction would send a logged-in outsider back to the login page,
    which sends a logged-in user straight back: a loop. Someone who may not open the section at all gets a
    403 (for every address under it, existing or not); a reader of the section asking for a procedure
    outside their audience gets the 404 a missing procedure gets.

    For a page of the procedures section, the login's `next` leads to the section with a digest of the
    address, never the address itself: its slug is the procedure's title.
    """
    if not request.user.is_authenticated:
        if page is None:
            response = redirect_to_login(request.get_full_path())
        else:
            index = page if isinstance(page, ProceduresIndexPage) else page.get_parent()
            index_url = index.get_url(request)
            next_url = index_url if request.path == index_url else login_next_url(index_url, request.path)
            response = redirect_to_login(next_url)
    elif isinstance(page, ProcedurePage) and page.get_parent().specific.user_can_read(request.user):
        # A reader of the section asking for a procedure outside their audience: the same 404 as for a
        # procedure that does not exist, so that they cannot tell one from the other.
        raise Http404
    else:
        response = TemplateResponse(request, "procedures/forbidden.html", status=403)
    add_never_cache_headers(response)
    return response


@hooks.register("before_serve_page")
def check_procedure_access(page, request, serve_args, serve_kwargs):
    """Checked on every request for a page of the procedures section, whatever restrictions the
    database holds."""
    if isinstance(page, PrivatePageMixin) and not page.user_can_read(request.user):
        return refuse(request, page)
    return None


@hooks.register("before_serve_document", order=-1)
def check_attachment_access(document, request):
    """A document of the private collection is served to staff, and to the readers of a live procedure
    that attaches it. Runs before Wagtail's collection restriction check (order -1, Wagtail's hooks have
    0), which stays as a second lock."""
    if document.collection_id not in private_collection_ids():
        return None
    if is_staff_reader(request.user):
        return None
    if request.user.is_authenticated:
        procedure_ids = ProcedureAttachment.objects.filter(document=document).values("page_id")
        procedures = ProcedurePage.objects.live().filter(pk__in=procedure_ids)
        if readable_procedures(procedures, request.user).exists():
            return None
    return refuse(request)


@hooks.register("construct_page_chooser_queryset")
def hide_procedures_from_choosers(pages, request):
    """No procedure can be featured on, or linked from, a public page: its title would show there."""
    return pages.not_type(ProcedurePage)


@hooks.register("register_admin_urls")
def register_review_report_urls():
    return [
        path("rapports/procedures-a-relire/", ProceduresDueForReviewView.as_view(), name="procedures_review_due"),
        path(
            "rapports/procedures-a-relire/resultats/",
            ProceduresDueForReviewView.as_view(results_only=True),
            name="procedures_review_due_results",
        ),
    ]


class StaffOnlyMenuItem(MenuItem):
    def is_shown(self, request):
        return is_staff_reader(request.user)


@hooks.register("register_reports_menu_item")
def register_review_report_menu_item():
    return StaffOnlyMenuItem(_("Procédures à relire"), reverse("procedures_review_due"), icon_name="time", order=700)
