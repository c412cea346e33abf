"""What a first-time user trips over (issue 9): the window keeps work and says what it does."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import make_plan_file

from smoplanner.ui import dialogs
from smoplanner.ui.mainwindow import MainWindow


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _p, title, text: shown.append(f"{title}: {text}"))
    monkeypatch.setattr(dialogs, "show_info", lambda _p, title, text: shown.append(f"{title}: {text}"))
    return shown


@pytest.fixture
def window(qtbot, errors: list[str]):
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    yield win
    win.close_plan()


def test_a_failed_open_keeps_the_current_plan_open(window: MainWindow, tmp_path: Path, errors: list[str]) -> None:
    path = make_plan_file(tmp_path / "sonne.smoplan")
    assert window.open_plan(path)
    bad = tmp_path / "notes.smoplan"
    bad.write_text("shopping list: milk, flour\n", encoding="utf-8")
    assert not window.open_plan(bad)
    assert errors and errors[0].startswith("Cannot Open Plan: ")
    assert window.document is not None and window.document.plan.path == path
    assert window.stack.currentWidget() is window.plan_page
    # The plan still works: it can be saved and closed as before.
    assert window.close_plan()


def test_opening_another_plan_replaces_the_current_one(window: MainWindow, tmp_path: Path) -> None:
    first = make_plan_file(tmp_path / "a.smoplan", name="Client A")
    second = make_plan_file(tmp_path / "b.smoplan", name="Client B")
    assert window.open_plan(first)
    assert window.open_plan(second)
    assert window.document is not None and window.document.plan.path == second
    from smoplanner.store.lock import lock_path_for

    assert not lock_path_for(first).exists()
