"""The month in numbers: the data behind `smoplanner report` (and the printed plan's totals)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from smoplanner.core.dates import Month
from smoplanner.core.plan_settings import PlanSettingsData
from smoplanner.store.settings import get_settings


@dataclass(frozen=True)
class ReportContext:
    month: Month
    settings: PlanSettingsData

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.settings.timezone)


#: Each area registers ``(key, builder)``; the builder returns that area's JSON-ready section.
SECTIONS: list[tuple[str, Callable[[Session, ReportContext], Any]]] = []


def month_report(session: Session, month: Month) -> dict[str, Any]:
    """``{"month": "2026-12", "currency": "EUR", <one key per area>}``."""
    _register_sections()
    context = ReportContext(month, get_settings(session))
    report: dict[str, Any] = {"month": str(month), "currency": context.settings.currency}
    for key, build in SECTIONS:
        report[key] = build(session, context)
    return report


def _register_sections() -> None:
    """Adds the areas' sections (imported here, not at start-up, so the window starts fast)."""
    from smoplanner.report.sections import ALL_SECTIONS

    for key, build in ALL_SECTIONS:
        if key not in {k for k, _ in SECTIONS}:
            SECTIONS.append((key, build))


def format_text(report: dict[str, Any], business_name: str) -> str:
    """The same report as lines a person reads in a terminal."""
    lines = [f"{business_name}: {report['month']} ({report['currency']})"]
    for key, value in report.items():
        if key in ("month", "currency"):
            continue
        lines.append(f"{key}:")
        lines.extend(_lines(value, "  "))
    return "\n".join(lines)


def _lines(value: Any, indent: str) -> list[str]:
    if isinstance(value, dict):
        out: list[str] = []
        for k, v in value.items():
            if isinstance(v, dict | list) and v:
                out.append(f"{indent}{k}:")
                out.extend(_lines(v, indent + "  "))
            else:
                out.append(f"{indent}{k}: {v if v not in (None, {}, []) else '-'}")
        return out
    if isinstance(value, list):
        return [f"{indent}- {item}" for item in value]
    return [f"{indent}{value}"]
