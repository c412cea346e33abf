"""The results store: organic days set and taken back, post results imported once, updated, undone."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

from helpers import new_plan

from smoplanner.core.budget import PaidResult
from smoplanner.core.results import OrganicDay, PostResult
from smoplanner.store.budget import Expense, add_expense, import_paid_results
from smoplanner.store.results import (
    import_organic,
    import_post_results,
    organic_days,
    other_cost_days,
    paid_days,
    post_results,
    restore_organic_day,
    set_organic_day,
    undo_import,
)


def test_an_organic_import_sets_only_its_figures_and_undoes_exactly(tmp_path: Path) -> None:
    plan = new_plan(tmp_path / "p.smoplan")
    try:
        with plan.session() as s:
            set_organic_day(s, OrganicDay(date(2026, 11, 1), "instagram", followers=100, reach=50, engagements=4))
            days = [OrganicDay(date(2026, 11, d), "instagram", reach=70 + d) for d in (1, 2)]
            result = import_organic(s, days, given=("reach",))
            assert (result.added, result.updated, result.skipped) == (1, 1, 0)
            got = {d.day.day: d for d in organic_days(s)}
            assert (got[1].reach, got[1].engagements, got[1].followers) == (71, 4, 100)
            again = import_organic(s, days, given=("reach",))
            assert (again.added, again.updated, again.skipped) == (0, 0, 2)
            undo_import(s, result)
            assert organic_days(s) == [
                OrganicDay(date(2026, 11, 1), "instagram", followers=100, reach=50, engagements=4)
            ]
    finally:
        plan.close(save=False)


def test_a_typed_day_is_put_back_by_undo(tmp_path: Path) -> None:
    plan = new_plan(tmp_path / "p.smoplan")
    try:
        with plan.session() as s:
            day = OrganicDay(date(2026, 11, 1), "facebook", reach=10)
            assert set_organic_day(s, day) is None
            assert set_organic_day(s, replace(day, reach=20)) == day
            restore_organic_day(s, (day.day, day.platform), day)
            assert organic_days(s) == [day]
            restore_organic_day(s, (day.day, day.platform), None)
            assert organic_days(s) == []
    finally:
        plan.close(save=False)


def test_post_results_import_once_take_newer_numbers_and_undo(tmp_path: Path) -> None:
    at = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    first = [PostResult("x", at, impressions=100, engagements=5, external_id="1"), PostResult("x", at, external_id="2")]
    plan = new_plan(tmp_path / "p.smoplan")
    try:
        with plan.session() as s:
            added = import_post_results(s, first)
            assert (added.added, added.updated, added.unmatched) == (2, 0, 2)
            assert import_post_results(s, first).skipped == 2
            newer = import_post_results(s, [replace(first[0], impressions=180)])
            assert (newer.added, newer.updated) == (0, 1)
            assert [r.impressions for r in post_results(s)] == [180, 0]
            undo_import(s, newer)
            assert [r.impressions for r in post_results(s)] == [100, 0]
            undo_import(s, added)
            assert post_results(s) == []
    finally:
        plan.close(save=False)


def test_paid_periods_spread_over_days_and_other_costs(tmp_path: Path) -> None:
    plan = new_plan(tmp_path / "p.smoplan")
    try:
        with plan.session() as s:
            import_paid_results(
                s, [PaidResult(date(2026, 11, 29), date(2026, 12, 2), "c", spend_minor=400, impressions=8)]
            )
            add_expense(s, Expense(date(2026, 11, 5), "content_production", 2500))
            days = paid_days(s, date(2026, 12, 1), date(2026, 12, 31))
            assert [(d.day.day, d.spend_minor, d.impressions) for d in days] == [(1, 100, 2), (2, 100, 2)]
            assert sum(d.spend_minor for d in paid_days(s)) == 400
            assert other_cost_days(s) == [(date(2026, 11, 5), 2500)]
    finally:
        plan.close(save=False)
