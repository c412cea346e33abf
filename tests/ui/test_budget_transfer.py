"""File ▸ Import Spend and Export Budget: read on a worker, told before it goes in, one undoable step."""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from helpers import new_plan

from smoplanner.core.budget import BudgetLine
from smoplanner.core.dates import Month
from smoplanner.store import budget as store
from smoplanner.ui.budget import transfer
from smoplanner.ui.budget.tab import BudgetTab
from smoplanner.ui.document import PlanDocument

META = Path(__file__).resolve().parent.parent / "data" / "meta_ads"
NOV = Month(2026, 11)


@pytest.fixture
def document(tmp_path: Path, qtbot):
    plan = new_plan(tmp_path / "bakery.smoplan")  # in euros
    doc = PlanDocument(plan)
    yield doc
    if not plan.closed:
        plan.close(save=False)


@pytest.fixture
def tab(qtbot, document: PlanDocument) -> BudgetTab:
    tab = BudgetTab(document)
    qtbot.addWidget(tab)
    tab.show_month(NOV)
    return tab


def spend(document: PlanDocument) -> int:
    with document.plan.session() as s:
        return store.paid_totals(s, NOV).spend_minor


def test_a_meta_export_is_previewed_imported_once_and_undone(tab: BudgetTab, monkeypatch) -> None:
    document = tab.document
    asked: list[str] = []
    told: list[str] = []
    monkeypatch.setattr(transfer, "ask_confirm_import", lambda _p, text: asked.append(text) or True)
    monkeypatch.setattr(transfer, "show_info", lambda _p, _t, text: told.append(text))
    result = transfer.run_spend_import(tab, document, META / "daily_bom_total.csv")
    assert result is not None and result.added == 5
    assert asked[0].startswith(  # as the plan's locale (de_DE) writes dates and money
        "5 rows from 2. Nov. 2026 to 3. Nov. 2026, spend 71,00\u00a0€. The Total row (row 7) matches."
    )
    assert told == ["5 new, 0 already in the plan. New campaigns: “Black Friday, early birds”, “Newsletter sign-ups”."]
    assert spend(document) == 7_100
    assert [c.name for c in tab.campaigns_model.rows] == ["Black Friday, early birds", "Newsletter sign-ups"]
    again = transfer.run_spend_import(tab, document, META / "daily_bom_total.csv")
    assert again is not None and again.added == 0 and spend(document) == 7_100
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert spend(document) == 0 and tab.campaigns_model.rows == []
    document.undo_stack.redo()
    assert spend(document) == 7_100


def test_a_bad_file_is_refused_naming_its_row_and_nothing_changes(tab: BudgetTab, monkeypatch, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    text = (META / "total_mismatch.csv").read_text(encoding="utf-8").replace("(USD)", "(EUR)")
    path.write_text(text, encoding="utf-8")
    errors: list[str] = []
    monkeypatch.setattr(transfer, "show_error", lambda _p, _t, text: errors.append(text))
    monkeypatch.setattr(transfer, "ask_rate", lambda *_args: pytest.fail("asked for a rate for a file in euros"))
    monkeypatch.setattr(transfer, "ask_confirm_import", lambda _p, _text: pytest.fail("asked to import a bad file"))
    assert transfer.run_spend_import(tab, tab.document, path) is None
    assert errors == [
        "Nothing was imported from bad.csv:\n"
        "Row 4, Amount spent (EUR): the Total row says 22.60 EUR but the rows add up to 22.50 EUR"
    ]
    assert tab.document.undo_stack.count() == 0 and spend(tab.document) == 0


def test_a_file_in_another_currency_without_a_rate_imports_nothing(tab: BudgetTab, monkeypatch) -> None:
    monkeypatch.setattr(transfer, "ask_rate", lambda *_args: None)
    monkeypatch.setattr(transfer, "ask_confirm_import", lambda _p, _text: pytest.fail("asked to import"))
    assert transfer.run_spend_import(tab, tab.document, META / "total_mismatch.csv") is None
    assert tab.document.undo_stack.count() == 0


def test_another_currency_asks_for_the_rate(tab: BudgetTab, monkeypatch) -> None:
    rates: list[tuple[str, str]] = []
    monkeypatch.setattr(transfer, "ask_rate", lambda _p, file, plan: rates.append((file, plan)) or Decimal("0.5"))
    monkeypatch.setattr(transfer, "ask_confirm_import", lambda _p, _text: True)
    monkeypatch.setattr(transfer, "show_info", lambda *_args: None)
    result = transfer.run_spend_import(tab, tab.document, META / "sentence_case_period.csv")
    assert rates == [("USD", "EUR")] and result is not None and result.added == 3
    with tab.document.plan.session() as s:
        assert store.paid_totals(s, Month(2026, 8)).spend_minor == 6_000 + 3_878 + 2_019  # half of each, rounded


def test_export_budget_writes_every_months_lines(tab: BudgetTab, tmp_path: Path, monkeypatch) -> None:
    with tab.document.plan.session() as s:
        store.set_month_budget(s, NOV, 10_000, [BudgetLine("tools"), BudgetLine("reserve")])
        store.add_expense(s, store.Expense(date(2026, 11, 3), "tools", 1_199, "Canva"))
    out = tmp_path / "budget.csv"
    monkeypatch.setattr(transfer, "ask_export_path", lambda _p, _suggested: out)
    assert transfer.run_budget_export(tab, tab.document) == out
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [(r["tactic"], r["planned"], r["spent"], r["percent_used"]) for r in rows] == [
        ("tools", "50.00", "11.99", "24.0"),
        ("reserve", "50.00", "0.00", "0.0"),
    ]


def test_expenses_are_added_in_the_month_and_counted_against_their_line(tab: BudgetTab, monkeypatch, qtmodeltester):
    from smoplanner.ui.budget import dialogs

    tab.total_edit.setText("100")
    tab.commit_total()
    tab.add_line()  # paid ads
    monkeypatch.setattr(
        dialogs, "ask_expense", lambda dialog: store.Expense(dialog.day.date().toPython(), "paid_ads", 9_500, "Meta")
    )
    tab.add_expense()
    assert [e.amount_minor for e in tab.expenses_model.rows] == [9_500]
    assert tab.lines_model.rows[0].compared.status == "warning"
    assert tab.lines_model.data(tab.lines_model.index(0, tab.lines_model.USED)) == "⚠ 95,0\u00a0%"
    assert [(t, c.spent_minor) for t, c in tab.tactics_model.rows] == [("paid_ads", 9_500)]
    qtmodeltester.check(tab.expenses_model)
    qtmodeltester.check(tab.tactics_model)
    tab.expenses_view.setCurrentIndex(tab.expenses_model.index(0, 0))
    tab.delete_expense()
    assert tab.expenses_model.rows == []
    tab.document.undo_stack.undo()
    assert [e.vendor for e in tab.expenses_model.rows] == ["Meta"]
