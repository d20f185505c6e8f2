"""Every CSV the admin exports neutralises spreadsheet formulas: text typed on a public form (« Proposer un
stage ») or by a host lands in the cell as text (`'=HYPERLINK(…)`), never as a formula on a staff computer.

The export views are listed from the URL resolver (every viewset registered with Wagtail and every report
view), so a new export cannot be forgotten: each must write its rows through `home.exports`.
"""

import csv
import io

from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from wagtail.admin.views.mixins import SpreadsheetExportMixin

import pytest

from accounts.factories import ConsentedPupilFactory, StaffFactory
from ateliers.booking import sign_up
from ateliers.factories import AgendaIndexPageFactory, EventPageFactory, SessionFactory
from ateliers.models import Feedback, SignUp
from home.exports import SafeCsvExportMixin
from stages.factories import HostOrganisationFactory, PlaceFactory
from stages.models import ProfessionalProposal

FORMULA = '=HYPERLINK("http://example.org/x","Cliquez")'


def export_views(resolver=None):
    """(url name, view function) of every admin view that can export a spreadsheet."""
    resolver = resolver or get_resolver()
    found = {}
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{entry.namespace}:" if entry.namespace else ""
            for name, view in export_views(entry).items():
                found[namespace + name] = view
        elif isinstance(entry, URLPattern) and entry.name:
            view_class = getattr(entry.callback, "view_class", None)
            if view_class and issubclass(view_class, SpreadsheetExportMixin):
                list_export = entry.callback.view_initkwargs.get("list_export", view_class.list_export)
                if list_export:
                    found[entry.name] = entry.callback
    return found


EXPORTS = export_views()


def test_the_exports_listed_include_the_back_office_ones():
    names = set(EXPORTS)
    for expected in (
        "professional_proposal:index",
        "place:index",
        "hostorganisation:index",
        "ateliers_feedback:index",
        "ateliers_signups:index",
        "ateliers_sessions:index",
    ):
        assert any(name.startswith(expected.split(":")[0]) for name in names), expected


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_every_export_view_writes_formulas_as_text(name, rf: RequestFactory):
    view = EXPORTS[name]
    instance = view.view_class(**view.view_initkwargs)
    instance.setup(rf.get("/"))
    fields = []
    for field in instance.list_export:  # the columns that take text (a content type or a user needs an object)
        try:
            instance.preprocess_field_value(field, FORMULA, instance.FORMAT_CSV)
        except (AttributeError, KeyError):
            continue
        fields.append(field)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields)
    instance.write_csv_row(writer, dict.fromkeys(fields, FORMULA))
    cells = next(csv.reader(io.StringIO(out.getvalue())))
    assert "'" + FORMULA in cells  # text fields are written as text (dates and the like may come out empty)
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)


@pytest.mark.parametrize(
    "name", sorted(name for name, view in EXPORTS.items() if not view.view_class.__module__.startswith("wagtail."))
)
def test_our_export_views_name_the_helper(name):
    assert issubclass(EXPORTS[name].view_class, SafeCsvExportMixin), f"{name} exports without home.exports"


def download(client, url):
    response = client.get(url, {"export": "csv"})
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return [cell for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))) for cell in row]


@pytest.mark.django_db
def test_the_downloaded_proposal_place_host_and_feedback_csvs_hold_the_formula_as_text(client, home_page):
    client.force_login(StaffFactory())
    ProfessionalProposal.objects.create(
        kind="stage", name="Nadia", organisation=FORMULA, job="Boulangère", email="n@example.org", postcode="93200"
    )
    host = HostOrganisationFactory(name=FORMULA)
    PlaceFactory(host=host, title=FORMULA, tutor="@SUM(1+1)")
    agenda = AgendaIndexPageFactory(parent=home_page)
    session = SessionFactory(page=EventPageFactory(parent=agenda), capacity=5)
    sign_up(session, ConsentedPupilFactory())
    Feedback.objects.create(
        session=session, signup=SignUp.objects.get(session=session), liked=3, learned=3, comment=FORMULA
    )
    for url_name in (
        "professional_proposal:index",
        "hostorganisation:index",
        "place:index",
        "ateliers_feedback:index",
    ):
        cells = download(client, reverse(url_name))
        assert "'" + FORMULA in cells, url_name
        assert not any(cell.startswith(("=", "+", "@")) for cell in cells), url_name
