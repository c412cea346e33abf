"""A post's media against each platform's rules in the rulebook, and how its text reads in a feed."""

from __future__ import annotations

import hashlib
import json

from smoplanner.core.media import MediaItem, check_post_media, feed_preview, missing_alt_text
from smoplanner.core.platforms import read_rulebook, shipped_rulebook
from smoplanner.resources import load_json


def picture(width: int, height: int, size: int = 50_000, alt: str = "") -> MediaItem:
    sha = hashlib.sha256(f"{width}x{height}x{size}".encode()).hexdigest()
    return MediaItem("picture", sha, "", "image/jpeg", width, height, size, alt)


def codes(problems: list) -> list[str]:
    return [p.code for p in problems]


def test_every_media_rule_has_a_source_and_a_date() -> None:
    rulebook = shipped_rulebook()
    names = {"media_max_items", "media_max_bytes", "media_min_width_px", "media_min_height_px"}
    names |= {"media_aspect_min", "media_aspect_max", "feed_cut"}
    found = 0
    for code in rulebook.codes:
        for name, rule in rulebook.platform(code).limits.items():
            if name in names:
                found += 1
                assert rule.source.startswith("https://"), (code, name)
                assert rule.verified_on.year >= 2026, (code, name)
    assert found >= 25
    assert rulebook.limit("instagram", "media_aspect_min").unit == "ratio"


def test_instagram_takes_shapes_from_4_5_to_1_91_1_exactly() -> None:
    rulebook = shipped_rulebook()
    assert check_post_media([picture(1080, 1350)], "instagram", rulebook) == []  # exactly 4:5
    assert check_post_media([picture(1910, 1000)], "instagram", rulebook) == []  # exactly 1.91:1
    tall = check_post_media([picture(1080, 1351)], "instagram", rulebook)
    assert codes(tall) == ["media_aspect"]
    assert "Picture 1 (1080×1351) is too tall for Instagram" in tall[0].message
    assert "4:5 to 1.91:1" in tall[0].message
    wide = check_post_media([picture(1911, 1000)], "instagram", rulebook)
    assert "too wide" in wide[0].message


def test_count_size_and_smallest_size_per_platform() -> None:
    rulebook = shipped_rulebook()
    five = [picture(1200, 1200 + n) for n in range(5)]
    assert codes(check_post_media(five, "x", rulebook)) == ["too_many_media"]
    assert check_post_media(five[:4], "x", rulebook) == []
    big = picture(1200, 1200, size=1_000_001)
    assert codes(check_post_media([big], "bluesky", rulebook)) == ["media_too_big"]
    assert check_post_media([picture(1200, 1200, size=1_000_000)], "bluesky", rulebook) == []
    narrow = check_post_media([picture(319, 300)], "instagram", rulebook)
    assert "media_too_narrow" in codes(narrow)
    low = check_post_media([picture(600, 899)], "pinterest", rulebook)
    assert codes(low) == ["media_too_short"]
    # A video is counted but its pixels are not known: only the count applies to it.
    video = MediaItem("video", path="/videos/oven.mp4", byte_size=900_000_000)
    assert check_post_media([video], "bluesky", rulebook) == []
    assert codes(check_post_media([picture(700, 700), video], "google_business", rulebook)) == ["too_many_media"]


def test_a_platform_without_media_rules_checks_nothing_and_overrides_apply() -> None:
    rulebook = shipped_rulebook()
    assert check_post_media([picture(10, 1000)] * 40, "youtube", rulebook) == []
    stricter = rulebook.with_overrides({("x", "media_max_items"): 1})
    assert codes(check_post_media([picture(800, 800), picture(900, 900)], "x", stricter)) == ["too_many_media"]


def test_an_edited_rulebook_changes_the_checks() -> None:
    data = json.loads(json.dumps(load_json("rulebook.json")))
    data["platforms"]["threads"]["limits"]["media_aspect_max"]["value"] = 2000
    rulebook = read_rulebook(data)
    assert codes(check_post_media([picture(2100, 1000)], "threads", rulebook)) == ["media_aspect"]
    assert check_post_media([picture(2100, 1000)], "threads", shipped_rulebook()) == []


def test_pictures_without_alt_text_are_named() -> None:
    items = [picture(800, 800, alt="Buns on a tray"), picture(900, 900), MediaItem("video", path="/v.mp4")]
    assert missing_alt_text(items) == [2]


def test_feed_preview_cuts_where_instagram_cuts_and_keeps_whole_words() -> None:
    rulebook = shipped_rulebook()
    short = "Fresh cinnamon buns from 3 pm."
    assert feed_preview(short, "instagram", rulebook).cut is False
    long = ("Our autumn menu is here: pumpkin soup, plum cake and spiced latte. " * 4).strip()
    shown = feed_preview(long, "instagram", rulebook)
    assert shown.cut is True and shown.cut_at == 125
    assert len(shown.shown) <= 125 and long.startswith(shown.shown)
    assert long[len(shown.shown)] == " "  # ends on a whole word
    assert shown.rule is not None and shown.rule.source.startswith("https://help.instagram.com/")
    # No documented cut: the whole text shows.
    assert feed_preview(long, "x", rulebook).cut is False


def test_feed_preview_never_splits_an_emoji() -> None:
    rulebook = shipped_rulebook()
    text = "👩‍🍳" * 130
    shown = feed_preview(text, "instagram", rulebook)
    assert shown.cut and shown.shown == "👩‍🍳" * 125
