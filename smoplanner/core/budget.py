"""A month's budget split into lines, the presets that propose a split, and plan against actual spend.

How ``allocate`` splits the month's total (integer minor units, so it is exact to the cent):

- A **locked** line keeps the amount it had when it was locked (``locked_minor``), whatever the total or
  the other lines do. A locked fixed-amount line keeps its fixed amount.
- A **fixed-amount** line gets its amount.
- A **percentage** line gets that percentage *of the month's total* (12.5 means 12.5 % of the total),
  however the other lines are set. The percentage lines are rounded together against the total, so
  lines adding up to 100 % take exactly the whole total.
- Every other line is a **weighted** line: the weighted lines share what is left after the three kinds
  above, in proportion to their weights (all weights 1: equal parts; weights 2 and 1: two thirds and one
  third).
- With no weighted line (or only zero weights), whatever the other lines leave is *unallocated*.

Every part is a whole number of minor units. The weighted parts (with the unallocated rest) and the
percentage parts are each shared by the largest remainder method (``split_exactly``): every part is
within one minor unit of its exact share, the parts add up exactly, and the units a rounding leaves go
to the largest remainders, ties to the earlier line, so the same lines always give the same parts.

When the locked, fixed and percentage lines claim more than the total (or percentages add up to more
than 100 %), the month is **over-allocated**: those lines keep their amounts, the weighted lines get
zero, and ``Allocation.over_minor`` says by how much the parts exceed the total and ``over_lines``
which lines claim money (the ones to lower or unlock). No part is ever negative.

Presets return the new lines and a note (a preview: nothing changes until the caller applies it).
Locked lines are kept as they are; the preset replaces the unlocked ones with weighted lines, so the
proposal shares the money the locked lines leave.
"""

from __future__ import annotations

import hashlib
import json
import math
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Literal, TypeVar

from smoplanner.core.money import Currency, from_minor, split_exactly

__all__ = [
    "MARKS",
    "SEVENTY_TWENTY_TEN",
    "TACTICS",
    "Allocation",
    "BudgetLine",
    "CampaignKpis",
    "PaidResult",
    "PlanVsActual",
    "Preset",
    "allocate",
    "campaign_kpis",
    "compare_by",
    "cost_per_result",
    "paid_result_key",
    "plan_vs_actual",
    "preset_by_return",
    "preset_copy",
    "preset_even",
    "preset_seventy_twenty_ten",
    "roas",
]

#: The tactics smoplanner names; any other non-empty name is a custom tactic.
TACTICS: tuple[str, ...] = ("paid_ads", "boosted_posts", "influencers", "content_production", "tools", "reserve")
#: The marks of the 70/20/10 preset.
MARKS: tuple[str, ...] = ("proven", "promising", "experimental")
SEVENTY_TWENTY_TEN: dict[str, int] = {"proven": 70, "promising": 20, "experimental": 10}

HUNDRED = Decimal(100)
LineKind = Literal["locked", "fixed", "percent", "weighted"]
Status = Literal["ok", "warning", "over"]
K = TypeVar("K")


def _check_minor(value: object, what: str, *, unit: str = "an int of minor units") -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{what} must be {unit}, never {type(value).__name__}")
    if value < 0:
        raise ValueError(f"{what} cannot be negative")
    return value


@dataclass(frozen=True, slots=True)
class BudgetLine:
    """One line of a month's split: a tactic, optionally for one platform and one campaign."""

    tactic: str
    platform: str | None = None  # a platform code, or None for every platform
    campaign: str | None = None
    percent: Decimal | None = None  # a percentage of the month's total, 0..100 (12.5 is 12.5 %)
    fixed_minor: int | None = None  # a fixed amount in minor units
    locked: bool = False
    locked_minor: int | None = None  # the amount a locked line keeps (a locked fixed line keeps fixed_minor)
    mark: str | None = None  # "proven", "promising" or "experimental" for the 70/20/10 preset
    weight: int | Decimal = 1  # the line's share of what is left, when it is a weighted line

    def __post_init__(self) -> None:
        if not isinstance(self.tactic, str) or not self.tactic.strip():
            raise ValueError("a budget line needs a tactic")
        if self.percent is not None and self.fixed_minor is not None:
            raise ValueError("a budget line is a percentage or a fixed amount, not both")
        if self.percent is not None:
            if not isinstance(self.percent, Decimal):
                raise TypeError("a percentage must be a Decimal, never a float")
            if not self.percent.is_finite() or not 0 <= self.percent <= HUNDRED:
                raise ValueError(f"{self.percent} is not a percentage between 0 and 100")
        if self.fixed_minor is not None:
            _check_minor(self.fixed_minor, "a fixed amount")
        if self.locked_minor is not None:
            _check_minor(self.locked_minor, "a locked amount")
        if self.locked and self.locked_minor is None and self.fixed_minor is None:
            raise ValueError("a locked line needs the amount it keeps")
        if isinstance(self.weight, (bool, float)) or not isinstance(self.weight, (int, Decimal)):
            raise TypeError("a weight must be an int or a Decimal, never a float")
        if not Decimal(self.weight).is_finite() or self.weight < 0:
            raise ValueError(f"{self.weight} is not a weight (zero or more)")
        if self.mark is not None and self.mark not in MARKS:
            raise ValueError(f"{self.mark!r} is not a mark (use {', '.join(MARKS)})")

    @property
    def kind(self) -> LineKind:
        if self.locked:
            return "locked"
        if self.fixed_minor is not None:
            return "fixed"
        if self.percent is not None:
            return "percent"
        return "weighted"

    @property
    def is_custom_tactic(self) -> bool:
        return self.tactic not in TACTICS

    def locked_at(self, amount_minor: int) -> BudgetLine:
        """This line locked at ``amount_minor`` (usually the part it has now)."""
        return replace(self, locked=True, locked_minor=_check_minor(amount_minor, "a locked amount"))

    def unlocked(self) -> BudgetLine:
        return replace(self, locked=False, locked_minor=None)


@dataclass(frozen=True, slots=True)
class Allocation:
    """The parts ``allocate`` gives each line, in the lines' order."""

    total_minor: int
    parts: tuple[int, ...]
    unallocated_minor: int = 0  # left when no weighted line takes the rest
    over_minor: int = 0  # how much the parts exceed the total
    over_lines: tuple[int, ...] = ()  # indices of the lines that claim money in an over-allocated month
    percent_total: Decimal = Decimal(0)

    @property
    def allocated_minor(self) -> int:
        return sum(self.parts)

    @property
    def is_over(self) -> bool:
        return bool(self.over_lines)


def _claimed(line: BudgetLine) -> int:
    """The amount a locked or fixed line keeps."""
    if line.locked and line.locked_minor is not None:
        return line.locked_minor
    assert line.fixed_minor is not None
    return line.fixed_minor


def _integer_weights(values: Sequence[Fraction]) -> list[int]:
    """Integers proportional to ``values`` (for ``split_exactly``, which takes int or Decimal weights)."""
    denominator = math.lcm(*(value.denominator for value in values)) if values else 1
    return [int(value * denominator) for value in values]


def allocate(total_minor: int, lines: Sequence[BudgetLine]) -> Allocation:
    """Split ``total_minor`` across ``lines`` (see the module's description of the rules)."""
    total = _check_minor(total_minor, "the total")
    lines = list(lines)
    parts = [0] * len(lines)
    claiming = [i for i, line in enumerate(lines) if line.kind in ("locked", "fixed")]
    percent_lines = [i for i, line in enumerate(lines) if line.kind == "percent"]
    weighted = [i for i, line in enumerate(lines) if line.kind == "weighted" and line.weight > 0]
    for i in claiming:
        parts[i] = _claimed(lines[i])
    percents = [lines[i].percent or Decimal(0) for i in percent_lines]
    percent_total = sum(percents, Decimal(0))

    if percent_total <= HUNDRED:
        # The percentage lines and "the rest of the total" share the total: lines at 100 % take all of it.
        shares = split_exactly(total, [*percents, HUNDRED - percent_total])
        for i, share in zip(percent_lines, shares[:-1], strict=True):
            parts[i] = share
        rest_of_total = shares[-1]
    else:
        claimed_by_percent = math.floor(Fraction(total) * Fraction(percent_total) / 100 + Fraction(1, 2))
        shares = split_exactly(claimed_by_percent, percents)
        for i, share in zip(percent_lines, shares, strict=True):
            parts[i] = share
        rest_of_total = total - claimed_by_percent

    free = rest_of_total - sum(parts[i] for i in claiming)
    if percent_total > HUNDRED or free < 0:
        over = max(sum(parts) - total, 0)
        return Allocation(
            total,
            tuple(parts),
            over_minor=over,
            over_lines=tuple(sorted([*claiming, *percent_lines])),
            percent_total=percent_total,
        )
    if not weighted:
        return Allocation(total, tuple(parts), unallocated_minor=free, percent_total=percent_total)
    weights = _integer_weights([Fraction(lines[i].weight) for i in weighted])
    for i, share in zip(weighted, split_exactly(free, weights), strict=True):
        parts[i] = share
    return Allocation(total, tuple(parts), percent_total=percent_total)


# --- presets ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Preset:
    """A proposed split: the lines it would set, and a note to show with the preview ("" when none)."""

    lines: tuple[BudgetLine, ...]
    note: str = ""


def _kept(current: Iterable[BudgetLine]) -> list[BudgetLine]:
    return [line for line in current if line.locked]


def _weighted(line: BudgetLine, weight: int | Decimal) -> BudgetLine:
    return replace(line, percent=None, fixed_minor=None, locked=False, locked_minor=None, weight=weight)


def _unique_platforms(platforms: Iterable[str]) -> list[str]:
    return sorted({code.strip().lower() for code in platforms if code.strip()})


def preset_even(platforms: Iterable[str], *, tactic: str = "paid_ads", current: Iterable[BudgetLine] = ()) -> Preset:
    """One line per platform (sorted by code), sharing what the locked lines leave equally."""
    codes = _unique_platforms(platforms)
    if not codes:
        raise ValueError("choose at least one platform to split the budget across")
    new = [BudgetLine(tactic=tactic, platform=code) for code in codes]
    return Preset((*_kept(current), *new))


def preset_seventy_twenty_ten(current: Sequence[BudgetLine]) -> Preset:
    """70 % to the lines marked proven, 20 % to promising, 10 % to experimental, of what locked lines leave.

    Inside a group the lines share equally. A group with no line gives its share to the other groups in
    proportion (proven and promising alone split 70:20, that is 77.8 % and 22.2 %). Unlocked lines with
    no mark get nothing (the note says how many): mark or lock them to keep them.
    """
    marked = {mark: [line for line in current if not line.locked and line.mark == mark] for mark in MARKS}
    if not any(marked.values()):
        raise ValueError("mark at least one line as proven, promising or experimental first")
    counts = [len(group) for group in marked.values() if group]
    common = math.lcm(*counts)
    weight_of = {mark: SEVENTY_TWENTY_TEN[mark] * common // len(group) for mark, group in marked.items() if group}
    lines: list[BudgetLine] = []
    unmarked = 0
    for line in current:
        if line.locked:
            lines.append(line)
        elif line.mark in weight_of:
            lines.append(_weighted(line, weight_of[line.mark]))
        else:
            unmarked += 1
            lines.append(_weighted(line, 0))
    notes = []
    missing = [mark for mark in MARKS if not marked[mark]]
    if missing:
        notes.append(f"No line is marked {' or '.join(missing)}; its share goes to the other groups.")
    if unmarked:
        notes.append(
            f"{unmarked} unmarked line{'s get' if unmarked > 1 else ' gets'} nothing; mark or lock "
            f"{'them' if unmarked > 1 else 'it'} to keep {'them' if unmarked > 1 else 'it'}."
        )
    return Preset(tuple(lines), " ".join(notes))


def preset_by_return(
    results: Mapping[str, tuple[int, int]],
    platforms: Iterable[str] = (),
    *,
    tactic: str = "paid_ads",
    current: Iterable[BudgetLine] = (),
) -> Preset:
    """One line per platform, weighted by last month's return (revenue / spend) on that platform.

    ``results`` maps a platform code to (revenue, spend) in minor units. ``platforms`` are the platforms
    in use (default: those with results). A platform in use without spend last month gets the average
    return of the others, so a new platform is not left out; a platform that spent and earned nothing
    gets nothing. When no platform spent anything or none earned anything, the split is even, and the
    note says so.
    """
    returns: dict[str, Fraction] = {}
    for code, (revenue, spend) in results.items():
        _check_minor(revenue, "revenue")
        _check_minor(spend, "spend")
        if spend > 0:
            returns[code.strip().lower()] = Fraction(revenue, spend)
    codes = _unique_platforms(platforms) or sorted(returns)
    if not codes:
        raise ValueError("choose at least one platform to split the budget across")
    with_data = [code for code in codes if code in returns]
    if not with_data or all(returns[code] == 0 for code in with_data):
        even = preset_even(codes, tactic=tactic, current=current)
        why = "no platform had paid results" if not with_data else "no platform earned anything"
        return Preset(even.lines, f"Last month {why}, so the budget is split evenly.")
    average = sum((returns[code] for code in with_data), Fraction(0)) / len(with_data)
    ratios = [returns.get(code, average) for code in codes]
    weights = _integer_weights(ratios)
    new = [BudgetLine(tactic=tactic, platform=code, weight=w) for code, w in zip(codes, weights, strict=True)]
    note = ""
    without = [code for code in codes if code not in returns]
    if without:
        note = f"No paid results last month for {', '.join(without)}: given the average return of the others."
    return Preset((*_kept(current), *new), note)


def preset_copy(last_month: Iterable[BudgetLine]) -> Preset:
    """Last month's lines as they were (locks, percentages, amounts and weights)."""
    lines = tuple(last_month)
    return Preset(lines, "" if lines else "Last month has no budget lines to copy.")


# --- plan against actual ------------------------------------------------------------------------------

WARNING_AT = Fraction(9, 10)


@dataclass(frozen=True, slots=True)
class PlanVsActual:
    """What was planned for a line, campaign or tactic, and what was spent."""

    planned_minor: int
    spent_minor: int

    @property
    def remaining_minor(self) -> int:
        """Planned minus spent: negative when overspent."""
        return self.planned_minor - self.spent_minor

    @property
    def used(self) -> Fraction | None:
        """Spent / planned exactly; None when nothing was planned."""
        return Fraction(self.spent_minor, self.planned_minor) if self.planned_minor else None

    @property
    def percent_used(self) -> Decimal | None:
        """Percent used for display, rounded half up to one decimal (89.96 % shows as 90.0)."""
        used = self.used
        if used is None:
            return None
        exact = Decimal(used.numerator * 100) / Decimal(used.denominator)
        return exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def status(self) -> Status:
        """``over`` above 100 %, ``warning`` from 90 % to 100 %, else ``ok`` (on the exact ratio)."""
        used = self.used
        if used is None:
            return "over" if self.spent_minor > 0 else "ok"
        if used > 1:
            return "over"
        return "warning" if used >= WARNING_AT else "ok"


def plan_vs_actual(planned_minor: int, spent_minor: int) -> PlanVsActual:
    return PlanVsActual(_check_minor(planned_minor, "the planned amount"), _check_minor(spent_minor, "spend"))


def compare_by(planned: Iterable[tuple[K, int]], spent: Iterable[tuple[K, int]]) -> dict[K, PlanVsActual]:
    """Plan against actual per key (a line, a campaign, a tactic), summing amounts with the same key.

    Keys come in the order they first appear, planned ones first, then those only spent on.
    """
    planned_by: dict[K, int] = {}
    for key, amount in planned:
        planned_by[key] = planned_by.get(key, 0) + _check_minor(amount, "the planned amount")
    spent_by: dict[K, int] = {}
    for key, amount in spent:
        spent_by[key] = spent_by.get(key, 0) + _check_minor(amount, "spend")
    keys = list(dict.fromkeys([*planned_by, *spent_by]))
    return {key: PlanVsActual(planned_by.get(key, 0), spent_by.get(key, 0)) for key in keys}


def cost_per_result(spend_minor: int, results: int, cur: Currency) -> Decimal | None:
    """Spend per result as an amount (not rounded: format it with ``format_amount``); None without results."""
    _check_minor(spend_minor, "spend")
    _check_minor(results, "results", unit="a whole number")
    return from_minor(spend_minor, cur) / results if results else None


def roas(revenue_minor: int, spend_minor: int) -> Decimal | None:
    """Return on ad spend, revenue / spend (2 means two of revenue for each one spent); None without spend."""
    _check_minor(revenue_minor, "revenue")
    _check_minor(spend_minor, "spend")
    return Decimal(revenue_minor) / Decimal(spend_minor) if spend_minor else None


@dataclass(frozen=True, slots=True)
class CampaignKpis:
    cost_per_result: Decimal | None
    roas: Decimal | None
    results: int
    target_results: int | None = None
    target_cost_minor: int | None = None  # the most one result may cost

    @property
    def results_reached(self) -> bool | None:
        return None if self.target_results is None else self.results >= self.target_results

    def cost_within_target(self, cur: Currency) -> bool | None:
        if self.target_cost_minor is None or self.cost_per_result is None:
            return None
        return self.cost_per_result <= from_minor(self.target_cost_minor, cur)


def campaign_kpis(
    spend_minor: int,
    results: int,
    revenue_minor: int,
    cur: Currency,
    *,
    target_results: int | None = None,
    target_cost_minor: int | None = None,
) -> CampaignKpis:
    """A campaign's cost per result and ROAS, with its target (say, 200 leads at most 5.00 each)."""
    return CampaignKpis(
        cost_per_result(spend_minor, results, cur),
        roas(revenue_minor, spend_minor),
        results,
        target_results,
        target_cost_minor,
    )


# --- paid results ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PaidResult:
    """What paid ads did in one period (a day when ``start == end``) for one campaign, as an import reads it.

    Money is in minor units of the plan's currency. ``platform`` is a platform code when the export is
    broken down by platform, else "" (Meta's ads run on Facebook and Instagram together).
    """

    start: date
    end: date
    campaign: str
    spend_minor: int = 0
    impressions: int = 0
    reach: int = 0
    link_clicks: int = 0
    results: int = 0  # the conversions the campaign optimises for (Meta's "Results")
    revenue_minor: int = 0
    platform: str = ""
    ad_set: str = ""
    ad: str = ""
    source_key: str = ""  # how an import recognises a row it already imported

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("a reporting period cannot end before it starts")
        for name in ("spend_minor", "revenue_minor"):
            _check_minor(getattr(self, name), name.removesuffix("_minor"))
        for name in ("impressions", "reach", "link_clicks", "results"):
            _check_minor(getattr(self, name), name.replace("_", " "), unit="a whole number")

    @property
    def is_daily(self) -> bool:
        return self.start == self.end


def _normalise_name(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).split()).casefold()


def paid_result_key(record: PaidResult) -> str:
    """A stable sha256 that recognises the same row in a file imported twice.

    It covers what the row is about (the period, campaign, ad set, ad and platform, names compared
    without case and extra spaces), not its numbers: a later export of the same days is the same rows,
    with numbers Meta may have updated since.
    """
    payload = json.dumps(
        [
            record.start.isoformat(),
            record.end.isoformat(),
            _normalise_name(record.campaign),
            _normalise_name(record.ad_set),
            _normalise_name(record.ad),
            record.platform,
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()
