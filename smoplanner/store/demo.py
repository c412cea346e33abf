"""The sample plan: a Berlin café with realistic data for every area smoplanner has."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from smoplanner.core.plan_settings import PlanSettingsData, PlatformEntry, platform_entry
from smoplanner.resources import load_json
from smoplanner.store.posts import fill_posts_demo
from smoplanner.store.profiles import fill_profiles_demo

#: Each area adds a filler here: ``filler(session, demo_json)`` writes that area's sample data.
DEMO_FILLERS: list[Callable[[Session, dict[str, Any]], None]] = [fill_profiles_demo, fill_posts_demo]


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
    for filler in DEMO_FILLERS:
        filler(session, data)
