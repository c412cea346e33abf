"""Money never passes through float: every money column holds whole minor units, every parser returns ints."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import text

from smoplanner.core.budget import BudgetLine, allocate
from smoplanner.core.money import currency, parse_money_field, to_minor
from smoplanner.formats.meta_ads import read_meta_ads
from smoplanner.store.demo import budget as demo_budget
from smoplanner.store.demo import demo_settings, fill_demo
from smoplanner.store.demo import posts as demo_posts
from smoplanner.store.models import money_columns
from smoplanner.store.planfile import PlanFile

META = Path(__file__).parent / "data" / "meta_ads"


def test_every_money_column_of_the_sample_plan_holds_integers(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(demo_posts, "_demo_today", lambda: date(2026, 12, 8))
    monkeypatch.setattr(demo_budget, "_demo_today", lambda: date(2026, 12, 8))
    plan = PlanFile.create(tmp_path / "demo.smoplan", demo_settings(), fill=fill_demo)
    try:
        names = {f"{c.class_.__tablename__}.{c.key}" for c in money_columns()}
        assert {
            "budget_months.total_minor",
            "budget_lines.fixed_minor",
            "budget_lines.locked_minor",
            "campaigns.budget_minor",
            "campaigns.target_cost_minor",
            "influencers.fee_minor",
            "paid_results.spend_minor",
            "paid_results.revenue_minor",
            "expenses.amount_minor",
            "posts.boost_minor",
        } <= names
        with plan.session() as s:
            for column in money_columns():
                table, name = column.class_.__tablename__, column.key
                kinds = set(s.scalars(text(f'SELECT DISTINCT typeof("{name}") FROM "{table}"')))
                assert kinds <= {"integer", "null"}, f"{table}.{name}: {kinds}"
                if table in ("budget_months", "paid_results", "expenses", "influencers"):
                    assert "integer" in kinds, f"the sample fills {table}.{name}"
    finally:
        plan.close(save=False)


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_typed_money_comes_back_as_int_minor_units(amount: Decimal) -> None:
    eur = currency("EUR")
    minor = parse_money_field(f"{amount:f}", eur, "Total", None)
    assert type(minor) is int and minor == int(amount * 100)
    german = f"{amount:,.2f}".replace(",", " ").replace(".", ",")
    assert parse_money_field(german, eur, "Total", True) == minor


def test_floats_are_refused_where_money_goes_in() -> None:
    eur = currency("EUR")
    with pytest.raises(TypeError):
        to_minor(12.5, eur)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        allocate(100.0, [])  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        BudgetLine("tools", percent=12.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        BudgetLine("tools", weight=0.5)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["daily_bom_total.csv", "semicolon_cp1252.csv", "title_case_2017.csv"])
def test_imported_money_is_int(name: str) -> None:
    code = "USD" if name.startswith("title") else "EUR"
    for record in read_meta_ads(META / name, plan_currency=currency(code)).require():
        assert type(record.spend_minor) is int and type(record.revenue_minor) is int


def test_the_tabs_share_entry_reads_money_as_int(qapp) -> None:
    from smoplanner.core.locale_format import PlanLocale
    from smoplanner.ui.budget.models import BudgetLinesModel

    model = BudgetLinesModel(currency("EUR"))
    model.fmt = PlanLocale.of("de_DE")
    line = model.line_with_share(BudgetLine("tools"), "1.234,56 €")
    assert type(line.fixed_minor) is int and line.fixed_minor == 123_456
    assert model.line_with_share(BudgetLine("tools"), "12,5%").percent == Decimal("12.5")
