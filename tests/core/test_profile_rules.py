"""The profile checklist: each automatic rule on good and bad profiles, manual items, scores, the matrix."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from smoplanner.core.platforms import load_rulebook
from smoplanner.core.profile_rules import (
    AUTOMATIC_CODES,
    CheckResult,
    ImageInfo,
    PlanContext,
    ProfileInput,
    automatic_checks,
    consistency_matrix,
    evaluate_profile,
    manual_items,
    mentioned_profiles,
    overall_score,
    profile_score,
    registrable_host,
)

TODAY = date(2026, 11, 26)
LOGO = ImageInfo("a" * 64, 800, 800, 120_000)
OTHER_LOGO = ImageInfo("b" * 64, 800, 800, 120_000)
BANNER = ImageInfo("c" * 64, 2560, 1440, 400_000)


def profile(platform: str, **changes) -> ProfileInput:
    handle = "rosas.bakery" if platform != "bluesky" else "rosasbakery.bsky.social"
    base = ProfileInput(
        platform=platform,
        handle=handle,
        display_name="Rosa's Bakery",
        profile_url=f"https://{platform}.com/{handle}",
        bio="Sourdough bakery in Leeds. Also on Instagram @rosas.bakery",
        website="https://rosasbakery.com/",
        picture=LOGO,
        banner=BANNER,
        last_reviewed=date(2026, 10, 1),
    )
    return replace(base, **changes)


def plan_with(*profiles: ProfileInput, **changes) -> PlanContext:
    base = PlanContext(
        business_name="Rosa's Bakery",
        website="http://www.rosasbakery.com",
        keywords=("bakery", "sourdough bread"),
        profiles=profiles,
        today=TODAY,
    )
    return replace(base, **changes)


@pytest.fixture
def rulebook():
    return load_rulebook()


def status(results: list[CheckResult], code: str) -> str:
    return next(r for r in results if r.code == code).status


def result(results: list[CheckResult], code: str) -> CheckResult:
    return next(r for r in results if r.code == code)


def check(target: ProfileInput, *others: ProfileInput, rulebook=None, **plan_changes) -> list[CheckResult]:
    return automatic_checks(target, plan_with(target, *others, **plan_changes), rulebook or load_rulebook())


def test_a_good_profile_passes_every_rule(rulebook):
    ig = profile("instagram", handle="rosasbakery")
    bluesky = profile("bluesky", bio="Sourdough bakery in Leeds. Find us on Instagram too")
    results = check(bluesky, ig)
    assert [r.code for r in results] == list(AUTOMATIC_CODES)
    assert {r.code: r.status for r in results} == dict.fromkeys(AUTOMATIC_CODES, "ok")
    assert all(r.automatic for r in results)


def test_picture_missing_or_too_small():
    assert status(check(profile("instagram", picture=None)), "picture_set") == "fail"
    small = check(profile("instagram", picture=ImageInfo("a" * 64, 200, 200, 9000)))
    assert status(small, "picture_set") == "fail"
    assert "320×320" in result(small, "picture_set").message
    assert status(check(profile("instagram", picture=ImageInfo("a" * 64, 320, 320, 9000))), "picture_set") == "ok"


def test_bluesky_picture_over_a_megabyte_fails():
    big = ImageInfo("a" * 64, 1000, 1000, 2_000_000)
    assert status(check(profile("bluesky", picture=big)), "picture_set") == "fail"


def test_banner_only_where_the_platform_has_one():
    assert status(check(profile("instagram", banner=None)), "banner_set") == "na"
    assert status(check(profile("x", banner=None)), "banner_set") == "fail"
    small = check(profile("x", banner=ImageInfo("c" * 64, 1000, 300, 1)))
    assert status(small, "banner_set") == "fail"
    assert "1,500×500" in result(small, "banner_set").message
    assert status(check(profile("x")), "banner_set") == "ok"


def test_bio_filled():
    assert status(check(profile("instagram", bio="   ")), "bio_filled") == "fail"
    assert status(check(profile("instagram")), "bio_filled") == "ok"


def test_bio_length_against_the_platform_limit():
    assert status(check(profile("tiktok", bio="b" * 80)), "bio_length") == "ok"
    results = check(profile("tiktok", bio="b" * 92))
    assert status(results, "bio_length") == "fail"
    assert result(results, "bio_length").message == "Bio is 12 characters too long for TikTok (92 of 80): shorten it."
    assert status(check(profile("facebook", bio="b" * 5000)), "bio_length") == "na"  # no agreed limit
    assert status(check(profile("tiktok", bio="")), "bio_length") == "na"


def test_bluesky_bio_counts_graphemes():
    emoji_bio = "bakery " + "👨\u200d👩\u200d👧🇩🇪👍🏽e\u0301" * 62  # 7 + 248 = 255 graphemes, ~2,000 code points
    assert status(check(profile("bluesky", bio=emoji_bio)), "bio_length") == "ok"
    assert status(check(profile("bluesky", bio=emoji_bio + "🇩🇪🇩🇪")), "bio_length") == "fail"


def test_override_makes_a_bio_fail(rulebook):
    bio = "Sourdough bakery in Leeds, open daily from 7am"
    assert status(check(profile("instagram", bio=bio), rulebook=rulebook), "bio_length") == "ok"
    strict = rulebook.with_overrides({("instagram", "bio"): 20})
    results = check(profile("instagram", bio=bio), rulebook=strict)
    assert status(results, "bio_length") == "fail"
    assert "(46 of 20)" in result(results, "bio_length").message


def test_bio_keywords():
    assert status(check(profile("instagram", bio="Best #Bakery in town")), "bio_keywords") == "ok"
    assert status(check(profile("instagram", bio="Sourdough-bread daily")), "bio_keywords") == "ok"
    assert status(check(profile("instagram", bio="We love bakeries")), "bio_keywords") == "ok"
    assert status(check(profile("instagram", bio="Cakes and coffee")), "bio_keywords") == "fail"
    assert status(check(profile("instagram", bio="Bakeryland coffee")), "bio_keywords") == "fail"
    assert status(check(profile("instagram"), keywords=()), "bio_keywords") == "na"


def test_website_present_and_matching():
    assert status(check(profile("x", website="")), "website_present") == "fail"
    assert status(check(profile("x", website="")), "website_matches") == "na"
    for same in ("rosasbakery.com", "https://www.rosasbakery.com/shop/", "http://order.rosasbakery.com"):
        assert status(check(profile("x", website=same)), "website_matches") == "ok", same
    assert status(check(profile("x", website="https://linktr.ee/rosas")), "website_matches") == "fail"
    assert status(check(profile("x"), website=""), "website_matches") == "na"


def test_registrable_host():
    assert registrable_host("https://www.shop.example.co.uk/menu/") == "example.co.uk"
    assert registrable_host("example.com") == "example.com"
    assert registrable_host("") == ""


def test_handle_consistent_with_the_majority():
    ig, fb = profile("instagram", handle="@rosasbakery"), profile("facebook", handle="RosasBakery")
    assert status(check(profile("x", handle="rosasbakery"), ig, fb), "handle_consistent") == "ok"
    odd = check(profile("x", handle="rosa_leeds"), ig, fb)
    assert status(odd, "handle_consistent") == "fail"
    assert "@rosasbakery" in result(odd, "handle_consistent").message
    assert status(check(profile("bluesky", handle="rosasbakery.com"), ig, fb), "handle_consistent") == "ok"
    assert status(check(profile("x")), "handle_consistent") == "na"


@pytest.mark.parametrize("handle", ["rosas.bakery", "rosas_bakery", "rosas-bakery"])
def test_a_dot_underscore_or_hyphen_makes_another_account(handle):
    ig, fb = profile("instagram", handle="@rosasbakery"), profile("facebook", handle="rosasbakery")
    similar = check(profile("tiktok", handle=handle), ig, fb)
    assert status(similar, "handle_consistent") == "fail"
    message = result(similar, "handle_consistent").message
    assert "looks like @rosasbakery" in message and "different accounts" in message
    matrix = consistency_matrix(plan_with(ig, fb, profile("tiktok", handle=handle)), load_rulebook())
    cell = matrix.cell("handle", "tiktok")
    assert cell.state == "differs"
    assert "Looks like @rosasbakery, but it is a different account" in cell.tooltip
    assert matrix.cell("handle", "instagram").state == "ok"


def test_display_name_consistent():
    ig = profile("instagram")
    assert status(check(profile("x", display_name="  rosa's   BAKERY "), ig), "display_name_consistent") == "ok"
    bad = check(profile("x", display_name="Rosa Leeds"), ig)
    assert status(bad, "display_name_consistent") == "fail"
    assert "Rosa's Bakery" in result(bad, "display_name_consistent").message
    alone = check(profile("x", display_name="Rosa Leeds"), business_name="")
    assert status(alone, "display_name_consistent") == "na"


def test_picture_consistent():
    ig, fb = profile("instagram"), profile("facebook")
    assert status(check(profile("x"), ig, fb), "picture_consistent") == "ok"
    assert status(check(profile("x", picture=OTHER_LOGO), ig, fb), "picture_consistent") == "fail"
    assert status(check(profile("x")), "picture_consistent") == "na"


def test_cross_links():
    ig = profile("instagram", handle="rosas.bakery", profile_url="https://instagram.com/rosas.bakery")
    by_handle = profile("x", bio="Bread daily. More at @rosas.bakery")
    by_url = profile("x", bio="Photos: instagram.com/rosas.bakery")
    by_name = profile("x", bio="Find us on Instagram")
    nothing = profile("x", bio="Bread daily", website="https://rosasbakery.com")
    for good in (by_handle, by_url, by_name):
        assert status(check(good, ig), "cross_links") == "ok", good.bio
    assert status(check(nothing, ig), "cross_links") == "fail"
    assert status(check(nothing), "cross_links") == "na"


def test_recently_reviewed():
    assert status(check(profile("x", last_reviewed=date(2026, 8, 28))), "recently_reviewed") == "ok"
    old = check(profile("x", last_reviewed=date(2026, 8, 27)))
    assert status(old, "recently_reviewed") == "fail"
    assert "91 days" in result(old, "recently_reviewed").message
    assert status(check(profile("x", last_reviewed=None)), "recently_reviewed") == "fail"


def test_handle_valid():
    assert status(check(profile("x", handle="@rosas_bakery")), "handle_valid") == "ok"
    assert status(check(profile("x", handle="rosas.bakery")), "handle_valid") == "fail"  # no dots on X
    assert status(check(profile("x", handle="rosas_bakery_leeds")), "handle_valid") == "fail"  # over 15
    assert status(check(profile("youtube", handle="ro")), "handle_valid") == "fail"  # under 3
    assert status(check(profile("bluesky", handle="rosas.bsky.social")), "handle_valid") == "ok"
    assert status(check(profile("bluesky", handle="rosas")), "handle_valid") == "fail"
    assert status(check(profile("x", handle="")), "handle_valid") == "fail"
    assert status(check(profile("google_business", handle="")), "handle_valid") == "na"


def test_manual_items_come_from_the_rulebook(rulebook):
    items = manual_items(rulebook.platform("instagram"))
    assert 3 <= len(items) <= 6
    assert "highlights" in {i.code for i in items}
    assert manual_items(rulebook.platform("my_forum")) == []


def test_evaluate_with_ticks_custom_items_and_na_marks(rulebook):
    ig = profile("instagram", picture=None)
    results = evaluate_profile(
        ig,
        plan_with(ig),
        rulebook,
        ticks={"highlights": "done", "pinned_post": "na", "loyalty_card_post": "open"},
        na_codes={"picture_set", "business_category"},
        custom_labels={"loyalty_card_post": "Post about the loyalty card"},
    )
    assert status(results, "picture_set") == "na"
    assert result(results, "picture_set").automatic
    assert status(results, "highlights") == "ok"
    assert status(results, "pinned_post") == "na"
    assert status(results, "business_category") == "na"
    assert status(results, "professional_account") == "fail"  # no tick yet means open
    assert result(results, "professional_account").message  # tells how to do it
    custom = result(results, "loyalty_card_post")
    assert (custom.status, custom.label, custom.automatic) == ("fail", "Post about the loyalty card", False)


def r(status_: str, automatic: bool) -> CheckResult:
    return CheckResult("c", "C", status_, "", automatic)


def test_score_formula_examples():
    # 5 automatic ok, 1 automatic failing, 2 manual done, 2 manual open: (10 + 2) / (12 + 4)
    results = [r("ok", True)] * 5 + [r("fail", True)] + [r("ok", False)] * 2 + [r("fail", False)] * 2
    assert profile_score(results) == pytest.approx(0.75)
    # one automatic fail outweighs one manual done
    assert profile_score([r("fail", True), r("ok", False)]) == pytest.approx(1 / 3)
    # not-applicable items are left out
    assert profile_score([r("ok", True), r("na", True), r("na", False)]) == 1.0
    assert profile_score([r("na", True)]) == 0.0
    assert profile_score([]) == 0.0


def test_overall_score_is_the_mean():
    assert overall_score([1.0, 0.5, 0.0]) == pytest.approx(0.5)
    assert overall_score([]) == 0.0


def test_score_of_a_real_profile_drops_when_it_gets_worse(rulebook):
    good = profile("x", bio="Sourdough bakery. Also on Instagram")
    ig = profile("instagram")
    good_score = profile_score(evaluate_profile(good, plan_with(good, ig), rulebook, {}, ()))
    worse = replace(good, picture=None, website="")
    worse_score = profile_score(evaluate_profile(worse, plan_with(worse, ig), rulebook, {}, ()))
    assert 0.0 < worse_score < good_score < 1.0  # manual items are still open


def test_consistency_matrix_states(rulebook):
    ig = profile("instagram", bio="Sourdough bakery. Also on Facebook")
    fb = profile("facebook", bio="Cakes and coffee")
    x = profile("x", handle="rosa_leeds", display_name="Rosa Leeds", picture=OTHER_LOGO, website="", bio="")
    matrix = consistency_matrix(plan_with(ig, fb, x), rulebook)
    assert matrix.columns == ("instagram", "facebook", "x")
    assert matrix.rows == ("display_name", "handle", "picture", "website", "keywords", "cross_links")
    assert matrix.cell("display_name", "instagram").state == "ok"
    assert matrix.cell("display_name", "x").state == "differs"
    assert matrix.cell("handle", "facebook").state == "ok"
    assert matrix.cell("handle", "x").state == "differs"
    assert matrix.cell("handle", "x").value == "@rosa_leeds"
    assert matrix.cell("picture", "x").state == "differs"
    assert matrix.cell("website", "instagram").state == "ok"
    assert matrix.cell("website", "x").state == "missing"
    assert matrix.cell("keywords", "instagram").state == "ok"
    assert matrix.cell("keywords", "facebook").state == "differs"
    assert matrix.cell("keywords", "x").state == "missing"
    assert matrix.cell("cross_links", "instagram").state == "ok"
    assert matrix.cell("cross_links", "facebook").state == "missing"
    tooltip = matrix.cell("handle", "x").tooltip
    assert "Instagram: @rosas.bakery" in tooltip and "X: @rosa_leeds" in tooltip and "Facebook:" in tooltip


def test_matrix_with_a_tie_marks_both_as_differing(rulebook):
    a = profile("instagram", handle="rosas")
    b = profile("facebook", handle="rosaleeds")
    matrix = consistency_matrix(plan_with(a, b), rulebook)
    assert matrix.cell("handle", "instagram").state == "differs"
    assert matrix.cell("handle", "facebook").state == "differs"
    single = consistency_matrix(plan_with(a), rulebook)
    assert single.cell("handle", "instagram").state == "ok"


def test_a_platform_without_handles_is_not_applicable_not_missing(rulebook):
    ig = profile("instagram")
    google = profile("google_business", handle="")
    results = check(google, ig)
    assert status(results, "handle_valid") == "na"
    assert status(results, "handle_consistent") == "na"
    assert "no handle" in result(results, "handle_consistent").message
    # Old data typed into a platform without handles does not count against the others either.
    stray = profile("google_business", handle="somethingelse")
    assert status(check(stray, ig), "handle_consistent") == "na"
    assert status(check(ig, stray), "handle_consistent") == "na"  # nobody else with a handle
    matrix = consistency_matrix(plan_with(ig, google, profile("facebook")), rulebook)
    cell = matrix.cell("handle", "google_business")
    assert cell.state == "na"
    assert "not applicable" in cell.tooltip and "Google Business Profile: (not on this platform)" in cell.tooltip
    assert matrix.cell("handle", "instagram").state == "ok"
    assert matrix.cell("handle", "facebook").state == "ok"


def test_matrix_names_pictures_by_letter(rulebook):
    a = profile("instagram")
    b = profile("facebook", picture=ImageInfo("d" * 64, 180, 180, 9000))
    matrix = consistency_matrix(plan_with(a, b), rulebook)
    assert matrix.cell("picture", "instagram").value == "A · 800×800"
    assert matrix.cell("picture", "facebook").value == "B · 180×180"


# What a failing item says must name the problem AND the fix: one of these words tells the owner what to do.
FIX_WORDS = (
    "add",
    "upload",
    "save",
    "write",
    "shorten",
    "work one in",
    "link to",
    "use",
    "mention",
    "look",
    "pick",
    "copy",
    "set the review date",
)


def _bad_profiles() -> list[tuple[ProfileInput, tuple[ProfileInput, ...], dict]]:
    ig = profile("instagram")
    tiny = ImageInfo("e" * 64, 50, 50, 2000)
    huge = ImageInfo("f" * 64, 800, 800, 5_000_000)
    return [
        (
            profile("x", picture=None, banner=None, bio="", website="", display_name="", handle="", last_reviewed=None),
            (ig,),
            {},
        ),
        (
            profile(
                "x",
                picture=tiny,
                banner=tiny,
                handle="rosas.bakery.leeds.uk",
                display_name="Rosa L",
                website="https://linktr.ee/rosa",
                bio="Cakes " * 40,
                last_reviewed=date(2025, 1, 1),
            ),
            (ig,),
            {},
        ),
        (profile("bluesky", picture=huge, banner=huge, handle="rosas"), (ig,), {}),
        (profile("youtube", handle="ro", bio="Cakes and coffee"), (ig,), {}),
        (profile("facebook", bio="Cakes and coffee", handle="rosa.leeds", picture=OTHER_LOGO), (ig,), {}),
        (profile("x", display_name="Rosa L"), (profile("instagram", display_name="Rosa"),), {"business_name": ""}),
    ]


def test_every_failing_item_says_what_is_wrong_and_how_to_fix_it(rulebook):
    seen = set()
    for target, others, changes in _bad_profiles():
        for item in evaluate_profile(target, plan_with(target, *others, **changes), rulebook):
            if item.status != "fail" or not item.automatic:  # manual items show the rulebook's steps
                continue
            seen.add(item.code)
            text = item.message.casefold()
            assert any(word in text for word in FIX_WORDS), item.message
            assert len(item.message) <= 170, item.message  # short enough to read in the table
    assert set(AUTOMATIC_CODES) <= seen  # every rule was seen failing


# --- reviewer findings -------------------------------------------------------------------------


def test_keywords_ending_in_a_vowel_and_y_match_their_plural():
    for keyword, bio in (
        ("toy", "Wooden toys for kids"),
        ("key", "Spare keys cut while you wait"),
        ("toy", "A wooden toy"),
        ("bakery", "We love bakeries"),
        ("holiday", "Holidays by the sea"),
    ):
        assert status(check(profile("instagram", bio=bio), keywords=(keyword,)), "bio_keywords") == "ok", bio
    assert status(check(profile("instagram", bio="Wooden toies"), keywords=("toy",)), "bio_keywords") == "fail"
    assert status(check(profile("instagram", bio="Toyshop in town"), keywords=("toy",)), "bio_keywords") == "fail"


def test_keywords_match_accents_typed_either_way():
    decomposed = "Cafe\u0301 and cakes in Leeds"
    assert status(check(profile("instagram", bio=decomposed), keywords=("Café",)), "bio_keywords") == "ok"
    assert status(check(profile("instagram", bio="Café in Leeds"), keywords=("Cafe\u0301",)), "bio_keywords") == "ok"


def test_checklist_and_matrix_agree_on_the_display_name(rulebook):
    cases = [
        ("Anna's Bakery", ["Annas Bakery Berlin"] * 3),
        ("Anna's Bakery", ["Anna’s Bakery", "annas bakery", "Annas Bakery Berlin"]),
        ("", ["Rosa", "Rosa", "Rosa Leeds"]),
        ("", ["Rosa", "Rosa Leeds"]),
        ("Rosa's Bakery", ["Rosa's Bakery", "Rosa Leeds", "Rosa Leeds"]),
    ]
    for business, names in cases:
        codes = ("instagram", "facebook", "x")[: len(names)]
        profiles = [profile(code, display_name=name) for code, name in zip(codes, names, strict=True)]
        plan = plan_with(*profiles, business_name=business)
        matrix = consistency_matrix(plan, rulebook)
        for p in profiles:
            checked = status(automatic_checks(p, plan, rulebook), "display_name_consistent")
            cell = matrix.cell("display_name", p.platform).state
            assert (checked == "ok") == (cell == "ok"), (business, names, p.platform, checked, cell)
    # The business name is the reference: a name with a town added differs, in both places.
    same = [profile(code, display_name="Annas Bakery Berlin") for code in ("instagram", "facebook")]
    plan = plan_with(*same, business_name="Anna's Bakery")
    assert status(automatic_checks(same[0], plan, rulebook), "display_name_consistent") == "fail"
    assert consistency_matrix(plan, rulebook).cell("display_name", "instagram").state == "differs"
    # Apostrophes and punctuation do not count.
    plan = plan_with(profile("instagram", display_name="Annas Bakery"), business_name="Anna’s Bakery!")
    assert status(automatic_checks(plan.profiles[0], plan, rulebook), "display_name_consistent") == "ok"
    assert consistency_matrix(plan, rulebook).cell("display_name", "instagram").state == "ok"


def test_plain_words_are_not_links_to_other_profiles(rulebook):
    threads = profile("threads", handle="annas.yarn", profile_url="https://www.threads.net/@annas.yarn")
    ig = profile("instagram", handle="annas.yarn", profile_url="https://instagram.com/annas.yarn")
    for bio in (
        "Hand-dyed threads and yarn",
        "Threads: cotton, silk and wool",
        "Insta-worthy cakes daily",
        "Fine threads, spun by hand",
    ):
        assert mentioned_profiles(profile("x", bio=bio, website=""), [threads, ig], rulebook) == [], bio
    for bio in (
        "Hand-dyed yarn. Also on Threads",
        "Threads: @annas_yarn",
        "New colours @annas.yarn on Threads",
        "Follow us on Threads!",
        "threads.net/@annas.yarn",
        "Yarn daily, more at @annas.yarn.",
    ):
        assert "threads" in mentioned_profiles(profile("x", bio=bio, website=""), [threads], rulebook), bio
    for bio in ("Photos on insta", "Instagram @annasyarn", "See instagram.com/annas.yarn"):
        assert mentioned_profiles(profile("x", bio=bio, website=""), [ig], rulebook) == ["instagram"], bio


def test_registrable_host_reads_international_names_and_shared_hosts():
    assert registrable_host("https://bäckerei-anna.de/") == registrable_host("http://www.xn--bckerei-anna-gcb.de")
    assert registrable_host("xn--bckerei-anna-gcb.de") == "bäckerei-anna.de"
    assert registrable_host("https://Bäckerei-Anna.DE/menu") == "bäckerei-anna.de"
    assert registrable_host("https://annas.myshopify.com") != registrable_host("https://bobs.myshopify.com")
    assert registrable_host("https://annas.myshopify.com/products/x") == registrable_host("annas.myshopify.com")
    assert registrable_host("https://shop.annas.myshopify.com") == "annas.myshopify.com"
    assert registrable_host("https://sites.google.com/view/annas") != registrable_host(
        "https://sites.google.com/view/bobs"
    )
    assert registrable_host("https://linktr.ee/Annas") == registrable_host("linktr.ee/annas/")
    assert registrable_host("https://linktr.ee/annas") != registrable_host("https://linktr.ee/bobs")
    for shared in ("github.io", "wixsite.com", "squarespace.com", "blogspot.com", "wordpress.com", "carrd.co"):
        assert registrable_host(f"https://annas.{shared}") != registrable_host(f"https://bobs.{shared}"), shared


def test_a_shop_on_a_shared_host_is_not_your_website():
    results = check(profile("x", website="https://bobs.myshopify.com"), website="https://annas.myshopify.com")
    assert status(results, "website_matches") == "fail"
    assert "bobs.myshopify.com" in result(results, "website_matches").message
    same = check(profile("x", website="https://annas.myshopify.com/collections"), website="annas.myshopify.com")
    assert status(same, "website_matches") == "ok"
    idn = check(profile("x", website="https://xn--bckerei-anna-gcb.de"), website="https://bäckerei-anna.de")
    assert status(idn, "website_matches") == "ok"


def test_a_custom_platform_is_called_by_the_plans_name_and_no_rule_is_made_up():
    rulebook = load_rulebook().with_platform_names({"nebenan_de": "nebenan.de"})
    mine = profile("nebenan_de")
    results = {r.code: r for r in automatic_checks(mine, plan_with(mine, profile("instagram")), rulebook)}
    assert (results["banner_set"].status, results["banner_set"].message) == ("na", "No banner rule for nebenan.de.")
    assert (results["bio_length"].status, results["bio_length"].message) == (
        "na",
        "We know no limits for nebenan.de; add your own in Limits…",
    )
    assert all("Nebenan" not in r.message for r in results.values())
    # A limit the user adds is checked, under the plan's name.
    limited = rulebook.with_overrides({("nebenan_de", "bio"): 20})
    results = {r.code: r for r in automatic_checks(mine, plan_with(mine), limited)}
    assert results["bio_length"].status == "fail"
    assert "too long for nebenan.de" in results["bio_length"].message
    # Known platforms still say what is known.
    facts = {r.code: r for r in automatic_checks(profile("tiktok"), plan_with(profile("tiktok")), rulebook)}
    assert facts["banner_set"].message == "TikTok profiles have no banner."
