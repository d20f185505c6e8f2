"""The « procedures to review » CSV export cannot carry a spreadsheet formula: a cell starting with =, +, -
or @ is written as text."""

import csv
import datetime
import io

from django.urls import reverse

import pytest

from accounts.factories import StaffFactory
from procedures.factories import ProcedurePageFactory, ProceduresIndexPageFactory

pytestmark = pytest.mark.django_db


def test_formula_like_cells_are_neutralised(staff_client, home_page):
    index = ProceduresIndexPageFactory(parent=home_page)
    owner = StaffFactory(first_name="@SUM(1+1)", last_name="-2+3")
    ProcedurePageFactory(
        parent=index,
        title='=HYPERLINK("http://example.org","Cliquez")',
        procedure_owner=owner,
        last_reviewed=datetime.date(2020, 1, 1),
    )
    response = staff_client.get(reverse("procedures_review_due"), {"export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    cells = [cell for row in rows[1:] for cell in row]
    assert '\'=HYPERLINK("http://example.org","Cliquez")' in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    assert "'@SUM(1+1) -2+3" in cells
