"""The anonymisation rules of the project's figures, enforced in one function: `publish()`.

Nothing reaches the page, the CSV or the API without going through `publish()`, which turns a table of raw
counts into the texts shown. The rules are chosen so that no reader, even one who solves every published
cell of every table of every year as linear equations, can pin a count from 1 to 4 or bound it inside 1–4
(docs/chiffres.md, « Threat model »; tests/test_chiffres_attacker.py is that reader):

- Only aggregates: a table holds counts and shares, never a name nor a per-pupil row.
- A count of people (pupils, adults, requests, stages, reports, documents, answers: `People`) from 0 to 4
  is shown as « moins de 5 », which therefore means « 0 to 4 »: 0 is folded in so that the label itself
  never says « between 1 and 4 ».
- A breakdown column (rows that add up to a total row) is shown whole or not at all: when one of its
  parts is under 5, every part of that column is « non publié » and only its total is shown (by the rule
  above). A hidden part can then always be 0 (another part of the same column takes the total) and, when
  the total is 5 or more, can always be 5 or more: no subtraction, within the table, across two
  breakdowns of the same total or across years, narrows it to 1–4. The choice depends only on which parts
  are under 5, never on their values, so seeing which columns are hidden teaches nothing more.
- A part may have a published ceiling (`Table.limits`: seats taken of a kind are at most the seats it
  offered). When a ceiling of the column is from 1 to 4, the ceilings alone could bound a hidden part
  inside 1–4 (a full room of 3 seats): the column's total is hidden too, as « non publié ». A part that
  the published offer already makes 0 (`Table.zero_without`: a kind with no session held) tells nothing
  and does not hide the others.
- A share is shown (rounded to the percent) only when its denominator is at least 10 and neither its
  numerator nor what is left (denominator − numerator) is from 1 to 4: a share must not give back a
  hidden count. Shares only appear in lists, never in breakdowns.
- Counts of the association's offer (`Offer`: sessions held, seats and stage places offered) describe no
  one and are shown as they are.
"""

from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

THRESHOLD = 5
MIN_DENOMINATOR = 10

LESS_THAN_THRESHOLD = gettext_lazy("moins de 5")
NOT_PUBLISHED = gettext_lazy("non publié")
NO_SHARE = gettext_lazy("non calculé")


@dataclass(frozen=True)
class People:
    """A count of people or of what they did: protected by the threshold."""

    value: int


@dataclass(frozen=True)
class Offer:
    """A count of what the association offers (sessions, seats, stage places): about no one."""

    value: int


@dataclass(frozen=True)
class Share:
    """`part` out of `whole` people, shown as a percentage when it is safe."""

    part: int
    whole: int


@dataclass
class Table:
    """Raw figures: `rows` are (label, [People | Offer | Share, one per column]).

    With `total` (the label of a total row), the rows are the parts of a breakdown: `publish` adds the
    total row, each column's sum, and hides a column's parts together. `limits` maps a column of people
    to the column of the offer that caps each of its parts (seats taken ≤ seats offered); `zero_without`
    maps a column of people to the column of the offer without which a part is 0 (no session held: no
    pupil present)."""

    key: str
    caption: str
    row_header: str
    columns: list
    rows: list
    total: str = ""
    note: str = ""
    limits: dict = field(default_factory=dict)
    zero_without: dict = field(default_factory=dict)


@dataclass
class PublishedTable:
    """What may be shown: texts only. `rows` are (label, [text, one per column], is_total)."""

    key: str
    caption: str
    row_header: str
    columns: list
    rows: list = field(default_factory=list)
    note: str = ""


def _is_small(value):
    """A count of people shown as « moins de 5 »: from 0 to 4."""
    return value < THRESHOLD


def _is_few(value):
    """A count that a share must not give back: from 1 to 4 (0 and « all of them » are not hidden counts)."""
    return 0 < value < THRESHOLD


def _count_text(value):
    return str(LESS_THAN_THRESHOLD) if _is_small(value) else number_format(value, force_grouping=True)


def _share_text(share):
    left = share.whole - share.part
    if share.whole < MIN_DENOMINATOR or _is_few(share.part) or _is_few(left):
        return str(NO_SHARE)
    return _("%(percent)s %%") % {"percent": round(100 * share.part / share.whole)}


def _protect_column(values, ceilings=(), known_zero=()):
    """Texts of a breakdown column of people counts, its total last: all parts or none, by which parts are
    under 5 (and which ceilings are from 1 to 4), never by their values. A part that the published offer
    already makes 0 (`known_zero`: no session of that kind) does not hide the others."""
    *parts, total = values
    if not any(_is_small(v) for i, v in enumerate(parts) if i not in known_zero):
        return [_count_text(v) for v in values]
    texts = [str(NOT_PUBLISHED)] * len(parts)
    hide_total = any(_is_few(ceiling) for ceiling in ceilings)
    return [*texts, str(NOT_PUBLISHED) if hide_total else _count_text(total)]


def _cell_text(cell):
    if isinstance(cell, Share):
        return _share_text(cell)
    if isinstance(cell, Offer):
        return number_format(cell.value, force_grouping=True)
    return _count_text(cell.value)


def publish(table):
    """The one door between raw figures and readers: apply every rule of this module to `table`."""
    published = PublishedTable(table.key, table.caption, table.row_header, list(table.columns), note=table.note)
    if not table.total:
        published.rows = [(label, [_cell_text(cell) for cell in cells], False) for label, cells in table.rows]
        return published
    columns = []
    for index in range(len(table.columns)):
        cells = [cells[index] for _label, cells in table.rows]
        if any(isinstance(cell, Share) for cell in cells):
            raise ValueError("A breakdown holds counts only: a share of a row could reveal a hidden cell.")
        total = sum(cell.value for cell in cells)
        if cells and all(isinstance(cell, Offer) for cell in cells):
            columns.append([_cell_text(cell) for cell in [*cells, Offer(total)]])
        else:
            ceilings, known_zero = (), set()
            if index in table.limits:
                ceilings = [row[table.limits[index]].value for _label, row in table.rows]
            if index in table.zero_without:
                offers = [row[table.zero_without[index]].value for _label, row in table.rows]
                known_zero = {i for i, offer in enumerate(offers) if offer == 0}
            columns.append(_protect_column([cell.value for cell in cells] + [total], ceilings, known_zero))
    labels = [label for label, _cells in table.rows] + [table.total]
    for row, label in enumerate(labels):
        published.rows.append((label, [column[row] for column in columns], row == len(labels) - 1))
    return published
