from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    # `default`: this module defines two configs, and Django picks none by itself (then `ready` never runs).
    default = True
    name = "accounts"
    verbose_name = _("Comptes, collèges et classes")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import audit

        audit.register()


class UsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user management with the superuser guard of `accounts.admin_users`."""

    user_viewset = "accounts.admin_users.UserViewSet"
