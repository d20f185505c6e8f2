from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from wagtail.admin.auth import permission_required

from home.rate_limits import over_limit

from . import extensions, importing
from .forms import ClassImportConfirmForm, ClassImportForm, EmailAuthenticationForm, QueuedPasswordResetForm
from .models import School, SchoolClass
from .roles import Role
from .views_spaces import dashboard_context


class LoginView(auth_views.LoginView):
    """Log in with an email address.

    A logged-in person sent here by a page restricted to other groups sees why, instead of being sent
    straight back to that page (which would send them here again, in a loop). Without such a page to go
    to, they go to « Mon espace ».
    """

    form_class = EmailAuthenticationForm
    template_name = "accounts/login.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not self.get_redirect_url():
            return HttpResponseRedirect(self.get_default_redirect_url())
        return super().dispatch(request, *args, **kwargs)


class LogoutView(auth_views.LogoutView):
    template_name = "accounts/logged_out.html"


class PasswordResetView(auth_views.PasswordResetView):
    """Send a reset link, at most a few times an hour per address and per client, so nobody can flood a
    parent's mailbox. Past the limit the visitor sees the same page, and no email is sent."""

    template_name = "accounts/password_reset_form.html"
    form_class = QueuedPasswordResetForm  # the email goes through the queue, never sent in the request
    email_template_name = "accounts/emails/password_reset.txt"
    subject_template_name = "accounts/emails/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        email = form.cleaned_data["email"].strip().lower()
        # Both limits count every request (`|`, not `or`): see RATE_LIMITS in the settings.
        if over_limit(self.request, "password_reset_email", email) | over_limit(self.request, "password_reset_client"):
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class DashboardView(TemplateView):
    """« Mon espace »: one section per role of the user, listing as links what that role can do today.
    Each section shows only the user's own data (see `accounts.views_spaces.dashboard_context`)."""

    template_name = "accounts/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        roles = user.roles
        context["roles"] = roles
        context["Role"] = Role
        context["is_staff_member"] = user.is_association_staff
        if Role.PUPIL in roles:
            if user.school_class_id:
                # The class with its collège in one query (the section shows both).
                user.school_class = SchoolClass.objects.select_related("school").get(pk=user.school_class_id)
            context["pupil_class"] = user.school_class
            context["parcours_steps"] = extensions.parcours_steps(user)
        if Role.TEACHER in roles:
            context["taught_classes"] = user.taught_classes.select_related("school").order_by("-school_year", "name")
        if Role.PARENT in roles:
            context["children"] = user.children.select_related("school_class__school").order_by("first_name")
        context.update(dashboard_context(user))
        context["extra_sections"] = extensions.dashboard_sections(self.request)
        return context


dashboard = never_cache(login_required(DashboardView.as_view()))


IMPORT_SALT = "accounts.class_import"
IMPORT_MAX_AGE = 60 * 60  # a preview can be confirmed within the hour


@permission_required("accounts.import_pupils")
def class_import(request):
    """Admin view: upload a class list, preview every row, then confirm to import.

    The preview signs the file together with its collège and school year; confirming re-checks it all.
    """
    context = {"page_title": _("Importer une liste d'élèves"), "header_icon": "group"}
    form = ClassImportForm()
    if request.method == "POST" and "confirm" in request.POST:
        confirmed = _load_confirmed_import(request)
        if confirmed is not None:
            text, school, school_year = confirmed
            report = importing.run_import(text, school, school_year)
            if report.is_valid:
                messages.success(
                    request,
                    _("%(new)d élève(s) importé(s), %(existing)d déjà présent(s).")
                    % {"new": report.new_count, "existing": report.existing_count},
                )
                return render(
                    request,
                    "accounts/admin/class_import_done.html",
                    {**context, "report": report, "school": school},
                )
            context.update(report=report, school=school, school_year=school_year)
    elif request.method == "POST":
        form = ClassImportForm(request.POST, request.FILES)
        if form.is_valid():
            school = form.cleaned_data["school"]
            school_year = form.cleaned_data["school_year"]
            try:
                text = importing.decode(form.cleaned_data["csv_file"].read())
                report = importing.check(text, school, school_year)
            except importing.ImportFileError as error:
                form.add_error("csv_file", str(error))
            else:
                context.update(report=report, school=school, school_year=school_year)
                if report.is_valid:
                    payload = {"text": text, "school": school.pk, "school_year": school_year}
                    context["confirm_form"] = ClassImportConfirmForm(
                        initial={"payload": signing.dumps(payload, salt=IMPORT_SALT, compress=True)}
                    )
    context["form"] = form
    return render(request, "accounts/admin/class_import.html", context)


def _load_confirmed_import(request):
    """The (text, school, school_year) of a confirmed preview, or None with a message saying why."""
    confirm_form = ClassImportConfirmForm(request.POST)
    try:
        if not confirm_form.is_valid():
            raise signing.BadSignature
        payload = signing.loads(confirm_form.cleaned_data["payload"], salt=IMPORT_SALT, max_age=IMPORT_MAX_AGE)
        school = School.objects.get(pk=payload["school"])
        return payload["text"], school, payload["school_year"]
    except signing.SignatureExpired:
        messages.error(request, _("L'aperçu date de plus d'une heure. Vérifiez de nouveau le fichier."))
    except (signing.BadSignature, School.DoesNotExist, KeyError, TypeError):
        messages.error(request, _("Le fichier à importer a été modifié. Recommencez l'import."))
    return None
