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

# twitter-text refuses a post holding one of these (its INVALID_CHARACTERS): byte-order marks and non-characters.
X_INVALID_CHARACTERS = "\ufffe\ufeff\uffff"
X_MAX_URL_LENGTH = 4096  # twitter-text: a longer address (host in punycode) is not a link
_MAX_LABEL = 63  # a host name label, counted in its punycode (ASCII) form

# Bare domains (no http://) count as links only with a well-known generic TLD, or with a country TLD
# followed by a path, as twitter-text does; otherwise "end.It was" would be a link to Italy.
_GENERIC_TLDS = (
    "com|net|org|info|biz|edu|gov|shop|store|online|site|website|app|dev|io|co|me|tv|xyz|eu|blog|social|page|"
    "link|club|art|design|cafe|studio|bio|ly|ai|news|media|photo|photography|restaurant|bakery|boutique|"
    "salon|fitness|travel|email|tech|agency|company|business|services|berlin|london|nyc|paris"
)
# Top-level domains in other scripts, from twitter-text's TLD list (tld_lib.yml: the internationalised country
# codes and generic names). With http(s):// they end a link like ".com" does; a bare one (no scheme) is never a
# link, as in twitter-text, which takes only ASCII domains without a scheme.
_IDN_TLDS = (
    # country codes
    "рф|срб|бел|укр|қаз|мкд|мон|бг|ελ|ευ|հայ|გე|ישראל|"
    "پاکستان|ایران|الجزائر|امارات|بھارت|تونس|سودان|سورية|عمان|فلسطين|قطر|مصر|مليسيا|موريتانيا|المغرب|"
    "البحرين|الاردن|السعودية|عراق|اليمن|"
    "भारत|भारतम्|भारोत|বাংলা|ভারত|ভাৰত|ਭਾਰਤ|ભારત|ଭାରତ|இந்தியா|இலங்கை|சிங்கப்பூர்|భారత్|ಭಾರತ|ഭാരതം|ලංකා|ไทย|"
    "中国|中國|台湾|台灣|香港|澳門|澳门|新加坡|한국|"
    # generic names
    "онлайн|сайт|москва|дети|рус|орг|ком|католик|"
    "在线|中文网|公司|网络|网址|商城|商店|商标|游戏|企业|娱乐|政务|手机|移动|组织机构|世界|购物|集团|信息|機構|网店|"
    "慈善|我爱你|时尚|微博|点看|大拿|健康|八卦|书籍|招聘|工行|珠宝|广东|佛山|"
    "みんな|コム|クラウド|ストア|セール|ファッション|ポイント|グーグル|닷컴|닷넷|삼성|"
    "كوم|موقع|شبكة|بازار|همراه|عرب|ابوظبي|"
    "קום|कॉम|नेट|संगठन"
)
_LABEL = r"[\p{L}\p{N}](?:[\p{L}\p{M}\p{N}\-]{0,61}[\p{L}\p{M}\p{N}])?"
# Without a scheme, twitter-text takes only ASCII domains, Latin accented letters allowed (its latinAccentChars).
_LATIN = r"a-z0-9\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0300-\u036f\u1e00-\u1eff"
_BARE_LABEL = rf"[{_LATIN}](?:[{_LATIN}\-]{{0,61}}[{_LATIN}])?"
_URL_RE = regex.compile(
    rf"""
    (?<![\w@.\-/])
    (?:
        https?://(?P<host>(?:{_LABEL}\.)+(?:(?:{_IDN_TLDS})(?![\p{{L}}\p{{M}}\p{{N}}])|[a-z]{{2,}}\b|xn--[a-z0-9\-]+\b))
          (?![.\-]\w)(?::\d+)?(?:[/?\#][^\s<>"'«»“”]*)?
      | https?://(?:\d{{1,3}}\.){{3}}\d{{1,3}}(?::\d+)?(?:[/?\#][^\s<>"'«»“”]*)?
      | (?:www\.)?(?:{_BARE_LABEL}\.)+(?:{_GENERIC_TLDS})\b(?![.\-]\w)(?:[/?\#][^\s<>"'«»“”]*)?
      | (?:www\.)?(?:{_BARE_LABEL}\.)+[a-z]{{2}}/[^\s<>"'«»“”]*
      | www\.(?:{_BARE_LABEL}\.)+[a-z]{{2}}\b(?![.\-]\w)(?:[?\#][^\s<>"'«»“”]*)?
    )
    """,
    regex.IGNORECASE | regex.VERBOSE,
)
_ASCII_HOST_RE = regex.compile(r"[a-z0-9.\-]+", regex.IGNORECASE)
_TRAILING_PUNCTUATION = ".,;:!?)]}'\"…"
_GRAPHEME_RE = regex.compile(r"\X")
_EMOJI_RE = regex.compile(r"\p{Emoji_Presentation}|\p{Regional_Indicator}|\uFE0F|\u20E3")
_HASHTAG_RE = regex.compile(r"(?<![\p{L}\p{M}\p{N}_&/#＃])[#＃]([\p{L}\p{M}\p{N}_]+)")


def punycode_host(host: str) -> str | None:
    """The host name as DNS carries it (each label in punycode), or None when it cannot be one: a label
    longer than 63 characters in that form, or an empty label. twitter-text counts an address whose host
    fails this as plain text, not as a 23-character link."""
    if _ASCII_HOST_RE.fullmatch(host):
        labels = host.split(".")
        return host if all(0 < len(label) <= _MAX_LABEL for label in labels) else None
    try:
        encoded = host.encode("idna").decode("ascii")  # IDNA 2003, as twitter-text's Java IDN.toASCII
    except UnicodeError:
        return None
    return encoded if all(0 < len(label) <= _MAX_LABEL for label in encoded.split(".")) else None


def _url_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in _URL_RE.finditer(text):
        start, end = match.span()
        host = match.group("host")
        if host is not None:
            ascii_host = punycode_host(host)
            if ascii_host is None or end - start + len(ascii_host) - len(host) > X_MAX_URL_LENGTH:
                continue
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


def x_invalid_characters(text: str) -> list[str]:
    """The characters twitter-text refuses (U+FFFE, U+FEFF, U+FFFF) that the text holds, each once, in order."""
    return list(dict.fromkeys(ch for ch in text if ch in X_INVALID_CHARACTERS))


def x_is_valid(text: str, limit: int = 280) -> bool:
    """twitter-text v3's ``isValid``: not empty, no invalid character, weighted length within ``limit``."""
    return bool(text) and not x_invalid_characters(text) and x_weighted_length(text) <= limit


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
