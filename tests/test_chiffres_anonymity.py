"""The anonymisation rules of chiffres.anonymity.publish, cell by cell: small counts hidden, the cells that
would let a reader recompute them hidden too, shares only on 10 people or more."""

import pytest

from chiffres.anonymity import Offer, People, Share, Table, publish


def breakdown(*values, kind=People):
    table = Table("t", "Légende", "Ligne", ["Nombre"], [(f"r{i}", [kind(v)]) for i, v in enumerate(values)], "Total")
    return [cells[0] for _label, cells, _total in publish(table).rows]


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ((12, 30), ["12", "30", "42"]),
        ((0, 7), ["0", "7", "7"]),
        # One hidden cell: the total would give it back, so the smallest other one goes too.
        ((3, 12, 40), ["moins de 5", "non publié", "40", "55"]),
        # Two hidden cells adding up to 2 can only be 1 and 1: one more is hidden.
        ((1, 1, 40, 50), ["moins de 5", "moins de 5", "non publié", "50", "92"]),
        # 3 + 4 = 7: either could be 3 or 4, nothing is given away.
        ((3, 4, 0), ["moins de 5", "moins de 5", "0", "7"]),
        # 4 + 4 = 8 can only be 4 and 4, and there is no other cell: the total is not published.
        ((4, 4), ["moins de 5", "moins de 5", "non publié"]),
        # A small total is itself hidden.
        ((0, 3), ["0", "moins de 5", "moins de 5"]),
    ],
)
def test_breakdowns_hide_small_counts_and_what_would_give_them_back(values, expected):
    assert breakdown(*values) == expected


def test_the_offer_is_shown_as_it_is():
    assert breakdown(1, 3, kind=Offer) == ["1", "3", "4"]


@pytest.mark.parametrize(
    ("share", "expected"),
    [
        (Share(5, 10), "50 %"),
        (Share(10, 10), "100 %"),
        (Share(0, 12), "0 %"),
        (Share(5, 9), "non calculé"),  # fewer than 10 people
        (Share(3, 20), "non calculé"),  # would give back 3
        (Share(17, 20), "non calculé"),  # would give back the 3 others
    ],
)
def test_shares_need_ten_people_and_must_not_give_back_a_small_count(share, expected):
    table = Table("t", "Légende", "Ligne", ["Valeur"], [("part", [share])])
    assert publish(table).rows[0][1] == [expected]


def test_a_breakdown_refuses_shares():
    table = Table("t", "Légende", "Ligne", ["Part"], [("a", [Share(5, 10)])], total="Total")
    with pytest.raises(ValueError, match="counts only"):
        publish(table)
