"""Wagtail's user management, with one guard: only a superuser makes, edits or sees the « administrator »
(superuser) switch. Staff (« Équipe ») manage accounts without being able to raise anyone, themselves
included, above their own role."""

from django import forms
from django.core.exceptions import PermissionDenied

from wagtail.users.views import users

from .audit import log_staff_read
from .models import User
from .roles import Role


class SuperuserFieldGuard:
    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if not self.request.user.is_superuser:
            form.fields.pop("is_superuser", None)
        return form


# The fields of a pupil's record that staff fill in: the class, and the birth date (which decides whether
# the pupil or a parent consents).
PUPIL_FIELDS = ["school_class", "birth_date"]


def with_pupil_fields(form_class):
    class Form(form_class):
        class Meta(form_class.Meta):
            fields = set(form_class.Meta.fields) | set(PUPIL_FIELDS)
            widgets = {**getattr(form_class.Meta, "widgets", {}), "birth_date": forms.DateInput(attrs={"type": "date"})}

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            # A pupil has no email address until they add one: the login is their card's identifier.
            self.fields["email"].required = False
            self.fields["email"].help_text = User._meta.get_field("email").help_text

        def clean_email(self):
            return (self.cleaned_data.get("email") or "").strip().lower() or None

    Form.__name__ = form_class.__name__
    return Form


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
    create_template_name = "accounts/admin/user_create.html"
    edit_template_name = "accounts/admin/user_edit.html"

    def get_form_class(self, for_update=False):
        return with_pupil_fields(super().get_form_class(for_update))
