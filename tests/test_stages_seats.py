"""Seats never go below zero: the database refuses more seats taken than offered, and staff proposing
the last seat of a place at the same moment cannot both succeed (row locks on PostgreSQL, the CI database)."""

import threading

from django.db import IntegrityError, connections, transaction

import pytest

from accounts.factories import StaffFactory
from stages.factories import PlaceWeekFactory, StageRequestFactory
from stages.models import NoSeatLeft, PlaceWeek, RequestState, StageRequest
from stages.workflow import apply


@pytest.mark.django_db
def test_the_database_refuses_more_seats_taken_than_offered():
    place_week = PlaceWeekFactory(seats=1)
    assert place_week.reserve()
    assert not place_week.reserve()
    with pytest.raises(IntegrityError), transaction.atomic():
        PlaceWeek.objects.filter(pk=place_week.pk).update(seats_taken=2)


@pytest.mark.postgresql  # concurrent transactions need PostgreSQL (the CI database)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_proposals_for_the_last_seat_never_both_succeed():
    staff = StaffFactory()
    place_week = PlaceWeekFactory(seats=1)
    requests = [StageRequestFactory(), StageRequestFactory()]
    outcomes = []
    barrier = threading.Barrier(2)

    def propose(stage_request):
        barrier.wait()
        try:
            apply(staff, stage_request, "propose", place_week=PlaceWeek.objects.get(pk=place_week.pk))
            outcomes.append("proposée")
        except NoSeatLeft:
            outcomes.append("complet")
        finally:
            connections.close_all()

    for _round in range(5):
        threads = [threading.Thread(target=propose, args=(r,)) for r in requests]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        place_week.refresh_from_db()
        assert sorted(outcomes) == ["complet", "proposée"]
        assert place_week.seats_taken == 1
        assert StageRequest.objects.filter(state=RequestState.PROPOSED).count() == 1
        # Back to the start for another round.
        StageRequest.objects.filter(pk__in=[r.pk for r in requests]).update(state=RequestState.SENT, place_week=None)
        PlaceWeek.objects.filter(pk=place_week.pk).update(seats_taken=0)
        outcomes.clear()
