"""« Mon parcours »: at the top of a pupil's « Mon espace », the year's three steps in order (discovering
métiers, the stage, the orientation), each with where the pupil is in words and what to do next; nobody
else gets a timeline."""

import re

from django.urls import reverse
from django.utils import timezone

import pytest

from ateliers.factories import SessionFactory, SignUpFactory
from carnet.factories import WishFactory
from stages.factories import StageRequestFactory
from stages.models import RequestState

pytestmark = pytest.mark.django_db


def steps(client):
    page = client.get(reverse("accounts:dashboard")).content.decode()
    timeline = page.split('<ol class="parcours"')[1].split("</ol>")[0]
    return [
        (title, status)
        for title, status in re.findall(
            r'parcours__title">([^<]+)</h3>\s*<span class="badge[^"]*">([^<]+)</span>', timeline
        )
    ], timeline


def test_a_pupil_who_did_nothing_yet_sees_three_steps_to_do(client, consented_pupil):
    client.force_login(consented_pupil)
    found, timeline = steps(client)
    assert found == [
        ("Découvrir des métiers", "Pas encore d&#x27;atelier"),
        ("Mon stage de 3e", "Pas encore demandé"),
        ("Mon orientation après la 3e", "Pas encore de vœu"),
    ]
    assert timeline.count("badge--todo") == 3
    assert reverse("stages:browse_places") in timeline


def test_the_timeline_follows_what_the_pupil_did(client, consented_pupil):
    past = SessionFactory(starts_at=timezone.now() - timezone.timedelta(days=3))
    SignUpFactory(session=past, pupil=consented_pupil, attended=True)
    StageRequestFactory(pupil=consented_pupil, state=RequestState.SENT)
    WishFactory(pupil=consented_pupil)
    WishFactory(pupil=consented_pupil, rank=2, path="cap")
    client.force_login(consented_pupil)
    found, timeline = steps(client)
    assert found == [
        ("Découvrir des métiers", "1 atelier suivi"),
        ("Mon stage de 3e", "Envoyée"),
        ("Mon orientation après la 3e", "2 vœux"),
    ]
    assert "badge--ok" in timeline and "Voir ma demande" in timeline


def test_no_timeline_for_a_parent_or_a_teacher(client, parent, teacher):
    for user in (parent, teacher):
        client.force_login(user)
        assert '<ol class="parcours"' not in client.get(reverse("accounts:dashboard")).content.decode()
