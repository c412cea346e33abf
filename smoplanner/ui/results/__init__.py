"""The Results tab: organic and paid results in one chart, the table of its numbers, and the KPIs."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from smoplanner.ui.document import PlanDocument
    from smoplanner.ui.tabhost import TabHost


def make_tab(document: PlanDocument, window: TabHost) -> QWidget:
    """The tab's content (its module is imported now; matplotlib only when the tab is first shown)."""
    from smoplanner.ui.results.tab import ResultsTab

    return ResultsTab(document)
