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


@hooks.register("register_admin_urls")
def register_privacy_urls():
    from . import admin_privacy

    return [
        path("effacer-donnees/<id:pk>/", admin_privacy.erase_user, name="accounts_erase_user"),
        path("journal-audit/", admin_privacy.audit_log, name="accounts_audit_log"),
        path("envois-emails/", admin_privacy.email_sends, name="accounts_email_sends"),
        path("envois-emails/<uuid:pk>/renvoyer/", admin_privacy.email_resend, name="accounts_email_resend"),
    ]


@hooks.register("register_admin_urls")
def register_consent_urls():
    from wagtail.admin.auth import permission_required

    from . import admin_consent

    report = permission_required("accounts.view_user")(admin_consent.ConsentReportView.as_view())
    results = permission_required("accounts.view_user")(admin_consent.ConsentReportView.as_view(results_only=True))
    return [
        path("accord-papier/<id:pk>/", admin_consent.paper_answer, name="accounts_paper_answer"),
        path("rapports/accords/", report, name="accounts_consent_report"),
        path("rapports/accords/resultats/", results, name="accounts_consent_report_results"),
    ]


@hooks.register("register_reports_menu_item")
def register_consent_report_menu_item():
    return PermissionMenuItem(
        _("Accords des familles"),
        reverse("accounts_consent_report"),
        icon_name="tick-inverse",
        order=700,
        permission="accounts.view_user",
    )


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_menu_item")
def register_activation_menu_item():
    return PermissionMenuItem(
        _("Activation des élèves"),
        reverse("accounts:class_list"),
        icon_name="key",
        order=251,
        permission="accounts.view_schoolclass",
    )


@hooks.register("register_settings_menu_item")
def register_audit_log_menu_item():
    return PermissionMenuItem(
        _("Journal d'audit"),
        reverse("accounts_audit_log"),
        icon_name="history",
        order=900,
        permission="auditlog.view_logentry",
    )


@hooks.register("register_settings_menu_item")
def register_email_sends_menu_item():
    return PermissionMenuItem(
        _("Envois d'e-mails"),
        reverse("accounts_email_sends"),
        icon_name="mail",
        order=910,
        permission="accounts.view_user",
    )


@hooks.register("register_user_listing_buttons")
def erase_user_button(user, request_user):
    from wagtail.admin.widgets import ListingButton

    if not request_user.has_perm("accounts.erase_personal_data") or user.anonymised_at or user.is_superuser:
        return []
    return [ListingButton(_("Effacer les données"), reverse("accounts_erase_user", args=[user.pk]), priority=60)]


@hooks.register("register_user_listing_buttons")
def paper_answer_button(user, request_user):
    from wagtail.admin.widgets import ListingButton

    from .roles import Role

    if not request_user.has_perm("accounts.change_user") or user.anonymised_at or not user.has_role(Role.PUPIL):
        return []
    return [ListingButton(_("Réponse papier (accord)"), reverse("accounts_paper_answer", args=[user.pk]), priority=55)]
