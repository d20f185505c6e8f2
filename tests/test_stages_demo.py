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
