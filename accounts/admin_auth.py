"""Wagtail's admin login pages, tightened: password reset for staff only and limited, logout by POST only.

Password reset (`/admin/password_reset/`), for staff accounts only and under the same limit as the portal's
reset.

Wagtail's view would send a reset email to any active account, pupils and parents included, and without
limit: anyone could flood a family's mailbox from the admin login page. Here the admin reset only writes to
people who may use the admin (staff, superusers); everyone else sees the same « email sent » page, whose
text sends them to the portal's reset. The per-address and per-client limits are the portal's, counted
together: both pages cannot be used to double the emails.

Logout (`/admin/logout/`): Wagtail's view answers 405 to a GET but deletes the session cookie all the same,
so any link or image on any site could log a staff member out. Here anything but a POST is refused before
touching the session.
"""

from django.urls import reverse_lazy

from wagtail.admin.forms.auth import PasswordResetForm
from wagtail.admin.views import account

from .forms import QueuedPasswordResetMixin
from .roles import Role
from .views import PasswordResetView as PortalPasswordResetView


class StaffPasswordResetForm(QueuedPasswordResetMixin, PasswordResetForm):
    def get_users(self, email):
        for user in super().get_users(email):
            if user.is_superuser or user.is_staff or user.groups.filter(name=Role.STAFF).exists():
                yield user


class AdminPasswordResetView(PortalPasswordResetView, account.PasswordResetView):
    template_name = "wagtailadmin/account/password_reset/form.html"
    email_template_name = "wagtailadmin/account/password_reset/email.txt"
    subject_template_name = "wagtailadmin/account/password_reset/email_subject.txt"
    success_url = reverse_lazy("wagtailadmin_password_reset_done")

    def get_form_class(self):
        return StaffPasswordResetForm


class AdminLogoutView(account.LogoutView):
    def dispatch(self, request, *args, **kwargs):
        if request.method.lower() not in self.http_method_names:
            return self.http_method_not_allowed(request, *args, **kwargs)
        return super().dispatch(request, *args, **kwargs)
