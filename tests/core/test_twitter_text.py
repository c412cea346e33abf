"""X counts posts as twitter-text v3 does (config/v3.json and the rules of its parser and URL extractor).

The cases follow twitter-text's documented rules and the kinds of case its conformance files
(conformance/validate.yml, "WeightedTweetsWithDiscountedEmojiCounterTest"; extract.yml, URLs) hold:
weights per code point range, 23 per link, emoji sequences as 2, the punycode host check
(``isValidHostAndLength``: IDN.toASCII, 63-character labels, 4,096-character addresses), top-level domains
in other scripts, the invalid characters, and an empty post being invalid.
"""

from __future__ import annotations

import pytest

from smoplanner.core.platforms import load_rulebook
from smoplanner.core.post_checks import check_post_text
from smoplanner.core.textcount import find_urls, punycode_host, x_invalid_characters, x_is_valid, x_weighted_length

LONG_JAPANESE_HOST = "東京都渋谷区神宮前の美味しいパン屋さんの公式ウェブサイト"  # 28 letters, 70+ in punycode


@pytest.mark.parametrize(
    ("text", "weighted"),
    [
        ("a" * 280, 280),  # ASCII weighs 1
        ("日" * 140, 280),  # CJK weighs 2
        ("H🐱☺👨\u200d👩\u200d👧\u200d👦", 7),  # validate.yml: H 1, 🐱 2, ☺ 2 (default weight), family 2
        ("\u2014\u2013\u2019\u2032", 4),  # general punctuation in the 100-weight ranges
        ("\u2022", 2),  # a bullet is outside them
        ("e\u0301", 1),  # NFC first: é
    ],
)
def test_weights(text: str, weighted: int) -> None:
    assert x_weighted_length(text) == weighted


def test_a_long_non_ascii_host_is_text_not_a_23_character_link() -> None:
    url = f"https://{LONG_JAPANESE_HOST}.jp"
    assert punycode_host(f"{LONG_JAPANESE_HOST}.jp") is None  # the label is over 63 characters in punycode
    assert find_urls(url) == []
    assert x_weighted_length(url) == len("https://") + 2 * len(LONG_JAPANESE_HOST) + len(".jp")
    short = "https://渋谷のパン屋.jp"
    assert punycode_host("渋谷のパン屋.jp") == "渋谷のパン屋.jp".encode("idna").decode()
    assert find_urls(short) == [short] and x_weighted_length(short) == 23


def test_an_ascii_label_over_63_characters_is_not_a_link() -> None:
    assert x_weighted_length("https://" + "a" * 63 + ".com") == 23
    assert x_weighted_length("https://" + "a" * 64 + ".com") == 8 + 64 + 4


def test_an_address_over_4096_characters_is_not_a_link() -> None:
    assert x_weighted_length("https://example.com/" + "a" * 4000) == 23
    assert x_weighted_length("https://example.com/" + "a" * 4080) == 20 + 4080


@pytest.mark.parametrize(
    "url",
    [
        "https://pakistan.پاکستان",
        "https://пример.рф/меню",
        "https://例え.中国",
        "http://みんな.みんな",
        "https://bäcker.онлайн",
    ],
)
def test_top_level_domains_in_other_scripts_end_a_link(url: str) -> None:
    assert find_urls(f"Neu: {url} !") == [url]
    assert x_weighted_length(url) == 23


def test_without_a_scheme_only_ascii_and_latin_domains_are_links() -> None:
    assert find_urls("example.рф") == []
    assert find_urls("see 例え.com") == []
    assert find_urls("café.com/menu") == ["café.com/menu"]
    assert x_weighted_length("https://例え.テストではない") == len("https://") + 2 * 9 + 1  # not a known TLD


@pytest.mark.parametrize("bad", ["\ufffe", "\ufeff", "\uffff"])
def test_the_three_invalid_characters_make_a_post_invalid(bad: str) -> None:
    text = f"Fresh bread{bad} today"
    assert x_invalid_characters(text) == [bad]
    assert not x_is_valid(text)
    problems = check_post_text(text, "x", load_rulebook())
    assert [(p.code, p.severity) for p in problems] == [("invalid_character", "error")]
    assert f"U+{ord(bad):04X}" in problems[0].message
    # Other platforms have no such rule.
    assert check_post_text(text, "facebook", load_rulebook()) == []


def test_an_empty_x_post_is_invalid_not_a_warning() -> None:
    assert not x_is_valid("")
    assert x_is_valid("a") and x_is_valid("a" * 280) and not x_is_valid("a" * 281)
    rulebook = load_rulebook()
    assert [(p.code, p.severity) for p in check_post_text("", "x", rulebook)] == [("empty", "error")]
    assert [(p.code, p.severity) for p in check_post_text("  ", "x", rulebook)] == [("empty", "error")]
    assert [(p.code, p.severity) for p in check_post_text("", "facebook", rulebook)] == [("empty", "warning")]
