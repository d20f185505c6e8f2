"""Admin: « Textes d'élèves retenus », for the staff who may see pupils' accounts."""

from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .held import held_texts

PERMISSION = "accounts.view_user"


class HeldTextsView(WagtailAdminTemplateMixin, TemplateView):
    page_title = _("Textes d'élèves retenus")
    header_icon = "warning"
    template_name = "safeguarding/admin/held_texts.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = Paginator(held_texts(), 50).get_page(self.request.GET.get("p"))
        context.update(rows=page.object_list, page_obj=page)
        return context


@hooks.register("register_admin_urls")
def register_admin_urls():
    view = permission_required(PERMISSION)(HeldTextsView.as_view())
    return [path("textes-retenus/", view, name="safeguarding_held_texts")]


class HeldTextsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_reports_menu_item")
def register_held_texts_menu_item():
    return HeldTextsMenuItem(
        _("Textes d'élèves retenus"), reverse("safeguarding_held_texts"), icon_name="warning", order=650
    )
