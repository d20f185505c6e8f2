"""A stage place's states (django-fsm-2): pending → approved or hidden (staff, in the admin, a hidden offer
needs a reason), hidden → approved, approved → pending when the host changes what pupils see. Staff choose
a decision; the state is never a form field."""

from django.urls import reverse

import pytest
from auditlog.models import LogEntry
from django_fsm import TransitionNotAllowed

from stages.factories import PlaceFactory
from stages.models import Place, PlaceStatus

pytestmark = pytest.mark.django_db


def post_decision(client, place, decision, hidden_reason=""):
    data = {
        "host": place.host_id,
        "title": place.title,
        "description": place.description,
        "tutor": place.tutor,
        "hours": place.hours,
        "lunch": place.lunch,
        "accessibility": place.accessibility,
        "reserved_school": "",
        "school_year": place.school_year,
        "hidden_reason": hidden_reason,
        "decision": decision,
    }
    return client.post(reverse("place:edit", args=[place.pk]), data)


def status_of(place):
    return Place.objects.get(pk=place.pk).status


def test_staff_are_offered_only_the_moves_of_the_current_state(staff_client):
    pending = PlaceFactory(status=PlaceStatus.PENDING)
    page = staff_client.get(reverse("place:edit", args=[pending.pk])).content.decode()
    assert "Valider l&#x27;offre" in page and "Masquer l&#x27;offre" in page
    assert "Ne rien changer (état actuel : À vérifier)" in page
    approved = PlaceFactory(status=PlaceStatus.APPROVED)
    page = staff_client.get(reverse("place:edit", args=[approved.pk])).content.decode()
    assert "Valider l&#x27;offre" not in page and "Masquer l&#x27;offre" in page


def test_staff_approve_a_pending_place_and_the_audit_log_keeps_it(staff_client):
    place = PlaceFactory(status=PlaceStatus.PENDING)
    response = post_decision(staff_client, place, "approve")
    assert response.status_code == 302
    assert status_of(place) == PlaceStatus.APPROVED
    entry = LogEntry.objects.get_for_object(place).latest("timestamp")
    assert entry.changes_dict["status"] == ["pending", "approved"]


def test_hiding_needs_a_reason_in_french_and_changes_nothing_without_it(staff_client):
    place = PlaceFactory(status=PlaceStatus.APPROVED)
    refused = post_decision(staff_client, place, "hide")
    assert refused.status_code == 200
    assert "Indiquez pourquoi cette offre est masquée." in refused.content.decode()
    assert status_of(place) == PlaceStatus.APPROVED
    post_decision(staff_client, place, "hide", hidden_reason="Le tuteur a quitté l'entreprise.")
    hidden = Place.objects.get(pk=place.pk)
    assert (hidden.status, hidden.hidden_reason) == (PlaceStatus.HIDDEN, "Le tuteur a quitté l'entreprise.")


def test_a_hidden_place_is_approved_again_and_loses_its_reason(staff_client):
    place = PlaceFactory(status=PlaceStatus.HIDDEN, hidden_reason="Doublon.")
    post_decision(staff_client, place, "approve", hidden_reason="Doublon.")
    approved = Place.objects.get(pk=place.pk)
    assert (approved.status, approved.hidden_reason) == (PlaceStatus.APPROVED, "")


def test_a_move_the_state_does_not_allow_is_refused_in_french(staff_client):
    place = PlaceFactory(status=PlaceStatus.APPROVED)
    refused = post_decision(staff_client, place, "approve")  # already approved (another staff member, say)
    assert refused.status_code == 200
    assert "Sélectionnez un choix valide" in refused.content.decode()
    refused = post_decision(staff_client, place, "send_back_to_check")  # the host's move, not staff's
    assert refused.status_code == 200 and status_of(place) == PlaceStatus.APPROVED


def test_keeping_the_state_saves_the_offer_only(staff_client):
    place = PlaceFactory(status=PlaceStatus.PENDING)
    place.title = "Découvrir le fournil"
    post_decision(staff_client, place, "")
    saved = Place.objects.get(pk=place.pk)
    assert (saved.title, saved.status) == ("Découvrir le fournil", PlaceStatus.PENDING)


def test_the_machine_refuses_moves_and_hand_set_states():
    pending = PlaceFactory(status=PlaceStatus.PENDING)
    with pytest.raises(AttributeError):
        pending.status = PlaceStatus.APPROVED
    with pytest.raises(TransitionNotAllowed):
        pending.send_back_to_check()  # only an approved offer goes back to staff
    with pytest.raises(TransitionNotAllowed):
        pending.hide()  # the guard: no reason given
    approved = PlaceFactory(status=PlaceStatus.APPROVED)
    approved.send_back_to_check()
    approved.save()
    assert status_of(approved) == PlaceStatus.PENDING
