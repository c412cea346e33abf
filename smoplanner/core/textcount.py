"""Counts text the way each platform does: code points, X's weighted length, graphemes, bytes."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

import regex

if TYPE_CHECKING:
    from smoplanner.core.platforms import PlatformRules

# twitter-text config/v3.json; the rulebook carries the same values with their source.
X_SCALE = 100
X_DEFAULT_WEIGHT = 200
X_URL_LENGTH = 23
X_RANGES: tuple[tuple[int, int, int], ...] = (
    (0x0000, 0x10FF, 100),
    (0x2000, 0x200D, 100),
    (0x2010, 0x201F, 100),
    (0x2032, 0x2037, 100),
)

# Bare domains (no http://) count as links only with a well-known generic TLD, or with a country TLD
# followed by a path, as twitter-text does; otherwise "end.It was" would be a link to Italy.
_GENERIC_TLDS = (
    "com|net|org|info|biz|edu|gov|shop|store|online|site|website|app|dev|io|co|me|tv|xyz|eu|blog|social|page|"
    "link|club|art|design|cafe|studio|bio|ly|ai|news|media|photo|photography|restaurant|bakery|boutique|"
    "salon|fitness|travel|email|tech|agency|company|business|services|berlin|london|nyc|paris"
)
_LABEL = r"[\p{L}\p{N}](?:[\p{L}\p{N}\-]{0,61}[\p{L}\p{N}])?"
_URL_RE = regex.compile(
    rf"""
    (?<![\w@.\-/])
    (?:
        https?://(?:{_LABEL}\.)+(?:[a-z]{{2,}}|xn--[a-z0-9\-]+)\b(?![.\-]\w)(?::\d+)?(?:[/?\#][^\s<>"'«»“”]*)?
      | https?://(?:\d{{1,3}}\.){{3}}\d{{1,3}}(?::\d+)?(?:[/?\#][^\s<>"'«»“”]*)?
      | (?:www\.)?(?:{_LABEL}\.)+(?:{_GENERIC_TLDS})\b(?![.\-]\w)(?:[/?\#][^\s<>"'«»“”]*)?
      | (?:www\.)?(?:{_LABEL}\.)+[a-z]{{2}}/[^\s<>"'«»“”]*
      | www\.(?:{_LABEL}\.)+[a-z]{{2}}\b(?![.\-]\w)(?:[?\#][^\s<>"'«»“”]*)?
    )
    """,
    regex.IGNORECASE | regex.VERBOSE,
)
_TRAILING_PUNCTUATION = ".,;:!?)]}'\"…"
_GRAPHEME_RE = regex.compile(r"\X")
_EMOJI_RE = regex.compile(r"\p{Emoji_Presentation}|\p{Regional_Indicator}|\uFE0F|\u20E3")
_HASHTAG_RE = regex.compile(r"(?<![\p{L}\p{M}\p{N}_&/#＃])[#＃]([\p{L}\p{M}\p{N}_]+)")


def _url_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in _URL_RE.finditer(text):
        start, end = match.span()
        while end > start and text[end - 1] in _TRAILING_PUNCTUATION:
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


def find_urls(text: str) -> list[str]:
    """Web addresses in the text, with or without http(s)://, in order."""
    return [text[start:end] for start, end in _url_spans(text)]


def count_links(text: str) -> int:
    return len(_url_spans(text))


def extract_hashtags(text: str) -> list[str]:
    """Hashtags without the '#', skipping ones inside web addresses and pure numbers such as #1."""
    without_urls = _blank_urls(text)
    return [tag for tag in _HASHTAG_RE.findall(without_urls) if not tag.isdigit()]


def count_hashtags(text: str) -> int:
    return len(extract_hashtags(text))


def _blank_urls(text: str) -> str:
    parts = []
    last = 0
    for start, end in _url_spans(text):
        parts.append(text[last:start])
        parts.append(" " * (end - start))
        last = end
    parts.append(text[last:])
    return "".join(parts)


def graphemes(text: str) -> list[str]:
    return _GRAPHEME_RE.findall(text)


def is_emoji(grapheme: str) -> bool:
    """True for a whole emoji sequence: one emoji, skin tone, ZWJ family, flag or keycap."""
    return bool(_EMOJI_RE.search(grapheme)) or (
        len(grapheme) > 1 and bool(regex.match(r"\p{Extended_Pictographic}", grapheme))
    )


def utf8_bytes(text: str) -> int:
    return len(text.encode("utf-8"))


def _x_weight(code_point: int) -> int:
    for start, end, weight in X_RANGES:
        if start <= code_point <= end:
            return weight
    return X_DEFAULT_WEIGHT


def x_weighted_length(text: str) -> int:
    """twitter-text v3: weighted code points, 23 per link, 2 per emoji sequence, rounded up."""
    text = unicodedata.normalize("NFC", text)
    total = 0
    last = 0
    pieces = []
    for start, end in _url_spans(text):
        pieces.append(text[last:start])
        total += X_URL_LENGTH * X_SCALE
        last = end
    pieces.append(text[last:])
    for piece in pieces:
        for grapheme in graphemes(piece):
            if is_emoji(grapheme):
                total += X_DEFAULT_WEIGHT
            else:
                total += sum(_x_weight(ord(ch)) for ch in grapheme)
    return -(-total // X_SCALE)


def threads_length(text: str) -> int:
    """Characters, except that each emoji counts as many as its UTF-8 bytes."""
    text = unicodedata.normalize("NFC", text)
    return sum(utf8_bytes(g) if is_emoji(g) else len(g) for g in graphemes(text))


def count_text(text: str, counting: str) -> int:
    """The length of the text under one of the rulebook's counting rules."""
    if counting == "chars":
        return len(unicodedata.normalize("NFC", text))
    if counting == "x_weighted":
        return x_weighted_length(text)
    if counting == "graphemes":
        return len(graphemes(text))
    if counting == "bytes_utf8":
        return utf8_bytes(text)
    if counting == "threads":
        return threads_length(text)
    raise ValueError(f"Unknown counting rule {counting!r}")


def count_for(text: str, rules: PlatformRules) -> int:
    """The length of a post text the way this platform counts it."""
    return count_text(text, rules.counting)


def count_for_unit(text: str, rules: PlatformRules, unit: str) -> int:
    """The length as a limit in this unit means it: a platform's own rule for its "characters"."""
    if unit == "bytes":
        return utf8_bytes(text)
    if unit == "graphemes":
        return len(graphemes(text))
    if unit == "weighted":
        return x_weighted_length(text)
    if rules.counting in {"chars", "threads", "graphemes"}:
        return count_text(text, rules.counting)
    return count_text(text, "chars")
