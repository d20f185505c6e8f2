"""Schemathesis over every operation of the API's OpenAPI schema, against the portal itself (WSGI, the
database CI gives: PostgreSQL), with content in every endpoint's reach. Checks: no server error, status
codes and bodies as the schema documents them. Bounded (`FUZZ_EXAMPLES` per operation, about a minute in
all) and run by `make fuzz` and CI, not by `make test`."""

import datetime
import json
import os

from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.utils import timezone

from wagtail.models import APIToken

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from accounts.factories import ConsentedPupilFactory, SchoolClassFactory, UserFactory
from accounts.roles import Role
from api.openapi import generate
from ateliers.factories import AgendaIndexPageFactory, EventPageFactory, SessionFactory
from orientation.factories import GuidanceArticlePageFactory, GuidanceIndexPageFactory

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]
# Operations fuzzed as a signed-in person (a Wagtail API token), so that their parameters reach the view
# rather than stopping at 401: the figures, as a partner. `/moi/` stays anonymous (401 is what it documents).
AUTHENTICATED = {"/api/v3/chiffres/": Role.PARTNER}


@pytest.fixture
def content(imported, home_page, settings):
    """A catalogue, guidance articles, an agenda and a class's figures to read; tokens for the operations
    that need one; no rate limit in the way."""
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "api": "100000/m"}
    guidance = GuidanceIndexPageFactory(parent=home_page)
    GuidanceArticlePageFactory(parent=guidance, audience="pupils", topic="after-3e")
    agenda = AgendaIndexPageFactory(parent=home_page)
    SessionFactory(page=EventPageFactory(parent=agenda), starts_at=timezone.now() + datetime.timedelta(days=3))
    school_class = SchoolClassFactory()
    for _ in range(3):
        ConsentedPupilFactory(school_class=school_class)
    tokens = {
        role: APIToken.create_token(user=UserFactory(role=role), name="fuzz")[1] for role in {*AUTHENTICATED.values()}
    }
    # As Django's test client does: the end of a request must not close the test's database connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield tokens
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


# The schema the code generates, which tests/test_api_http.py checks is the committed and served one.
# (Schemathesis' lazy fixture loader does not run under pytest 9: the schema is loaded when collected.)
schema = schemathesis.openapi.from_dict(json.loads(generate()))
schema.app = get_wsgi_application()


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_api_operation(case, content):
    role = AUTHENTICATED.get(case.path)
    headers = {"Authorization": f"Bearer {content[role]}"} if role else None
    case.call_and_validate(checks=CHECKS, headers=headers)
