"""The post editor's best times to post, on the demo plan: what it offers per platform and what a click sets."""

from __future__ import annotations

import html
from dataclasses import replace
from datetime import date, time
from pathlib import Path

import pytest
from helpers import demo_plan_file

from smoplanner.report.results import best_posting_times
from smoplanner.ui.calendar.best_times import next_day_on, slot_text
from smoplanner.ui.calendar.editor import EditorSetup, PostEditor
from smoplanner.ui.calendar.tab import CalendarTab
from smoplanner.ui.mainwindow import MainWindow

THURSDAY = date(2026, 11, 12)


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_plan_file(tmp_path_factory)


@pytest.fixture
def window(qtbot, demo_path: Path):
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    assert win.open_plan(demo_path)
    yield win
    win.close_plan()


@pytest.fixture
def setup(window: MainWindow) -> EditorSetup:
    calendar = window.tab_content("&Calendar")
    assert isinstance(calendar, CalendarTab)
    return calendar._editor_setup()


def editor_for(qtbot, setup: EditorSetup, *platforms: str) -> PostEditor:
    editor = PostEditor(setup, None, THURSDAY, time(12, 0))
    qtbot.addWidget(editor)
    for code, check in editor.platform_checks.items():
        check.setChecked(code in platforms)
    return editor


def shown_lines(editor: PostEditor) -> dict[str, str]:
    """The bar's lines by platform, as the label shows them (empty when it is hidden)."""
    bar = editor.best_times
    if bar.isHidden():
        return {}
    lines = bar.text().split("<br>")
    codes = bar.shown_platforms()
    assert len(lines) == len(codes)
    return dict(zip(codes, lines, strict=True))


def click(editor: PostEditor, code: str, n: int) -> None:
    """What a click on the ``n``th time of ``code``'s line does (QLabel links have no click API)."""
    editor.best_times.linkActivated.emit(f"{code}/{n}")


def test_the_editor_offers_the_best_times_of_the_ticked_platforms_from_the_plans_results(
    qtbot, window: MainWindow, setup: EditorSetup
) -> None:
    assert window.document is not None
    with window.document.plan.session() as s:
        expected = best_posting_times(s, ["instagram", "facebook"])
    assert expected["instagram"] and expected["facebook"]
    editor = editor_for(qtbot, setup, "instagram")
    fmt = editor.ctx.fmt
    assert not editor.best_times.isHidden()
    lines = shown_lines(editor)
    assert list(lines) == ["instagram"]
    assert lines["instagram"].startswith("Best times on Instagram: ")
    for n, slot in enumerate(expected["instagram"]):
        link = f'<a href="instagram/{n}">{html.escape(slot_text(slot, fmt))}</a>'
        assert (f"<i>{link}</i>" if slot.thin else link) in lines["instagram"]
    first = expected["instagram"][0]
    assert not first.thin and f"({first.posts} posts)" in slot_text(first, fmt)
    assert any(s.thin for s in expected["instagram"])  # the demo's other slots are thin, and marked
    assert "a hint, not a rule" in editor.best_times.toolTip()

    editor.platform_checks["facebook"].setChecked(True)
    both = shown_lines(editor)
    assert set(both) == {"instagram", "facebook"} and both["facebook"].startswith("Best times on Facebook: ")
    editor.platform_checks["instagram"].setChecked(False)
    assert set(shown_lines(editor)) == {"facebook"}


def test_clicking_a_best_time_sets_the_date_and_time(qtbot, setup: EditorSetup) -> None:
    editor = editor_for(qtbot, setup, "instagram")
    slots = dict(setup.best_times)["instagram"]
    with qtbot.waitSignal(editor.best_times.chosen):
        click(editor, "instagram", 0)
    assert editor.date_edit.date().toPython() == next_day_on(THURSDAY, slots[0].weekday)
    assert editor.time_edit.time().toPython() == time(slots[0].hour, 0)
    assert editor.date_edit.date().toPython().weekday() == slots[0].weekday


def test_no_results_no_bar_and_ideas_or_a_read_only_plan_cannot_use_it(qtbot, setup: EditorSetup) -> None:
    assert dict(setup.best_times)["pinterest"] == ()  # the demo has no Pinterest results
    editor = editor_for(qtbot, setup, "pinterest")
    assert editor.best_times.isHidden()
    editor.platform_checks["instagram"].setChecked(True)
    assert not editor.best_times.isHidden()
    editor.no_date.setChecked(True)
    assert not editor.best_times.isEnabled()

    read_only = editor_for(qtbot, replace(setup, read_only=True), "instagram")
    assert not read_only.best_times.isEnabled()
    click(read_only, "instagram", 0)
    assert read_only.date_edit.date().toPython() == THURSDAY


@pytest.mark.parametrize(
    ("weekday", "expected"), [(3, date(2026, 11, 12)), (6, date(2026, 11, 15)), (1, date(2026, 11, 17))]
)
def test_the_next_day_on_a_weekday_is_the_same_day_or_within_a_week(weekday: int, expected: date) -> None:
    assert next_day_on(THURSDAY, weekday) == expected
