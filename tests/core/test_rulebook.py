"""The shipped rulebook: every number has a source and a date; overrides and stale limits."""

from __future__ import annotations

import copy
import re
from datetime import date

import pytest

from smoplanner.core import textcount
from smoplanner.core.platforms import PLATFORM_CODES, LimitRule, load_rulebook, parse_rulebook
from smoplanner.resources import load_json


@pytest.fixture
def raw() -> dict:
    return copy.deepcopy(load_json("rulebook.json"))


def test_the_file_lists_exactly_the_platform_codes(raw):
    assert tuple(raw["platforms"]) == PLATFORM_CODES
    assert raw["format"] == 1
    assert raw["stale_after_days"] == 365
    assert "automatic items weigh 2" in raw["score_formula"]


def test_every_limit_has_an_https_source_and_a_date(raw):
    for code, platform in raw["platforms"].items():
        assert re.fullmatch(r"#[0-9A-Fa-f]{6}", platform["brand_color"]), code
        assert platform["limits"], code
        for name, record in platform["limits"].items():
            assert record["source"].startswith("https://"), (code, name)
            date.fromisoformat(record["verified_on"])
            assert isinstance(record["value"], int) and record["value"] > 0, (code, name)
        assert 3 <= len(platform["manual_items"]) <= 6, code
        if platform["handle_pattern"] is not None:
            assert platform["handle_pattern"]["source"].startswith("https://"), code


def test_numbers_from_the_reference():
    rulebook = load_rulebook()
    assert rulebook.limit("instagram", "post_text").value == 2200
    assert rulebook.limit("instagram", "hashtags").value == 5
    assert "30" in rulebook.limit("instagram", "hashtags").note
    assert rulebook.limit("x", "post_text") == LimitRule(
        280,
        "weighted",
        rulebook.limit("x", "post_text").source,
        date(2026, 11, 1),
        rulebook.limit("x", "post_text").note,
    )
    assert rulebook.limit("bluesky", "post_text").unit == "graphemes"
    assert rulebook.limit("bluesky", "post_bytes").value == 3000
    assert rulebook.limit("youtube", "post_text").unit == "bytes"
    assert rulebook.platform("threads").counting == "threads"
    assert rulebook.platform("instagram").has_banner is False
    assert rulebook.platform("google_business").handle_pattern is None


def test_x_config_in_the_rulebook_matches_the_counter():
    config = load_rulebook().x_weighted_counting
    assert config["scale"] == textcount.X_SCALE
    assert config["default_weight"] == textcount.X_DEFAULT_WEIGHT
    assert config["transformed_url_length"] == textcount.X_URL_LENGTH
    assert tuple((r["start"], r["end"], r["weight"]) for r in config["ranges"]) == textcount.X_RANGES


def test_a_limit_without_source_is_refused_with_platform_and_field(raw):
    del raw["platforms"]["tiktok"]["limits"]["bio"]["source"]
    with pytest.raises(ValueError, match="tiktok bio"):
        parse_rulebook(raw)


def test_a_plain_http_source_is_refused(raw):
    raw["platforms"]["x"]["limits"]["bio"]["source"] = "http://example.com/x"
    with pytest.raises(ValueError, match=r"x bio.*https"):
        parse_rulebook(raw)


def test_a_bad_date_is_refused(raw):
    raw["platforms"]["pinterest"]["limits"]["display_name"]["verified_on"] = "01/11/2026"
    with pytest.raises(ValueError, match=r"pinterest display_name.*YYYY-MM-DD"):
        parse_rulebook(raw)


def test_custom_platform_is_permissive():
    rules = load_rulebook().platform("corner_forum")
    assert rules.name == "Corner Forum"
    assert rules.limits == {}
    assert rules.custom
    assert load_rulebook().limit("corner_forum", "post_text") is None


def test_overrides_make_a_new_rulebook():
    rulebook = load_rulebook()
    changed = rulebook.with_overrides({("instagram", "bio"): 100, ("facebook", "bio"): 255, ("forum", "post_text"): 50})
    assert changed.limit("instagram", "bio").value == 100
    assert changed.limit("instagram", "bio").overridden
    assert changed.limit("instagram", "bio").source == rulebook.limit("instagram", "bio").source
    assert changed.limit("facebook", "bio").value == 255
    assert changed.limit("forum", "post_text").value == 50
    # the original is untouched
    assert rulebook.limit("instagram", "bio").value == 150
    assert not rulebook.limit("instagram", "bio").overridden
    assert rulebook.limit("facebook", "bio") is None


def test_stale_after_a_year_but_not_when_overridden():
    rulebook = load_rulebook()
    rule = rulebook.limit("instagram", "hashtags")
    assert not rulebook.is_stale(rule, date(2027, 10, 31))
    assert rulebook.is_stale(rule, date(2027, 11, 2))
    overridden = rulebook.with_overrides({("instagram", "hashtags"): 30}).limit("instagram", "hashtags")
    assert not rulebook.is_stale(overridden, date(2030, 1, 1))


def test_every_platform_says_whether_it_has_handles(raw):
    for code, platform in raw["platforms"].items():
        assert isinstance(platform["has_handle"], bool), code
        assert (platform["handle_pattern"] is not None) == platform["has_handle"], code
    rulebook = load_rulebook()
    assert [c for c in PLATFORM_CODES if not rulebook.platform(c).has_handle] == ["google_business"]
    assert rulebook.platform("my_forum").has_handle  # unknown platforms: the user may type one


def test_has_handle_must_be_stated_and_agree_with_the_pattern(raw):
    del raw["platforms"]["x"]["has_handle"]
    with pytest.raises(ValueError, match="x has_handle"):
        parse_rulebook(raw)
    raw["platforms"]["x"]["has_handle"] = False
    with pytest.raises(ValueError, match="x handle_pattern"):
        parse_rulebook(raw)


def test_every_manual_item_says_how_to_do_it(raw):
    for code, platform in raw["platforms"].items():
        for item in platform["manual_items"]:
            assert len(item.get("help", "")) > 20, (code, item["code"])


def test_a_custom_platform_is_called_by_the_plans_name():
    rulebook = load_rulebook().with_platform_names({"nebenan_de": "nebenan.de", "instagram": "Insta"})
    assert rulebook.platform("nebenan_de").name == "nebenan.de"
    assert rulebook.platform("instagram").name == "Instagram"  # known platforms keep the rulebook's name
    assert load_rulebook().platform("nebenan_de").name == "Nebenan De"  # the shared rulebook is unchanged
    with_limit = rulebook.with_overrides({("nebenan_de", "post_text"): 500})
    rules = with_limit.platform("nebenan_de")
    assert (rules.name, rules.custom, rules.limit("post_text").value) == ("nebenan.de", True, 500)
    assert (
        load_rulebook()
        .with_overrides({("nebenan_de", "bio"): 80})
        .with_platform_names({"nebenan_de": "nebenan.de"})
        .platform("nebenan_de")
        .name
        == "nebenan.de"
    )
