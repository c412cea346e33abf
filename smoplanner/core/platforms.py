"""The platform rulebook: everything smoplanner knows about each platform, read from resources/rulebook.json.

A platform's name, colour, badge, the other names people write for it, its web addresses, its handle rules,
limits, counting rule and checklist items are all data: a new platform is an entry in the file, in the order
the app lists platforms.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from smoplanner.resources import load_json

COUNTING_RULES: frozenset[str] = frozenset({"chars", "x_weighted", "graphemes", "bytes_utf8", "threads"})
#: "ratio" is a picture's width divided by its height, times 1,000 (4:5 is 800, 1.91:1 is 1,910).
UNITS: frozenset[str] = frozenset({"characters", "graphemes", "bytes", "weighted", "pixels", "count", "ratio"})
CONTACT_FIELDS: frozenset[str] = frozenset({"email", "phone", "address"})
#: The colour of a platform the rulebook does not know (a custom one).
CUSTOM_COLOR = "#6B7280"
_COLOR_RE = re.compile(r"^#[0-9A-Fa-f]{6}$")

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
    #: True where a handle is a domain name (Bluesky's shop.bsky.social): only its first label is compared.
    domain_handle: bool = False
    #: What is written before a handle ("@annas"); typed in front of one, it is not part of it.
    handle_prefix: str = "@"
    #: The few letters on the platform's badge ("IG"); empty for a custom platform.
    badge: str = ""
    #: Other names people write for the platform ("Twitter", "GMB"), in CSV cells and bios.
    aliases: tuple[str, ...] = ()
    #: The hosts of the platform's own sites ("instagram.com"); an address on one points to the platform.
    domains: tuple[str, ...] = ()

    def limit(self, field_name: str) -> LimitRule | None:
        return self.limits.get(field_name)

    def bare_handle(self, handle: str) -> str:
        """A handle as typed, without the spaces around it or the prefix: " @annas" -> "annas"."""
        handle = handle.strip()
        while self.handle_prefix and handle.startswith(self.handle_prefix):
            handle = handle[len(self.handle_prefix) :]
        return handle

    def shown_handle(self, handle: str) -> str:
        """A handle as the platform writes it: "annas" -> "@annas" (empty when there is none)."""
        bare = self.bare_handle(handle)
        return f"{self.handle_prefix}{bare}" if bare else ""


@dataclass(frozen=True)
class Rulebook:
    platforms: Mapping[str, PlatformRules]
    stale_after_days: int = 365
    score_formula: str = ""
    x_weighted_counting: Mapping[str, Any] = field(default_factory=lambda: _EMPTY)
    format: int = 1
    #: The plan's own names for custom platforms ("nebenan.de"), by code; known platforms keep their names.
    platform_names: Mapping[str, str] = field(default_factory=lambda: _EMPTY)
    _words: Mapping[str, str] = field(init=False, repr=False, compare=False)
    _names: Mapping[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Known platforms only: overrides may add custom ones to ``platforms``.
        known = {code: rules for code, rules in self.platforms.items() if not rules.custom}
        # Every word that names a known platform (code, name, alias), casefolded, to the platform's code.
        words: dict[str, str] = {}
        for code, rules in known.items():
            for word in (code, rules.name, *rules.aliases):
                words.setdefault(word.casefold(), code)
        object.__setattr__(self, "_words", MappingProxyType(words))
        object.__setattr__(self, "_names", MappingProxyType({code: rules.name for code, rules in known.items()}))

    @property
    def codes(self) -> tuple[str, ...]:
        """The known platforms' codes, in the order the app lists them."""
        return tuple(self._names)

    @property
    def names(self) -> Mapping[str, str]:
        """The known platforms' names by code, in the order the app lists them."""
        return self._names

    def code_for(self, word: str) -> str | None:
        """The known platform a word stands for: its code, its name or one of its aliases, in any case
        ("Twitter" -> "x", "Google My Business" -> "google_business"); None for any other word."""
        return self._words.get(" ".join(word.split()).casefold())

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
        brand_color=CUSTOM_COLOR,
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
    if field_name.startswith("media_aspect"):
        return "ratio"
    if field_name in {"hashtags", "links_in_bio", "links_per_post", "media_max_items"}:
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
    domain_handle = False
    prefix = "@"
    raw_pattern = raw.get("handle_pattern")
    if raw_pattern is not None:
        if not isinstance(raw_pattern, Mapping) or not isinstance(raw_pattern.get("pattern"), str):
            raise _fail(code, "handle_pattern", "must be a record with 'pattern', 'source' and 'verified_on'")
        pattern_source, _ = _parse_source(code, "handle_pattern", raw_pattern)
        pattern = raw_pattern["pattern"]
        domain_handle = raw_pattern.get("domain_handle", False)
        if not isinstance(domain_handle, bool):
            raise _fail(code, "handle_pattern", f"'domain_handle' must be true or false, got {domain_handle!r}")
        prefix = raw_pattern.get("prefix", "@")
        if not isinstance(prefix, str) or len(prefix) > 3 or prefix.strip() != prefix:
            raise _fail(code, "handle_pattern", f"'prefix' must be a few characters such as '@', got {prefix!r}")
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

    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise _fail(code, "name", f"needs the platform's name, got {name!r}")
    color = raw.get("brand_color")
    if not isinstance(color, str) or not _COLOR_RE.match(color):
        raise _fail(code, "brand_color", f"needs a colour as #RRGGBB, got {color!r}")
    badge = raw.get("badge")
    if not isinstance(badge, str) or not 1 <= len(badge) <= 3:
        raise _fail(code, "badge", f"needs one to three letters, got {badge!r}")

    return PlatformRules(
        code=code,
        name=name.strip(),
        brand_color=color,
        counting=counting,
        limits=MappingProxyType(limits),
        handle_pattern=pattern,
        has_banner=bool(raw.get("has_banner", False)),
        contact_fields=contact,
        manual_items=tuple(items),
        post_label=str(raw.get("post_label") or "post"),
        handle_pattern_source=pattern_source,
        has_handle=has_handle,
        domain_handle=domain_handle,
        handle_prefix=prefix,
        badge=badge,
        aliases=_strings(code, "aliases", raw.get("aliases")),
        domains=tuple(d.lower() for d in _strings(code, "domains", raw.get("domains"))),
    )


def _strings(code: str, what: str, raw: Any) -> tuple[str, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(item, str) and item.strip() for item in raw):
        raise _fail(code, what, "must be a list of words")
    return tuple(" ".join(item.split()) for item in raw)


def parse_rulebook(data: Mapping[str, Any]) -> Rulebook:
    """Checks and converts a rulebook read from JSON; raises ValueError naming the platform and field at fault."""
    if data.get("format") != 1:
        raise ValueError(f"Rulebook: format {data.get('format')!r} is not supported (expected 1)")
    raw_platforms = data.get("platforms")
    if not isinstance(raw_platforms, Mapping):
        raise ValueError("Rulebook: 'platforms' is missing")
    platforms = {code: _parse_platform(code, raw) for code, raw in raw_platforms.items()}
    seen: dict[str, str] = {}
    for code, rules in platforms.items():
        for word in (code, rules.name, *rules.aliases):
            other = seen.setdefault(word.casefold(), code)
            if other != code:
                raise _fail(code, "aliases", f"{word!r} already names {other}")
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


def read_rulebook(source: str | os.PathLike[str] | Mapping[str, Any]) -> Rulebook:
    """A rulebook from a JSON file or from the JSON already read (a dict); raises ValueError when it is wrong."""
    if isinstance(source, Mapping):
        return parse_rulebook(source)
    return parse_rulebook(json.loads(Path(source).read_text(encoding="utf-8")))


@cache
def shipped_rulebook() -> Rulebook:
    """The rulebook shipped in resources/rulebook.json, read once."""
    return parse_rulebook(load_json("rulebook.json"))


_in_use: list[Rulebook] = []


def load_rulebook() -> Rulebook:
    """The rulebook in use: the shipped one, unless another is put in place with ``using_rulebook``."""
    return _in_use[-1] if _in_use else shipped_rulebook()


@contextmanager
def using_rulebook(rulebook: Rulebook) -> Iterator[Rulebook]:
    """Use ``rulebook`` everywhere the app asks for platform facts, until the block ends (tests, tools)."""
    _in_use.append(rulebook)
    try:
        yield rulebook
    finally:
        _in_use.remove(rulebook)


def __getattr__(name: str) -> Any:
    # PLATFORM_CODES reads the rulebook when first asked for, not when the module is imported.
    if name == "PLATFORM_CODES":
        return shipped_rulebook().codes
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
