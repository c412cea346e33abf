"""`smoplanner import --kind spend` and `export budget`: exit codes, messages, all or nothing, no duplicates."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest
from helpers import make_plan_file, snapshot
from helpers import run_cli as run

from smoplanner.core.budget import BudgetLine
from smoplanner.core.dates import Month
from smoplanner.store.budget import list_campaigns, paid_totals, set_month_budget
from smoplanner.store.planfile import PlanFile

META = Path(__file__).parent / "data" / "meta_ads"


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return make_plan_file(tmp_path / "sonne.smoplan")  # a plan in EUR


def spend_in(path: Path, month: Month) -> int:
    plan = PlanFile.open(path, lock="none")
    try:
        with plan.session() as s:
            return paid_totals(s, month).spend_minor
    finally:
        plan.close(save=False)


def test_a_meta_ads_export_imports_once(plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "import", str(plan), str(META / "daily_bom_total.csv"), "--kind", "spend")
    assert (code, err) == (0, "")
    assert out.startswith(
        "Imported 5 spend rows (0 already in the plan); "
        "new campaigns: “Black Friday, early birds”, “Newsletter sign-ups”"
    )
    assert spend_in(plan, Month(2026, 11)) == 7_100
    code, out, _err = run(
        capsys, "import", str(plan), str(META / "daily_bom_total.csv"), "--kind", "spend", "--format", "meta-ads"
    )
    assert (code, out.strip()) == (0, "Imported 0 spend rows (5 already in the plan)")
    assert spend_in(plan, Month(2026, 11)) == 7_100


def test_decimal_commas_in_cp1252_with_the_total_row_as_checksum(
    plan: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _err = run(capsys, "import", str(plan), str(META / "semicolon_cp1252.csv"), "--kind", "spend")
    assert code == 0 and out.startswith("Imported 2 spend rows")
    assert spend_in(plan, Month(2026, 10)) == 140_246


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("total_mismatch.csv", "Row 4, Amount spent (USD): the Total row says 22.60 USD"),
        ("bad_rows.csv", "Row 3, Amount spent (GBP)"),
        ("sentence_case_period.csv", "the file is in USD but the plan is in EUR"),
    ],
)
def test_a_bad_file_is_refused_whole_naming_the_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, message: str
) -> None:
    plan = tmp_path / "shop.smoplan"
    code = "EUR" if "EUR" in message else message.split("(")[1][:3]
    assert run(capsys, "new", str(plan), "--currency", code)[0] == 0
    before = snapshot(plan)
    code, out, err = run(capsys, "import", str(plan), str(META / name), "--kind", "spend")
    assert code == 1 and out == ""
    assert err.startswith("smoplanner import: ") and message in err and err.rstrip().endswith("nothing was imported")
    assert len(err.strip().splitlines()) == 1
    if "currency" in message or "plan is in" in message:
        assert "--rate" in err
    assert snapshot(plan) == before


def test_another_currency_imports_with_a_rate(plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(
        capsys, "import", str(plan), str(META / "sentence_case_period.csv"), "--kind", "spend", "--rate", "0.92"
    )
    assert code == 0 and out.startswith("Imported 3 spend rows")
    assert spend_in(plan, Month(2026, 8)) == sum(
        int((Decimal(x) * Decimal("0.92")).quantize(Decimal("0.01")) * 100) for x in ("120.00", "77.55", "40.37")
    )
    code, _out, err = run(capsys, "import", str(plan), str(META / "bad_rows.csv"), "--kind", "spend", "--rate", "x")
    assert code == 1 and "--rate 'x' is not a number" in err


def test_usage_errors_exit_2(plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "import", str(plan), str(META / "bad_rows.csv"), "--format", "meta-ads")[0] == 2
    assert (
        run(capsys, "import", str(plan), str(META / "bad_rows.csv"), "--kind", "spend", "--format", "hootsuite")[0] == 2
    )
    assert run(capsys, "export", str(plan), "budget", "-o", "x.ics", "--format", "ics")[0] == 2


def test_a_posts_file_is_not_taken_for_spend(plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    posts = Path(__file__).parent / "data" / "formats" / "posts_comma_bom.csv"
    code, _out, err = run(capsys, "import", str(plan), str(posts), "--kind", "spend")
    assert code == 1 and "is neither a Meta Ads Manager export" in err


def test_export_budget_writes_the_months_lines(plan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    opened = PlanFile.open(plan)
    with opened.session() as s:
        set_month_budget(
            s,
            Month(2026, 12),
            100_000,
            [BudgetLine("paid_ads", platform="instagram", percent=Decimal("40")), BudgetLine("reserve")],
        )
        set_month_budget(s, Month(2027, 1), 50_000, [BudgetLine("tools")])
    opened.close()
    out = tmp_path / "budget.csv"
    code, stdout, _err = run(capsys, "export", str(plan), "budget", "-o", str(out), "--month", "2026-12")
    assert (code, stdout.strip()) == (0, f"Exported 2 budget lines to {out}")
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [(r["month"], r["tactic"], r["platform"], r["kind"], r["percent"], r["planned"]) for r in rows] == [
        ("2026-12", "paid_ads", "instagram", "percent", "40", "400.00"),
        ("2026-12", "reserve", "", "weighted", "", "600.00"),
    ]
    code, stdout, _err = run(capsys, "export", str(plan), "budget", "-o", str(out))
    assert stdout.strip() == f"Exported 3 budget lines to {out}"
    opened = PlanFile.open(plan, lock="none")
    with opened.session() as s:
        assert list_campaigns(s) == []
    opened.close(save=False)


def test_a_spend_csv_from_another_ad_platform_imports_once(plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    generic = Path(__file__).parent / "data" / "spend" / "generic.csv"
    code, out, err = run(capsys, "import", str(plan), str(generic), "--kind", "spend")
    assert (code, err) == (0, "") and out.startswith("Imported 3 spend rows (0 already in the plan)")
    assert spend_in(plan, Month(2026, 11)) == 104_235
    code, out, _err = run(capsys, "import", str(plan), str(generic), "--kind", "spend", "--format", "generic")
    assert (code, out.strip()) == (0, "Imported 0 spend rows (3 already in the plan)")
    before = snapshot(plan)
    bad = Path(__file__).parent / "data" / "spend" / "generic_bad.csv"
    code, _out, err = run(capsys, "import", str(plan), str(bad), "--kind", "spend")
    assert code == 1 and "Row 3, clicks" in err and snapshot(plan) == before
