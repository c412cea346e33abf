"""The Profiles tab: profiles, their checklists and scores, and the consistency matrix."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from smoplanner.ui.document import PlanDocument
    from smoplanner.ui.tabhost import TabHost


def make_tab(document: PlanDocument, window: TabHost) -> QWidget:
    """The tab's content (its module is imported now, when the tab is first shown)."""
    from smoplanner.ui.profiles.tab import ProfilesTab

    tab = ProfilesTab(document)
    tab.edit_settings_requested.connect(window.edit_settings)
    return tab
