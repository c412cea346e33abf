"""A post's pictures and videos as plain data, their checks against each platform's media rules, and how a
post reads in a platform's feed (cut where the platform cuts it, with "… more").

The rules are limits in the rulebook, each with its source and date: ``media_max_items`` (pictures and videos
in one post), ``media_max_bytes`` (a picture's file size), ``media_min_width_px`` and ``media_min_height_px``,
``media_aspect_min`` and ``media_aspect_max`` (width / height × 1,000) and ``feed_cut`` (the characters a
feed shows before "more"). A platform without a rule is not checked for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Literal

from smoplanner.core.dates import day_text
from smoplanner.core.locale_format import PlanLocale
from smoplanner.core.platforms import LimitRule, Rulebook
from smoplanner.core.post_checks import Problem
from smoplanner.core.textcount import graphemes

MediaKind = Literal["picture", "video"]
MEDIA_KINDS: tuple[str, ...] = ("picture", "video")
#: The longest alt text kept for one picture (Bluesky's app takes 2,000; the longest any platform takes).
MAX_ALT_TEXT = 2000
MORE = "… more"


@dataclass(frozen=True, slots=True)
class MediaItem:
    """One picture or video of a post.

    A picture is kept in the plan once per content hash (``sha256``); ``data`` carries its bytes only on the
    way in (a picture just attached), never when read back. A video is a reference to a file (``path``);
    its size is what the file had when it was attached.
    """

    kind: str
    sha256: str = ""
    path: str = ""
    mime: str = ""
    width: int = 0
    height: int = 0
    byte_size: int = 0
    alt_text: str = ""
    data: bytes | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.kind not in MEDIA_KINDS:
            raise ValueError(f"{self.kind!r} is not a kind of media (use picture or video)")
        if self.kind == "picture" and len(self.sha256) != 64:
            raise ValueError("a picture needs the SHA-256 of its content")
        if self.kind == "video" and not self.path.strip():
            raise ValueError("a video needs the path of its file")

    @property
    def name(self) -> str:
        """How the item is named in messages: a video by its file name, a picture by its size."""
        if self.kind == "video":
            return "video " + self.path.replace("\\", "/").rsplit("/", 1)[-1]
        return f"picture {self.width}×{self.height}"

    def without_data(self) -> MediaItem:
        return MediaItem(
            self.kind, self.sha256, self.path, self.mime, self.width, self.height, self.byte_size, self.alt_text
        )

    def same_content(self, other: MediaItem) -> bool:
        """Whether two items show the same thing (alt text aside): one picture content, or one video file."""
        return (self.kind, self.sha256, self.path) == (other.kind, other.sha256, other.path)


def ratio_text(value: int) -> str:
    """A stored ratio (width / height × 1,000) as people write it: 800 -> "4:5", 1910 -> "1.91:1"."""
    known = {800: "4:5", 1000: "1:1", 1910: "1.91:1", 100: "1:10", 10000: "10:1", 667: "2:3", 1778: "16:9"}
    if value in known:
        return known[value]
    if value >= 1000:
        return f"{value / 1000:.2f}".rstrip("0").rstrip(".") + ":1"
    return "1:" + f"{1000 / value:.2f}".rstrip("0").rstrip(".") if value else "0"


def _megabytes(size: int, locale: str = "en_US") -> str:
    fmt = PlanLocale.of(locale)
    if size >= 100_000:
        return f"{fmt.number(Decimal(size) / 1_000_000, 1)} MB"
    return f"{fmt.number(Decimal(size) / 1000)} KB"


def check_post_media(
    items: tuple[MediaItem, ...] | list[MediaItem],
    platform_code: str,
    rulebook: Rulebook,
    today: date | None = None,
    locale: str = "en_US",
) -> list[Problem]:
    """Problems of a post's media on one platform, in plain words naming the item (first picture = 1).

    Numbers and dates in the messages are written as the plan's ``locale`` writes them.
    """
    n = PlanLocale.of(locale).number
    rules = rulebook.platform(platform_code)
    limits = rules.limits
    problems: list[Problem] = []
    used: list[tuple[str, LimitRule]] = []
    name = rules.name

    most = limits.get("media_max_items")
    if most is not None:
        used.append(("media count", most))
        if len(items) > most.value:
            problems.append(
                Problem(
                    "too_many_media",
                    "error",
                    f"{name} takes up to {n(most.value)} picture{'s' if most.value != 1 else ''} or videos in a "
                    f"{rules.post_label}; this one has {n(len(items))}",
                )
            )
    size_rule = limits.get("media_max_bytes")
    min_w = limits.get("media_min_width_px")
    min_h = limits.get("media_min_height_px")
    low = limits.get("media_aspect_min")
    high = limits.get("media_aspect_max")
    for rule, what in ((size_rule, "file size"), (min_w, "picture width"), (min_h, "picture height")):
        if rule is not None:
            used.append((what, rule))
    for rule in (low, high):
        if rule is not None:
            used.append(("aspect ratio", rule))
    for number, item in enumerate(items, start=1):
        if item.kind != "picture":
            continue
        label = f"Picture {number} ({item.width}×{item.height})"
        if size_rule is not None and item.byte_size > size_rule.value:
            problems.append(
                Problem(
                    "media_too_big",
                    "error",
                    f"{label} is {_megabytes(item.byte_size, locale)}; {name} takes pictures up to "
                    f"{_megabytes(size_rule.value, locale)}",
                )
            )
        if min_w is not None and item.width < min_w.value:
            problems.append(
                Problem(
                    "media_too_narrow",
                    "error",
                    f"{label} is {n(item.width)} pixels wide; {name} needs at least {n(min_w.value)}",
                )
            )
        if min_h is not None and item.height < min_h.value:
            problems.append(
                Problem(
                    "media_too_short",
                    "error",
                    f"{label} is {n(item.height)} pixels high; {name} needs at least {n(min_h.value)}",
                )
            )
        if item.width > 0 and item.height > 0 and (low is not None or high is not None):
            # Compared in whole numbers: width × 1000 against height × limit, so 4:5 is exactly 4:5.
            scaled = item.width * 1000
            too_tall = low is not None and scaled < item.height * low.value
            too_wide = high is not None and scaled > item.height * high.value
            if too_tall or too_wide:
                allowed = (
                    f"from {ratio_text(low.value)} to {ratio_text(high.value)}"
                    if low is not None and high is not None
                    else (f"no taller than {ratio_text(low.value)}" if low is not None else "")
                    or (f"no wider than {ratio_text(high.value)}" if high is not None else "")
                )
                shape = "tall" if too_tall else "wide"
                problems.append(
                    Problem(
                        "media_aspect",
                        "error",
                        f"{label} is too {shape} for {name}, which takes shapes {allowed}; crop it",
                    )
                )
    if today is not None:
        for what, rule in used:
            if rulebook.is_stale(rule, today):
                problems.append(
                    Problem(
                        "stale_limit",
                        "warning",
                        f"{name}'s {what} rule was last checked on {day_text(rule.verified_on, locale=locale)}; "
                        f"it may have changed, check it on {name}",
                    )
                )
    return problems


def missing_alt_text(items: tuple[MediaItem, ...] | list[MediaItem]) -> list[int]:
    """The numbers (1 = first) of the pictures without alt text."""
    return [n for n, item in enumerate(items, start=1) if item.kind == "picture" and not item.alt_text.strip()]


@dataclass(frozen=True, slots=True)
class FeedPreview:
    """How a post's text reads in a platform's feed: ``shown`` is the visible part, ``cut`` says whether the
    platform hides the rest behind "… more"; ``cut_at`` is the rule's number of characters (None: no cut)."""

    shown: str
    cut: bool
    cut_at: int | None
    rule: LimitRule | None = None


def feed_preview(text: str, platform_code: str, rulebook: Rulebook) -> FeedPreview:
    """The text as ``platform_code``'s feed shows it before "more": cut after ``feed_cut`` characters
    (graphemes, so an emoji is never split), back to the last space when one is near."""
    rule = rulebook.limit(platform_code, "feed_cut")
    text = text.strip()
    if rule is None:
        return FeedPreview(text, False, None, None)
    clusters = graphemes(text)
    if len(clusters) <= rule.value:
        return FeedPreview(text, False, rule.value, rule)
    head = "".join(clusters[: rule.value])
    space = max(head.rfind(" "), head.rfind("\n"))
    if space >= len(head) * 3 // 4:  # end on a whole word when that keeps most of the visible text
        head = head[:space]
    return FeedPreview(head.rstrip(), True, rule.value, rule)
