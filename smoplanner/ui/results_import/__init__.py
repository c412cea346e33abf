"""File ▸ Import Results…: X and Meta results exports and the results CSV, for the Results tab."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from smoplanner.ui.document import PlanDocument
    from smoplanner.ui.tabhost import MenuEntry


def menu_entries() -> list[MenuEntry]:
    """File ▸ Import Results… (the transfer module is imported when it is chosen)."""
    from smoplanner.ui.tabhost import MenuEntry

    return [
        MenuEntry(
            "import_results",
            "Import Res&ults…",
            "Add reach, engagements and post results from an X or Meta export or a results CSV",
            _import,
            edits=True,
        )
    ]


def _import(window: QWidget, document: PlanDocument) -> None:
    from smoplanner.ui.results_import.transfer import run_import

    run_import(window, document)
