"""The month's split is exact to the minor unit; presets propose lines; plan against actual warns in time."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smoplanner.core.budget import (
    TACTICS,
    BudgetLine,
    PaidResult,
    allocate,
    campaign_kpis,
    compare_by,
    cost_per_result,
    paid_result_key,
    plan_vs_actual,
    preset_by_return,
    preset_copy,
    preset_even,
    preset_seventy_twenty_ten,
    roas,
)
from smoplanner.core.money import currency, format_amount, from_minor, split_exactly

EUR = currency("EUR")
JPY = currency("JPY")
KWD = currency("KWD")
BHD = currency("BHD")


def line(tactic: str = "paid_ads", **kwargs) -> BudgetLine:
    return BudgetLine(tactic=tactic, **kwargs)


# --- allocate: examples -------------------------------------------------------------------------------


def test_a_month_with_every_kind_of_line():
    lines = [
        line("paid_ads", platform="instagram", percent=Decimal("12.5")),
        line("tools", fixed_minor=5_000),
        line("reserve", locked=True, locked_minor=10_000),
        line("influencers"),
        line("boosted_posts", weight=2),
    ]
    result = allocate(100_000, lines)
    # 12.5 % of 1000.00 is 125.00; 50.00 fixed; 100.00 locked; 725.00 left, shared 1:2.
    assert result.parts == (12_500, 5_000, 10_000, 24_167, 48_333)
    assert result.allocated_minor == 100_000
    assert (result.unallocated_minor, result.over_minor, result.is_over) == (0, 0, False)


def test_locked_lines_keep_their_amount_when_the_total_changes_and_the_others_rebalance():
    lines = [line("paid_ads"), line("influencers"), line("tools")]
    before = allocate(90_000, lines)
    assert before.parts == (30_000, 30_000, 30_000)
    lines[2] = lines[2].locked_at(before.parts[2])
    after = allocate(120_000, lines)
    assert after.parts == (45_000, 45_000, 30_000)
    assert sum(after.parts) == 120_000
    assert lines[2].unlocked().kind == "weighted"


def test_a_locked_percentage_line_keeps_its_amount_not_its_percentage():
    locked = line(percent=Decimal(50)).locked_at(50_000)
    assert allocate(200_000, [locked, line("reserve")]).parts == (50_000, 150_000)


def test_ties_go_to_the_earlier_line():
    assert allocate(100, [line(), line(), line()]).parts == (34, 33, 33)
    assert allocate(3_334, [line()] * 4).parts == (834, 834, 833, 833)


def test_percentages_adding_to_100_take_the_whole_total():
    thirds = [line(percent=Decimal("33.33")), line(percent=Decimal("33.33")), line(percent=Decimal("33.34"))]
    result = allocate(1_001, thirds)
    assert sum(result.parts) == 1_001
    assert result.parts == (334, 333, 334)


def test_without_weighted_lines_the_rest_is_unallocated():
    result = allocate(10_000, [line(percent=Decimal(30)), line(fixed_minor=2_000)])
    assert result.parts == (3_000, 2_000)
    assert result.unallocated_minor == 5_000
    assert result.allocated_minor + result.unallocated_minor == 10_000
    zero = allocate(10_000, [line(weight=0), line(fixed_minor=1)])
    assert (zero.parts, zero.unallocated_minor) == ((0, 1), 9_999)


def test_over_allocation_is_reported_with_the_amount_and_the_lines_never_a_negative_part():
    lines = [line(fixed_minor=8_000), line(percent=Decimal(30)), line("reserve"), line("tools").locked_at(500)]
    result = allocate(10_000, lines)
    assert result.is_over
    assert result.parts == (8_000, 3_000, 0, 500)
    assert result.over_minor == 1_500
    assert result.over_lines == (0, 1, 3)
    assert all(part >= 0 for part in result.parts)


def test_percentages_over_100_are_over_allocation_even_on_a_zero_total():
    result = allocate(0, [line(percent=Decimal(60)), line(percent=Decimal(60))])
    assert result.is_over and result.over_lines == (0, 1)
    assert result.percent_total == Decimal(120)
    over = allocate(1_000, [line(percent=Decimal(60)), line(percent=Decimal(60)), line()])
    assert over.parts == (600, 600, 0)
    assert over.over_minor == 200


def test_zero_and_three_decimal_currencies():
    # 10 000 yen across three: whole yen, exact.
    yen = allocate(10_000, [line(), line(), line()])
    assert yen.parts == (3_334, 3_333, 3_333)
    assert [format_amount(from_minor(p, JPY), JPY) for p in yen.parts] == ["3334", "3333", "3333"]
    # 1.000 KWD (1000 fils) with 12.5 % and a weighted rest.
    dinar = allocate(1_000, [line(percent=Decimal("12.5")), line(), line()])
    assert dinar.parts == (125, 438, 437)
    assert [format_amount(from_minor(p, KWD), KWD) for p in dinar.parts] == ["0.125", "0.438", "0.437"]
    assert sum(allocate(7, [line(percent=Decimal("33.3")), line()]).parts) == 7


def test_lines_are_checked():
    with pytest.raises(TypeError):
        line(percent=12.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        line(fixed_minor=Decimal("12.50"))  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        line(weight=0.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="not both"):
        line(percent=Decimal(10), fixed_minor=100)
    with pytest.raises(ValueError, match="between 0 and 100"):
        line(percent=Decimal(101))
    with pytest.raises(ValueError, match="amount it keeps"):
        line(locked=True)
    with pytest.raises(ValueError, match="not a mark"):
        line(mark="maybe")
    with pytest.raises(ValueError, match="needs a tactic"):
        line(" ")
    with pytest.raises(ValueError, match="cannot be negative"):
        allocate(-1, [line()])
    with pytest.raises(TypeError):
        allocate(Decimal(100), [line()])  # type: ignore[arg-type]
    assert line("Photographer").is_custom_tactic and not line("tools").is_custom_tactic
    assert set(TACTICS) >= {"paid_ads", "boosted_posts", "influencers", "content_production", "tools", "reserve"}
    assert line(fixed_minor=300, locked=True).kind == "locked"


# --- allocate: properties -----------------------------------------------------------------------------

weights = st.one_of(st.integers(0, 1_000), st.decimals(0, 100, places=2, allow_nan=False, allow_infinity=False))


@st.composite
def budget_lines(draw, *, with_weighted: bool = True, max_claimed: int = 10**12) -> list[BudgetLine]:
    lines: list[BudgetLine] = []
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["fixed", "locked", "percent"]))
        if kind == "fixed":
            lines.append(line(fixed_minor=draw(st.integers(0, max_claimed))))
        elif kind == "locked":
            lines.append(line(weight=draw(weights)).locked_at(draw(st.integers(0, max_claimed))))
        else:
            lines.append(line(percent=draw(st.decimals(0, 40, places=2, allow_nan=False, allow_infinity=False))))
    count = draw(st.integers(1 if with_weighted else 0, 6))
    lines.extend(line(weight=draw(weights)) for _ in range(count))
    if with_weighted and not any(x.kind == "weighted" and x.weight > 0 for x in lines):
        lines.append(line(weight=1))
    return draw(st.permutations(lines))


@given(total=st.integers(0, 10**12), lines=budget_lines())
def test_the_parts_sum_exactly_and_weighted_parts_are_within_one_unit_of_their_share(total, lines):
    result = allocate(total, lines)
    assert all(isinstance(part, int) and part >= 0 for part in result.parts)
    assert len(result.parts) == len(lines)
    if result.is_over:
        assert result.over_minor == max(sum(result.parts) - total, 0)
        assert all(result.parts[i] == 0 for i, x in enumerate(lines) if x.kind == "weighted")
        return
    assert sum(result.parts) == total
    assert result.unallocated_minor == 0
    for i, x in enumerate(lines):
        if x.kind in ("fixed", "locked"):
            assert result.parts[i] == (x.locked_minor if x.locked else x.fixed_minor)
        elif x.kind == "percent":
            assert abs(result.parts[i] - Fraction(total) * Fraction(x.percent) / 100) < 1
    weighted = [i for i, x in enumerate(lines) if x.kind == "weighted"]
    rest = total - sum(result.parts[i] for i in range(len(lines)) if i not in weighted)
    weight_sum = sum(Fraction(lines[i].weight) for i in weighted)
    for i in weighted:
        assert abs(result.parts[i] - rest * Fraction(lines[i].weight) / weight_sum) < 1


@given(total=st.integers(0, 10**12), lines=budget_lines(with_weighted=False, max_claimed=10**6))
def test_parts_and_the_unallocated_rest_make_the_total(total, lines):
    result = allocate(total, lines)
    if not result.is_over:
        assert result.allocated_minor + result.unallocated_minor == total
        assert result.unallocated_minor >= 0


@given(total=st.integers(0, 10**12), lines=budget_lines())
def test_the_same_lines_give_the_same_parts_every_time(total, lines):
    first = allocate(total, lines)
    assert allocate(total, list(lines)) == first
    assert allocate(total, tuple(lines)) == first


@given(total=st.integers(0, 10**12), ws=st.lists(st.integers(1, 1_000), min_size=1, max_size=8))
def test_only_weighted_lines_split_like_split_exactly(total, ws):
    assert list(allocate(total, [line(weight=w) for w in ws]).parts) == split_exactly(total, ws)


# --- presets ------------------------------------------------------------------------------------------


def test_even_preset_one_line_per_platform_keeps_locked_lines():
    tools = line("tools").locked_at(2_000)
    preset = preset_even(["instagram", "facebook", "Instagram", ""], current=[line("reserve"), tools])
    assert [(x.tactic, x.platform, x.kind) for x in preset.lines] == [
        ("tools", None, "locked"),
        ("paid_ads", "facebook", "weighted"),
        ("paid_ads", "instagram", "weighted"),
    ]
    assert allocate(10_000, preset.lines).parts == (2_000, 4_000, 4_000)
    with pytest.raises(ValueError, match="at least one platform"):
        preset_even([])


def test_seventy_twenty_ten_splits_inside_each_group():
    lines = [
        line("paid_ads", platform="facebook", mark="proven", percent=Decimal(50)),
        line("paid_ads", platform="instagram", mark="proven"),
        line("influencers", mark="promising", fixed_minor=999),
        line("paid_ads", platform="tiktok", mark="experimental"),
    ]
    preset = preset_seventy_twenty_ten(lines)
    assert preset.note == ""
    assert [x.kind for x in preset.lines] == ["weighted"] * 4
    assert allocate(100_000, preset.lines).parts == (35_000, 35_000, 20_000, 10_000)


def test_seventy_twenty_ten_with_a_missing_group_spreads_its_share_and_names_unmarked_lines():
    lines = [
        line("reserve").locked_at(10_000),
        line("paid_ads", mark="proven"),
        line("influencers", mark="promising"),
        line("content_production"),
    ]
    preset = preset_seventy_twenty_ten(lines)
    assert "experimental" in preset.note
    assert "1 unmarked line gets nothing" in preset.note
    parts = allocate(100_000, preset.lines).parts
    # 90 000 left after the locked reserve, split 70:20.
    assert parts == (10_000, 70_000, 20_000, 0)
    with pytest.raises(ValueError, match="mark at least one line"):
        preset_seventy_twenty_ten([line()])


def test_by_return_weights_platforms_by_last_months_return():
    results = {"instagram": (100_000, 10_000), "facebook": (30_000, 10_000), "x": (0, 5_000)}
    preset = preset_by_return(results)
    assert [x.platform for x in preset.lines] == ["facebook", "instagram", "x"]
    assert preset.note == ""
    # Returns 3, 10 and 0.
    assert allocate(130_000, preset.lines).parts == (30_000, 100_000, 0)


def test_by_return_gives_a_platform_without_data_the_average_return():
    preset = preset_by_return(
        {"facebook": (30_000, 10_000), "instagram": (10_000, 10_000)}, ["instagram", "tiktok", "facebook"]
    )
    assert "tiktok" in preset.note
    assert allocate(60_000, preset.lines).parts == (30_000, 10_000, 20_000)


@pytest.mark.parametrize(
    ("results", "why"),
    [({}, "no platform had paid results"), ({"facebook": (0, 500), "x": (0, 0)}, "no platform earned anything")],
)
def test_by_return_falls_back_to_an_even_split_and_says_so(results, why):
    preset = preset_by_return(results, ["facebook", "instagram"])
    assert why in preset.note and "evenly" in preset.note
    assert allocate(1_000, preset.lines).parts == (500, 500)


def test_by_return_does_not_depend_on_the_order_of_the_mapping():
    data = [("x", (7, 3)), ("facebook", (11, 5)), ("instagram", (2, 9)), ("linkedin", (0, 0))]
    forward = preset_by_return(dict(data), ["linkedin", "x", "instagram", "facebook"])
    backward = preset_by_return(dict(reversed(data)), ["facebook", "instagram", "x", "linkedin"])
    assert forward == backward
    assert allocate(10**9 + 7, forward.lines) == allocate(10**9 + 7, backward.lines)


def test_copy_last_month():
    last = [line("tools", fixed_minor=1_000), line("reserve").locked_at(5_000), line(mark="proven")]
    assert preset_copy(last).lines == tuple(last)
    assert "no budget lines" in preset_copy([]).note


# --- plan against actual ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("planned", "spent", "status", "percent"),
    [
        (10_000, 0, "ok", Decimal("0.0")),
        (10_000, 8_999, "ok", Decimal("90.0")),  # 89.99 % shows as 90.0 but is not yet 90 %
        (10_000, 9_000, "warning", Decimal("90.0")),
        (10_000, 10_000, "warning", Decimal("100.0")),
        (10_000, 10_001, "over", Decimal("100.0")),
        (10_000, 15_000, "over", Decimal("150.0")),
        (0, 0, "ok", None),
        (0, 1, "over", None),
    ],
)
def test_plan_vs_actual_thresholds(planned, spent, status, percent):
    row = plan_vs_actual(planned, spent)
    assert row.status == status
    assert row.percent_used == percent
    assert row.remaining_minor == planned - spent


def test_compare_by_campaign_sums_and_keeps_keys_in_order():
    rows = compare_by(
        [("Autumn sale", 50_000), ("Launch", 20_000), ("Autumn sale", 10_000)],
        [("Launch", 19_000), ("Autumn sale", 30_000), ("Unplanned", 500)],
    )
    assert list(rows) == ["Autumn sale", "Launch", "Unplanned"]
    assert (rows["Autumn sale"].planned_minor, rows["Autumn sale"].spent_minor) == (60_000, 30_000)
    assert rows["Launch"].status == "warning"
    assert rows["Unplanned"].status == "over"


def test_campaign_kpis_and_zero_denominators():
    kpis = campaign_kpis(90_000, 200, 270_000, EUR, target_results=200, target_cost_minor=500)
    assert kpis.cost_per_result == Decimal("4.5")
    assert kpis.roas == Decimal(3)
    assert kpis.results_reached is True
    assert kpis.cost_within_target(EUR) is True
    assert campaign_kpis(90_000, 150, 0, EUR, target_cost_minor=500).cost_within_target(EUR) is False
    assert cost_per_result(500, 0, EUR) is None
    assert roas(500, 0) is None
    assert format_amount(cost_per_result(1_000, 3, EUR), EUR) == "3.33"
    assert cost_per_result(1_000, 3, BHD) == from_minor(1_000, BHD) / 3
    assert isinstance(roas(1, 3), Decimal)


# --- paid results -------------------------------------------------------------------------------------


def test_a_paid_result_is_checked_and_recognised_by_what_it_is_about():
    day = date(2026, 11, 2)
    row = PaidResult(day, day, "Black Friday", spend_minor=1_240, impressions=1_520, platform="facebook")
    assert row.is_daily
    same = PaidResult(day, day, " black  friday ", spend_minor=9_999, platform="facebook")
    assert paid_result_key(same) == paid_result_key(row)  # newer numbers for the same day and campaign
    assert paid_result_key(PaidResult(day, day, "Black Friday", platform="instagram")) != paid_result_key(row)
    assert paid_result_key(PaidResult(day, date(2026, 11, 3), "Black Friday", platform="facebook")) != (
        paid_result_key(row)
    )
    with pytest.raises(ValueError, match="cannot end before it starts"):
        PaidResult(date(2026, 11, 3), day, "X")
    with pytest.raises(TypeError):
        PaidResult(day, day, "X", spend_minor=12.4)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="cannot be negative"):
        PaidResult(day, day, "X", link_clicks=-1)
