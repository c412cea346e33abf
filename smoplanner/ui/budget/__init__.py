"""The Budget tab: a month's split with locks and presets, campaigns, influencers, plan against actual spend."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from smoplanner.ui.document import PlanDocument
    from smoplanner.ui.tabhost import MenuEntry, TabHost


def make_tab(document: PlanDocument, window: TabHost) -> QWidget:
    """The tab's content (its module is imported now, when the tab is first shown)."""
    from smoplanner.ui.budget.tab import BudgetTab

    return BudgetTab(document)


def menu_entries() -> list[MenuEntry]:
    """File ▸ Import Spend… and Export Budget… (the transfer module is imported when one is chosen)."""
    from smoplanner.ui.tabhost import MenuEntry

    return [
        MenuEntry(
            "import_spend",
            "Import Spen&d…",
            "Add ad spend and results from a Meta Ads Manager export or a spend CSV",
            _import,
            edits=True,
        ),
        MenuEntry("export_budget", "Export &Budget…", "Write the budget lines, planned and spent, as CSV", _export),
    ]


def _import(window: QWidget, document: PlanDocument) -> None:
    from smoplanner.ui.budget.transfer import run_spend_import

    run_spend_import(window, document)


def _export(window: QWidget, document: PlanDocument) -> None:
    from smoplanner.ui.budget.transfer import run_budget_export

    run_budget_export(window, document)
