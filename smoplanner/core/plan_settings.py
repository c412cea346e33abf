"""The plan's own settings (business, currency, time zone, locale) as plain data, with validation and defaults."""

from __future__ import annotations

import locale as _locale
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

if TYPE_CHECKING:
    from smoplanner.core.platforms import Rulebook


def _rulebook() -> Rulebook:
    # Read when first needed: the main window imports this module before its first paint.
    from smoplanner.core.platforms import load_rulebook

    return load_rulebook()


class _KnownPlatformNames(Mapping[str, str]):
    """The names of the platforms the rulebook in use knows, by code, in the rulebook's order."""

    def __getitem__(self, code: str) -> str:
        return _rulebook().names[code]

    def __iter__(self) -> Iterator[str]:
        return iter(_rulebook().codes)

    def __len__(self) -> int:
        return len(_rulebook().codes)

    def __repr__(self) -> str:
        return f"KNOWN_PLATFORMS({dict(self)!r})"


#: The platforms smoplanner knows by code, with their names (from the rulebook); anything else is custom.
KNOWN_PLATFORMS: Mapping[str, str] = _KnownPlatformNames()

# Country part of a locale -> the currency most businesses there keep their books in.
_COUNTRY_CURRENCY = {
    "US": "USD",
    "GB": "GBP",
    "IE": "EUR",
    "DE": "EUR",
    "AT": "EUR",
    "FR": "EUR",
    "ES": "EUR",
    "IT": "EUR",
    "NL": "EUR",
    "BE": "EUR",
    "PT": "EUR",
    "FI": "EUR",
    "GR": "EUR",
    "LU": "EUR",
    "SK": "EUR",
    "SI": "EUR",
    "EE": "EUR",
    "LV": "EUR",
    "LT": "EUR",
    "HR": "EUR",
    "MT": "EUR",
    "CY": "EUR",
    "CH": "CHF",
    "SE": "SEK",
    "NO": "NOK",
    "DK": "DKK",
    "PL": "PLN",
    "CZ": "CZK",
    "HU": "HUF",
    "CA": "CAD",
    "AU": "AUD",
    "NZ": "NZD",
    "JP": "JPY",
    "IN": "INR",
    "BR": "BRL",
    "MX": "MXN",
    "ZA": "ZAR",
}

_CURRENCY_RE = re.compile(r"^[A-Z]{3}$")
_LOCALE_RE = re.compile(r"^[a-z]{2,3}(_[A-Z]{2})?$")
_CUSTOM_CODE_RE = re.compile(r"^[a-z0-9_]{2,40}$")


class SettingsError(ValueError):
    """A setting a user typed is not acceptable; names the field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class PlatformEntry:
    """One platform in use: a known code (facebook, …) or a custom one with its own name."""

    code: str
    name: str
    custom: bool = False


@dataclass(frozen=True)
class PlanSettingsData:
    business_name: str
    website: str = ""
    keywords: tuple[str, ...] = ()
    currency: str = "EUR"
    timezone: str = "UTC"
    locale: str = "en_US"
    platforms: tuple[PlatformEntry, ...] = field(default_factory=tuple)

    def with_changes(self, **changes: object) -> PlanSettingsData:
        return replace(self, **changes)  # type: ignore[arg-type]


def platform_entry(code: str, name: str | None = None) -> PlatformEntry:
    """A platform entry for a known code, or a custom platform named by the user."""
    if code in KNOWN_PLATFORMS:
        return PlatformEntry(code, KNOWN_PLATFORMS[code], custom=False)
    return PlatformEntry(code, name or code.replace("_", " ").title(), custom=True)


def custom_platform(name: str) -> PlatformEntry:
    """A custom platform from the name a user typed ("Nextdoor" -> code "nextdoor")."""
    name = " ".join(name.split())
    if not name:
        raise SettingsError("platforms", "A custom platform needs a name.")
    code = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")[:40] or "custom"
    if code in KNOWN_PLATFORMS:
        return platform_entry(code)
    return PlatformEntry(code, name[:80], custom=True)


def parse_keywords(text: str) -> tuple[str, ...]:
    """Keywords typed one per line or separated by commas; blanks and repeats dropped, order kept."""
    seen: dict[str, str] = {}
    for part in re.split(r"[,\n;]", text):
        word = " ".join(part.split())
        if word and word.lower() not in seen:
            seen[word.lower()] = word
    return tuple(seen.values())


def normalise_website(text: str) -> str:
    """A website as typed ("example.com") made into a full address ("https://example.com")."""
    text = text.strip()
    if not text:
        return ""
    if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", text):
        text = "https://" + text
    return text


@cache
def _zones() -> frozenset[str]:
    return frozenset(available_timezones())


def is_valid_timezone(name: str) -> bool:
    if name in _zones():
        return True
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def validate(settings: PlanSettingsData) -> PlanSettingsData:
    """The settings, cleaned; raises SettingsError naming the first field that is wrong."""
    name = " ".join(settings.business_name.split())
    if not name:
        raise SettingsError("business_name", "Please enter the business name.")
    if len(name) > 200:
        raise SettingsError("business_name", "The business name is longer than 200 characters.")
    website = normalise_website(settings.website)
    if website:
        parts = urlsplit(website)
        if parts.scheme not in ("http", "https") or "." not in (parts.hostname or ""):
            raise SettingsError("website", f"“{settings.website.strip()}” is not a web address (like example.com).")
    currency = settings.currency.strip().upper()
    if not _CURRENCY_RE.match(currency) or not _known_currency(currency):
        raise SettingsError("currency", f"“{settings.currency}” is not a currency code (like EUR or USD).")
    if not is_valid_timezone(settings.timezone):
        raise SettingsError("timezone", f"“{settings.timezone}” is not a time zone (like Europe/Berlin).")
    if not _LOCALE_RE.match(settings.locale):
        raise SettingsError("locale", f"“{settings.locale}” is not a locale (like en_US or de_DE).")
    codes: set[str] = set()
    platforms: list[PlatformEntry] = []
    for entry in settings.platforms:
        if entry.code in codes:
            continue
        if not entry.custom and entry.code not in KNOWN_PLATFORMS:
            raise SettingsError("platforms", f"“{entry.code}” is not a platform smoplanner knows.")
        if entry.custom and not _CUSTOM_CODE_RE.match(entry.code):
            raise SettingsError("platforms", f"“{entry.name}” cannot be used as a platform name.")
        codes.add(entry.code)
        platforms.append(entry)
    keywords = tuple(k for k in (" ".join(k.split()) for k in settings.keywords) if k)
    return PlanSettingsData(
        business_name=name,
        website=website,
        keywords=keywords,
        currency=currency,
        timezone=settings.timezone,
        locale=settings.locale,
        platforms=tuple(platforms),
    )


def _known_currency(code: str) -> bool:
    from smoplanner.core.money import currency

    try:
        currency(code)
    except ValueError:
        return False
    return True


def system_timezone() -> str:
    """The IANA name of this computer's time zone, or UTC when it cannot be told."""
    tz = os.environ.get("TZ", "").lstrip(":")
    if tz and is_valid_timezone(tz):
        return tz
    localtime = Path("/etc/localtime")
    try:
        target = str(localtime.resolve())
    except OSError:
        target = ""
    if "zoneinfo/" in target:
        candidate = target.split("zoneinfo/", 1)[1]
        if is_valid_timezone(candidate):
            return candidate
    try:
        candidate = Path("/etc/timezone").read_text(encoding="utf-8").strip()
    except OSError:
        candidate = ""
    if candidate and is_valid_timezone(candidate):
        return candidate
    return "UTC"


def system_locale() -> str:
    """This computer's locale as ``ll_CC`` (en_US when it cannot be told)."""
    name = None
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            name = value
            break
    if name is None:
        try:
            name = _locale.getlocale()[0]
        except ValueError:
            name = None
    name = (name or "en_US").split(".")[0].split("@")[0]
    return name if _LOCALE_RE.match(name) else "en_US"


def currency_for_locale(locale_name: str) -> str:
    country = locale_name.split("_")[1] if "_" in locale_name else ""
    return _COUNTRY_CURRENCY.get(country, "EUR")


def default_settings(business_name: str = "") -> PlanSettingsData:
    """Defaults for a new plan, from this computer's locale and time zone."""
    loc = system_locale()
    return PlanSettingsData(
        business_name=business_name,
        currency=currency_for_locale(loc),
        timezone=system_timezone(),
        locale=loc,
        platforms=(platform_entry("facebook"), platform_entry("instagram")),
    )
