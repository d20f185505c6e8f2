from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import views
from .models import School, SchoolClass


class SchoolViewSet(SnippetViewSet):
    model = School
    icon = "home"
    menu_label = _("Collèges")
    list_display = ["name", "uai", "commune", "priority_education"]
    list_filter = ["priority_education", "commune"]
    search_fields = ["name", "uai", "commune"]
    ordering = ["name"]


class SchoolClassViewSet(SnippetViewSet):
    model = SchoolClass
    icon = "group"
    menu_label = _("Classes")
    list_display = ["name", "school", "level", "school_year"]
    list_filter = ["school", "level", "school_year"]
    search_fields = ["name", "school__name"]
    ordering = ["school__name", "-school_year", "name"]


class SchoolsGroup(SnippetViewSetGroup):
    items = (SchoolViewSet, SchoolClassViewSet)
    menu_icon = "home"
    menu_label = _("Collèges et classes")
    menu_name = "schools"


register_snippet(SchoolsGroup)


@hooks.register("register_admin_urls")
def register_class_import_url():
    return [path("import-eleves/", views.class_import, name="accounts_class_import")]


class ClassImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("accounts.import_pupils")


@hooks.register("register_admin_menu_item")
def register_class_import_menu_item():
    return ClassImportMenuItem(
        _("Importer des élèves"), reverse("accounts_class_import"), icon_name="upload", order=250
    )
