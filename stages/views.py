"""The « Proposer un stage ou intervenir » page for professionals (no account needed)."""

import logging

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from . import notifications
from .forms import ProposalForm

logger = logging.getLogger(__name__)


@require_http_methods(["GET", "POST"])
def propose(request):
    form = ProposalForm(request.POST or None)
    if request.method == "POST":
        if form.is_spam:
            # Looks like success to the robot; nothing stored, nothing sent.
            logger.info("Proposition de professionnel ignorée : champ piège rempli.")
            return redirect(reverse("stages:propose_thanks"))
        if form.is_valid():
            proposal = form.save()
            notifications.proposal_to_staff(proposal)
            return redirect(reverse("stages:propose_thanks"))
    return TemplateResponse(request, "stages/propose.html", {"form": form})


def propose_thanks(request):
    return TemplateResponse(request, "stages/propose_thanks.html", {})
