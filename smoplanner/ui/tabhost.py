"""What a tab's factory may ask of the window that holds the tab (the main window provides it)."""

from __future__ import annotations

from typing import Protocol


class TabHost(Protocol):
    def edit_settings(self) -> None:
        """Open the plan settings dialog."""
