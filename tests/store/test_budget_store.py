"""The budget area's store: a month's split kept exactly, campaigns, influencers, paid results imported once."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from helpers import new_plan

from smoplanner.core.budget import BudgetLine, PaidResult
from smoplanner.core.dates import Month
from smoplanner.core.money import currency
from smoplanner.core.posts import PostRecord
from smoplanner.formats.meta_ads import read_meta_ads
from smoplanner.store.budget import (
    Campaign,
    Expense,
    Influencer,
    add_expense,
    campaign_names,
    campaign_statuses,
    delete_campaign,
    delete_paid_results,
    get_month_budget,
    import_paid_results,
    last_month_returns,
    list_campaigns,
    list_influencers,
    month_overview,
    months_with_budget,
    paid_totals,
    restore_campaign,
    save_campaign,
    save_influencer,
    set_month_budget,
    storable_lines,
)
from smoplanner.store.planfile import PlanFile
from smoplanner.store.posts import all_posts, create_post

META = Path(__file__).resolve().parent.parent / "data" / "meta_ads"
EUR = currency("EUR")
DEC = Month(2026, 12)


@pytest.fixture
def plan(tmp_path: Path) -> PlanFile:
    plan = new_plan(tmp_path / "plan.smoplan")
    yield plan
    plan.close(save=False)


def test_a_months_split_is_kept_exactly_and_reopens(tmp_path: Path) -> None:
    path = tmp_path / "p.smoplan"
    plan = new_plan(path)
    lines = [
        BudgetLine("paid_ads", platform="instagram", percent=Decimal("12.5"), mark="proven"),
        BudgetLine("influencers", fixed_minor=30_000).locked_at(30_000),
        BudgetLine("content_production", weight=2),
        BudgetLine("reserve", campaign="Spring sale"),
    ]
    with plan.session() as s:
        set_month_budget(s, DEC, 100_001, lines)
    plan.close()
    plan = PlanFile.open(path)
    try:
        with plan.session() as s:
            budget = get_month_budget(s, DEC)
            assert budget.total_minor == 100_001 and budget.lines == tuple(lines)
            assert sum(budget.allocation().parts) == 100_001
            assert months_with_budget(s) == [DEC]
            assert get_month_budget(s, DEC.next()).is_empty
            set_month_budget(s, DEC, 0, [])
            assert months_with_budget(s) == []
    finally:
        plan.close(save=False)


def test_a_percentage_with_more_than_two_decimals_is_refused(plan: PlanFile) -> None:
    with plan.session() as s, pytest.raises(ValueError, match="two decimals"):
        set_month_budget(s, DEC, 1000, [BudgetLine("tools", percent=Decimal("1.125"))])


def test_preset_weights_are_scaled_to_whole_numbers_keeping_their_shares() -> None:
    lines = [BudgetLine("paid_ads", weight=Decimal("10") ** 30), BudgetLine("tools", weight=Decimal(10) ** 30 * 3)]
    stored = storable_lines(lines)
    assert [line.weight for line in stored] == [250_000, 750_000]
    assert storable_lines(stored) == stored


def test_campaigns_rename_everywhere_and_come_back_after_delete(plan: PlanFile) -> None:
    with plan.session() as s:
        cid = save_campaign(s, Campaign("Spring sale", "sales", date(2026, 3, 1), date(2026, 3, 31), 50_000, 200, 500))
        create_post(s, PostRecord("Sale", "Sale on", ("instagram",), None, campaign="spring sale"))
        with pytest.raises(ValueError, match="already a campaign"):
            save_campaign(s, Campaign("SPRING SALE"))
        with pytest.raises(ValueError, match="before the start"):
            save_campaign(s, Campaign("Odd", start=date(2026, 3, 2), end=date(2026, 3, 1)))
        save_campaign(s, Campaign("Spring offers", "sales", budget_minor=50_000, id=cid))
        assert campaign_names(s) == ["Spring offers"]
        assert [p.campaign for p in all_posts(s)] == ["Spring offers"]
        before = delete_campaign(s, cid)
        assert list_campaigns(s) == []
        restore_campaign(s, before)
        assert list_campaigns(s) == [before]


def test_influencers_fees_are_planned_when_agreed_and_spent_when_paid(plan: PlanFile) -> None:
    with plan.session() as s:
        save_influencer(
            s, Influencer("Mia", "instagram", "@mia", 18_000, 15_000, status="agreed", start=date(2026, 12, 3))
        )
        save_influencer(s, Influencer("Jo", "tiktok", "@jo", 9_000, 8_000, status="paid", start=date(2026, 12, 5)))
        with pytest.raises(ValueError, match="not a status"):
            save_influencer(s, Influencer("X", status="maybe"))
        people = list_influencers(s)
        assert [(i.name, i.planned_minor, i.paid_minor) for i in people] == [("Jo", 8_000, 8_000), ("Mia", 15_000, 0)]
        set_month_budget(s, DEC, 50_000, [BudgetLine("influencers")])
        overview = month_overview(s, DEC)
        assert overview.lines[0].compared.spent_minor == 8_000 and overview.spent_minor == 8_000


def test_meta_ads_import_is_all_or_nothing_and_adds_nothing_the_second_time(plan: PlanFile) -> None:
    records = read_meta_ads(META / "daily_bom_total.csv", plan_currency=EUR).require()
    with plan.session() as s:
        first = import_paid_results(s, records)
        assert (first.added, first.skipped, first.new_campaigns) == (
            5,
            0,
            ("Black Friday, early birds", "Newsletter sign-ups"),
        )
    with plan.session() as s:
        again = import_paid_results(s, read_meta_ads(META / "daily_bom_total.csv", plan_currency=EUR).require())
        assert (again.added, again.skipped, again.new_campaigns) == (0, 5, ())
        totals = paid_totals(s, Month(2026, 11))
        assert (totals.spend_minor, totals.clicks, totals.conversions, totals.revenue_minor) == (7_100, 76, 10, 26_970)
        assert [c.name for c in list_campaigns(s)] == ["Black Friday, early birds", "Newsletter sign-ups"]
        returns = last_month_returns(s, DEC)
        assert sum(spend for _revenue, spend in returns.values()) == 7_100
        delete_paid_results(s, first.ids, first.new_campaign_ids)
        assert paid_totals(s, Month(2026, 11)).spend_minor == 0 and list_campaigns(s) == []


def test_an_import_that_fails_part_way_leaves_the_plan_unchanged(plan: PlanFile) -> None:
    records = read_meta_ads(META / "daily_bom_total.csv", plan_currency=EUR).require()

    def cancel(done: int, total: int) -> None:
        if done:
            raise RuntimeError("cancelled")

    with pytest.raises(RuntimeError), plan.session() as s:
        import_paid_results(s, records, progress=cancel)
    with plan.session() as s:
        assert paid_totals(s, Month(2026, 11)).spend_minor == 0 and list_campaigns(s) == []


def test_plan_against_actual_matches_spend_to_the_most_specific_line(plan: PlanFile) -> None:
    results = [
        PaidResult(date(2026, 12, 1), date(2026, 12, 1), "Advent", spend_minor=1_000, platform="instagram"),
        PaidResult(date(2026, 12, 2), date(2026, 12, 2), "Other", spend_minor=500, platform="instagram"),
        PaidResult(date(2026, 12, 2), date(2026, 12, 2), "Other", spend_minor=700, platform="facebook"),
    ]
    lines = [
        BudgetLine("paid_ads", platform="instagram"),
        BudgetLine("paid_ads", platform="instagram", campaign="advent"),
        BudgetLine("tools"),
    ]
    with plan.session() as s:
        save_campaign(s, Campaign("Advent", budget_minor=2_000))
        create_post(
            s,
            PostRecord("Boost", "b", ("instagram",), None, campaign="Advent", boosted=True, boost_minor=400),
        )
        import_paid_results(s, results)
        add_expense(s, Expense(date(2026, 12, 3), "tools", 1_199, "Canva"))
        set_month_budget(s, DEC, 3_000, lines)
        overview = month_overview(s, DEC)
        assert [x.compared.spent_minor for x in overview.lines] == [500, 1_000, 1_199]
        assert [x.compared.planned_minor for x in overview.lines] == [1_000, 1_000, 1_000]
        assert overview.lines[2].compared.status == "over"
        assert overview.unplanned_minor == 700 and overview.spent_minor == 3_399
        assert dict(overview.by_tactic)["paid_ads"].spent_minor == 2_200
        (advent,) = [c for c in campaign_statuses(s) if c.name == "Advent"]
        assert (advent.budget_minor, advent.boosts_minor, advent.spent_minor) == (2_000, 400, 1_000)
        assert advent.compared.planned_minor == 2_400


def test_a_typed_paid_result_is_added_changed_and_deleted_and_counts_as_spent(plan: PlanFile) -> None:
    from smoplanner.store.budget import add_paid_result, delete_paid_result, list_paid_results, update_paid_result

    day = date(2026, 12, 3)
    with plan.session() as s:
        set_month_budget(s, Month(2026, 12), 10_000, [BudgetLine("paid_ads")])
        rid = add_paid_result(s, PaidResult(day, day, "  Winter   menu ", spend_minor=1_250, platform="Instagram"))
        s.commit()
    with plan.session() as s:
        [entry] = list_paid_results(s, Month(2026, 12))
        assert (entry.id, entry.imported, entry.result.campaign, entry.result.platform) == (
            rid,
            False,
            "Winter menu",
            "instagram",
        )
        assert month_overview(s, Month(2026, 12)).spent_minor == 1_250
        before = update_paid_result(s, rid, PaidResult(day, day, "Winter menu", spend_minor=2_000, results=4))
        assert before.spend_minor == 1_250
        assert paid_totals(s, Month(2026, 12)).conversions == 4
        assert delete_paid_result(s, rid).spend_minor == 2_000
        assert list_paid_results(s, Month(2026, 12)) == []
        with pytest.raises(LookupError):
            delete_paid_result(s, rid)


def test_an_edited_imported_paid_result_keeps_its_import_key(plan: PlanFile) -> None:
    from smoplanner.store.budget import list_paid_results, update_paid_result

    day = date(2026, 12, 4)
    with plan.session() as s:
        import_paid_results(s, [PaidResult(day, day, "Spring", spend_minor=500)])
        [entry] = list_paid_results(s, Month(2026, 12))
        assert entry.imported
        update_paid_result(s, entry.id, replace(entry.result, spend_minor=600, source_key=""))
        again = import_paid_results(s, [PaidResult(day, day, "Spring", spend_minor=700)])
        assert (again.added, again.skipped) == (0, 1)
        assert [e.result.spend_minor for e in list_paid_results(s, Month(2026, 12))] == [600]
