"""File ▸ Import and File ▸ Export of posts: preview, row-numbered errors, all or nothing, re-import, exports."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from helpers import new_plan
from PySide6.QtCore import Qt

from smoplanner.core.dates import Month
from smoplanner.core.posts import PostRecord
from smoplanner.formats import hootsuite
from smoplanner.store import posts as store
from smoplanner.store.planfile import PlanFile
from smoplanner.ui.calendar import asks, transfer
from smoplanner.ui.calendar.transfer import ExportChoice, ExportDialog, ImportDialog
from smoplanner.ui.document import PlanDocument

GOOD = (
    "date,time,title,text,platforms,status,pillar\r\n"
    "12/11/2026,09:00,Rye loaf,Our new rye loaf is here,instagram,scheduled,Offers\r\n"
    '13/11/2026,18:30,Meet Anna,"Anna bakes since 5am,\nevery day",instagram facebook,draft,\r\n'
    "25/11/2026,12:00,Stollen,Pre-order your stollen,facebook,draft,Offers\r\n"
)
BAD = (
    "date;time;title;text;platforms\r\n"
    "12/11/2026;09:00;Fine;Fine text;instagram\r\n"
    "31/02/2026;09:00;Bad date;Text;instagram\r\n"
    "14/11/2026;09:00;Bad platform;Text;myspace\r\n"
)


@pytest.fixture
def document(tmp_path: Path, qtbot):
    plan = new_plan(tmp_path / "bakery.smoplan")
    doc = PlanDocument(plan)
    yield doc
    if not plan.closed:
        plan.close(save=False)


@pytest.fixture
def parent(qtbot):
    from PySide6.QtWidgets import QWidget

    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8-sig") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def count(document: PlanDocument) -> int:
    with document.plan.session() as s:
        return store.count_posts(s)


def open_preview(qtbot, document: PlanDocument, path: Path, parent) -> ImportDialog:
    dialog = ImportDialog(transfer._context(document), path, parent)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=5000)
    return dialog


def test_preview_shows_what_was_detected_and_the_rows(qtbot, document, tmp_path, parent):
    dialog = open_preview(qtbot, document, write(tmp_path, "posts.csv", GOOD), parent)
    assert dialog.kind == "generic"
    text = dialog.found.text()
    assert "utf-8-sig" in text and "comma-separated" in text and "day first" in text and "3 posts" in text
    assert dialog.preview_model.rowCount() == 3
    assert dialog.preview_model.index(1, 2).data() == "Meet Anna"
    assert dialog.import_button.isEnabled()
    assert not dialog.problem_view.isVisibleTo(dialog)
    dialog.reject()


def test_preview_lists_every_error_with_its_row_and_import_is_disabled(qtbot, document, tmp_path, parent):
    dialog = open_preview(qtbot, document, write(tmp_path, "bad.csv", BAD, "cp1252"), parent)
    shown = [dialog.problem_model.index(r, 0).data() for r in range(dialog.problem_model.rowCount())]
    assert len(shown) == 2
    assert shown[0].startswith("Row 3")
    assert shown[1].startswith("Row 4") and "myspace" in shown[1]
    assert not dialog.import_button.isEnabled()
    assert dialog.preview_model.rowCount() == 0
    assert "2 problems" in dialog.problem_label.text()
    dialog.reject()


def test_hootsuite_files_need_platforms_and_the_date_order_can_be_chosen(qtbot, document, tmp_path, parent):
    path = write(tmp_path, "hs.csv", "03/04/2026 09:00,Spring menu is here,https://example.com\r\n", "utf-8")
    dialog = open_preview(qtbot, document, path, parent)
    assert dialog.kind == "hootsuite"
    assert dialog.platform_box.isVisibleTo(dialog)
    assert not dialog.import_button.isEnabled()
    dialog.preview = None
    dialog.set_platforms(("instagram",))
    dialog.order_combo.setCurrentIndex(dialog.order_combo.findData("mdy"))
    qtbot.waitUntil(lambda: dialog.preview is not None and dialog.preview.date_order == "mdy", timeout=5000)
    rec = dialog.preview.records[0]
    assert rec.scheduled_at.astimezone(ZoneInfo("Europe/Berlin")).date() == date(2026, 3, 4)
    assert dialog.import_button.isEnabled()
    dialog.reject()


def test_hootsuite_choices_are_prompts_not_file_problems(qtbot, document, tmp_path, parent):
    """Platforms and an ambiguous date order are chosen in the dialog: a plain prompt, never "1 problem"."""
    path = write(tmp_path, "hs.csv", "03/04/2026 09:00,Spring menu is here,https://example.com\r\n", "utf-8")
    dialog = open_preview(qtbot, document, path, parent)
    assert dialog.kind == "hootsuite"
    assert dialog.choice_label.isVisibleTo(dialog)
    assert dialog.choice_label.text() == (
        "Choose the platforms these posts go to.\nChoose whether dates are day-first or month-first."
    )
    assert "color" not in dialog.choice_label.styleSheet()  # not shown as an error
    assert dialog.problem_model.rowCount() == 0
    assert not dialog.problem_label.isVisibleTo(dialog) and not dialog.problem_view.isVisibleTo(dialog)
    assert not dialog.import_button.isEnabled()
    assert dialog.preview_model.rowCount() == 0

    dialog.preview = None
    dialog.set_platforms(("instagram",))  # the date order is still to choose
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=5000)
    assert dialog.choice_label.text() == "Choose whether dates are day-first or month-first."
    assert dialog.problem_model.rowCount() == 0 and not dialog.problem_label.isVisibleTo(dialog)
    assert not dialog.import_button.isEnabled()

    dialog.preview = None
    dialog.order_combo.setCurrentIndex(dialog.order_combo.findData("dmy"))
    qtbot.waitUntil(lambda: dialog.preview is not None and dialog.preview.date_order == "dmy", timeout=5000)
    assert not dialog.choice_label.isVisibleTo(dialog)
    assert dialog.preview_model.rowCount() == 1  # the preview fills once everything is chosen
    assert dialog.import_button.isEnabled()
    dialog.reject()


def test_a_clear_hootsuite_file_shows_its_rows_and_asks_for_platforms(qtbot, document, tmp_path, parent):
    message = (
        "Stollen is back in our bakery from today until Christmas, with marzipan or without\n"
        "Order at the counter or online"
    )
    path = write(
        tmp_path,
        "hs.csv",
        f'26/11/2026 09:00,"{message}",https://sonne.example/stollen\r\n27/11/2026 09:00,Advent opens,\r\n',
    )
    dialog = open_preview(qtbot, document, path, parent)
    assert dialog.choice_label.text() == "Choose the platforms these posts go to."
    assert dialog.problem_model.rowCount() == 0 and not dialog.problem_label.isVisibleTo(dialog)
    assert "2 posts in the file" in dialog.found.text()
    # The rows show before the platforms are ticked: the first line, shortened at a word, and the link.
    model = dialog.preview_model
    assert model.rowCount() == 2
    columns = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert "Link" in columns
    assert model.index(0, columns.index("Title")).data() == "Stollen is back in our bakery from today until Christmas…"
    assert model.index(0, columns.index("Link")).data() == "https://sonne.example/stollen"
    assert model.index(0, columns.index("Platforms")).data() == "(choose above)"
    assert not dialog.import_button.isEnabled()
    dialog.preview = None
    dialog.platform_checks["facebook"].setChecked(True)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=5000)
    assert not dialog.choice_label.isVisibleTo(dialog)
    assert dialog.preview_model.rowCount() == 2
    assert dialog.import_button.isEnabled()
    dialog.reject()


def test_a_platform_the_plan_does_not_use_says_where_to_add_it(qtbot, document, parent):
    path = Path(__file__).resolve().parent.parent / "data" / "formats" / "posts_offset.csv"
    dialog = open_preview(qtbot, document, path, parent)  # the file's posts are for X; the plan has no X
    shown = [dialog.problem_model.index(r, 0).data() for r in range(dialog.problem_model.rowCount())]
    assert shown[0] == (
        "Row 2, platforms: X is not one of this plan's platforms; "
        "add it in Edit ▸ Plan Settings, or remove it from the file"
    )
    assert not any("unknown platform" in line for line in shown)
    assert not dialog.import_button.isEnabled()
    dialog.reject()


def test_new_pillars_are_named_in_the_preview_and_when_the_import_is_done(
    qtbot, document, tmp_path, parent, monkeypatch
):
    with document.plan.session() as s:
        store.create_pillar(s, "Behind the scenes", "#3D405B")
    text = (
        "date,time,text,platforms,pillar\r\n"
        "2026-11-12,09:00,Rye is back,instagram,Offres\r\n"
        "2026-11-13,09:00,Meet Anna,instagram,behind the scenes\r\n"
        "2026-11-14,09:00,Stollen,instagram,offres\r\n"
    )
    path = write(tmp_path, "posts.csv", text)
    dialog = open_preview(qtbot, document, path, parent)
    assert "New pillar: Offres" in dialog.found.text()
    assert "Behind" not in dialog.found.text()  # the plan has it (the case does not matter)
    dialog.reject()

    def accept(dialog: ImportDialog) -> bool:
        qtbot.waitUntil(lambda: dialog.preview is not None, timeout=5000)
        return True

    told: list[str] = []
    monkeypatch.setattr(asks, "ask_import", accept)
    monkeypatch.setattr(asks, "show_info", lambda _p, _t, text: told.append(text))
    result = transfer.run_import(parent, document, path)
    assert result is not None and result.new_pillars == ("Offres",)
    assert told == ["3 new, 0 already in the plan. New pillar: Offres."]
    with document.plan.session() as s:
        assert [p.name for p in store.list_pillars(s)] == ["Behind the scenes", "Offres"]
    again = open_preview(qtbot, document, path, parent)
    assert "New pillar" not in again.found.text()
    again.reject()


def test_importing_is_one_undoable_step_and_the_same_file_twice_adds_nothing(
    qtbot, document, tmp_path, parent, monkeypatch
):
    path = write(tmp_path, "posts.csv", GOOD)

    def accept(dialog: ImportDialog) -> bool:
        qtbot.waitUntil(lambda: dialog.preview is not None, timeout=5000)
        return dialog.import_button.isEnabled()

    told: list[str] = []
    monkeypatch.setattr(asks, "ask_import", accept)
    monkeypatch.setattr(asks, "show_info", lambda _p, _t, text: told.append(text))
    first = transfer.run_import(parent, document, path)
    assert first is not None and first.added == 3
    assert count(document) == 3
    assert told[-1] == "3 new, 0 already in the plan. New pillar: Offers."
    second = transfer.run_import(parent, document, path)
    assert second is not None and second.added == 0
    assert count(document) == 3
    assert told[-1].startswith("0 new, 3 already in the plan")
    document.undo_stack.undo()  # the empty second import
    document.undo_stack.undo()
    assert count(document) == 0
    document.undo_stack.redo()
    assert count(document) == 3


def test_a_file_with_errors_changes_nothing(qtbot, document, tmp_path, parent, monkeypatch):
    path = write(tmp_path, "bad.csv", BAD)

    def press_import(dialog: ImportDialog) -> bool:
        qtbot.waitUntil(lambda: dialog.preview is not None, timeout=5000)
        return True  # even if the button were pressed, errors keep the plan unchanged

    monkeypatch.setattr(asks, "ask_import", press_import)
    assert transfer.run_import(parent, document, path) is None
    assert count(document) == 0
    assert document.undo_stack.count() == 0


def test_read_only_plans_refuse_imports(tmp_path, parent, monkeypatch):
    plan = new_plan(tmp_path / "shop.smoplan")
    path = plan.path
    viewer = PlanFile.open(path, lock="readonly")
    errors: list[str] = []
    monkeypatch.setattr(asks, "show_error", lambda _p, title, _t: errors.append(title))
    try:
        assert transfer.run_import(parent, PlanDocument(viewer), write(tmp_path, "p.csv", GOOD)) is None
        assert errors == ["Read-Only Plan"]
    finally:
        viewer.close(save=False)
        plan.close(save=False)


def add_posts(document: PlanDocument, n: int, first: date) -> None:
    tz = ZoneInfo("Europe/Berlin")
    with document.plan.session() as s:
        for i in range(n):
            when = datetime.combine(first, datetime.min.time(), tz) + timedelta(hours=8, minutes=30 * i)
            store.create_post(s, PostRecord(f"Post {i}", f"Text number {i}", ("instagram",), when, status="scheduled"))


def test_export_csv_writes_every_post(qtbot, document, tmp_path, parent, monkeypatch):
    add_posts(document, 3, date(2026, 11, 2))
    out = tmp_path / "out.csv"
    monkeypatch.setattr(asks, "ask_export", lambda dialog: ExportChoice("csv", None, None))
    monkeypatch.setattr(asks, "ask_export_path", lambda *_a: out)
    told: list[str] = []
    monkeypatch.setattr(asks, "show_info", lambda _p, _t, text: told.append(text))
    assert transfer.run_export(parent, document, Month(2026, 11)) == out
    rows = list(csv.DictReader(out.read_text("utf-8-sig").splitlines()))
    assert [r["title"] for r in rows] == ["Post 0", "Post 1", "Post 2"]
    assert rows[0]["time"] == "08:00"
    assert told == ["3 posts written to out.csv."]


def test_export_ics_and_the_hootsuite_cap_is_said_plainly(qtbot, document, tmp_path, parent, monkeypatch):
    monkeypatch.setattr(hootsuite, "_utc_now", lambda: datetime(2026, 10, 1, tzinfo=UTC))
    add_posts(document, 351, date(2026, 11, 2))
    monkeypatch.setattr(asks, "show_info", lambda *_a: None)
    out = tmp_path / "cal.ics"
    monkeypatch.setattr(asks, "ask_export", lambda dialog: ExportChoice("ics", date(2026, 11, 1), date(2026, 11, 30)))
    monkeypatch.setattr(asks, "ask_export_path", lambda *_a: out)
    assert transfer.run_export(parent, document) == out
    assert out.read_bytes().count(b"BEGIN:VEVENT") == 351

    errors: list[str] = []
    monkeypatch.setattr(asks, "show_error", lambda _p, _t, text: errors.append(text))
    hs = tmp_path / "hs.csv"
    november = ExportChoice("hootsuite", date(2026, 11, 1), date(2026, 11, 30))
    monkeypatch.setattr(asks, "ask_export", lambda dialog: november)
    monkeypatch.setattr(asks, "ask_export_path", lambda *_a: hs)
    assert transfer.run_export(parent, document) is None
    assert len(errors) == 1 and "350" in errors[0]
    assert not hs.exists()


def test_export_ics_gives_a_duplicate_its_own_uid_and_keeps_uids(qtbot, document, tmp_path):
    add_posts(document, 1, date(2026, 11, 2))
    with document.plan.session() as s:
        original = store.all_posts(s)[0].id
        copy = store.duplicate_post(s, original)
    ctx = transfer._context(document)

    def uids(name: str) -> list[str]:
        path = tmp_path / name
        transfer.export_posts(document, ctx, ExportChoice("ics", None, None), path)
        return [line for line in path.read_text("utf-8").splitlines() if line.startswith("UID:")]

    first = uids("first.ics")
    assert first == [f"UID:post-{original}-instagram@smoplanner", f"UID:post-{copy}-instagram@smoplanner"]
    assert uids("second.ics") == first


def test_hootsuite_export_lists_the_posts_it_left_out(qtbot, document, tmp_path, monkeypatch):
    add_posts(document, 3, date(2026, 11, 2))  # 08:00, 08:30 and 09:00 in Berlin
    monkeypatch.setattr(hootsuite, "_utc_now", lambda: datetime(2026, 11, 2, 7, 25, tzinfo=UTC))  # 08:25
    choice = ExportChoice("hootsuite", date(2026, 11, 1), date(2026, 11, 30))
    message = transfer.export_posts(document, transfer._context(document), choice, tmp_path / "hs.csv")
    assert message.startswith("1 post written to hs.csv for Hootsuite.")
    assert "• “Post 0” was left out: its time (02 Nov 08:00) has passed" in message
    assert "• “Post 1” was left out: its time (02 Nov 08:30) is too soon" in message
    assert "\n2 posts left out: 1 whose time has passed, 1 due in less than 10 minutes." in message


def test_hootsuite_export_from_now_on_takes_later_months_and_counts_what_it_left_out(
    qtbot, document, tmp_path, monkeypatch
):
    tz = ZoneInfo("Europe/Berlin")
    with document.plan.session() as s:
        for title, when, status in (
            ("Morning bake", datetime(2026, 11, 29, 8, 0, tzinfo=tz), "scheduled"),  # passed at 08:15
            ("Lunch menu", datetime(2026, 11, 29, 12, 0, tzinfo=tz), "scheduled"),
            ("Advent opening", datetime(2026, 12, 3, 9, 0, tzinfo=tz), "scheduled"),
            ("Sunday brunch", datetime(2026, 11, 29, 11, 0, tzinfo=tz), "published"),
        ):
            store.create_post(s, PostRecord(title, f"{title}!", ("instagram",), when, status=status))
    monkeypatch.setattr(hootsuite, "_utc_now", lambda: datetime(2026, 11, 29, 7, 15, tzinfo=UTC))  # 08:15
    choice = ExportChoice("hootsuite", date(2026, 11, 29), None)
    message = transfer.export_posts(document, transfer._context(document), choice, tmp_path / "hs.csv")
    lines = message.splitlines()
    assert lines[0] == "2 posts written to hs.csv for Hootsuite."
    assert lines[1] == "2 posts left out: 1 already published, 1 whose time has passed."
    # A month on screen leaves December out, and says so.
    november = ExportChoice("hootsuite", date(2026, 11, 1), date(2026, 11, 30))
    message = transfer.export_posts(document, transfer._context(document), november, tmp_path / "hs2.csv")
    assert "1 after the chosen dates" in message.splitlines()[1]


def test_export_dialog_choices(qtbot, parent):
    dialog = ExportDialog(Month(2026, 11), parent, today=date(2026, 11, 29))
    assert dialog.choice() == ExportChoice("csv", None, None)
    dialog.hootsuite.setChecked(True)
    # Hootsuite starts "from now on": December's posts are not left behind because November is on screen.
    assert dialog.all_dates.text().startswith("From now on") and dialog.all_dates.isChecked()
    assert dialog.choice() == ExportChoice("hootsuite", date(2026, 11, 29), None)
    dialog.all_dates.setChecked(False)
    assert dialog.choice() == ExportChoice("hootsuite", date(2026, 11, 1), date(2026, 11, 30))
    dialog.reject()


def test_export_dialog_keeps_each_formats_own_date_choice(qtbot, parent):
    dialog = ExportDialog(Month(2026, 11), parent, today=date(2026, 11, 29))
    assert dialog.all_dates.isChecked()
    dialog.hootsuite.setChecked(True)
    dialog.all_dates.setChecked(False)  # the user picks dates for Hootsuite
    assert dialog.start.isEnabled() and dialog.end.isEnabled()
    dialog.ics.setChecked(True)
    assert dialog.all_dates.isChecked() and dialog.all_dates.text().startswith("All posts")
    assert dialog.choice() == ExportChoice("ics", None, None)
    dialog.all_dates.setChecked(False)
    dialog.hootsuite.setChecked(True)
    assert not dialog.all_dates.isChecked()  # the Hootsuite choice is back
    dialog.csv.setChecked(True)
    assert not dialog.all_dates.isChecked()  # and so is the unticked "All posts"
    assert dialog.choice() == ExportChoice("csv", date(2026, 11, 1), date(2026, 11, 30))
    dialog.reject()
