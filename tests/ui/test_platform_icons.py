"""Platform badges take their colour and letters from the rulebook, so a new platform needs no code."""

from __future__ import annotations

import copy

from smoplanner.core.platforms import parse_rulebook, using_rulebook
from smoplanner.resources import load_json
from smoplanner.ui.platform_icons import platform_color, platform_icon, platform_label, platform_name


def test_known_platforms_keep_their_badges(qapp):
    assert (platform_color("instagram").name(), platform_label("instagram")) == ("#c13584", "IG")
    assert (platform_color("google_business").name(), platform_label("google_business")) == ("#34a853", "G")
    assert (platform_color("nebenan_de").name(), platform_label("nebenan_de", "nebenan.de")) == ("#6b7280", "Ne")
    assert platform_name("google_business") == "Google Business Profile"


def test_a_platform_added_to_the_rulebook_gets_its_badge(qapp):
    raw = copy.deepcopy(load_json("rulebook.json"))
    raw["platforms"]["mastodon"] = {
        **copy.deepcopy(raw["platforms"]["threads"]),
        "name": "Mastodon",
        "brand_color": "#6364FF",
        "badge": "M",
        "aliases": [],
        "domains": ["mastodon.social"],
    }
    with using_rulebook(parse_rulebook(raw)):
        assert platform_color("mastodon").name() == "#6364ff"
        assert platform_label("mastodon") == "M"
        assert platform_name("mastodon") == "Mastodon"
        pixmap = platform_icon("mastodon", "Mastodon").pixmap(32, 32).toImage()
        assert pixmap.pixelColor(16, 4).name() == "#6364ff"
    assert platform_name("mastodon") == "mastodon"
