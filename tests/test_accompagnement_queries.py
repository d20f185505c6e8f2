"""The CV help's busiest pages cost the same number of SQL queries whatever they show: a followed document
with 2 comments on one version or 10 comments over five versions (seen by its volunteer, its pupil and
staff), and staff's console with 2 or 10 held comments, requests waiting, assignments and volunteers. Each
stays within the logged-in budget of tests/test_home_query_budget.py, and still shows everything it lists.
(bench/render.py prints the counts on the demo data.)"""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from accompagnement.factories import (
    AssignmentFactory,
    CommentFactory,
    DocumentFactory,
    VersionFactory,
    VolunteerFactory,
)
from accompagnement.models import CommentStatus, DocumentState, HelpSettings, Report, SuggestionState
from accounts.factories import StaffFactory
from home.models import SiteSettings

pytestmark = pytest.mark.django_db

LOGGED_IN_BUDGET = 15
# Staff's console is in the Wagtail admin, whose shell reads a few rows of its own for every page (the user's
# admin profile, the page and collection permissions and the explorer's root page for its menu, the locales).
ADMIN_BUDGET = 20


@pytest.fixture(autouse=True)
def settings_rows(db):
    """The settings rows exist, as on a running site (else the first request creates them)."""
    SiteSettings.load()
    HelpSettings.load()


def warm_queries(client, url):
    """Queries of the second request (the first fills the caches of the header and footer), and its page."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries), response.content.decode()


def followed_document(volunteer, versions, comments):
    """A document followed by `volunteer`, with `comments` spread over `versions`: one of them held (its
    author still sees it), one with a suggestion waiting for the pupil."""
    document = DocumentFactory()
    AssignmentFactory(document=document, volunteer=volunteer)
    made = [VersionFactory(document=document, number=n + 1) for n in range(versions)]
    for n in range(comments):
        CommentFactory(
            version=made[n % versions],
            author=volunteer,
            section="interests" if n % 2 else "qualities",
            body=f"Remarque numéro {n}.",
            status=CommentStatus.HELD if n == 1 else CommentStatus.VISIBLE,
            suggestion="Je suis patiente et attentive." if n == 0 else "",
            suggestion_state=SuggestionState.PENDING if n == 0 else SuggestionState.NONE,
        )
    return document


@pytest.fixture
def two_documents():
    volunteer = VolunteerFactory(first_name="Claire")
    small = followed_document(volunteer, versions=1, comments=2)
    large = followed_document(volunteer, versions=5, comments=10)
    return volunteer, small, large


def document_queries(client, user, document):
    client.force_login(user)
    return warm_queries(client, reverse("accompagnement:document", args=[document.pk]))


def test_the_volunteers_page_of_a_document_costs_the_same_with_2_or_10_comments(client, two_documents):
    volunteer, small, large = two_documents
    few, _page = document_queries(client, volunteer, small)
    many, page = document_queries(client, volunteer, large)
    assert few == many
    assert many <= LOGGED_IN_BUDGET
    for n in range(10):
        assert f"Remarque numéro {n}." in page  # the held one too: its author sees it
    assert page.count("Version 5 du") == 1 and "Version 1 du" in page
    assert large.pupil.last_name not in page  # still the first name only


def test_the_pupils_and_staffs_pages_of_a_document_cost_the_same_with_2_or_10_comments(client, two_documents):
    _volunteer, small, large = two_documents
    staff = StaffFactory()
    counts = {}
    for who, user_of in (("pupil", lambda document: document.pupil), ("staff", lambda _document: staff)):
        counts[who] = [document_queries(client, user_of(document), document)[0] for document in (small, large)]
    assert counts["pupil"][0] == counts["pupil"][1], counts
    assert counts["staff"][0] == counts["staff"][1], counts
    assert max(counts["pupil"] + counts["staff"]) <= LOGGED_IN_BUDGET, counts

    _count, pupils_page = document_queries(client, large.pupil, large)
    assert "Remarque numéro 0." in pupils_page and 'name="action" value="accepter"' in pupils_page
    assert "Remarque numéro 1." not in pupils_page  # held for staff: not shown to the family


def add_console_work(start, stop):
    """Numbers `start` to `stop` - 1 of everything staff's console lists: held comments (with a report),
    documents waiting for a volunteer, open assignments, volunteers."""
    for n in range(start, stop):
        comment = CommentFactory(status=CommentStatus.HELD, body=f"Retenu numéro {n}.", held_reason="Un numéro.")
        Report.objects.create(comment=comment, reason=f"Signalement numéro {n}.")
        DocumentFactory(state=DocumentState.REVIEW, review_requested_at=timezone.now(), pupil__first_name=f"Attente{n}")
        AssignmentFactory(volunteer__first_name=f"Suivi{n}")
        VolunteerFactory(first_name=f"Libre{n}")


def test_staffs_console_costs_the_same_with_2_or_10_of_everything(client):
    client.force_login(StaffFactory())
    url = reverse("accompagnement_console")
    add_console_work(0, 2)
    few, _page = warm_queries(client, url)
    add_console_work(2, 10)
    many, page = warm_queries(client, url)
    assert few == many
    assert many <= ADMIN_BUDGET
    for n in range(10):
        for shown in (f"Retenu numéro {n}.", f"Signalement numéro {n}.", f"Attente{n}", f"Suivi{n}", f"Libre{n}"):
            assert shown in page
