"""The month in numbers: the data behind `smoplanner report` (and the printed plan's totals)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from smoplanner.areas import report_sections, resolve
from smoplanner.core.dates import Month
from smoplanner.report.context import ReportContext
from smoplanner.store.settings import get_settings

__all__ = ["ReportContext", "format_text", "month_report"]


def month_report(session: Session, month: Month) -> dict[str, Any]:
    """``{"month": "2026-12", "currency": "EUR", <one key per area>}``, as ``report --json`` prints it.

    Each area with a report section (see ``AREAS``) adds its key; its builder is imported here, not at
    start-up, so the window starts fast.
    """
    context = ReportContext(month, get_settings(session))
    report: dict[str, Any] = {"month": str(month), "currency": context.settings.currency}
    for section in report_sections():
        report[section.key] = resolve(section.builder)(session, context).to_json()
    return report


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
