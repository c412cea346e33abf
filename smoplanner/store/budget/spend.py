"""Actual spend (paid results, expenses, paid influencer fees) and how it compares with the plan."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from smoplanner.core.budget import (
    Allocation,
    BudgetLine,
    PaidResult,
    PlanVsActual,
    compare_by,
    paid_result_key,
    plan_vs_actual,
)
from smoplanner.core.dates import Month
from smoplanner.store.budget.campaigns import Influencer, list_campaigns, list_influencers
from smoplanner.store.budget.lines import get_month_budget
from smoplanner.store.budget.tables import CampaignRow, ExpenseRow, PaidResultRow
from smoplanner.store.posts.tables import Post


@dataclass(frozen=True, slots=True)
class SpendImportResult:
    added: int
    skipped: int
    ids: tuple[int, ...] = ()
    new_campaigns: tuple[str, ...] = ()
    new_campaign_ids: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Expense:
    day: date
    tactic: str
    amount_minor: int
    vendor: str = ""
    platform: str = ""
    campaign: str = ""
    id: int | None = None


@dataclass(frozen=True, slots=True)
class PaidEntry:
    """A paid result in the plan with its id; ``imported`` when an import added it (it has an import key)."""

    id: int
    result: PaidResult

    @property
    def imported(self) -> bool:
        return bool(self.result.source_key)


@dataclass(frozen=True, slots=True)
class PaidTotals:
    spend_minor: int = 0
    impressions: int = 0
    reach: int = 0
    clicks: int = 0
    conversions: int = 0
    revenue_minor: int = 0


@dataclass(frozen=True, slots=True)
class SpendItem:
    """Money spent, as plan against actual matches it to a line."""

    tactic: str
    platform: str
    campaign: str
    amount_minor: int


@dataclass(frozen=True, slots=True)
class LineStatus:
    line: BudgetLine
    compared: PlanVsActual


@dataclass(frozen=True, slots=True)
class MonthOverview:
    """The month's plan against its actual spend."""

    month: Month
    total_minor: int
    allocation: Allocation
    lines: tuple[LineStatus, ...]
    by_tactic: tuple[tuple[str, PlanVsActual], ...]
    unplanned_minor: int  # spend no line covers
    spent_minor: int

    @property
    def remaining_minor(self) -> int:
        return self.total_minor - self.spent_minor


@dataclass(frozen=True, slots=True)
class CampaignStatus:
    """A campaign's budget (with the boosts of its posts) against what was spent on it, and its results."""

    campaign_id: int
    name: str
    budget_minor: int
    boosts_minor: int
    spent_minor: int
    results: int
    revenue_minor: int
    target_results: int | None
    target_cost_minor: int | None

    @property
    def compared(self) -> PlanVsActual:
        return plan_vs_actual(self.budget_minor + self.boosts_minor, self.spent_minor)


# --- paid results ------------------------------------------------------------------------------------

_CHUNK = 500


def _record(row: PaidResultRow) -> PaidResult:
    return PaidResult(
        start=row.start,
        end=row.end,
        campaign=row.campaign,
        spend_minor=row.spend_minor,
        impressions=row.impressions,
        reach=row.reach,
        link_clicks=row.link_clicks,
        results=row.results,
        revenue_minor=row.revenue_minor,
        platform=row.platform,
        ad_set=row.ad_set,
        ad=row.ad,
        source_key=row.source_key,
    )


def import_paid_results(
    session: Session, records: Sequence[PaidResult], progress: Callable[[int, int], None] | None = None
) -> SpendImportResult:
    """Add imported paid results; a row already in the plan (or earlier in the file) is skipped.

    A row is recognised by its import key (``paid_result_key``: period, campaign, ad set, ad, platform),
    so the same export imported twice adds nothing. Campaigns named in the records are matched to the
    plan's by name (without case) or created. Nothing is committed here (the caller's transaction makes
    the import all or nothing); an exception from ``progress`` (a cancel) stops it.
    """
    keyed = [replace(r, source_key=r.source_key or paid_result_key(r)) for r in records]
    keys = list({r.source_key for r in keyed})
    existing: set[str] = set()
    for start in range(0, len(keys), _CHUNK):
        chunk = keys[start : start + _CHUNK]
        existing.update(session.scalars(select(PaidResultRow.source_key).where(PaidResultRow.source_key.in_(chunk))))
    fresh: list[PaidResult] = []
    for record in keyed:
        if record.source_key in existing:
            continue
        existing.add(record.source_key)
        fresh.append(record)
    known = {name.lower(): name for name in session.scalars(select(CampaignRow.name))}
    new_rows: list[CampaignRow] = []
    names: dict[str, str] = {}
    for record in fresh:
        name = " ".join(record.campaign.split())
        if name and name.lower() not in known:
            row = CampaignRow(name=name[:200], objective="", budget_minor=0, platforms="")
            session.add(row)
            new_rows.append(row)
            known[name.lower()] = row.name
        names[record.campaign] = known.get(name.lower(), name)
    ids: list[int] = []
    if progress is not None:
        progress(0, len(fresh))
    for start in range(0, len(fresh), _CHUNK):
        rows = [
            PaidResultRow(
                start=r.start,
                end=r.end,
                platform=r.platform,
                campaign=names.get(r.campaign, r.campaign)[:200],
                ad_set=r.ad_set,
                ad=r.ad,
                spend_minor=r.spend_minor,
                impressions=r.impressions,
                reach=r.reach,
                link_clicks=r.link_clicks,
                results=r.results,
                revenue_minor=r.revenue_minor,
                source_key=r.source_key,
            )
            for r in fresh[start : start + _CHUNK]
        ]
        session.add_all(rows)
        session.flush()
        ids += [row.id for row in rows]
        if progress is not None:
            progress(len(ids), len(fresh))
    session.flush()
    return SpendImportResult(
        added=len(ids),
        skipped=len(keyed) - len(ids),
        ids=tuple(ids),
        new_campaigns=tuple(row.name for row in new_rows),
        new_campaign_ids=tuple(row.id for row in new_rows),
    )


def delete_paid_results(session: Session, ids: Sequence[int], campaign_ids: Sequence[int] = ()) -> None:
    """Take an import back: its rows, and the campaigns it created."""
    for start in range(0, len(ids), _CHUNK):
        session.execute(delete(PaidResultRow).where(PaidResultRow.id.in_(ids[start : start + _CHUNK])))
    if campaign_ids:
        session.execute(delete(CampaignRow).where(CampaignRow.id.in_(list(campaign_ids))))
    session.flush()


def _write_paid(row: PaidResultRow, result: PaidResult) -> None:
    row.start, row.end = result.start, result.end
    row.platform = result.platform.strip().lower()[:40]
    row.campaign = " ".join(result.campaign.split())[:200]
    row.ad_set, row.ad = result.ad_set, result.ad
    row.spend_minor, row.revenue_minor = result.spend_minor, result.revenue_minor
    row.impressions, row.reach = result.impressions, result.reach
    row.link_clicks, row.results = result.link_clicks, result.results
    row.source_key = result.source_key


def list_paid_results(session: Session, month: Month) -> list[PaidEntry]:
    """The month's paid results with their ids (by first day and campaign), for the page that edits them."""
    rows = session.scalars(
        select(PaidResultRow)
        .where(PaidResultRow.start >= month.first_day, PaidResultRow.start <= month.last_day)
        .order_by(PaidResultRow.start, PaidResultRow.campaign, PaidResultRow.id)
    )
    return [PaidEntry(row.id, _record(row)) for row in rows]


def add_paid_result(session: Session, result: PaidResult, result_id: int | None = None) -> int:
    """Add one typed paid result (``result_id`` given when undo puts a deleted one back)."""
    row = PaidResultRow(id=result_id)
    _write_paid(row, result)
    session.add(row)
    session.flush()
    return row.id


def update_paid_result(session: Session, result_id: int, result: PaidResult) -> PaidResult:
    """Change one paid result; returns it as it was. An imported row keeps its import key."""
    row = session.get(PaidResultRow, result_id)
    if row is None:
        raise LookupError("that paid result is no longer in the plan")
    before = _record(row)
    _write_paid(row, replace(result, source_key=result.source_key or row.source_key))
    session.flush()
    return before


def delete_paid_result(session: Session, result_id: int) -> PaidResult:
    row = session.get(PaidResultRow, result_id)
    if row is None:
        raise LookupError("that paid result is no longer in the plan")
    before = _record(row)
    session.delete(row)
    session.flush()
    return before


def paid_results_in(session: Session, month: Month) -> list[PaidResult]:
    """The paid results whose period starts in ``month``, by day and campaign."""
    rows = session.scalars(
        select(PaidResultRow)
        .where(PaidResultRow.start >= month.first_day, PaidResultRow.start <= month.last_day)
        .order_by(PaidResultRow.start, PaidResultRow.campaign, PaidResultRow.id)
    )
    return [_record(row) for row in rows]


def paid_totals(session: Session, month: Month) -> PaidTotals:
    """The month's paid results added up (reach too, though people reached on two days count twice)."""
    row = session.execute(
        select(
            func.coalesce(func.sum(PaidResultRow.spend_minor), 0),
            func.coalesce(func.sum(PaidResultRow.impressions), 0),
            func.coalesce(func.sum(PaidResultRow.reach), 0),
            func.coalesce(func.sum(PaidResultRow.link_clicks), 0),
            func.coalesce(func.sum(PaidResultRow.results), 0),
            func.coalesce(func.sum(PaidResultRow.revenue_minor), 0),
        ).where(PaidResultRow.start >= month.first_day, PaidResultRow.start <= month.last_day)
    ).one()
    return PaidTotals(*(int(value) for value in row))


def last_month_returns(session: Session, month: Month) -> dict[str, tuple[int, int]]:
    """Platform code -> (revenue, spend) of the month before ``month``, for the "by return" preset.

    A result without a platform (Meta's exports mix Facebook and Instagram) counts for its campaign's
    first platform, else for Facebook.
    """
    first_platform = {c.name.lower(): (c.platforms[0] if c.platforms else "facebook") for c in list_campaigns(session)}
    out: dict[str, tuple[int, int]] = {}
    for record in paid_results_in(session, month.previous()):
        code = record.platform or first_platform.get(record.campaign.lower(), "facebook")
        revenue, spend = out.get(code, (0, 0))
        out[code] = (revenue + record.revenue_minor, spend + record.spend_minor)
    return out


# --- expenses ---------------------------------------------------------------------------------------


def add_expense(session: Session, expense: Expense) -> int:
    if not expense.tactic.strip():
        raise ValueError("an expense needs a tactic")
    if isinstance(expense.amount_minor, bool) or not isinstance(expense.amount_minor, int):
        raise TypeError("an amount must be an int of minor units")
    if expense.amount_minor < 0:
        raise ValueError("an expense cannot be negative")
    row = ExpenseRow(
        id=expense.id,
        day=expense.day,
        tactic=expense.tactic.strip(),
        vendor=expense.vendor.strip(),
        amount_minor=expense.amount_minor,
        platform=expense.platform,
        campaign=expense.campaign.strip(),
    )
    session.add(row)
    session.flush()
    return row.id


def list_expenses(session: Session, month: Month) -> list[Expense]:
    rows = session.scalars(
        select(ExpenseRow)
        .where(ExpenseRow.day >= month.first_day, ExpenseRow.day <= month.last_day)
        .order_by(ExpenseRow.day, ExpenseRow.id)
    )
    return [Expense(r.day, r.tactic, r.amount_minor, r.vendor, r.platform, r.campaign, r.id) for r in rows]


def delete_expense(session: Session, expense_id: int) -> Expense:
    row = session.get(ExpenseRow, expense_id)
    if row is None:
        raise LookupError("that expense is no longer in the plan")
    before = Expense(row.day, row.tactic, row.amount_minor, row.vendor, row.platform, row.campaign, row.id)
    session.delete(row)
    session.flush()
    return before


# --- plan against actual ------------------------------------------------------------------------------


def _in_month(influencer: Influencer, month: Month) -> bool:
    day = influencer.day
    return day is not None and month.first_day <= day <= month.last_day


def spend_items(session: Session, month: Month) -> list[SpendItem]:
    """Everything spent in the month: paid results (paid ads), expenses, and paid influencer fees."""
    items = [SpendItem("paid_ads", r.platform, r.campaign, r.spend_minor) for r in paid_results_in(session, month)]
    items += [SpendItem(e.tactic, e.platform, e.campaign, e.amount_minor) for e in list_expenses(session, month)]
    items += [
        SpendItem("influencers", i.platform, i.campaign, i.paid_minor)
        for i in list_influencers(session)
        if i.paid_minor and _in_month(i, month)
    ]
    return items


def matching_line(lines: Sequence[BudgetLine], item: SpendItem) -> int | None:
    """The line ``item`` counts against: the most specific one with its tactic (platform and campaign
    matching or left open), the earlier line on a tie; None when no line covers it."""
    best: tuple[int, int] | None = None
    for index, line in enumerate(lines):
        if line.tactic != item.tactic:
            continue
        if line.platform and line.platform != item.platform:
            continue
        if line.campaign and line.campaign.lower() != item.campaign.lower():
            continue
        score = bool(line.platform) + bool(line.campaign)
        if best is None or score > best[0]:
            best = (score, index)
    return None if best is None else best[1]


def month_overview(session: Session, month: Month) -> MonthOverview:
    budget = get_month_budget(session, month)
    allocation = budget.allocation()
    items = spend_items(session, month)
    spent = [0] * len(budget.lines)
    unplanned = 0
    for item in items:
        index = matching_line(budget.lines, item)
        if index is None:
            unplanned += item.amount_minor
        else:
            spent[index] += item.amount_minor
    lines = tuple(
        LineStatus(line, plan_vs_actual(part, used))
        for line, part, used in zip(budget.lines, allocation.parts, spent, strict=True)
    )
    by_tactic = compare_by(
        [(line.tactic, part) for line, part in zip(budget.lines, allocation.parts, strict=True)],
        [(item.tactic, item.amount_minor) for item in items],
    )
    return MonthOverview(
        month=month,
        total_minor=budget.total_minor,
        allocation=allocation,
        lines=lines,
        by_tactic=tuple(by_tactic.items()),
        unplanned_minor=unplanned,
        spent_minor=sum(item.amount_minor for item in items),
    )


def campaign_statuses(session: Session) -> list[CampaignStatus]:
    """Every campaign's budget and boosts against its spend and results, over its whole life."""
    boosts: dict[str, int] = {}
    for name, amount in session.execute(
        select(func.lower(Post.campaign), func.sum(Post.boost_minor))
        .where(Post.boosted.is_(True), Post.campaign != "")
        .group_by(func.lower(Post.campaign))
    ):
        boosts[name] = int(amount or 0)
    paid: dict[str, tuple[int, int, int]] = {}
    for name, spend, results, revenue in session.execute(
        select(
            func.lower(PaidResultRow.campaign),
            func.sum(PaidResultRow.spend_minor),
            func.sum(PaidResultRow.results),
            func.sum(PaidResultRow.revenue_minor),
        ).group_by(func.lower(PaidResultRow.campaign))
    ):
        paid[name] = (int(spend or 0), int(results or 0), int(revenue or 0))
    other: dict[str, int] = {}
    for name, amount in session.execute(
        select(func.lower(ExpenseRow.campaign), func.sum(ExpenseRow.amount_minor)).group_by(
            func.lower(ExpenseRow.campaign)
        )
    ):
        other[name] = int(amount or 0)
    for influencer in list_influencers(session):
        if influencer.campaign and influencer.paid_minor:
            key = influencer.campaign.lower()
            other[key] = other.get(key, 0) + influencer.paid_minor
    out = []
    for campaign in list_campaigns(session):
        key = campaign.name.lower()
        spend, results, revenue = paid.get(key, (0, 0, 0))
        assert campaign.id is not None
        out.append(
            CampaignStatus(
                campaign_id=campaign.id,
                name=campaign.name,
                budget_minor=campaign.budget_minor,
                boosts_minor=boosts.get(key, 0),
                spent_minor=spend + other.get(key, 0),
                results=results,
                revenue_minor=revenue,
                target_results=campaign.target_results,
                target_cost_minor=campaign.target_cost_minor,
            )
        )
    return out
