"""The parcours Découverte demo: a believable year, loaded twice without duplicates."""

from io import StringIO

from django.core.management import call_command

import pytest

from ateliers.models import EventPage, Feedback, Session, SignUp

pytestmark = pytest.mark.django_db


def counts():
    return (EventPage.objects.count(), Session.objects.count(), SignUp.objects.count(), Feedback.objects.count())


def test_demo_year_loads_twice_with_a_full_workshop_a_forum_and_past_feedback(settings, client):
    settings.DEBUG = True
    call_command("load_demo", "--skip-index", stdout=StringIO())
    first = counts()
    call_command("load_demo", "--skip-index", stdout=StringIO())
    assert counts() == first

    # The events of the agenda's own demo (the interventions demo adds one of its own: « intervention-<n> »).
    kinds = list(EventPage.objects.exclude(slug__startswith="intervention-").values_list("kind", flat=True))
    assert (kinds.count("forum"), kinds.count("atelier"), kinds.count("conference")) == (1, 5, 2)
    forum = EventPage.objects.get(kind="forum")
    assert forum.related_metiers.count() >= 4  # the six stands, as many as the catalogue extract allows
    bakery = Session.objects.get(page__slug="mains-a-la-pate")
    assert bakery.seats_taken == bakery.capacity == 1
    assert bakery.signups.filter(status="waiting").count() == 1
    assert Feedback.objects.exists()

    agenda = client.get("/fr/agenda/").content.decode()
    assert "Forum des métiers de Saint-Denis" in agenda and "Complet" in agenda
