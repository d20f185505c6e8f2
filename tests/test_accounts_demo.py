"""The demo's pupils: activated with and without consent, a parent who agreed and one who has not
answered, a class to print cards for; loading the demo twice adds no decision."""

from io import StringIO

from django.core.management import call_command
from django.urls import reverse

import pytest

from accounts import access, consent
from accounts.models import ConsentRecord, SchoolClass, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("load_demo", skip_index=True, stdout=StringIO())


def test_demo_pupils_cover_each_consent_state_and_a_class_to_activate(client, demo):
    ines = User.objects.get(identifier="colibri-olive-26")
    yanis = User.objects.get(identifier="renard-piano-41")
    lina = User.objects.get(identifier="volcan-perle-58")
    sarah = User.objects.get(identifier="tortue-nuage-73")

    assert access.can_take_part(ines) and access.has_parental_consent(ines)
    assert access.is_activated(yanis) and consent.status(yanis) == consent.Status.PENDING
    assert consent.decides_for_self(lina) and access.can_take_part(lina)
    assert consent.status(sarah) == consent.Status.REFUSED
    assert ines.parents.get().email == "parent@demo.unstageetapres.fr"
    assert yanis.parents.get().email == "parent2@demo.unstageetapres.fr"
    fourth = SchoolClass.objects.get(name="4e B", school__uai="0930999Z")
    assert fourth.pupils.count() == 3
    assert not any(access.is_activated(pupil) for pupil in fourth.pupils.all())

    # The demo teacher prints that class's cards; the demo pupil logs in with her identifier.
    login = reverse("accounts:login")
    client.post(login, {"username": "professeur@demo.unstageetapres.fr", "password": "demo-professeur-2026"})
    cards = client.post(reverse("accounts:class_cards", args=[fourth.pk]))
    assert cards.content.decode().count("activation-card__name") == 3
    client.logout()
    assert client.post(login, {"username": "colibri-olive-26", "password": "demo-eleve-2026"}).status_code == 302
    assert int(client.session["_auth_user_id"]) == ines.pk


def test_loading_the_demo_again_adds_no_decision(demo, settings):
    before = ConsentRecord.objects.count()

    call_command("load_demo", skip_index=True, stdout=StringIO())

    assert ConsentRecord.objects.count() == before
    pupils = User.objects.filter(
        identifier__in=["colibri-olive-26", "renard-piano-41", "volcan-perle-58", "tortue-nuage-73"]
    )
    # Inès, Lina and Sarah have one decision each; Yanis's parent has not answered.
    assert ConsentRecord.objects.filter(pupil__in=pupils).count() == 3
