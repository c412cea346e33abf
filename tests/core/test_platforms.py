"""Platform facts come from the rulebook alone: a new platform is a data edit, read by every part of the app."""

from __future__ import annotations

import copy
import json
from datetime import date
from zoneinfo import ZoneInfo

import pytest

from smoplanner.core.money import currency
from smoplanner.core.plan_settings import KNOWN_PLATFORMS, PlanSettingsData, platform_entry, validate
from smoplanner.core.platforms import (
    PLATFORM_CODES,
    load_rulebook,
    parse_rulebook,
    read_rulebook,
    shipped_rulebook,
    using_rulebook,
)
from smoplanner.core.post_checks import check_post_text
from smoplanner.core.profile_rules import (
    PlanContext,
    ProfileInput,
    automatic_checks,
    consistency_matrix,
    mentioned_profiles,
    normalise_handle,
)
from smoplanner.formats.ics import PLATFORM_NAMES
from smoplanner.formats.posts_csv import read_posts_csv
from smoplanner.resources import load_json

BERLIN = ZoneInfo("Europe/Berlin")
EUR = currency("EUR")

MASTODON = {
    "name": "Mastodon",
    "brand_color": "#6364FF",
    "badge": "M",
    "aliases": ["Masto", "Fediverse"],
    "domains": ["mastodon.social", "joinmastodon.org"],
    "counting": "chars",
    "post_label": "toot",
    "limits": {
        "post_text": {
            "value": 500,
            "unit": "characters",
            "source": "https://docs.joinmastodon.org/user/posting/",
            "verified_on": "2026-11-01",
        }
    },
    "has_handle": True,
    "handle_pattern": {
        "pattern": "^[A-Za-z0-9_]+(@[A-Za-z0-9.-]+)?$",
        "source": "https://docs.joinmastodon.org/user/signup/",
        "verified_on": "2026-11-01",
    },
    "has_banner": True,
    "contact_fields": [],
    "manual_items": [{"code": "verified_link", "label": "Verify your website link", "help": "Add rel=me."}],
}


@pytest.fixture
def raw() -> dict:
    return copy.deepcopy(load_json("rulebook.json"))


@pytest.fixture
def with_mastodon(raw, tmp_path):
    raw["platforms"]["mastodon"] = MASTODON
    path = tmp_path / "rulebook.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    with using_rulebook(read_rulebook(path)) as rulebook:
        yield rulebook


def test_a_new_platform_in_the_file_is_known_everywhere(with_mastodon):
    assert list(KNOWN_PLATFORMS) == [*PLATFORM_CODES, "mastodon"]
    assert KNOWN_PLATFORMS["mastodon"] == "Mastodon"
    assert PLATFORM_NAMES["mastodon"] == "Mastodon"
    entry = platform_entry("mastodon")
    assert (entry.name, entry.custom) == ("Mastodon", False)
    settings = validate(PlanSettingsData("Anna's Bakery", platforms=(entry,)))
    assert settings.platforms == (entry,)
    rules = load_rulebook().platform("mastodon")
    assert (rules.name, rules.brand_color, rules.badge, rules.custom) == ("Mastodon", "#6364FF", "M", False)
    assert load_rulebook().limit("mastodon", "post_text").value == 500


def test_a_new_platforms_alias_is_read_in_a_posts_csv(with_mastodon):
    data = b"date,text,platforms\r\n2026-11-26 10:00,Hello,Masto\r\n2026-11-27 10:00,Hi,fediverse; mastodon\r\n"
    preview = read_posts_csv(data, tz=BERLIN, currency=EUR, known_platforms=("mastodon",))
    assert preview.ok, preview.problems
    assert [record.platforms for record in preview.records] == [("mastodon",), ("mastodon",)]
    lacking = read_posts_csv(data, tz=BERLIN, currency=EUR, known_platforms=("instagram",))
    assert "Mastodon is not one of this plan's platforms" in str(lacking.problems[0])


def test_a_new_platforms_domain_and_name_point_to_its_profile(with_mastodon):
    toots = ProfileInput("mastodon", handle="annas", profile_url="")
    for bio in ("Also at mastodon.social/@annas", "Follow us on Masto", "Mastodon: @annas@bakers.town"):
        assert mentioned_profiles(ProfileInput("instagram", bio=bio), [toots], with_mastodon) == ["mastodon"], bio
    assert mentioned_profiles(ProfileInput("instagram", bio="Fresh bread daily"), [toots], with_mastodon) == []


def test_a_new_platforms_limits_check_posts(with_mastodon):
    problems = check_post_text("a" * 501, "mastodon", load_rulebook())
    assert [problem.message for problem in problems] == ["Mastodon toot is 1 character too long (501 of 500)"]


def test_the_shipped_rulebook_is_back_after_the_block(raw):
    with using_rulebook(parse_rulebook({**raw, "platforms": {**raw["platforms"], "mastodon": MASTODON}})):
        assert "mastodon" in KNOWN_PLATFORMS
    assert "mastodon" not in KNOWN_PLATFORMS
    assert load_rulebook() is shipped_rulebook()
    assert load_rulebook().code_for("Masto") is None


def test_names_people_write_in_a_posts_csv_are_platforms():
    cells = (
        "X (Twitter); IG, Google My Business",
        "twitter/x gbp",
        "Twitter GMB instagram",
        "google business profile, insta",
        "FACEBOOK;LinkedIn",
    )
    data = "date,text,platforms\r\n" + "".join(f'2026-11-26 10:00,Hello,"{cell}"\r\n' for cell in cells)
    preview = read_posts_csv(data.encode(), tz=BERLIN, currency=EUR, known_platforms=PLATFORM_CODES)
    assert preview.ok, preview.problems
    assert [record.platforms for record in preview.records] == [
        ("x", "instagram", "google_business"),
        ("x", "google_business"),
        ("x", "google_business", "instagram"),
        ("google_business", "instagram"),
        ("facebook", "linkedin"),
    ]


def test_words_for_platforms():
    rulebook = load_rulebook()
    assert rulebook.code_for("Twitter") == "x"
    assert rulebook.code_for("  x   (twitter) ") == "x"
    assert rulebook.code_for("Google My Business") == "google_business"
    assert rulebook.code_for("Google Business Profile") == "google_business"
    assert rulebook.code_for("myspace") is None
    assert rulebook.names["google_business"] == "Google Business Profile"
    assert rulebook.codes == PLATFORM_CODES


def test_a_domain_handle_is_compared_by_its_first_label_as_the_rulebook_says(raw):
    assert normalise_handle("@annas.bsky.social", "bluesky") == "annas"
    assert normalise_handle("@Annas.Yarn", "instagram") == "annas.yarn"  # the dot makes another account
    raw["platforms"]["bluesky"]["handle_pattern"]["domain_handle"] = False
    assert normalise_handle("@annas.bsky.social", "bluesky", parse_rulebook(raw)) == "annas.bsky.social"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda p: p["youtube"].update(aliases=["Twitter"]), r"youtube aliases.*'Twitter' already names x"),
        (lambda p: p["instagram"].update(brand_color="pink"), r"instagram brand_color.*#RRGGBB"),
        (lambda p: p["instagram"].pop("badge"), r"instagram badge"),
        (lambda p: p["instagram"].update(name=""), r"instagram name"),
        (lambda p: p["instagram"].update(domains="instagram.com"), r"instagram domains.*list"),
    ],
)
def test_a_wrong_platform_fact_is_refused_naming_platform_and_field(raw, change, message):
    change(raw["platforms"])
    with pytest.raises(ValueError, match=message):
        parse_rulebook(raw)


def test_the_handle_prefix_is_the_rulebooks(raw):
    raw["platforms"]["mastodon"] = {**MASTODON, "handle_pattern": {**MASTODON["handle_pattern"], "prefix": "~"}}
    with using_rulebook(parse_rulebook(raw)) as rulebook:
        rules = rulebook.platform("mastodon")
        assert (rules.bare_handle(" ~annas "), rules.shown_handle("annas"), rules.shown_handle("~")) == (
            "annas",
            "~annas",
            "",
        )
        toots = ProfileInput("mastodon", handle="~annas")
        ig = ProfileInput("instagram", handle="@annas", bio="Also ~annas, the toots")
        assert mentioned_profiles(ig, [toots], rulebook) == ["mastodon"]
        assert mentioned_profiles(ProfileInput("x", bio="Also @annas"), [toots], rulebook) == []
        assert normalise_handle("~annas", "mastodon") == normalise_handle("@annas", "instagram") == "annas"
        context = PlanContext("Anna's", "", (), (toots,), date(2026, 11, 26))
        valid = next(r for r in automatic_checks(toots, context, rulebook) if r.code == "handle_valid")
        assert valid.message == "~annas is a valid Mastodon handle."
        matrix = consistency_matrix(context, rulebook)
        assert matrix.cell("handle", "mastodon").value == "~annas"
    raw["platforms"]["mastodon"]["handle_pattern"]["prefix"] = " @ "
    with pytest.raises(ValueError, match=r"mastodon handle_pattern.*prefix"):
        parse_rulebook(raw)
