"""The Budget tab: typing a total, locking a line, rebalancing, presets with a preview, undo; its models."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from helpers import new_plan
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from smoplanner.core.budget import BudgetLine
from smoplanner.core.dates import Month
from smoplanner.store import budget as store
from smoplanner.store.planfile import PlanFile
from smoplanner.ui.budget import dialogs
from smoplanner.ui.budget.models import BudgetLinesModel, money_text
from smoplanner.ui.budget.tab import BudgetTab
from smoplanner.ui.document import PlanDocument


@pytest.fixture
def plan(tmp_path: Path):
    plan = new_plan(tmp_path / "plan.smoplan")  # a German plan in euros
    yield plan
    plan.close(save=False)


@pytest.fixture
def tab(qtbot, plan: PlanFile) -> BudgetTab:
    document = PlanDocument(plan)
    tab = BudgetTab(document)
    qtbot.addWidget(tab)
    tab.show_month(Month(2026, 12))
    return tab


def type_total(tab: BudgetTab, text: str) -> None:
    tab.total_edit.setText(text)
    tab.commit_total()


def planned(tab: BudgetTab) -> list[int]:
    return [view.compared.planned_minor for view in tab.lines_model.rows]


def test_type_a_total_lock_a_line_change_the_total_and_the_others_rebalance(tab: BudgetTab, qtmodeltester) -> None:
    assert tab.empty_lines.isVisibleTo(tab) and "Type the month's total" in tab.empty_lines.text()
    type_total(tab, "1.234,56 €")
    assert tab.budget.total_minor == 123_456
    assert tab.total_edit.text() == "1.234,56"  # written back as the plan's locale (de_DE) writes amounts
    for _ in range(3):
        tab.add_line()
    assert planned(tab) == [41_152, 41_152, 41_152]
    model = tab.lines_model
    assert model.setData(model.index(0, model.LOCK), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert tab.budget.lines[0].locked and tab.budget.lines[0].locked_minor == 41_152
    type_total(tab, "2000")
    assert planned(tab) == [41_152, 79_424, 79_424]
    assert sum(planned(tab)) == 200_000
    assert model.setData(model.index(1, model.SHARE), "25%", Qt.ItemDataRole.EditRole)
    assert planned(tab) == [41_152, 50_000, 108_848]
    qtmodeltester.check(model)
    tab.document.undo_stack.undo()
    assert planned(tab) == [41_152, 79_424, 79_424]
    tab.document.undo_stack.undo()
    tab.document.undo_stack.undo()
    assert not tab.budget.lines[0].locked and tab.budget.total_minor == 123_456
    reopened = PlanFile  # the working copy holds every step: read it through a fresh session
    with tab.document.plan.session() as s:
        assert store.get_month_budget(s, Month(2026, 12)).total_minor == 123_456
    assert reopened is PlanFile


def test_a_bad_or_ambiguous_total_is_refused_naming_the_field(tab: BudgetTab) -> None:
    type_total(tab, "1,234")  # in a German plan: 1 euro 23.4 cents or 1234?
    assert tab.total_error.text().startswith("▲ Total:") and "ambiguous" in tab.total_error.text()
    type_total(tab, "twelve")
    assert "Total:" in tab.total_error.text()
    assert tab.budget.total_minor == 0 and tab.document.undo_stack.count() == 0


def test_over_allocation_says_by_how_much_with_a_mark(tab: BudgetTab) -> None:
    type_total(tab, "100")
    tab.add_line()
    tab.add_line()
    model = tab.lines_model
    assert model.setData(model.index(0, model.SHARE), "80", Qt.ItemDataRole.EditRole)
    assert model.setData(model.index(1, model.SHARE), "70%", Qt.ItemDataRole.EditRole)
    assert tab.over_label.isVisibleTo(tab)
    assert tab.over_label.text().startswith("▲ Over-allocated by 50,00\u00a0€")
    assert model.data(model.index(0, model.PLANNED)).endswith("▲")
    assert model.data(model.index(0, model.PLANNED), Qt.ItemDataRole.ForegroundRole) is not None


def test_a_preset_is_previewed_and_applied_as_one_undoable_step(tab: BudgetTab, monkeypatch) -> None:
    type_total(tab, "1000")
    seen: list[dialogs.PresetPreviewDialog] = []
    monkeypatch.setattr(dialogs, "ask_apply_preset", lambda dialog: seen.append(dialog) or False)
    assert not tab.preview_preset("even")
    assert len(seen) == 1 and tab.budget.lines == ()
    monkeypatch.setattr(dialogs, "ask_apply_preset", lambda dialog: True)
    assert tab.preview_preset("even")
    assert [line.platform for line in tab.budget.lines] == ["facebook", "instagram"]
    assert planned(tab) == [50_000, 50_000]
    tab.document.undo_stack.undo()
    assert tab.budget.lines == ()


def test_the_preset_preview_lists_each_lines_amount_from_a_model(tab: BudgetTab, monkeypatch) -> None:
    from PySide6.QtWidgets import QTableView

    seen: list[dialogs.PresetPreviewDialog] = []
    monkeypatch.setattr(dialogs, "ask_apply_preset", lambda dialog: seen.append(dialog) or False)
    type_total(tab, "1000")
    tab.preview_preset("even")
    [dialog] = seen
    [view] = dialog.findChildren(QTableView)
    model = view.model()
    assert model is dialog.model
    rows = [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]
    assert [row[1] for row in rows] == ["facebook", "instagram"]
    amounts = [row[2] for row in rows]
    assert len(amounts) == 2 and amounts[0] == amounts[1] and "500" in amounts[0]
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)] == ["Tactic", "Platform", "Amount"]


def test_seventy_twenty_ten_uses_the_marks(tab: BudgetTab, monkeypatch) -> None:
    monkeypatch.setattr(dialogs, "ask_apply_preset", lambda dialog: True)
    type_total(tab, "1000")
    for _ in range(3):
        tab.add_line()
    model = tab.lines_model
    for row, mark in enumerate(("proven", "promising", "experimental")):
        assert model.setData(model.index(row, model.MARK), mark, Qt.ItemDataRole.EditRole)
    assert tab.preview_preset("702010")
    assert planned(tab) == [70_000, 20_000, 10_000]


def test_campaigns_and_influencers_are_added_through_their_dialogs(tab: BudgetTab, monkeypatch, qtmodeltester) -> None:
    monkeypatch.setattr(
        dialogs, "ask_campaign", lambda dialog: store.Campaign("Spring sale", "sales", budget_minor=500)
    )
    tab.add_campaign()
    monkeypatch.setattr(
        dialogs, "ask_influencer", lambda dialog: store.Influencer("Mia", fee_minor=15_000, status="paid")
    )
    tab.add_influencer()
    assert [c.name for c in tab.campaigns_model.rows] == ["Spring sale"]
    assert [i.name for i in tab.influencers_model.rows] == ["Mia"]
    qtmodeltester.check(tab.campaigns_model)
    qtmodeltester.check(tab.influencers_model)
    tab.campaigns_view.setCurrentIndex(tab.campaigns_model.index(0, 0))
    tab.delete_campaign()
    assert tab.campaigns_model.rows == []
    tab.document.undo_stack.undo()
    assert [c.name for c in tab.campaigns_model.rows] == ["Spring sale"]


def test_the_lines_model_passes_the_model_tester_with_every_kind_of_line(qtmodeltester) -> None:
    from smoplanner.core.budget import plan_vs_actual
    from smoplanner.core.money import currency
    from smoplanner.store.budget.spend import LineStatus  # noqa: F401
    from smoplanner.ui.budget.models import LineView

    model = BudgetLinesModel(currency("EUR"))
    lines = [
        BudgetLine("paid_ads", platform="instagram", percent=Decimal("12.5"), mark="proven"),
        BudgetLine("tools", fixed_minor=2_400).locked_at(2_400),
        BudgetLine("reserve"),
    ]
    model.reset_rows(
        LineView(line, plan_vs_actual(p, s), i == 0)
        for i, (line, p, s) in enumerate(zip(lines, (100, 2_400, 0), (95, 3_000, 5), strict=True))
    )
    qtmodeltester.check(model)
    assert model.data(model.index(0, model.USED)) == "⚠ 95.0%"  # a model on its own writes as en_US does
    assert model.data(model.index(1, model.USED)) == "▲ 125.0% over"
    assert model.data(model.index(2, model.USED)) == "▲ spent, not planned"


def test_by_return_states_its_fallback_and_copy_takes_last_months_lines(tab: BudgetTab, monkeypatch) -> None:
    shown: list[str] = []

    def look(dialog: dialogs.PresetPreviewDialog) -> bool:
        shown.extend(label.text() for label in dialog.findChildren(QLabel))
        return True

    monkeypatch.setattr(dialogs, "ask_apply_preset", look)
    type_total(tab, "1000")
    assert tab.preview_preset("return")
    assert "Last month no platform had paid results, so the budget is split evenly." in shown
    assert planned(tab) == [50_000, 50_000]
    tab.show_month(Month(2027, 1))
    type_total(tab, "500")
    assert tab.preview_preset("copy")
    assert [line.platform for line in tab.budget.lines] == ["facebook", "instagram"]
    assert planned(tab) == [25_000, 25_000]


def test_a_paid_result_typed_in_counts_as_spent_and_undoes(tab: BudgetTab, monkeypatch, qtmodeltester) -> None:
    paid_page = tab.paid_view.parentWidget()
    assert tab.pages.tabText(tab.pages.indexOf(paid_page)) == "&Paid Results"
    assert not tab.empty_hints[tab.paid_view].isHidden() and tab.paid_view.isHidden()
    assert "Type the day's results with Add" in tab.empty_hints[tab.paid_view].text()
    type_total(tab, "100")
    tab.add_line()  # paid ads
    with tab.document.plan.session() as s:
        store.save_campaign(s, store.Campaign("Winter menu"))
        s.commit()
    seen: list[str] = []

    def type_in(dialog: dialogs.PaidResultDialog):
        seen.extend(dialog.campaign.itemText(i) for i in range(dialog.campaign.count()))
        dialog.spend.setText("12,345")  # ambiguous in a German plan: refused, naming the field
        dialog._accept()
        seen.append(dialog.error.text())
        dialog.spend.setText("42,50")  # as a German plan writes it
        dialog.revenue.setText("120")
        dialog.campaign.setCurrentIndex(0)
        dialog.platform.setText("Instagram")
        dialog.impressions.setValue(3_000)
        dialog.clicks.setValue(80)
        dialog.results.setValue(5)
        dialog._accept()
        return dialog.chosen

    monkeypatch.setattr(dialogs, "ask_paid_result", type_in)
    tab.add_paid_result()
    assert seen[0] == "Winter menu" and seen[1].startswith("Spend")
    [entry] = tab.paid_model.rows
    r = entry.result
    assert (r.spend_minor, r.revenue_minor, r.campaign, r.platform, r.link_clicks) == (
        4_250,
        12_000,
        "Winter menu",
        "instagram",
        80,
    )
    assert tab.paid_model.data(tab.paid_model.index(0, 9)) == "Typed"
    assert tab.lines_model.rows[0].compared.spent_minor == 4_250
    assert f"spent {money_text(4_250, tab.cur, tab.fmt)}" in tab.summary.text()
    assert tab.empty_hints[tab.paid_view].isHidden() and not tab.paid_view.isHidden()
    qtmodeltester.check(tab.paid_model)
    assert tab.document.undo_stack.undoText().startswith("Add Paid Result Winter menu")

    def correct(dialog: dialogs.PaidResultDialog):
        assert dialog.spend.text() == "42,50"
        dialog.spend.setText("50")
        dialog._accept()
        return dialog.chosen

    monkeypatch.setattr(dialogs, "ask_paid_result", correct)
    tab.paid_view.setCurrentIndex(tab.paid_model.index(0, 0))
    tab.edit_paid_result()
    assert tab.lines_model.rows[0].compared.spent_minor == 5_000
    tab.document.undo_stack.undo()
    assert tab.lines_model.rows[0].compared.spent_minor == 4_250
    tab.delete_paid_result()
    assert tab.paid_model.rows == [] and tab.lines_model.rows[0].compared.spent_minor == 0
    tab.document.undo_stack.undo()
    tab.document.undo_stack.undo()
    assert tab.paid_model.rows == [] and tab.lines_model.rows[0].compared.spent_minor == 0
    tab.document.undo_stack.redo()
    assert [e.result.spend_minor for e in tab.paid_model.rows] == [4_250]
