"""The sample café's budget: three months of splits, two campaigns, three influencers, spend and results.

The data (``resources/demo/budget.json``) is written relative to the month of the sample's "today":
a month is an offset from it, a day is ``[month offset, day of month]``. The sample follows the posts:
the month the calendar's "today" falls in is the middle month. Ads spent and brought results on the
days before today only, so the month looks as it would on the day the sample is opened.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from smoplanner.core.budget import BudgetLine, PaidResult
from smoplanner.core.dates import Month
from smoplanner.core.money import Currency, currency, parse_amount, to_minor
from smoplanner.resources import load_json
from smoplanner.store.budget import (
    Campaign,
    Expense,
    Influencer,
    add_expense,
    import_paid_results,
    save_campaign,
    save_influencer,
    set_month_budget,
)
from smoplanner.store.settings import get_settings


def _demo_today() -> date:
    return date.today()


def _middle_month(demo_json: dict[str, Any], today: date, written: Month) -> Month:
    """The month the calendar's "today" (``anchor_date``) is in, moved as ``fill_posts_demo`` moves it."""
    posts = demo_json.get("posts") or {}
    if not posts.get("anchor_date"):
        return written
    days = [date.fromisoformat(e["on"][:10]) for e in posts.get("posts", ())]
    days += [date.fromisoformat(e["until"]) for e in posts.get("series", ())]
    days += [date.fromisoformat(e["first"][:10]) for e in posts.get("series", ())]
    anchor = date.fromisoformat(posts["anchor_date"])
    if days and not min(days) <= today <= max(days):
        anchor += timedelta(weeks=round((today - anchor).days / 7))
    return Month.of(anchor)


def _month(middle: Month, offset: int) -> Month:
    month = middle
    for _ in range(abs(offset)):
        month = month.next() if offset > 0 else month.previous()
    return month


def _day(middle: Month, where: list[int] | None) -> date | None:
    if where is None:
        return None
    month = _month(middle, where[0])
    return date(month.year, month.month, min(where[1], calendar.monthrange(month.year, month.month)[1]))


def _money(text: str | None, cur: Currency) -> int | None:
    return None if text is None else to_minor(parse_amount(text, cur, decimal_comma=False), cur)


def _line(entry: dict[str, Any], cur: Currency, total_minor: int) -> BudgetLine:
    percent = Decimal(entry["percent"]) if "percent" in entry else None
    fixed = _money(entry.get("fixed"), cur)
    line = BudgetLine(
        tactic=entry["tactic"],
        platform=entry.get("platform"),
        campaign=entry.get("campaign"),
        percent=percent,
        fixed_minor=fixed,
        mark=entry.get("mark"),
        weight=int(entry.get("weight", 1)),
    )
    return line.locked_at(fixed or 0) if entry.get("locked") else line


def _varied(value: int, day: date, spread: int = 30) -> int:
    """``value`` moved by up to ``spread`` percent either way, the same for the same day (no float)."""
    factor = 100 - spread + (day.toordinal() * 37) % (2 * spread + 1)
    return value * factor // 100


def fill_budget_demo(session: Session, demo_json: dict[str, Any]) -> None:
    raw = load_json("demo", "budget.json")
    cur = currency(get_settings(session).currency)
    today = _demo_today()
    middle = _middle_month(demo_json, today, Month.parse(raw["anchor_month"]))
    for entry in raw.get("campaigns", ()):
        save_campaign(
            session,
            Campaign(
                name=entry["name"],
                objective=entry.get("objective", ""),
                start=_day(middle, entry.get("start")),
                end=_day(middle, entry.get("end")),
                budget_minor=_money(entry.get("budget"), cur) or 0,
                target_results=entry.get("target_results"),
                target_cost_minor=_money(entry.get("target_cost"), cur),
                platforms=tuple(entry.get("platforms", "").split()),
            ),
        )
    for entry in raw.get("months", ()):
        total = _money(entry["total"], cur) or 0
        lines = [_line(line, cur, total) for line in entry.get("lines", ())]
        set_month_budget(session, _month(middle, int(entry["offset"])), total, lines)
    for entry in raw.get("influencers", ()):
        save_influencer(
            session,
            Influencer(
                name=entry["name"],
                platform=entry.get("platform", ""),
                handle=entry.get("handle", ""),
                followers=int(entry.get("followers", 0)),
                fee_minor=_money(entry.get("fee"), cur) or 0,
                deliverables=entry.get("deliverables", ""),
                status=entry.get("status", "contacted"),
                start=_day(middle, entry.get("start")),
                end=_day(middle, entry.get("end")),
                campaign=entry.get("campaign", ""),
            ),
        )
    records: list[PaidResult] = []
    for entry in raw.get("paid", ()):
        first, last = _day(middle, entry["from"]), _day(middle, entry["to"])
        assert first is not None and last is not None
        day = first
        while day <= last and day < today:
            records.append(
                PaidResult(
                    start=day,
                    end=day,
                    campaign=entry["campaign"],
                    platform=entry.get("platform", ""),
                    spend_minor=_varied(_money(entry["spend"], cur) or 0, day),
                    impressions=_varied(int(entry["impressions"]), day),
                    reach=_varied(int(entry["reach"]), day),
                    link_clicks=_varied(int(entry["clicks"]), day),
                    results=_varied(int(entry["results"]), day, spread=60),
                    revenue_minor=_varied(_money(entry.get("revenue"), cur) or 0, day, spread=60),
                )
            )
            day += timedelta(days=1)
    import_paid_results(session, records)
    for entry in raw.get("expenses", ()):
        spent_on = _day(middle, entry["day"])
        assert spent_on is not None
        if spent_on < today:
            add_expense(
                session, Expense(spent_on, entry["tactic"], _money(entry["amount"], cur) or 0, entry.get("vendor", ""))
            )
    session.flush()
