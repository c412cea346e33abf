"""File ▸ Print Monthly Plan… and Export Monthly Plan as PDF… in the window, driven by pytest-qt."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from smoplanner.core.dates import Month
from smoplanner.ui import printing
from smoplanner.ui.mainwindow import MainWindow
from smoplanner.ui.printing import PrintOptions, PrintPlanDialog


@pytest.fixture
def window(qtbot, tmp_path: Path):
    from smoplanner.cli import main

    path = tmp_path / "cafe.smoplan"
    assert main(["new", str(path), "--demo"]) == 0
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    assert win.open_plan(path)
    yield win
    win.close_plan()


def test_the_dialog_offers_the_month_the_sections_and_the_paper(qtbot) -> None:
    from datetime import date

    dialog = PrintPlanDialog(None, "Print Monthly Plan", "letter", today=date(2026, 12, 6))
    qtbot.addWidget(dialog)
    dialog.open()
    assert dialog.options() == PrintOptions(
        Month(2026, 12),
        ("cover", "calendar", "posts", "profiles", "engagement", "budget", "results", "notes"),
        "letter",
    )
    dialog.section_boxes["notes"].setChecked(False)
    assert dialog.section_boxes["results"].text() == "Results"
    for key in ("cover", "calendar", "posts", "profiles", "engagement", "budget", "results"):
        dialog.section_boxes[key].setChecked(False)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert not ok.isEnabled()  # nothing to print
    dialog.section_boxes["budget"].setChecked(True)
    assert ok.isEnabled() and dialog.options().sections == ("budget",)
    dialog.reject()
    assert not dialog.isVisible()


def test_ctrl_p_opens_the_preview_and_it_closes(window: MainWindow, qtbot, monkeypatch) -> None:
    from PySide6.QtGui import QKeySequence

    action = window.area_actions["print_plan"]
    assert action.shortcut() == QKeySequence(QKeySequence.StandardKey.Print)
    monkeypatch.setattr(
        printing,
        "ask_print_options",
        lambda *_a: PrintOptions(Month(2026, 12), ("cover", "calendar", "budget", "results"), "a4"),
    )
    action.trigger()
    qtbot.waitUntil(lambda: bool(printing.open_previews))
    preview = printing.open_previews[0]
    assert preview.isVisible() and "Café Lumen: December 2026" in preview.windowTitle()
    preview.reject()
    qtbot.waitUntil(lambda: not printing.open_previews)


def test_export_writes_the_pdf_off_the_gui_thread(window: MainWindow, qtbot, monkeypatch, tmp_path: Path) -> None:
    out = tmp_path / "plan.pdf"
    told: list[str] = []
    monkeypatch.setattr(
        printing, "ask_print_options", lambda *_a: PrintOptions(Month(2026, 11), ("cover", "posts", "results"), "a4")
    )
    monkeypatch.setattr(printing, "ask_pdf_path", lambda *_a: out)
    monkeypatch.setattr(printing, "show_info", lambda _p, _t, text: told.append(text))
    window.area_actions["export_plan_pdf"].trigger()
    qtbot.waitUntil(lambda: bool(told))
    texts = " ".join(p.extract_text() or "" for p in PdfReader(out).pages).replace("\t", " ")
    assert "Posts: November 2026" in texts
    assert "Results: November 2026" in texts and "Organic reach" in texts  # the chart, drawn on the worker
    assert told == [f"plan.pdf is written ({len(PdfReader(out).pages)} pages)."]


def test_an_unwritable_pdf_says_why_and_writes_nothing(window: MainWindow, qtbot, monkeypatch, tmp_path: Path) -> None:
    errors: list[str] = []
    monkeypatch.setattr(printing, "ask_print_options", lambda *_a: PrintOptions(Month(2026, 11), ("cover",), "a4"))
    monkeypatch.setattr(printing, "ask_pdf_path", lambda *_a: tmp_path / "gone" / "plan.pdf")
    monkeypatch.setattr(printing, "show_error", lambda _p, _t, text: errors.append(text))
    window.area_actions["export_plan_pdf"].trigger()
    qtbot.waitUntil(lambda: bool(errors))
    assert "plan.pdf" in errors[0] and not (tmp_path / "gone").exists()
