"""The report's sections, one per area, in the order `report --json` shows them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from smoplanner.store.posts import posts_report
from smoplanner.store.profiles import profiles_report

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from smoplanner.report.summary import ReportContext

ALL_SECTIONS: list[tuple[str, Callable[[Session, ReportContext], Any]]] = [
    ("posts", posts_report),
    ("profiles", profiles_report),
]
