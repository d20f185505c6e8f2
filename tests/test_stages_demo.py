"""The stages demo: every state, and the stage done has its report and its host's appreciation, once."""

from io import StringIO

from django.core.management import call_command

import pytest

from stages.models import HostAppreciation, RequestState, StageReport, StageRequest

pytestmark = pytest.mark.django_db


def test_the_demo_stage_done_has_a_report_and_an_appreciation(settings):
    settings.DEBUG = True
    call_command("load_demo", "--skip-index", stdout=StringIO())
    call_command("load_demo", "--skip-index", stdout=StringIO())
    states = set(StageRequest.objects.values_list("state", flat=True))
    assert states == set(RequestState.values)
    report = StageReport.objects.get()
    assert report.request.state == RequestState.DONE and report.is_submitted
    assert HostAppreciation.objects.get().request == report.request


def test_the_demo_shows_a_signed_convention_one_waiting_for_the_parent_and_one_refused_by_the_rules(settings):
    from stages.models import Convention, ConventionState, Party

    settings.DEBUG = True
    call_command("load_demo", "--skip-index", stdout=StringIO())
    call_command("load_demo", "--skip-index", stdout=StringIO())
    signed = Convention.objects.filter(state=ConventionState.SIGNED)
    assert signed.exists()
    assert all(c.valid_signatures().count() == 4 for c in signed)
    ines = Convention.objects.get(request__pupil__email="eleve@demo.unstageetapres.fr")
    assert ines.state == ConventionState.SIGNING
    assert {s.party for s in ines.valid_signatures()} == {Party.HOST, Party.SCHOOL, Party.PUPIL}
    refused = StageRequest.objects.get(pupil__identifier="stage-demo-13-ans")
    assert refused.state == RequestState.SENT and refused.place_week is None
    assert "13 ans" in refused.reason and "L.4153-1" in refused.reason
