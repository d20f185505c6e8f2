"""The stages demo: every state, and the stages done (Inès's among them) have their report and their host's
appreciation, once."""

from io import StringIO

from django.core.management import call_command

import pytest

from accounts.models import User
from stages.models import HostAppreciation, RequestState, StageReport, StageRequest

pytestmark = pytest.mark.django_db


def test_the_demo_stage_done_has_a_report_and_an_appreciation(settings):
    settings.DEBUG = True
    call_command("load_demo", "--skip-index", stdout=StringIO())
    call_command("load_demo", "--skip-index", stdout=StringIO())
    states = set(StageRequest.objects.values_list("state", flat=True))
    assert states == set(RequestState.values)
    reports = StageReport.objects.select_related("request")
    assert reports.count() == 2  # Inès's and the second collège's
    assert all(report.request.state == RequestState.DONE and report.is_submitted for report in reports)
    assert {a.request_id for a in HostAppreciation.objects.all()} == {r.request_id for r in reports}
    ines = reports.get(request__pupil__email="eleve@demo.unstageetapres.fr")
    assert "fournil" in ines.saw


def test_the_demo_shows_a_signed_convention_one_waiting_for_the_parent_and_one_refused_by_the_rules(settings):
    from stages.models import Convention, ConventionState, Party

    settings.DEBUG = True
    call_command("load_demo", "--skip-index", stdout=StringIO())
    call_command("load_demo", "--skip-index", stdout=StringIO())
    signed = Convention.objects.filter(state=ConventionState.SIGNED)
    assert signed.exists()
    assert all(c.valid_signatures().count() == 4 for c in signed)
    # Inès's, signed online by the four parties, her stage done; her brother's waits for their parent.
    ines = Convention.objects.get(request__pupil__email="eleve@demo.unstageetapres.fr")
    assert ines.state == ConventionState.SIGNED and ines.request.state == RequestState.DONE
    assert {s.party for s in ines.valid_signatures()} == set(Party)
    brother = Convention.objects.get(request__pupil__identifier="stage-demo-05")
    assert brother.state == ConventionState.SIGNING
    assert {s.party for s in brother.valid_signatures()} == {Party.HOST, Party.SCHOOL, Party.PUPIL}
    parent = User.objects.get(email="parent@demo.unstageetapres.fr")
    assert set(parent.children.values_list("first_name", flat=True)) == {"Inès", "Ilyes"}
    assert brother.request.pupil.last_name == "Diallo"
    refused = StageRequest.objects.get(pupil__identifier="stage-demo-13-ans")
    assert refused.state == RequestState.SENT and refused.place_week is None
    assert "13 ans" in refused.reason and "L.4153-1" in refused.reason
