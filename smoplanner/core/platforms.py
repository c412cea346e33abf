"""The platform rulebook: each platform's limits, counting rule and checklist items, read from resources/."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from types import MappingProxyType
from typing import Any

from smoplanner.resources import load_json

PLATFORM_CODES: tuple[str, ...] = (
    "facebook",
    "instagram",
    "x",
    "linkedin",
    "tiktok",
    "youtube",
    "pinterest",
    "threads",
    "bluesky",
    "google_business",
)

COUNTING_RULES: frozenset[str] = frozenset({"chars", "x_weighted", "graphemes", "bytes_utf8", "threads"})
UNITS: frozenset[str] = frozenset({"characters", "graphemes", "bytes", "weighted", "pixels", "count"})
CONTACT_FIELDS: frozenset[str] = frozenset({"email", "phone", "address"})

_EMPTY: Mapping[str, Any] = MappingProxyType({})


@dataclass(frozen=True)
class LimitRule:
    value: int
    unit: str
    source: str
    verified_on: date
    note: str = ""
    overridden: bool = False


@dataclass(frozen=True)
class ManualItem:
    code: str
    label: str
    help: str = ""


@dataclass(frozen=True)
class PlatformRules:
    code: str
    name: str
    brand_color: str
    counting: str
    limits: Mapping[str, LimitRule]
    handle_pattern: str | None
    has_banner: bool
    contact_fields: tuple[str, ...]
    manual_items: tuple[ManualItem, ...]
    post_label: str = "post"
    handle_pattern_source: str = ""
    custom: bool = False
    #: False for platforms whose profiles have no @handle (Google Business Profile): handle rules do not apply.
    has_handle: bool = True

    def limit(self, field_name: str) -> LimitRule | None:
        return self.limits.get(field_name)


@dataclass(frozen=True)
class Rulebook:
    platforms: Mapping[str, PlatformRules]
    stale_after_days: int = 365
    score_formula: str = ""
    x_weighted_counting: Mapping[str, Any] = field(default_factory=lambda: _EMPTY)
    format: int = 1
    #: The plan's own names for custom platforms ("nebenan.de"), by code; known platforms keep their names.
    platform_names: Mapping[str, str] = field(default_factory=lambda: _EMPTY)

    def platform(self, code: str) -> PlatformRules:
        """The rules for a platform; a custom or unknown code gets permissive rules with no limits,
        named as the plan names it (see ``with_platform_names``)."""
        known = self.platforms.get(code)
        rules = known if known is not None else custom_platform(code)
        if not rules.custom:
            return rules
        name = " ".join(str(self.platform_names.get(code) or "").split())
        return replace(rules, name=name) if name and name != rules.name else rules

    def with_platform_names(self, names: Mapping[str, str]) -> Rulebook:
        """A copy that calls custom platforms by the names the plan gives them; names of known platforms
        are not used (the rulebook's names stay)."""
        merged = dict(self.platform_names)
        merged.update({code: name for code, name in names.items() if name})
        return replace(self, platform_names=MappingProxyType(merged))

    def limit(self, code: str, field_name: str) -> LimitRule | None:
        return self.platform(code).limits.get(field_name)

    def with_overrides(self, overrides: Mapping[tuple[str, str], int]) -> Rulebook:
        """A copy where the user's own values replace (or add) limits, marked as overridden."""
        platforms = dict(self.platforms)
        for (code, field_name), value in overrides.items():
            rules = platforms.get(code) or custom_platform(code)
            limits = dict(rules.limits)
            old = limits.get(field_name)
            if old is not None:
                limits[field_name] = replace(old, value=int(value), overridden=True)
            else:
                limits[field_name] = LimitRule(
                    value=int(value),
                    unit=_default_unit(field_name, rules.counting),
                    source="",
                    verified_on=date.today(),
                    note="Set by you",
                    overridden=True,
                )
            platforms[code] = replace(rules, limits=MappingProxyType(limits))
        return replace(self, platforms=MappingProxyType(platforms))

    def is_stale(self, rule: LimitRule, today: date) -> bool:
        """True when a limit was last verified so long ago that the platform may have changed it."""
        if rule.overridden:
            return False
        return (today - rule.verified_on).days > self.stale_after_days


def custom_platform(code: str, name: str | None = None) -> PlatformRules:
    """Permissive rules for a platform the rulebook does not know: nothing is limited. ``name`` is the
    plan's name for it; without one a name is made from the code."""
    name = " ".join((name or "").split()) or (
        " ".join(word.capitalize() for word in re.split(r"[_\-\s]+", code) if word) or "Custom"
    )
    return PlatformRules(
        code=code,
        name=name,
        brand_color="#607D8B",
        counting="chars",
        limits=MappingProxyType({}),
        handle_pattern=None,
        has_banner=False,
        contact_fields=(),
        manual_items=(),
        custom=True,
    )


def default_unit(field_name: str, counting: str) -> str:
    """The unit a limit the user adds is counted in (a platform's counting rule decides for text)."""
    return _default_unit(field_name, counting)


def _default_unit(field_name: str, counting: str) -> str:
    if field_name.endswith("_px"):
        return "pixels"
    if field_name in {"hashtags", "links_in_bio", "links_per_post"}:
        return "count"
    if field_name.endswith("_bytes"):
        return "bytes"
    return {"x_weighted": "weighted", "graphemes": "graphemes", "bytes_utf8": "bytes"}.get(counting, "characters")


def _fail(code: str, what: str, problem: str) -> ValueError:
    return ValueError(f"Rulebook: {code} {what}: {problem}")


def _parse_source(code: str, what: str, record: Mapping[str, Any]) -> tuple[str, date]:
    source = record.get("source")
    if not isinstance(source, str) or not re.match(r"^https://[^\s/]+\.[^\s]+", source):
        raise _fail(code, what, f"needs a source as an https:// address, got {source!r}")
    raw_date = record.get("verified_on")
    try:
        verified_on = date.fromisoformat(str(raw_date))
    except ValueError:
        raise _fail(code, what, f"needs a 'verified_on' date as YYYY-MM-DD, got {raw_date!r}") from None
    return source, verified_on


def _parse_limit(code: str, field_name: str, record: Any) -> LimitRule:
    if not isinstance(record, Mapping):
        raise _fail(code, field_name, "must be a record with value, unit, source and verified_on")
    value = record.get("value")
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise _fail(code, field_name, f"needs a whole number 'value', got {value!r}")
    unit = record.get("unit")
    if unit not in UNITS:
        raise _fail(code, field_name, f"unit {unit!r} is not one of {', '.join(sorted(UNITS))}")
    source, verified_on = _parse_source(code, field_name, record)
    return LimitRule(value, unit, source, verified_on, str(record.get("note") or ""))


def _parse_platform(code: str, raw: Any) -> PlatformRules:
    if not isinstance(raw, Mapping):
        raise _fail(code, "entry", "must be a record")
    counting = raw.get("counting")
    if counting not in COUNTING_RULES:
        raise _fail(code, "counting", f"{counting!r} is not one of {', '.join(sorted(COUNTING_RULES))}")
    limits = {name: _parse_limit(code, name, rec) for name, rec in dict(raw.get("limits") or {}).items()}

    pattern: str | None = None
    pattern_source = ""
    raw_pattern = raw.get("handle_pattern")
    if raw_pattern is not None:
        if not isinstance(raw_pattern, Mapping) or not isinstance(raw_pattern.get("pattern"), str):
            raise _fail(code, "handle_pattern", "must be a record with 'pattern', 'source' and 'verified_on'")
        pattern_source, _ = _parse_source(code, "handle_pattern", raw_pattern)
        pattern = raw_pattern["pattern"]
        try:
            re.compile(pattern)
        except re.error as exc:
            raise _fail(code, "handle_pattern", f"is not a valid pattern ({exc})") from None

    has_handle = raw.get("has_handle")
    if not isinstance(has_handle, bool):
        raise _fail(code, "has_handle", f"must be true or false, got {has_handle!r}")
    if has_handle and pattern is None:
        raise _fail(code, "handle_pattern", "is needed when the platform has handles")
    if not has_handle and pattern is not None:
        raise _fail(code, "handle_pattern", "makes no sense for a platform without handles")

    contact = tuple(raw.get("contact_fields") or ())
    unknown = set(contact) - CONTACT_FIELDS
    if unknown:
        raise _fail(code, "contact_fields", f"unknown fields {sorted(unknown)}")

    items = []
    for raw_item in raw.get("manual_items") or ():
        if not isinstance(raw_item, Mapping) or not raw_item.get("code") or not raw_item.get("label"):
            raise _fail(code, "manual_items", "each item needs a 'code' and a 'label'")
        items.append(ManualItem(str(raw_item["code"]), str(raw_item["label"]), str(raw_item.get("help") or "")))

    return PlatformRules(
        code=code,
        name=str(raw.get("name") or custom_platform(code).name),
        brand_color=str(raw.get("brand_color") or "#607D8B"),
        counting=counting,
        limits=MappingProxyType(limits),
        handle_pattern=pattern,
        has_banner=bool(raw.get("has_banner", False)),
        contact_fields=contact,
        manual_items=tuple(items),
        post_label=str(raw.get("post_label") or "post"),
        handle_pattern_source=pattern_source,
        has_handle=has_handle,
    )


def parse_rulebook(data: Mapping[str, Any]) -> Rulebook:
    """Checks and converts a rulebook read from JSON; raises ValueError naming the platform and field at fault."""
    if data.get("format") != 1:
        raise ValueError(f"Rulebook: format {data.get('format')!r} is not supported (expected 1)")
    raw_platforms = data.get("platforms")
    if not isinstance(raw_platforms, Mapping):
        raise ValueError("Rulebook: 'platforms' is missing")
    platforms = {code: _parse_platform(code, raw) for code, raw in raw_platforms.items()}
    x_config = data.get("x_weighted_counting") or {}
    if x_config:
        _parse_source("x", "x_weighted_counting", x_config)
    return Rulebook(
        platforms=MappingProxyType(platforms),
        stale_after_days=int(data.get("stale_after_days", 365)),
        score_formula=str(data.get("score_formula") or ""),
        x_weighted_counting=MappingProxyType(dict(x_config)),
        format=1,
    )


@cache
def load_rulebook() -> Rulebook:
    """The rulebook shipped in resources/rulebook.json, read once."""
    return parse_rulebook(load_json("rulebook.json"))
