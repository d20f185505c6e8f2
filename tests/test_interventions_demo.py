"""The interventions demo: one request per step that matters, loaded twice without duplicates."""

from io import StringIO

from django.core.management import call_command
from django.urls import reverse

import pytest

from ateliers.models import SignUp
from interventions.models import Speaker, State, WorkshopRequest

pytestmark = pytest.mark.django_db


def test_demo_requests_at_each_step_and_the_professional_in_the_pool(settings, client):
    settings.DEBUG = True
    call_command("load_demo", "--skip-index", stdout=StringIO())
    first = (Speaker.objects.count(), WorkshopRequest.objects.count(), SignUp.objects.count())
    call_command("load_demo", "--skip-index", stdout=StringIO())
    assert (Speaker.objects.count(), WorkshopRequest.objects.count(), SignUp.objects.count()) == first

    states = sorted(WorkshopRequest.objects.values_list("state", flat=True))
    assert states == sorted([State.REQUESTED, State.PROPOSED, State.CONFIRMED, State.DONE])
    assert Speaker.objects.filter(user__email="pro@demo.unstageetapres.fr").exists()
    confirmed = WorkshopRequest.objects.get(state=State.CONFIRMED)
    booked = set(SignUp.objects.filter(session=confirmed.session).values_list("pupil__identifier", flat=True))
    assert booked == {"colibri-olive-26", "volcan-perle-58"}  # Inès and Lina; Yanis and Sarah have no consent

    client.force_login(Speaker.objects.get(user__email="pro@demo.unstageetapres.fr").user)
    proposed = WorkshopRequest.objects.get(state=State.PROPOSED)
    assert client.get(reverse("interventions:detail", args=[proposed.pk])).status_code == 200
