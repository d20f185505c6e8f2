"""Wagtail's user management, with one guard: only a superuser makes, edits or sees the « administrator »
(superuser) switch. Staff (« Équipe ») manage accounts without being able to raise anyone, themselves
included, above their own role."""

from django.core.exceptions import PermissionDenied

from wagtail.users.views import users

from .audit import log_staff_read
from .roles import Role


class SuperuserFieldGuard:
    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if not self.request.user.is_superuser:
            form.fields.pop("is_superuser", None)
        return form


class CreateView(SuperuserFieldGuard, users.CreateView):
    pass


class EditView(SuperuserFieldGuard, users.EditView):
    def dispatch(self, request, *args, **kwargs):
        if self.object.is_superuser and not request.user.is_superuser:
            raise PermissionDenied
        if request.method == "GET" and self.object.has_role(Role.PUPIL):
            log_staff_read(request, self.object)  # a staff member opened a pupil's record
        return super().dispatch(request, *args, **kwargs)


class DeleteView(users.DeleteView):
    def dispatch(self, request, *args, **kwargs):
        if self.object.is_superuser and not request.user.is_superuser:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class UserViewSet(users.UserViewSet):
    add_view_class = CreateView
    edit_view_class = EditView
    delete_view_class = DeleteView
