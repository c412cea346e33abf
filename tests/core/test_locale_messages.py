"""Messages shown in the window write numbers and dates the way the plan's locale does: a German plan reads
"2.212 von 2.200"-style numbers and "Mo., 1. Dez. 2025"-style dates, never "2,212" or "2025-12-01"."""

from __future__ import annotations

import hashlib
from datetime import date

from smoplanner.core.locale_format import PlanLocale
from smoplanner.core.media import MediaItem, check_post_media
from smoplanner.core.platforms import load_rulebook
from smoplanner.core.post_checks import check_post_text
from smoplanner.core.profile_rules import PlanContext, ProfileInput, automatic_checks


def test_a_too_long_caption_counts_with_the_locales_grouping_mark() -> None:
    rulebook = load_rulebook()
    german = check_post_text("a" * 2212, "instagram", rulebook, locale="de_DE")
    assert german[0].message == "Instagram caption is 12 characters too long (2.212 of 2.200)"
    english = check_post_text("a" * 2212, "instagram", rulebook)
    assert english[0].message == "Instagram caption is 12 characters too long (2,212 of 2,200)"


def test_a_stale_limit_names_its_date_in_the_plans_locale() -> None:
    rulebook = load_rulebook()
    rule = rulebook.platform("instagram").limits["hashtags"]
    problems = check_post_text("hello", "instagram", rulebook, today=date(2040, 1, 1), locale="de_DE")
    german_day = PlanLocale.of("de_DE").day(rule.verified_on)
    assert any(german_day in p.message and rule.verified_on.isoformat() not in p.message for p in problems)
    assert german_day != PlanLocale.of("en_US").day(rule.verified_on)


def test_a_pictures_file_size_uses_the_locales_decimal_mark() -> None:
    rulebook = load_rulebook()
    sha = hashlib.sha256(b"big").hexdigest()
    big = MediaItem("picture", sha, "", "image/jpeg", 1200, 1200, 1_500_000, "")
    (problem,) = check_post_media([big], "bluesky", rulebook, locale="de_DE")
    assert "1,5 MB" in problem.message
    (problem,) = check_post_media([big], "bluesky", rulebook)
    assert "1.5 MB" in problem.message


def test_the_review_date_on_a_profile_checklist_is_written_in_the_plans_locale() -> None:
    rulebook = load_rulebook()
    profile = ProfileInput(platform="instagram", last_reviewed=date(2026, 12, 6))
    plan = PlanContext("Sonne", "", (), (profile,), date(2026, 12, 7), "de_DE")
    reviewed = next(r for r in automatic_checks(profile, plan, rulebook) if r.code == "recently_reviewed")
    assert reviewed.message == "Reviewed on So., 6. Dez. 2026."
    old = PlanContext("Sonne", "", (), (profile,), date(2027, 12, 7), "de_DE")
    stale = next(r for r in automatic_checks(profile, old, rulebook) if r.code == "recently_reviewed")
    assert "(So., 6. Dez. 2026)" in stale.message
