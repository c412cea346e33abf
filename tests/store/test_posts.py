"""The calendar's store: posts on a real plan file, undo snapshots, repeats, pillars, import, export, report."""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from helpers import new_plan, sha256
from icalendar import Calendar

from smoplanner.core.dates import Month
from smoplanner.core.money import currency
from smoplanner.core.posts import PostRecord
from smoplanner.core.recurrence import Recurrence
from smoplanner.formats.errors import FileImportError
from smoplanner.formats.ics import write_ics
from smoplanner.formats.posts_csv import read_posts_csv, write_posts_csv
from smoplanner.report.summary import month_report
from smoplanner.store.planfile import PlanFile
from smoplanner.store.posts import (
    all_posts,
    count_posts,
    create_pillar,
    create_post,
    create_series,
    delete_hashtag_group,
    delete_pillar,
    delete_posts,
    detach_from_series,
    duplicate_post,
    export_records,
    get_post,
    import_records,
    list_hashtag_groups,
    list_pillars,
    move_post,
    pillar_mix,
    posts_between,
    posts_by_day,
    restore_pillar,
    restore_posts,
    save_hashtag_group,
    set_pillar,
    set_status,
    snapshot_posts,
    unscheduled_posts,
    update_pillar,
    update_post,
    update_series_from,
)
from smoplanner.store.schema import schema_differences

BERLIN = ZoneInfo("Europe/Berlin")
DATA = Path(__file__).parent.parent / "data" / "formats"
DECEMBER = Month(2026, 12).utc_span(BERLIN)


def post(title: str = "Cinnamon buns", when: datetime | None = None, **changes: object) -> PostRecord:
    record = PostRecord(
        title=title,
        text=f"{title}: fresh from the oven at 3 pm.",
        platforms=("instagram", "facebook"),
        scheduled_at=when if when is not None else datetime(2026, 12, 4, 15, 0, tzinfo=BERLIN),
        status="scheduled",
        link="https://baeckerei-sonne.de/buns",
        campaign="advent",
    )
    return replace(record, **changes)  # type: ignore[arg-type]


@pytest.fixture
def plan(tmp_path: Path) -> PlanFile:
    plan = new_plan(tmp_path / "plan.smoplan")
    yield plan
    if not plan.closed:
        plan.close(save=False)


def reopen(plan: PlanFile) -> PlanFile:
    path = plan.path
    assert path is not None
    plan.save()
    plan.close(save=False)
    return PlanFile.open(path)


def test_new_plan_has_the_posts_tables_and_no_schema_differences(plan: PlanFile) -> None:
    assert schema_differences(plan.engine) == []
    with plan.session() as s:
        assert count_posts(s) == 0 and all_posts(s) == [] and list_pillars(s) == []


def test_create_read_update_survive_reopening(plan: PlanFile) -> None:
    with plan.session() as s:
        pillar = create_pillar(s, "Offers", "#f2b134", 20)
        record = post(variants=(("instagram", "Buns 🥐 #bakery"),), boosted=True, boost_minor=2550)
        post_id = create_post(s, record, pillar_id=pillar)
    plan = reopen(plan)
    try:
        with plan.session() as s:
            row = get_post(s, post_id)
            assert row.title == "Cinnamon buns" and row.platforms == ("instagram", "facebook")
            assert row.variants == (("instagram", "Buns 🥐 #bakery"),)
            assert row.scheduled_at == datetime(2026, 12, 4, 14, 0, tzinfo=UTC)
            assert (row.pillar_name, row.pillar_color) == ("Offers", "#F2B134")
            assert (row.boosted, row.boost_minor, row.has_problems) == (True, 2550, False)
            assert row.to_record() == replace(record, pillar="Offers")
            update_post(s, post_id, replace(record, text="Sold out today", platforms=("facebook",)), pillar_id=None)
            row = get_post(s, post_id)
            assert (row.text, row.platforms, row.variants, row.pillar_id) == (
                "Sold out today",
                ("facebook",),
                (),
                None,
            )
    finally:
        plan.close(save=False)


def test_posts_between_is_half_open_and_ordered_and_backlog_is_apart(plan: PlanFile) -> None:
    start, end = DECEMBER
    with plan.session() as s:
        late = create_post(s, post("Late", datetime(2026, 12, 31, 23, 30, tzinfo=BERLIN)))
        early = create_post(s, post("Early", datetime(2026, 12, 1, 0, 0, tzinfo=BERLIN)))
        create_post(s, post("January", datetime(2027, 1, 1, 0, 0, tzinfo=BERLIN)))
        idea = create_post(s, post("Idea", status="idea", scheduled_at=None))
        rows = posts_between(s, start, end)
        assert [r.id for r in rows] == [early, late]
        assert [r.id for r in unscheduled_posts(s)] == [idea]
        assert [r.title for r in all_posts(s)] == ["Early", "Late", "January", "Idea"]
        days = posts_by_day(rows, BERLIN)
        assert sorted(days) == [date(2026, 12, 1), date(2026, 12, 31)]


def test_move_and_undo_keep_the_id_and_reach_the_file(plan: PlanFile) -> None:
    with plan.session() as s:
        post_id = create_post(s, post())
    with plan.session() as s:
        before = snapshot_posts(s, [post_id])
        move_post(s, post_id, datetime(2026, 12, 12, 15, 0, tzinfo=BERLIN))
    plan = reopen(plan)
    try:
        with plan.session() as s:
            assert get_post(s, post_id).scheduled_at == datetime(2026, 12, 12, 14, 0, tzinfo=UTC)
            restore_posts(s, before)  # undo
            assert get_post(s, post_id).scheduled_at == datetime(2026, 12, 4, 14, 0, tzinfo=UTC)
            move_post(s, post_id, None)
            assert [r.id for r in unscheduled_posts(s)] == [post_id]
            with pytest.raises(ValueError):
                move_post(s, post_id, datetime(2026, 12, 12, 15, 0))
    finally:
        plan.close(save=False)


def test_delete_and_restore_bring_back_everything(plan: PlanFile) -> None:
    with plan.session() as s:
        pillar = create_pillar(s, "Tips", "#81B29A", 10)
        first = create_post(s, post("One", variants=(("facebook", "FB only"),)), pillar_id=pillar)
        second = create_post(s, post("Two"))
        before = [get_post(s, first), get_post(s, second)]
    with plan.session() as s:
        snapshots = delete_posts(s, [first, second])
        assert count_posts(s) == 0
    with plan.session() as s:
        restore_posts(s, snapshots)
    with plan.session() as s:
        assert [get_post(s, first), get_post(s, second)] == before
        assert count_posts(s) == 2


def test_duplicate_and_bulk_changes(plan: PlanFile) -> None:
    with plan.session() as s:
        pillar = create_pillar(s, "Community", "#3D85C6", 30)
        original = create_post(s, post(status="published", published_url="https://instagram.com/p/x"))
        copy = duplicate_post(s, original)
        row = get_post(s, copy)
        assert copy != original and row.text == get_post(s, original).text
        assert (row.status, row.published_url) == ("draft", "")
        set_status(s, [original, copy], "scheduled")
        set_pillar(s, [original, copy], pillar)
        assert {(r.status, r.pillar_name) for r in all_posts(s)} == {("scheduled", "Community")}
        with pytest.raises(ValueError):
            set_status(s, [copy], "posted")


def test_has_problems_marks_a_rule_breaking_post(plan: PlanFile) -> None:
    tags = " ".join(f"#tag{i}" for i in range(8))
    with plan.session() as s:
        bad = create_post(s, post("Too many tags", text=f"Buns {tags}"))
        ok = create_post(s, post("Fine", text="Buns #bakery"))
        # The variant is what Instagram gets, so only it is checked there.
        fixed = create_post(
            s,
            post(
                "Fixed",
                text=f"Buns {tags}",
                platforms=("instagram",),
                variants=(("instagram", "Buns #bakery"),),
            ),
        )
        assert get_post(s, bad).has_problems and not get_post(s, ok).has_problems
        assert not get_post(s, fixed).has_problems
        update_post(s, ok, post("Fine", text="x" * 2300), pillar_id=None)
        assert get_post(s, ok).has_problems


def test_series_create_update_following_and_detach(plan: PlanFile) -> None:
    first = datetime(2026, 11, 1, 9, 0, tzinfo=BERLIN)
    with plan.session() as s:
        series_id, ids = create_series(
            s, post("Sunday brunch", first), Recurrence("weekly", until=date(2026, 11, 29)), pillar_id=None
        )
        assert len(ids) == 5
        rows = [get_post(s, i) for i in ids]
        assert {r.series_id for r in rows} == {series_id}
        # 09:00 local on both sides of nothing special: all at 08:00 UTC in November (CET).
        assert [r.scheduled_at.astimezone(BERLIN).hour for r in rows] == [9] * 5  # type: ignore[union-attr]

        detach_from_series(s, ids[3])
        third = get_post(s, ids[2]).to_record()
        changed = update_series_from(
            s,
            ids[2],
            replace(third, text="Brunch till 3", scheduled_at=third.scheduled_at.replace(hour=9)),  # type: ignore[union-attr]
            pillar_id=None,
        )
        assert changed == [ids[2], ids[4]]
        texts = [get_post(s, i).text for i in ids]
        assert texts[:2] == [rows[0].text] * 2 and texts[2] == texts[4] == "Brunch till 3"
        assert texts[3] == rows[3].text  # detached: left alone
        local = [get_post(s, i).scheduled_at.astimezone(BERLIN) for i in ids]  # type: ignore[union-attr]
        assert [t.hour for t in local] == [9, 9, 10, 9, 10]
        assert [t.day for t in local] == [1, 8, 15, 22, 29]


def test_series_following_carries_a_change_of_day_and_keeps_each_time(plan: PlanFile) -> None:
    first = datetime(2026, 10, 12, 9, 0, tzinfo=BERLIN)  # a Monday; the clocks go back on 25 October
    with plan.session() as s:
        _series_id, ids = create_series(
            s, post("Monday tip", first), Recurrence("weekly", until=date(2026, 11, 9)), pillar_id=None
        )
        assert len(ids) == 5
        # One later post has its own time of day, which a change of day alone must keep.
        own = get_post(s, ids[3]).to_record()
        update_post(s, ids[3], replace(own, scheduled_at=datetime(2026, 11, 2, 17, 30, tzinfo=BERLIN)), pillar_id=None)
        second = get_post(s, ids[1]).to_record()
        tuesday = datetime(2026, 10, 20, 9, 0, tzinfo=BERLIN)
        changed = update_series_from(s, ids[1], replace(second, scheduled_at=tuesday), pillar_id=None)
        assert changed == ids[1:]
        local = [get_post(s, i).scheduled_at.astimezone(BERLIN) for i in ids]  # type: ignore[union-attr]
        assert [(t.date(), t.strftime("%H:%M")) for t in local] == [
            (date(2026, 10, 12), "09:00"),  # before: left alone
            (date(2026, 10, 20), "09:00"),
            (date(2026, 10, 27), "09:00"),  # across the clock change: still 09:00 on the wall
            (date(2026, 11, 3), "17:30"),
            (date(2026, 11, 10), "09:00"),
        ]
        assert {t.strftime("%A") for t in local[1:]} == {"Tuesday"}

        # A new day and a new time together: every later post gets both.
        third = get_post(s, ids[2]).to_record()
        update_series_from(
            s, ids[2], replace(third, scheduled_at=datetime(2026, 10, 29, 8, 15, tzinfo=BERLIN)), pillar_id=None
        )
        local = [get_post(s, i).scheduled_at.astimezone(BERLIN) for i in ids[2:]]  # type: ignore[union-attr]
        assert [(t.date(), t.strftime("%H:%M")) for t in local] == [
            (date(2026, 10, 29), "08:15"),
            (date(2026, 11, 5), "08:15"),
            (date(2026, 11, 12), "08:15"),
        ]


def test_pillars_mix_delete_and_restore(plan: PlanFile) -> None:
    start, end = DECEMBER
    with plan.session() as s:
        offers = create_pillar(s, "Offers", "#F2B134", 25)
        tips = create_pillar(s, "Tips", "#81B29A", 75)
        with pytest.raises(ValueError, match="already"):
            create_pillar(s, "offers", "#000000", 10)
        with pytest.raises(ValueError):
            create_pillar(s, "Red", "red", 10)
        with pytest.raises(ValueError):
            create_pillar(s, "Big", "#000000", 101)
        a = create_post(s, post("A"), pillar_id=offers)
        create_post(s, post("B"), pillar_id=offers)
        create_post(s, post("C"), pillar_id=tips)
        create_post(s, post("D"))
        create_post(s, post("November", datetime(2026, 11, 30, 12, 0, tzinfo=BERLIN)), pillar_id=tips)
        mix = pillar_mix(s, start, end)
        assert [(m.pillar.name if m.pillar else None, m.post_count, m.share, m.target) for m in mix] == [
            ("Offers", 2, 0.5, 0.25),
            ("Tips", 1, 0.25, 0.75),
            (None, 1, 0.25, 0.0),
        ]
        update_pillar(s, offers, "Deals", "#ff0000", 30)
        assert get_post(s, a).pillar_name == "Deals"
        snap = delete_pillar(s, offers)
        assert get_post(s, a).pillar_id is None and [p.name for p in list_pillars(s)] == ["Tips"]
        restore_pillar(s, snap)
        assert get_post(s, a).pillar_name == "Deals" and len(list_pillars(s)) == 2


def test_hashtag_groups(plan: PlanFile) -> None:
    with plan.session() as s:
        gid = save_hashtag_group(s, "Bakery", "sourdough #Hamburg, #bakery sourdough")
        assert [(g.name, g.tags) for g in list_hashtag_groups(s)] == [("Bakery", "#sourdough #Hamburg #bakery")]
        assert save_hashtag_group(s, "Bakery", "#bread") == gid
        assert list_hashtag_groups(s)[0].tag_list == ("#bread",)
        removed = delete_hashtag_group(s, gid)
        assert removed is not None and list_hashtag_groups(s) == []


def _read_generic(path: Path | bytes) -> list[PostRecord]:
    return read_posts_csv(
        path, tz=BERLIN, currency=currency("EUR"), known_platforms=("instagram", "facebook", "x")
    ).require()


def test_import_adds_once_and_creates_pillars(plan: PlanFile) -> None:
    records = _read_generic(DATA / "posts_comma_bom.csv")
    with plan.session() as s:
        result = import_records(s, records)
        assert (result.added, result.skipped) == (len(records), 0)
        assert {p.name for p in list_pillars(s)} >= {"Offers", "Community"}
    with plan.session() as s:
        again = import_records(s, records)
        assert (again.added, again.skipped) == (0, len(records))
        assert count_posts(s) == len(records)


def test_import_lists_the_pillars_it_created(plan: PlanFile) -> None:
    with plan.session() as s:
        create_pillar(s, "Community", "#3D405B")
        records = [
            post("Rye", pillar="Offres"),
            post("Anna", datetime(2026, 11, 13, 9, 0, tzinfo=BERLIN), pillar="community"),
            post("Stollen", datetime(2026, 11, 14, 9, 0, tzinfo=BERLIN), pillar="OFFRES"),
        ]
        result = import_records(s, records)
        assert result.added == 3 and result.new_pillars == ("Offres",)
        assert [p.name for p in list_pillars(s)] == ["Community", "Offres"]
    with plan.session() as s:
        assert import_records(s, records).new_pillars == ()  # nothing new the second time


def test_posts_made_in_the_app_are_recognised_when_their_export_comes_back(plan: PlanFile, tmp_path: Path) -> None:
    with plan.session() as s:
        original = create_post(s, post("Buns"))
        duplicate_post(s, original)
        create_post(s, post("Soup", datetime(2026, 12, 9, 12, 0, tzinfo=BERLIN)))
        create_post(s, post("Idea", scheduled_at=None, status="idea", platforms=()))
        records = [r for _, r in export_records(s)]
    out = tmp_path / "posts.csv"
    write_posts_csv(out, records, tz=BERLIN, currency=currency("EUR"))
    with plan.session() as s:
        result = import_records(s, _read_generic(out))
        assert (result.added, result.skipped) == (0, 4)
        assert count_posts(s) == 4
    # A post edited in the app since: its old row in the file is a post the plan no longer has.
    with plan.session() as s:
        soup = next(r for r in all_posts(s) if r.title == "Soup")
        update_post(s, soup.id, replace(soup.to_record(), text="Soup of the day"), pillar_id=None)
        result = import_records(s, _read_generic(out))
        assert (result.added, result.skipped) == (1, 3)


def test_a_bad_file_leaves_the_plan_unchanged(plan: PlanFile) -> None:
    with plan.session() as s:
        create_post(s, post())
    plan.save()
    path = plan.path
    assert path is not None
    before = sha256(path)
    with pytest.raises(FileImportError) as info, plan.session() as s:
        import_records(s, _read_generic(DATA / "posts_bad_rows.csv"))
    assert "Row 3" in str(info.value)
    # An error half way through an import rolls back what was already added.
    with pytest.raises(RuntimeError), plan.session() as s:
        import_records(s, _read_generic(DATA / "posts_comma_bom.csv"))
        raise RuntimeError("disk full")
    with plan.session() as s:
        assert count_posts(s) == 1 and [p.name for p in list_pillars(s)] == []
    assert sha256(path) == before


def test_export_round_trips_through_csv_and_ics(plan: PlanFile, tmp_path: Path) -> None:
    with plan.session() as s:
        create_pillar(s, "Offers", "#F2B134", 20)
        ids = [
            create_post(
                s,
                post(
                    "Buns",
                    variants=(("instagram", "Insta 🥐"),),
                    pillar="Offers",
                    boosted=True,
                    boost_minor=1250,
                    notes="=SUM(A1)",
                ),
            ),
            create_post(s, post("Soup", datetime(2026, 12, 9, 12, 0, tzinfo=BERLIN), text='Soup, "hot"\nnew line')),
            create_post(s, post("Idea", scheduled_at=None, status="idea", platforms=())),
            create_post(s, post("January", datetime(2027, 1, 3, 9, 0, tzinfo=BERLIN))),
        ]
        pairs = export_records(s, *DECEMBER)
        everything = export_records(s)
    assert [i for i, _ in pairs] == ids[:2]
    assert len(everything) == 4
    records = [r for _, r in pairs]

    out = tmp_path / "posts.csv"
    write_posts_csv(out, records, tz=BERLIN, currency=currency("EUR"))
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["title"] for r in rows] == ["Buns", "Soup"]
    assert rows[0]["notes"] == "'=SUM(A1)" and rows[0]["boost_amount"] == "12.50"
    assert rows[1]["text"] == 'Soup, "hot"\nnew line' and rows[0]["text_instagram"] == "Insta 🥐"
    back = _read_generic(out)
    assert [replace(r, source_key="") for r in back] == [replace(r, source_key="") for r in records]

    ics = tmp_path / "posts.ics"
    write_ics(ics, records, tz=BERLIN, calendar_name="Sonne", ids=[i for i, _ in pairs])
    events = [c for c in Calendar.from_ical(ics.read_bytes()).walk("VEVENT")]
    assert sorted(str(e["uid"]) for e in events) == sorted(
        f"post-{i}-{p}@smoplanner" for i in ids[:2] for p in ("instagram", "facebook")
    )
    starts = {str(e["summary"]): e.decoded("dtstart") for e in events}
    assert starts["Instagram: Buns"] == records[0].scheduled_at
    descriptions = {str(e["summary"]): str(e["description"]) for e in events}
    assert descriptions["Instagram: Buns"].startswith("Insta 🥐")
    assert descriptions["Facebook: Soup"].startswith('Soup, "hot"\nnew line')


def test_report_section_counts_the_month(plan: PlanFile) -> None:
    with plan.session() as s:
        create_post(s, post("A", datetime(2026, 12, 1, 0, 30, tzinfo=BERLIN)))  # 30 Nov in UTC, December here
        create_post(s, post("B", status="published", platforms=("instagram",)))
        create_post(s, post("C", status="draft", platforms=("x",)))
        create_post(s, post("Idea", scheduled_at=None, status="idea"))
        create_post(s, post("Nov", datetime(2026, 11, 30, 23, 30, tzinfo=BERLIN)))
        report = month_report(s, Month(2026, 12))
    assert list(report)[:3] == ["month", "currency", "posts"] and list(report)[-1] == "profiles"
    assert report["posts"] == {
        "total": 3,
        "by_status": {"idea": 0, "draft": 1, "scheduled": 1, "published": 1},
        "by_platform": {"facebook": 1, "instagram": 2, "x": 1},
    }


def test_reads_are_three_queries_not_one_per_post(plan: PlanFile) -> None:
    from sqlalchemy import event

    with plan.session() as s:
        for day in range(1, 29):
            create_post(s, post(f"Day {day}", datetime(2026, 12, day, 9, 0, tzinfo=BERLIN)))
    statements: list[str] = []

    def count(*_args: object) -> None:
        statements.append("x")

    event.listen(plan.engine, "before_cursor_execute", count)
    try:
        with plan.session() as s:
            assert len(posts_between(s, *DECEMBER)) == 28
            assert len(all_posts(s)) == 28
    finally:
        event.remove(plan.engine, "before_cursor_execute", count)
    assert len(statements) <= 6  # each read: the posts, their platforms, their media


def test_changing_the_currency_keeps_amounts_and_refuses_ones_it_cannot_hold(plan: PlanFile) -> None:
    from smoplanner.core.plan_settings import SettingsError
    from smoplanner.store.settings import get_settings, update_settings

    with plan.session() as s:
        first = create_post(s, post("Boosted", boosted=True, boost_minor=1250))
    with pytest.raises(SettingsError) as caught, plan.session() as s:
        update_settings(s, get_settings(s).with_changes(currency="JPY"))
    assert caught.value.field == "currency" and "12.50 EUR" in caught.value.message
    with plan.session() as s:
        assert get_post(s, first).boost_minor == 1250, "nothing changed"
        update_settings(s, get_settings(s).with_changes(currency="KWD"))  # three decimals
    with plan.session() as s:
        assert get_post(s, first).boost_minor == 12500
        update_settings(s, get_settings(s).with_changes(currency="USD"))
    with plan.session() as s:
        row = get_post(s, first)
        assert row.boost_minor == 1250 and isinstance(row.boost_minor, int)


def test_post_checks_call_a_custom_platform_by_the_plans_name(tmp_path: Path) -> None:
    from smoplanner.core.plan_settings import custom_platform
    from smoplanner.core.post_checks import check_post_text
    from smoplanner.store.profiles import rulebook_for
    from smoplanner.store.settings import get_settings, update_settings

    plan = new_plan(tmp_path / "a.smoplan")
    try:
        with plan.session() as s:
            settings = get_settings(s)
            update_settings(s, settings.with_changes(platforms=(*settings.platforms, custom_platform("nebenan.de"))))
        with plan.session() as s:
            problems = check_post_text("", "nebenan_de", rulebook_for(s))
        assert problems and "nebenan.de" in problems[0].message
    finally:
        plan.close(save=False)


def test_an_import_reports_its_progress_and_a_stop_adds_nothing(plan: PlanFile) -> None:
    records = [post(f"Row {i}", datetime(2026, 12, 1, 9, 0, tzinfo=BERLIN) + timedelta(hours=i)) for i in range(1200)]
    seen: list[tuple[int, int]] = []
    with plan.session() as s:
        result = import_records(s, records, progress=lambda done, total: seen.append((done, total)))
    assert result.added == 1200
    assert seen == [(0, 1200), (500, 1200), (1000, 1200), (1200, 1200)]

    class Stop(Exception):
        pass

    def stop(done: int, total: int) -> None:
        if done:
            raise Stop

    more = [post(f"More {i}", datetime(2027, 1, 1, 9, 0, tzinfo=BERLIN) + timedelta(hours=i)) for i in range(700)]
    with pytest.raises(Stop), plan.session() as s:
        import_records(s, more, progress=stop)
    with plan.session() as s:
        assert count_posts(s) == 1200
