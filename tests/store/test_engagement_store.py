"""The Engagement store, its CSV and its report section, on real plan files."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from helpers import new_plan, run_cli, sha256

from smoplanner.core.dates import Month
from smoplanner.core.engagement import ItemRecord
from smoplanner.formats.engagement_csv import read_engagement_csv, write_engagement_csv
from smoplanner.formats.errors import FileImportError
from smoplanner.report.summary import month_report
from smoplanner.store.engagement import (
    ItemFilter,
    create_items,
    export_items,
    get_item,
    import_items,
    item_ids,
    item_rows,
    month_figures,
    overdue_count,
    set_business_hours,
    set_targets,
    update_items,
)
from smoplanner.store.planfile import PlanFile

BERLIN = ZoneInfo("Europe/Berlin")
KNOWN = ("instagram", "facebook", "google_business")


def at(d: int, h: int, mi: int = 0) -> datetime:
    return datetime(2026, 12, d, h, mi, tzinfo=BERLIN)


@pytest.fixture
def plan(tmp_path: Path) -> PlanFile:
    plan = new_plan(tmp_path / "plan.smoplan")
    with plan.session() as s:
        set_business_hours(s, {day: ((time(9), time(17)),) for day in range(5)}, {date(2026, 12, 25): "Christmas"})
        set_targets(s, {("", "comment"): 8 * 60, ("", "message"): 4 * 60, ("google_business", "review"): 480})
    yield plan
    plan.close(save=False)


def items() -> list[ItemRecord]:
    return [
        ItemRecord("instagram", "comment", "@ana", "Love it", at(4, 16), "answered", at(7, 10)),  # Fri -> Mon
        ItemRecord("facebook", "message", "Ben", "Open Sunday?", at(7, 9), "new"),
        ItemRecord("instagram", "question", "@cy", "Vegan?", at(8, 12), "in_progress", tags=("vegan",)),
        ItemRecord("google_business", "review", "Dana", "=1+1 bad", at(9, 10), "escalated", sentiment="negative"),
        ItemRecord("facebook", "mention", "Eve", "Nice", at(10, 10), "no_reply"),
    ]


def test_queue_holds_open_items_most_overdue_first_and_filters(plan: PlanFile) -> None:
    with plan.session() as s:
        ids = create_items(s, items())
        queue = item_ids(s, ItemFilter())
        assert queue == [ids[1], ids[3], ids[2]]  # due Mon 13:00, Wed 10:00 (8 h), then no target
        assert item_ids(s, ItemFilter(queue=False, text="VEGAN")) == [ids[2]]
        assert item_ids(s, ItemFilter(queue=False, tag="#vegan")) == [ids[2]]
        assert item_ids(s, ItemFilter(queue=False, sentiment="negative")) == [ids[3]]
        assert item_ids(s, ItemFilter(queue=False, platform="facebook")) == [ids[1], ids[4]]
        rows = item_rows(s, ids)
        assert rows[ids[0]].response_minutes == 120  # Fri 16-17, Sat and Sun closed, Mon 9-10
        assert overdue_count(s, at(7, 14)) == 1
        assert overdue_count(s, at(31, 12)) == 2


def test_month_figures_and_the_report_section(plan: PlanFile) -> None:
    with plan.session() as s:
        create_items(s, items())
        figures = month_figures(s, *Month(2026, 12).utc_span(BERLIN), now=at(10, 12)).figures
        assert (figures.received, figures.answered, figures.overdue) == (5, 1, 2)
        assert figures.median_response_minutes == 120
        report = month_report(s, Month(2026, 12))["engagement"]
        assert report["received"] == 5 and report["answered"] == 1
        assert report["response_rate"] == 0.25 and report["within_target"] == 1.0
        assert month_report(s, Month(2027, 1))["engagement"]["response_rate"] is None


def test_changing_the_hours_recounts_the_times_to_answer(plan: PlanFile) -> None:
    with plan.session() as s:
        [item_id] = create_items(s, items()[:1])
        set_business_hours(s, {}, {})  # around the clock
        assert item_rows(s, [item_id])[item_id].response_minutes == (at(7, 10) - at(4, 16)) // timedelta(minutes=1)
        update_items(s, {item_id: ItemRecord("instagram", "comment", "@ana", "Love it", at(4, 16), "new")})
        assert item_rows(s, [item_id])[item_id].response_minutes is None
        assert get_item(s, item_id).status == "new"


def test_export_reads_back_equal_and_reimport_adds_nothing(plan: PlanFile, tmp_path: Path) -> None:
    out = tmp_path / "engagement.csv"
    with plan.session() as s:
        create_items(s, items())
        exported = export_items(s)
    write_engagement_csv(out, exported, tz=BERLIN)
    assert "'=1+1 bad" in out.read_text("utf-8-sig")  # formula-safe
    back = read_engagement_csv(out, tz=BERLIN, known_platforms=KNOWN).require()
    assert back == exported
    with plan.session() as s:
        assert import_items(s, back).added == 0


def test_a_bad_row_is_named_and_the_file_adds_nothing(plan: PlanFile, tmp_path: Path) -> None:
    header = "received_at,platform,kind,author,text,status\n"
    cases = {
        "a bad date": (
            header + "2026-12-01 10:00,instagram,comment,a,b,new\n2026-13-45 10:00,instagram,comment,a,c,new\n",
            3,
            "received_at",
        ),
        "an unknown status": (header + "2026-12-01 10:00,instagram,comment,a,b,maybe\n", 2, "status"),
        "an unknown platform": (header + "2026-12-01 10:00,myspace,comment,a,b,new\n", 2, "platform"),
    }
    for name, (text, row, column) in cases.items():
        preview = read_engagement_csv(text.encode(), tz=BERLIN, known_platforms=KNOWN)
        with pytest.raises(FileImportError) as caught:
            preview.require()
        first = caught.value.problems[0]
        assert (first.row, first.field) == (row, column), name
        assert preview.records == []


def test_a_good_file_in_another_shape_imports(plan: PlanFile) -> None:
    text = (
        "Received_At;Platform;Kind;Author;Text;Status;Answered_At;Tags\n"
        "26.12.2026 14:35;Facebook;Direct message;Ben;Hi;;27.12.2026 09:00;#Menu, price\n"
    )
    records = read_engagement_csv(text.encode("cp1252"), tz=BERLIN, known_platforms=KNOWN).require()
    assert records[0].kind == "message" and records[0].status == "answered"
    assert records[0].tags == ("menu", "price") and records[0].platform == "facebook"
    with plan.session() as s:
        assert import_items(s, records).added == 1
        assert import_items(s, records).added == 0


def test_cli_import_export_and_report_on_the_demo_plan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "demo.smoplan"
    assert run_cli(capsys, "new", str(path), "--demo")[0] == 0
    out = tmp_path / "engagement.csv"
    code, said, _ = run_cli(capsys, "export", str(path), "engagement", "-o", str(out), "--format", "csv")
    assert code == 0 and said.startswith("Exported ")
    code, _, err = run_cli(capsys, "export", str(path), "engagement", "-o", str(out), "--format", "ics")
    assert code == 2 and "CSV only" in err
    before = sha256(path)
    code, said, _ = run_cli(capsys, "import", str(path), str(out), "--kind", "engagement")
    assert code == 0 and "Imported 0 items" in said
    assert sha256(path) == before
    bad = tmp_path / "bad.csv"
    bad.write_text("received_at,platform,kind,author,text,status\n2026-12-01 10:00,instagram,comment,a,b,maybe\n")
    code, _, err = run_cli(capsys, "import", str(path), str(bad), "--kind", "engagement")
    assert code == 1 and "Row 2, status" in err and "nothing was imported" in err
    assert sha256(path) == before
    # The sample reaches two months back from today, so the month before this one is always full.
    month = str(Month.of(datetime.now(UTC).astimezone(BERLIN).date()).previous())
    code, said, _ = run_cli(capsys, "report", str(path), "--month", month, "--json")
    import json

    section = json.loads(said)["engagement"]
    assert section["received"] > 20 and 0.5 < section["response_rate"] <= 1
    assert section["median_response_minutes"] > 0 and 0 < section["within_target"] <= 1
