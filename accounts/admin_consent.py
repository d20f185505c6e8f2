"""Admin views about consent: staff record an answer received on a paper form (« formulaire papier »),
with the same confirmation step and the same effects as the family's own pages (`consent.withdraw`)."""

from django import forms
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.auth import permission_required

from . import consent
from .models import ConsentRecord, User
from .roles import Role


class PaperAnswerForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Réponse écrite sur le formulaire"),
        choices=[("given", gettext_lazy("Accord")), ("refused", gettext_lazy("Refus ou retrait de l'accord"))],
        widget=forms.RadioSelect,
    )
    name = forms.CharField(
        label=gettext_lazy("Nom de la personne qui a signé"),
        max_length=150,
        help_text=gettext_lazy("Le parent (ou l'élève de 15 ans ou plus) qui a signé le formulaire."),
    )


@permission_required("accounts.change_user")
def paper_answer(request, pk):
    """Record a family's answer received on paper. A refusal of a consent on record is a withdrawal: the
    page first lists what will stop, then stops it."""
    pupil = get_object_or_404(User, pk=pk, groups__name=Role.PUPIL, anonymised_at__isnull=True)
    form = PaperAnswerForm(request.POST or None)
    context = {
        "page_title": _("Réponse reçue sur papier"),
        "header_icon": "doc-full",
        "pupil": pupil,
        "form": form,
        "status": consent.status(pupil),
    }
    if request.method == "POST" and form.is_valid():
        decision, name = form.cleaned_data["decision"], form.cleaned_data["name"]
        if decision == "given":
            consent.record(pupil, decision, ConsentRecord.Method.PAPER, by_name=name)
        elif consent.has_consent(pupil) and request.POST.get("confirm") != "1":
            context["stopped"] = consent.what_stops(pupil)
            return render(request, "accounts/admin/paper_answer_confirm.html", context)
        else:
            consent.withdraw(pupil, method=ConsentRecord.Method.PAPER, by_user=None, by_name=name)
        messages.success(request, _("La réponse reçue sur papier est enregistrée."))
        return HttpResponseRedirect(reverse("wagtailusers_users:index"))
    return render(request, "accounts/admin/paper_answer.html", context)
