"""The demo gives the partner figures worth reading: real numbers next to « moins de 5 », loaded twice
without duplicates."""

import re
from io import StringIO

from django.core.management import call_command
from django.urls import reverse

import pytest

from accounts.models import User
from ateliers.models import SignUp
from stages.models import StageRequest

pytestmark = pytest.mark.django_db


def test_the_demo_partner_sees_non_trivial_figures(settings, client):
    settings.DEBUG = True
    call_command("load_demo", "--skip-index", stdout=StringIO())
    first = (User.objects.count(), SignUp.objects.count(), StageRequest.objects.count())
    call_command("load_demo", "--skip-index", stdout=StringIO())
    assert (User.objects.count(), SignUp.objects.count(), StageRequest.objects.count()) == first

    response = client.post(
        reverse("accounts:login"),
        {"username": "partenaire@demo.unstageetapres.fr", "password": "demo-partenaire-2026"},
        follow=True,
    )
    assert "Les chiffres du projet" in response.content.decode()
    html = client.get(reverse("chiffres:figures")).content.decode()
    cells = [cell.strip() for cell in re.findall(r"<td>(.*?)</td>", html, flags=re.S)]
    numbers = [int(re.sub(r"\D", "", cell)) for cell in cells if re.fullmatch(r"[\d\s\u202f\xa0]+", cell)]
    assert sum(1 for n in numbers if n >= 10) >= 8, cells
    assert "moins de 5" in cells
    assert any(cell.endswith("%") for cell in cells), cells
    assert "Démo" not in html
