"""The Engagement tab: the queue of comments, messages and reviews to answer, triage, saved replies, statistics."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from smoplanner.ui.document import PlanDocument
    from smoplanner.ui.tabhost import MenuEntry, TabHost


def make_tab(document: PlanDocument, window: TabHost) -> QWidget:
    """The tab's content (its module is imported now, when the tab is first shown)."""
    from smoplanner.ui.engagement.tab import EngagementTab

    tab = EngagementTab(document)
    set_title = getattr(window, "set_tab_title", None)
    if set_title is not None:
        from PySide6.QtCore import QTimer

        tab.title_changed.connect(lambda text: set_title(tab, text))
        QTimer.singleShot(0, tab, tab.refresh_title)  # once the window holds the tab
    return tab


def title_text(overdue: int) -> str:
    return f"E&ngagement ({overdue} overdue)" if overdue else "E&ngagement"


def tab_title(document: PlanDocument) -> str:
    """The tab's title, counting the overdue items (the window shows it before the tab is built)."""
    from smoplanner.store.engagement import overdue_count
    from smoplanner.ui.engagement.models import current_time

    with document.plan.session() as s:
        return title_text(overdue_count(s, current_time()))


def menu_entries() -> list[MenuEntry]:
    """File ▸ Import Engagement… and Export Engagement… (the transfer module is imported when one is chosen)."""
    from smoplanner.ui.tabhost import MenuEntry

    return [
        MenuEntry(
            "import_engagement",
            "Import En&gagement…",
            "Add comments, messages and reviews from an engagement CSV file",
            _import,
            edits=True,
        ),
        MenuEntry("export_engagement", "Export Engage&ment…", "Write the engagement items as CSV", _export),
    ]


def _import(window: QWidget, document: PlanDocument) -> None:
    from smoplanner.ui.engagement.transfer import run_import

    run_import(window, document)


def _export(window: QWidget, document: PlanDocument) -> None:
    from smoplanner.ui.engagement.transfer import run_export

    run_export(window, document)
