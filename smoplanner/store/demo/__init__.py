"""The sample plan: a Berlin café with realistic data for every area smoplanner has.

Each area's filler (``store/demo/<area>.py``, declared in ``AREAS``) writes that area's share of
``resources/demo/plan.json``.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from smoplanner.areas import AREAS, resolve
from smoplanner.core.plan_settings import PlanSettingsData, PlatformEntry, platform_entry
from smoplanner.resources import load_json

__all__ = ["demo_settings", "fill_demo"]


def demo_settings() -> PlanSettingsData:
    raw = load_json("demo", "plan.json")["settings"]
    platforms = tuple(
        PlatformEntry(p["code"], p["name"], True) if p.get("custom") else platform_entry(p["code"])
        for p in raw["platforms"]
    )
    return PlanSettingsData(
        business_name=raw["business_name"],
        website=raw["website"],
        keywords=tuple(raw["keywords"]),
        currency=raw["currency"],
        timezone=raw["timezone"],
        locale=raw["locale"],
        platforms=platforms,
    )


def fill_demo(session: Session) -> None:
    """Write every area's sample data into a plan whose settings are already the demo settings."""
    data = load_json("demo", "plan.json")
    for area in AREAS:
        if area.demo is not None:
            resolve(area.demo)(session, data)
