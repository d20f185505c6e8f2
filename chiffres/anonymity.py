"""The anonymisation rules of the project's figures, enforced in one function: `publish()`.

Nothing reaches the page or the CSV without going through `publish()`, which turns a table of raw counts
into the texts shown (docs/chiffres.md):

- Only aggregates: a table holds counts and shares, never a name nor a per-pupil row.
- A count of people (pupils, adults, requests, stages, reports, documents, answers: `People`) from 1 to
  4 is shown as « moins de 5 ». 0 is shown: it tells nothing about anyone.
- A breakdown (rows that add up to a total row) must not let a reader recompute a hidden count: when the
  hidden cells of a column could be worked out from the total (one hidden cell, or hidden cells that can
  only all be 1 or all be 4), the smallest other non-zero cell is hidden too, as « non publié »; when
  there is none, the total is.
- A share is shown (rounded to the percent) only when its denominator is at least 10 and neither its
  numerator nor what is left (denominator − numerator) is from 1 to 4: a share must not give back a
  hidden count. Shares only appear in lists, never in breakdowns, where a share of a row could reveal a
  cell hidden by the complementary rule.
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
    total row, each column's sum, and applies the complementary rule per column."""

    key: str
    caption: str
    row_header: str
    columns: list
    rows: list
    total: str = ""
    note: str = ""


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
    return 0 < value < THRESHOLD


def _count_text(value):
    return str(LESS_THAN_THRESHOLD) if _is_small(value) else number_format(value, force_grouping=True)


def _share_text(share):
    left = share.whole - share.part
    if share.whole < MIN_DENOMINATOR or _is_small(share.part) or _is_small(left):
        return str(NO_SHARE)
    return _("%(percent)s %%") % {"percent": round(100 * share.part / share.whole)}


def _pins(hidden_values):
    """Whether hidden cells of known sum give a reader at least one of their exact values."""
    if not hidden_values:
        return False
    count, total = len(hidden_values), sum(hidden_values)
    return all(_is_small(v) for v in hidden_values) and (count == 1 or total in (count, count * (THRESHOLD - 1)))


def _protect_column(values):
    """Texts of a breakdown column of people counts, its total last: primary then complementary hiding."""
    *parts, total = values
    texts = [_count_text(v) for v in values]
    if _is_small(total):
        return texts
    hidden = [i for i, v in enumerate(parts) if _is_small(v)]
    while _pins([parts[i] for i in hidden]):
        others = sorted((v, i) for i, v in enumerate(parts) if v and i not in hidden)
        if not others:
            texts[-1] = str(NOT_PUBLISHED)
            break
        hidden.append(others[0][1])
        texts[others[0][1]] = str(NOT_PUBLISHED)
    return texts


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
            columns.append(_protect_column([cell.value for cell in cells] + [total]))
    labels = [label for label, _cells in table.rows] + [table.total]
    for row, label in enumerate(labels):
        published.rows.append((label, [column[row] for column in columns], row == len(labels) - 1))
    return published
