"""What an area's tab and menu entries may ask of the window that holds them (the main window provides it)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from smoplanner.ui.document import PlanDocument


class TabHost(Protocol):
    def edit_settings(self) -> None:
        """Open the plan settings dialog."""


@dataclass(frozen=True, slots=True)
class MenuEntry:
    """One entry an area adds to the window's File menu (declared by the area's ``menu_actions``).

    ``key`` names the action in ``MainWindow.area_actions``; ``run(window, document)`` is called when it is
    chosen with a plan open; ``edits`` entries are offered only when the plan can be changed.
    """

    key: str
    text: str
    tip: str
    run: Callable[[QWidget, PlanDocument], object]
    edits: bool = False
