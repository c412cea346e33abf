"""Counting text each platform's way."""

from __future__ import annotations

import pytest

from smoplanner.core.platforms import load_rulebook
from smoplanner.core.textcount import (
    count_for,
    count_hashtags,
    count_links,
    count_text,
    extract_hashtags,
    find_urls,
    utf8_bytes,
)

THUMB = "👍🏽"
FAMILY = "👨\u200d👩\u200d👧"
FLAG = "🇩🇪"
E_ACUTE = "e\u0301"


def test_graphemes_count_whole_emoji_and_combining_sequences():
    bio = f"Hi {THUMB}{FAMILY}{FLAG} caf{E_ACUTE}"
    # "Hi " 3 + 3 emoji + " café" 5
    assert count_text(bio, "graphemes") == 11
    assert count_for(bio, load_rulebook().platform("bluesky")) == 11
    assert len(bio) == 18


def test_chars_counts_code_points_after_nfc():
    assert count_text(f"caf{E_ACUTE}", "chars") == 4
    assert count_text(FAMILY, "chars") == 5


def test_x_url_counts_23_whatever_its_length():
    short = "https://a.co"
    long = "https://example.com/" + "very-long-path/" * 20
    assert count_text(short, "x_weighted") == 23
    assert count_text(long, "x_weighted") == 23
    assert count_text(f"Menu: {long} !", "x_weighted") == 6 + 23 + 2


def test_x_bare_domain_counts_as_a_link():
    assert count_text("rosasbakery.com/menu", "x_weighted") == 23


def test_x_cjk_weighs_two():
    assert count_text("日本語", "x_weighted") == 6
    assert count_text("abc", "x_weighted") == 3
    assert count_text("\u201cquoted\u201d", "x_weighted") == 8


def test_x_emoji_sequence_counts_two():
    assert count_text(FAMILY, "x_weighted") == 2
    assert count_text(FLAG, "x_weighted") == 2
    assert count_text(THUMB, "x_weighted") == 2
    assert count_text("a" + THUMB, "x_weighted") == 3


def test_youtube_counts_bytes():
    description = "Crème brûlée 🍮"
    assert count_text(description, "bytes_utf8") == len(description.encode("utf-8")) == 20
    assert count_for(description, load_rulebook().platform("youtube")) == 20
    assert count_text(description, "chars") == 14
    assert utf8_bytes("日本") == 6


def test_threads_counts_emoji_as_their_bytes():
    assert count_text("hi", "threads") == 2
    assert count_text("hi 👍", "threads") == 3 + 4
    assert count_text(FAMILY, "threads") == len(FAMILY.encode("utf-8")) == 18
    assert count_text("日本", "threads") == 2


def test_unknown_counting_rule_is_refused():
    with pytest.raises(ValueError, match="morse"):
        count_text("x", "morse")


def test_hashtags_skip_urls_numbers_and_lone_hash():
    text = "New #bread and #Café_2 today! #1 # see https://shop.com/#specials and a#b #brötchen"
    assert extract_hashtags(text) == ["bread", "Café_2", "brötchen"]
    assert count_hashtags(text) == 3


def test_links_with_and_without_scheme():
    text = "Order at https://rosas.example.com/order, or www.rosas.de. Mail info@rosas.com; e.g. end.It was"
    assert find_urls(text) == ["https://rosas.example.com/order", "www.rosas.de"]
    assert count_links(text) == 2
    assert find_urls("see rosasbakery.com.") == ["rosasbakery.com"]


def test_x_counts_only_real_web_addresses_as_23() -> None:
    from smoplanner.core.textcount import x_weighted_length

    assert x_weighted_length("x https://a.b") == 13  # no real top-level domain: counted as typed
    assert x_weighted_length("visit https://example.com.") == 6 + 23 + 1
    assert x_weighted_length("http://192.168.1.1:8080/menu") == 23
