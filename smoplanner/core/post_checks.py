"""Checks a post's text for one platform against the rulebook: length, bytes, hashtags, links."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from smoplanner.core.dates import day_text
from smoplanner.core.locale_format import PlanLocale
from smoplanner.core.platforms import LimitRule, Rulebook
from smoplanner.core.textcount import count_for, count_hashtags, count_links, utf8_bytes, x_invalid_characters

Severity = Literal["error", "warning"]
_CHARACTER_NAMES = {"\ufeff": "byte order mark", "\ufffe": "non-character", "\uffff": "non-character"}


@dataclass(frozen=True)
class Problem:
    code: str
    severity: Severity
    message: str


@dataclass(frozen=True)
class Measure:
    """What the editor's live counter shows: "212 / 2,200 characters · 3 / 5 hashtags · 1 link"."""

    count: int
    limit: int | None
    unit: str
    hashtags: int
    hashtag_limit: int | None
    links: int

    @property
    def remaining(self) -> int | None:
        return None if self.limit is None else self.limit - self.count


def unit_word(unit: str, amount: int = 2) -> str:
    """The unit as a shop owner says it: graphemes and X's weighted length are both just characters."""
    word = {"bytes": "byte", "count": "item", "pixels": "pixel"}.get(unit, "character")
    return word if amount == 1 else word + "s"


def _plural(amount: int, word: str, locale: str = "en_US") -> str:
    n = PlanLocale.of(locale).number
    return f"{n(amount)} {word}" if amount == 1 else f"{n(amount)} {word}s"


def measure(text: str, platform_code: str, rulebook: Rulebook) -> Measure:
    rules = rulebook.platform(platform_code)
    post_limit = rules.limits.get("post_text")
    hashtag_limit = rules.limits.get("hashtags")
    return Measure(
        count=count_for(text, rules),
        limit=post_limit.value if post_limit else None,
        unit=post_limit.unit if post_limit else _counting_unit(rules.counting),
        hashtags=count_hashtags(text),
        hashtag_limit=hashtag_limit.value if hashtag_limit else None,
        links=count_links(text),
    )


def _counting_unit(counting: str) -> str:
    return {"x_weighted": "weighted", "graphemes": "graphemes", "bytes_utf8": "bytes"}.get(counting, "characters")


def check_post_text(
    text: str, platform_code: str, rulebook: Rulebook, today: date | None = None, locale: str = "en_US"
) -> list[Problem]:
    """Problems with a post's text on one platform, in plain words; give `today` to also hear about stale limits.

    Numbers and dates in the messages are written as the plan's ``locale`` writes them.
    """
    n = PlanLocale.of(locale).number
    rules = rulebook.platform(platform_code)
    problems: list[Problem] = []
    x_rules = rules.counting == "x_weighted"  # twitter-text's isValid: an empty post is not a post
    if not text.strip():
        message = f"{rules.name} {rules.post_label} is empty"
        problems.append(Problem("empty", "error" if x_rules else "warning", message))
        return problems
    subject = f"{rules.name} {rules.post_label}"
    used: list[tuple[str, LimitRule]] = []
    if x_rules:
        bad = x_invalid_characters(text)
        if bad:
            names = ", ".join(f"U+{ord(ch):04X} ({_CHARACTER_NAMES.get(ch, 'invisible')})" for ch in bad)
            problems.append(
                Problem(
                    "invalid_character",
                    "error",
                    f"{subject} holds a character {rules.name} refuses: {names}; it is invisible, often pasted "
                    "along with text, delete it",
                )
            )

    post_limit = rules.limits.get("post_text")
    if post_limit is not None:
        used.append((f"{rules.post_label} length", post_limit))
        count = count_for(text, rules)
        if count > post_limit.value:
            over = count - post_limit.value
            problems.append(
                Problem(
                    "too_long",
                    "error",
                    f"{subject} is {n(over)} {unit_word(post_limit.unit, over)} too long "
                    f"({n(count)} of {n(post_limit.value)})",
                )
            )

    byte_limit = rules.limits.get("post_bytes")
    if byte_limit is not None:
        used.append(("byte", byte_limit))
        size = utf8_bytes(text)
        if size > byte_limit.value:
            problems.append(
                Problem(
                    "too_many_bytes",
                    "error",
                    f"{subject} is over {n(byte_limit.value)} bytes ({n(size)} of {n(byte_limit.value)}); "
                    "emoji and accented letters take several bytes each",
                )
            )

    hashtag_limit = rules.limits.get("hashtags")
    if hashtag_limit is not None:
        used.append(("hashtag", hashtag_limit))
        hashtags = count_hashtags(text)
        if hashtags > hashtag_limit.value:
            problems.append(
                Problem(
                    "too_many_hashtags",
                    "error",
                    f"{rules.name} allows {_plural(hashtag_limit.value, 'hashtag', locale)}; "
                    f"this {rules.post_label} has {n(hashtags)}",
                )
            )

    link_limit = rules.limits.get("links_per_post")
    if link_limit is not None:
        used.append(("link", link_limit))
        links = count_links(text)
        if links > link_limit.value:
            problems.append(
                Problem(
                    "too_many_links",
                    "error",
                    f"{rules.name} allows {_plural(link_limit.value, 'link', locale)} per post; "
                    f"this {rules.post_label} has {n(links)}",
                )
            )

    if today is not None:
        for what, rule in used:
            if rulebook.is_stale(rule, today):
                problems.append(
                    Problem(
                        "stale_limit",
                        "warning",
                        f"{rules.name}'s {what} limit ({n(rule.value)}) was last checked on "
                        f"{day_text(rule.verified_on, locale=locale)}; it may have changed, check it on {rules.name}",
                    )
                )
    return problems


def check_post_everywhere(
    text: str, platform_codes: tuple[str, ...], rulebook: Rulebook, today: date | None = None, locale: str = "en_US"
) -> dict[str, list[Problem]]:
    """The problems of one text on each of several platforms."""
    return {code: check_post_text(text, code, rulebook, today, locale) for code in platform_codes}
