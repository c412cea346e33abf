"""Checking a post's text against each platform's limits, in the words a shop owner sees."""

from __future__ import annotations

from datetime import date

import pytest

from smoplanner.core.platforms import load_rulebook
from smoplanner.core.post_checks import check_post_text, measure


@pytest.fixture
def rulebook():
    return load_rulebook()


def codes(problems):
    return [p.code for p in problems]


def test_a_short_caption_passes(rulebook):
    assert check_post_text("Fresh bread from 7am #bakery", "instagram", rulebook) == []


def test_instagram_caption_too_long(rulebook):
    problems = check_post_text("a" * 2212, "instagram", rulebook)
    assert codes(problems) == ["too_long"]
    assert problems[0].severity == "error"
    assert problems[0].message == "Instagram caption is 12 characters too long (2,212 of 2,200)"


def test_instagram_hashtag_cap(rulebook):
    text = "Today: " + " ".join(f"#tag{i}" for i in range(7))
    problems = check_post_text(text, "instagram", rulebook)
    assert [p.message for p in problems] == ["Instagram allows 5 hashtags; this caption has 7"]
    assert check_post_text("#a #b #c #d #e", "instagram", rulebook) == []


def test_x_counts_links_as_23(rulebook):
    link = "https://example.com/" + "x" * 400
    assert check_post_text("Menu " + link, "x", rulebook) == []
    assert codes(check_post_text("日" * 141, "x", rulebook)) == ["too_long"]
    assert check_post_text("日" * 140, "x", rulebook) == []


def test_bluesky_checks_graphemes_and_bytes(rulebook):
    family = "👨\u200d👩\u200d👧"
    assert check_post_text(family * 150, "bluesky", rulebook) == []  # 150 graphemes, 2,700 bytes
    problems = check_post_text(family * 170, "bluesky", rulebook)  # 170 graphemes, 3,060 bytes
    assert codes(problems) == ["too_many_bytes"]
    assert problems[0].message.startswith("Bluesky post is over 3,000 bytes (3,060 of 3,000)")
    assert codes(check_post_text("a" * 301, "bluesky", rulebook)) == ["too_long"]


def test_youtube_description_in_bytes(rulebook):
    assert check_post_text("é" * 2500, "youtube", rulebook) == []
    problems = check_post_text("é" * 2501, "youtube", rulebook)
    assert problems[0].message == "YouTube description is 2 bytes too long (5,002 of 5,000)"


def test_threads_link_and_topic_limits(rulebook):
    links = " ".join(f"https://shop.com/{i}" for i in range(6))
    assert codes(check_post_text(links, "threads", rulebook)) == ["too_many_links"]
    assert codes(check_post_text("#bread #cake", "threads", rulebook)) == ["too_many_hashtags"]
    assert "1 hashtag;" in check_post_text("#bread #cake", "threads", rulebook)[0].message


def test_override_changes_the_result(rulebook):
    text = "a" * 250
    assert codes(check_post_text(text, "bluesky", rulebook)) == []
    lowered = rulebook.with_overrides({("bluesky", "post_text"): 200})
    assert codes(check_post_text(text, "bluesky", lowered)) == ["too_long"]


def test_custom_platform_has_no_limits(rulebook):
    assert check_post_text("a" * 100_000 + " #a" * 50, "village_forum", rulebook) == []


def test_empty_text_warns(rulebook):
    assert [(p.code, p.severity) for p in check_post_text("  ", "facebook", rulebook)] == [("empty", "warning")]


def test_stale_limits_warn_only_when_old(rulebook):
    assert check_post_text("hello", "instagram", rulebook, today=date(2027, 1, 1)) == []
    problems = check_post_text("hello", "instagram", rulebook, today=date(2028, 1, 1))
    assert {p.code for p in problems} == {"stale_limit"}
    assert all(p.severity == "warning" for p in problems)
    assert any("hashtag limit (5)" in p.message for p in problems)


def test_measure_for_the_live_counter(rulebook):
    m = measure("Hi 日本 https://example.com/long/path #bakery #bread", "x", rulebook)
    assert (m.count, m.limit, m.unit) == (3 + 4 + 1 + 23 + 1 + 7 + 1 + 6, 280, "weighted")
    assert (m.hashtags, m.hashtag_limit, m.links) == (2, None, 1)
    assert m.remaining == 280 - m.count
    ig = measure("#a #b", "instagram", rulebook)
    assert (ig.hashtags, ig.hashtag_limit) == (2, 5)
    custom = measure("hello", "forum", rulebook)
    assert (custom.count, custom.limit, custom.remaining) == (5, None, None)


def test_post_checks_call_a_custom_platform_by_the_plans_name(rulebook):
    named = rulebook.with_platform_names({"nebenan_de": "nebenan.de"})
    assert [p.message for p in check_post_text("  ", "nebenan_de", named)] == ["nebenan.de post is empty"]
    limited = named.with_overrides({("nebenan_de", "post_text"): 10})
    assert [p.message for p in check_post_text("a" * 12, "nebenan_de", limited)] == [
        "nebenan.de post is 2 characters too long (12 of 10)"
    ]
