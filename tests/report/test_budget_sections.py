"""The report's budget and paid sections: DESIGN.md's keys, money as strings, null for a zero denominator."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from helpers import new_plan

from smoplanner.core.dates import Month
from smoplanner.report.summary import month_report
from smoplanner.store.demo import budget as demo_budget
from smoplanner.store.demo import demo_settings, fill_demo
from smoplanner.store.demo import posts as demo_posts
from smoplanner.store.planfile import PlanFile

EMPTY_PAID = {
    "spend": "0.00",
    "impressions": 0,
    "reach": 0,
    "clicks": 0,
    "conversions": 0,
    "revenue": "0.00",
    "cpc": None,
    "cpm": None,
    "cpa": None,
    "roas": None,
}


def test_an_empty_month_reads_exactly_as_documented(tmp_path: Path) -> None:
    plan = new_plan(tmp_path / "p.smoplan")
    try:
        with plan.session() as s:
            report = month_report(s, Month(2026, 12))
    finally:
        plan.close(save=False)
    assert list(report) == ["month", "currency", "posts", "organic", "paid", "budget", "engagement", "profiles"]
    assert report["paid"] == EMPTY_PAID and list(report["paid"]) == list(EMPTY_PAID)
    assert report["budget"] == {"total": "0.00", "allocated": "0.00", "spent": "0.00", "remaining": "0.00", "lines": []}
    assert list(report["budget"]) == ["total", "allocated", "spent", "remaining", "lines"]


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> PlanFile:
    monkeypatch.setattr(demo_posts, "_demo_today", lambda: date(2026, 12, 8))
    monkeypatch.setattr(demo_budget, "_demo_today", lambda: date(2026, 12, 8))
    plan = PlanFile.create(tmp_path / "demo.smoplan", demo_settings(), fill=fill_demo)
    yield plan
    plan.close(save=False)


def test_the_demo_month_reports_its_budget_and_paid_results(demo: PlanFile) -> None:
    with demo.session() as s:
        report = json.loads(json.dumps(month_report(s, Month(2026, 11))))
    budget, paid = report["budget"], report["paid"]
    assert budget["total"] == "900.00" and budget["allocated"] == "900.00"
    assert [(line["tactic"], line["platform"], line["planned"]) for line in budget["lines"]] == [
        ("paid_ads", "instagram", "315.00"),
        ("paid_ads", "facebook", "180.00"),
        ("boosted_posts", None, "55.00"),
        ("influencers", None, "150.00"),
        ("content_production", None, "100.00"),
        ("reserve", None, "100.00"),
    ]
    assert list(budget["lines"][0]) == ["tactic", "platform", "campaign", "planned", "spent"]
    assert budget["lines"][3]["spent"] == "150.00"  # the influencer paid in November
    assert budget["lines"][4]["spent"] == "180.00"  # the photo studio
    assert list(paid) == list(EMPTY_PAID)
    for key in ("spend", "revenue", "cpc", "cpm", "cpa"):
        assert isinstance(paid[key], str) and paid[key].count(".") == 1 and len(paid[key].split(".")[1]) == 2
    assert paid["clicks"] > 0 and isinstance(paid["roas"], float) and 1 < paid["roas"] < 5
    spent = sum(int(line["spent"].replace(".", "")) for line in budget["lines"])
    assert spent <= int(budget["spent"].replace(".", ""))
    assert int(budget["remaining"].replace(".", "")) == 90_000 - int(budget["spent"].replace(".", ""))
