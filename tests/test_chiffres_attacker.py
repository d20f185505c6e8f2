"""A partner who wants the small counts back: they download everything they may (the page, the CSV and the
API, for every school year), check that the three say the same, write every published cell and every
relation they know between cells as linear equations over the unknown true counts (integers ≥ 0), and ask
an integer linear program (`scipy.optimize.linprog`) for the smallest and largest value of each hidden
cell. They must never pin a count from 1 to 4, nor bound one inside 1–4 (docs/chiffres.md, « Threat
model »).

Relations the attacker uses: a total row is the sum of its parts (per column); both pupil breakdowns share
one total; a kind's seats taken are at most its seats offered, and a kind with no session held has no seat
taken and no pupil present; a share « N % » is part/whole rounded to the percent (attendance on the
presents' total, the « Beaucoup » answers on the answers, stages found on requests sent, reports on stages
done); stages found ≤ requests sent, stages done ≤ stages found, hosts that accepted a pupil ≤ hosts
offering places. Years are separate populations (no figure adds them up), each solved on its own."""

import csv
import datetime
import html as html_lib
import io
import re
from io import StringIO

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

import numpy as np
import pytest
from scipy.optimize import linprog

from accounts.factories import ConsentedPupilFactory, SchoolClassFactory, SchoolFactory, UserFactory
from accounts.models import SchoolClass, current_school_year
from accounts.roles import Role
from ateliers.factories import SessionFactory, SignUpFactory
from ateliers.models import Kind, Session
from chiffres import figures
from chiffres.anonymity import Offer, People, Share
from tests.utils import FROZEN_NOW

LESS_THAN_5 = "moins de 5"
NOT_PUBLISHED = "non publié"
NO_SHARE = "non calculé"
CEILING = 10**6  # « as large as you like »: keeps every program bounded


def number(text):
    digits = re.sub(r"[\s\u202f\xa0]", "", text)
    return int(digits) if digits.isdigit() else None


class Model:
    """Unknown true counts x ≥ 0 (integers) and the linear relations a reader knows between them."""

    def __init__(self):
        self.names, self.bounds, self.eq, self.ub = [], [], [], []

    def var(self, low=0, high=CEILING):
        self.names.append(len(self.names))
        self.bounds.append((low, high))
        return len(self.names) - 1

    def equal(self, coefficients, value=0):
        self.eq.append((coefficients, value))

    def at_most(self, coefficients, value=0):
        self.ub.append((coefficients, value))

    def _matrix(self, rows):
        if not rows:
            return None, None
        matrix = np.zeros((len(rows), len(self.names)))
        for i, (coefficients, _value) in enumerate(rows):
            for var, coefficient in coefficients.items():
                matrix[i, var] += coefficient
        return matrix, np.array([value for _c, value in rows], dtype=float)

    def interval(self, var):
        a_eq, b_eq = self._matrix(self.eq)
        a_ub, b_ub = self._matrix(self.ub)
        found = []
        for sign in (1, -1):
            objective = np.zeros(len(self.names))
            objective[var] = sign
            result = linprog(
                objective,
                A_ub=a_ub,
                b_ub=b_ub,
                A_eq=a_eq,
                b_eq=b_eq,
                bounds=self.bounds,
                integrality=np.ones(len(self.names)),
                method="highs",
            )
            assert result.status == 0, result.message  # the published tables are consistent
            found.append(round(sign * result.fun))
        return tuple(found)


def attack(tables, small=(0, 4)):
    """The attacker's equations over one year's published tables (the API's JSON); returns
    {(table id, row, column): (min, max)} for every cell not published as a number, and the variables."""
    model, cells = Model(), {}
    by_id = {table["id"]: table for table in tables}

    for table in tables:
        for r, row in enumerate(table["rows"]):
            for c, text in enumerate(row["cells"]):
                if text.endswith("%") or text == NO_SHARE:
                    continue
                value = number(text)
                if value is not None:
                    cells[table["id"], r, c] = model.var(value, value)
                elif text == LESS_THAN_5:
                    cells[table["id"], r, c] = model.var(*small)
                else:
                    assert text == NOT_PUBLISHED, text
                    cells[table["id"], r, c] = model.var()
        if table["rows"] and table["rows"][-1]["total"]:
            last = len(table["rows"]) - 1
            for c in range(len(table["columns"])):
                parts = {cells[table["id"], r, c]: 1 for r in range(last)}
                model.equal({**parts, cells[table["id"], last, c]: -1})

    def total(table_id, column):
        return cells[table_id, len(by_id[table_id]["rows"]) - 1, column]

    def share(text, part, whole):
        percent = number(text.rstrip("% \u202f\xa0"))
        if percent is None:
            return
        # round(100 * part / whole) == percent
        model.at_most({part: 100, whole: -(percent + 0.5)})
        model.at_most({whole: percent - 0.5, part: -100})

    def not_more(small_var, large_var):
        model.at_most({small_var: 1, large_var: -1})

    if "eleves-niveau" in by_id and "eleves-college" in by_id:
        model.equal({total("eleves-niveau", 0): 1, total("eleves-college", 0): -1})
    if "decouverte" in by_id:
        for r in range(len(by_id["decouverte"]["rows"]) - 1):
            held, offered, taken, present = (cells["decouverte", r, c] for c in range(4))
            not_more(taken, offered)
            model.at_most({taken: 1, held: -CEILING})
            model.at_most({present: 1, held: -CEILING})
    if "decouverte-avis" in by_id:
        rows = [row["cells"][0] for row in by_id["decouverte-avis"]["rows"]]
        present, answers = total("decouverte", 3), cells["decouverte-avis", 1, 0]
        noted = model.var()
        not_more(present, noted)
        share(rows[0], present, noted)
        for text in rows[2:]:
            happy = model.var()
            not_more(happy, answers)
            share(text, happy, answers)
    if "stages" in by_id:
        sent, found, done = (cells["stages", r, 0] for r in (1, 2, 4))
        not_more(found, sent)
        not_more(done, found)
        share(by_id["stages"]["rows"][3]["cells"][0], found, sent)
        if "apres-stage" in by_id:
            reports = cells["apres-stage", 0, 0]
            with_report = model.var()
            not_more(with_report, done)
            not_more(with_report, reports)
            share(by_id["apres-stage"]["rows"][1]["cells"][0], with_report, done)
    if "adultes" in by_id:
        not_more(cells["adultes", 3, 0], cells["adultes", 2, 0])

    hidden = {}
    for key, var in cells.items():
        low, high = model.bounds[var]
        if low != high:
            hidden[key] = model.interval(var)
    return hidden


def leaks(hidden):
    """Hidden cells the attacker pins to 1–4 or bounds inside 1–4."""
    return {key: (low, high) for key, (low, high) in hidden.items() if low >= 1 and high <= 4}


def true_values(school_year, now=None):
    """The raw counts behind each cell, to check that the attacker's model holds the truth."""
    values = {}
    for table in figures.raw_tables(school_year, now):
        for r, (_label, row) in enumerate(table.rows):
            for c, cell in enumerate(row):
                if isinstance(cell, People | Offer):
                    values[table.key, r, c] = cell.value
        if table.total:
            for c in range(len(table.columns)):
                values[table.key, len(table.rows), c] = sum(row[c].value for _label, row in table.rows)
        assert not any(isinstance(row[0], Share) for _label, row in table.rows) or not table.total
    return values


def downloads(client, year):
    """What a partner downloads for one year, checked to say the same in the three formats."""
    data = client.get("/api/v3/chiffres/", {"annee": year}).json()
    api_cells = [cell for table in data["tables"] for row in table["rows"] for cell in row["cells"]]

    page = client.get(reverse("chiffres:figures"), {"annee": year}).content.decode()
    page_cells = [
        html_lib.unescape(re.sub(r"\s+", " ", cell).strip()) for cell in re.findall(r"<td>(.*?)</td>", page, re.S)
    ]
    assert [cell.replace("\xa0", " ").replace("\u202f", " ") for cell in page_cells] == [
        cell.replace("\xa0", " ").replace("\u202f", " ") for cell in api_cells
    ]

    text = client.get(reverse("chiffres:csv"), {"annee": year}).content.decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text), delimiter=";"))
    for table in data["tables"]:
        start = lines.index([table["title"]])
        rows = lines[start + 2 : start + 2 + len(table["rows"])]
        assert [line[1:] for line in rows] == [row["cells"] for row in table["rows"]], table["id"]
    return data


def attack_everything(client, now=None):
    """Every year a partner can choose, attacked; the truth must lie in every interval found."""
    client.force_login(UserFactory(role=Role.PARTNER))
    found, counted = {}, {"number": 0, LESS_THAN_5: 0, NOT_PUBLISHED: 0, NO_SHARE: 0, "share": 0}
    for year in figures.school_years():
        data = downloads(client, year)
        for table in data["tables"]:
            for row in table["rows"]:
                for cell in row["cells"]:
                    kind = "share" if cell.endswith("%") else "number" if number(cell) is not None else cell
                    counted[kind] += 1
        hidden = attack(data["tables"])
        truth = true_values(year, now)
        for key, (low, high) in hidden.items():
            assert low <= truth[key] <= high, (year, key, truth[key], low, high)
        found.update({(year, *key): interval for key, interval in hidden.items()})
    return found, counted


def test_the_attacker_finds_what_a_leaky_publication_gives_away():
    """The attacker is not blind: on the old rules' output (« moins de 5 » meant 1 to 4) it bounds the
    issue's four collèges inside 1–4, and it pins a lone hidden cell next to its total."""
    four_colleges = [
        {"id": "eleves-niveau", "columns": ["n"], "rows": [
            {"label": "4e", "cells": ["8"], "total": False},
            {"label": "3e", "cells": ["0"], "total": False},
            {"label": "Ensemble", "cells": ["8"], "total": True},
        ]},
        {"id": "eleves-college", "columns": ["n"], "rows": [
            *({"label": f"C{i}", "cells": [LESS_THAN_5], "total": False} for i in range(4)),
            {"label": "Ensemble", "cells": [NOT_PUBLISHED], "total": True},
        ]},
    ]  # fmt: skip
    assert leaks(attack(four_colleges, small=(1, 4))) == {("eleves-college", r, 0): (1, 4) for r in range(4)}

    lone = [
        {"id": "cv-lettres", "columns": ["n"], "rows": [
            {"label": "CV", "cells": [LESS_THAN_5], "total": False},
            {"label": "Lettre", "cells": ["15"], "total": False},
            {"label": "Ensemble", "cells": ["18"], "total": True},
        ]},
    ]  # fmt: skip
    assert leaks(attack(lone)) == {("cv-lettres", 0, 0): (3, 3)}


@pytest.fixture
def small_world(frozen_now):
    """The issue's case and many small cells around it: four collèges of 2 pupils of 4e each (the level
    table says 8), a fifth collège of 12 pupils of 3e; last year, four collèges of 2 pupils; a workshop of
    3 seats, full, and a talk of 30 seats with 10 taken; no forum."""
    year = current_school_year(FROZEN_NOW.date())
    past = f"{int(year[:4]) - 1}-{year[:4]}"
    for school_year in (year, past):
        for i in range(4):
            school = SchoolFactory(name=f"Collège {i} {school_year}")
            school_class = SchoolClassFactory(school=school, level=SchoolClass.Level.QUATRIEME, school_year=school_year)
            for _ in range(2):
                ConsentedPupilFactory(school_class=school_class)
    big = SchoolClassFactory(
        school=SchoolFactory(name="Collège Grand"), level=SchoolClass.Level.TROISIEME, school_year=year
    )
    pupils = [ConsentedPupilFactory(school_class=big) for _ in range(12)]
    now = timezone.now()
    workshop = SessionFactory(page__kind=Kind.WORKSHOP, starts_at=now - datetime.timedelta(hours=3), capacity=3)
    talk = SessionFactory(page__kind=Kind.TALK, starts_at=now - datetime.timedelta(hours=3), capacity=30)
    for pupil in pupils[:3]:
        SignUpFactory(session=workshop, pupil=pupil, attended=True)
    for pupil in pupils[2:12]:
        SignUpFactory(session=talk, pupil=pupil, attended=True)
    Session.objects.filter(pk=workshop.pk).update(seats_taken=3)
    Session.objects.filter(pk=talk.pk).update(seats_taken=10)
    return year


@pytest.mark.django_db
def test_no_count_of_one_to_four_comes_back_from_many_small_cells(small_world, client):
    found, counted = attack_everything(client)
    assert leaks(found) == {}
    # The attack ran on the cells that matter. Last year: the four collèges of 2 pupils whose level
    # table says 8; each could be anything from 0 to 8. This year the big collège joins them: 0 to 20.
    past = f"{int(small_world[:4]) - 1}-{small_world[:4]}"
    assert [found[past, "eleves-college", r, 0] for r in range(4)] == [(0, 8)] * 4
    assert [found[small_world, "eleves-college", r, 0] for r in range(5)] == [(0, 20)] * 5
    # The full workshop of 3 seats: its seats taken, and the column's total, hidden; 0 to 3.
    assert found[small_world, "decouverte", 0, 2] == (0, 3)
    assert counted[NOT_PUBLISHED] > 0


@pytest.mark.django_db
def test_no_count_of_one_to_four_comes_back_from_the_demo(settings, client):
    settings.DEBUG = True
    call_command("load_demo", "--skip-index", stdout=StringIO())
    found, counted = attack_everything(client)
    print("demo cells:", counted, "hidden cells attacked:", len(found), "leaks:", leaks(found))  # noqa: T201
    assert leaks(found) == {}
