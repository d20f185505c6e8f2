"""Downloading one's data (or a child's, for a parent): a readable page and a JSON file.

Both check the person against the user (oneself, or a child linked to the parent's account) and send
`Cache-Control: private, no-store`.
"""

import json

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from . import circle, rights


def _json_response(person, filename):
    body = json.dumps(rights.export(person), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _page(request, person, json_url, own):
    return render(
        request,
        "accounts/rights/my_data.html",
        {"data": rights.export(person), "person": person, "own": own, "json_url": json_url},
    )


@never_cache
@login_required
def my_data(request):
    return _page(request, request.user, reverse("accounts:my_data_json"), own=True)


@never_cache
@login_required
def my_data_json(request):
    return _json_response(request.user, "mes-donnees.json")


def _child(request, pk):
    return get_object_or_404(circle.pupils_visible_to(request.user, {circle.Relation.PARENT}), pk=pk)


@never_cache
@login_required
def child_data(request, pk):
    child = _child(request, pk)
    return _page(request, child, reverse("accounts:child_data_json", args=[child.pk]), own=False)


@never_cache
@login_required
def child_data_json(request, pk):
    return _json_response(_child(request, pk), "donnees-enfant.json")
