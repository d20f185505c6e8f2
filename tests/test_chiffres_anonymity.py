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
        # A part under 5, 0 included, hides every part of the column: only the total is shown.
        ((0, 7), ["non publié", "non publié", "7"]),
        ((3, 12, 40), ["non publié", "non publié", "non publié", "55"]),
        ((1, 1, 40, 50), ["non publié", "non publié", "non publié", "non publié", "92"]),
        ((4, 4), ["non publié", "non publié", "8"]),
        # A small total is itself « moins de 5 ».
        ((0, 3), ["non publié", "non publié", "moins de 5"]),
    ],
)
def test_breakdowns_are_shown_whole_or_not_at_all(values, expected):
    assert breakdown(*values) == expected


def test_a_count_from_0_to_4_is_less_than_5_so_that_the_label_never_says_1_to_4():
    table = Table("t", "Légende", "Ligne", ["Nombre"], [("a", [People(0)]), ("b", [People(4)]), ("c", [People(5)])])
    assert [cells for _label, cells, _total in publish(table).rows] == [["moins de 5"], ["moins de 5"], ["5"]]


def seats(offered, taken):
    rows = [(f"r{i}", [Offer(o), People(t)]) for i, (o, t) in enumerate(zip(offered, taken, strict=True))]
    table = Table("t", "Légende", "Type", ["Places offertes", "Places prises"], rows, "Total", limits={1: 0})
    table.zero_without = {1: 0}
    return [cells[1] for _label, cells, _total in publish(table).rows]


def test_a_ceiling_of_1_to_4_hides_the_total_and_a_part_the_offer_makes_0_hides_nothing():
    # A full room of 3 seats next to 10 of 30: the total would bound it inside 1–4 (at least 13 − 30).
    assert seats([3, 30], [3, 10]) == ["non publié", "non publié", "non publié"]
    # No seat offered: 0 seats taken is public knowledge and does not hide the others.
    assert seats([0, 30, 20], [0, 12, 9]) == ["moins de 5", "12", "9", "21"]
    assert seats([0, 30, 20], [0, 12, 3]) == ["non publié", "non publié", "non publié", "15"]


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
