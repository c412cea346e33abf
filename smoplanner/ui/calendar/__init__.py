"""The Calendar tab: month, week and list views of the posts, the ideas backlog, the post editor, import and export."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from smoplanner.ui.document import PlanDocument
    from smoplanner.ui.tabhost import MenuEntry, TabHost


def make_tab(document: PlanDocument, window: TabHost) -> QWidget:
    """The tab's content (its module is imported now, when the tab is first shown)."""
    from smoplanner.ui.calendar.tab import CalendarTab

    tab = CalendarTab(document)
    tab.edit_settings_requested.connect(window.edit_settings)
    return tab


def menu_entries() -> list[MenuEntry]:
    """File ▸ Import Posts… and Export Posts… (the transfer module is imported when one is chosen)."""
    from smoplanner.ui.tabhost import MenuEntry

    return [
        MenuEntry(
            "import_posts", "&Import Posts…", "Add posts from a Hootsuite or posts CSV file", _import, edits=True
        ),
        MenuEntry(
            "export_posts", "&Export Posts…", "Write posts as CSV, Hootsuite CSV or a calendar (.ics) file", _export
        ),
    ]


def _import(window: QWidget, document: PlanDocument) -> None:
    from smoplanner.ui.calendar.transfer import run_import

    run_import(window, document)


def _export(window: QWidget, document: PlanDocument) -> None:
    from smoplanner.ui.calendar.transfer import run_export

    run_export(window, document)
