"""The printed monthly plan as a real PDF, read back with pypdf: pages, text, paper, fonts, vector charts."""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from helpers import new_plan, run_cli
from pypdf import PdfReader

from smoplanner.core.dates import Month
from smoplanner.core.posts import PostRecord
from smoplanner.store.planfile import PlanFile

A4 = (595, 842)


@pytest.fixture(autouse=True)
def _app(qapp):  # the one application of the test run (the command line reuses it instead of making its own)
    return qapp


LETTER = (612, 792)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from smoplanner.cli import main

    path = tmp_path_factory.mktemp("demo") / "cafe.smoplan"
    assert main(["new", str(path), "--demo"]) == 0
    return path


def _texts(pdf: Path) -> list[str]:
    # Qt writes spaces as word gaps that pypdf reads as tabs; ligatures (ﬁ) are read back as letters.
    return [
        unicodedata.normalize("NFKC", (page.extract_text() or "").replace("\t", " ")) for page in PdfReader(pdf).pages
    ]


def _size(page: object) -> tuple[int, int]:
    box = page.mediabox  # type: ignore[attr-defined]
    return round(float(box.width)), round(float(box.height))


def test_the_demo_month_prints_every_post_the_budget_and_the_ad_figures(demo: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "december.pdf"
    code, stdout, err = run_cli(capsys, "print", str(demo), "--month", "2026-12", "-o", str(out), "--paper", "a4")
    assert (code, err) == (0, "")
    reader = PdfReader(out)
    texts = _texts(out)
    total = len(reader.pages)
    assert f"({total} pages, A4)" in stdout
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {total}" in text
        assert "Café Lumen: December 2026" in text
    sizes = {_size(p) for p in reader.pages}
    assert sizes == {A4, A4[::-1]}  # portrait pages and the landscape calendar
    assert _size(reader.pages[1]) == A4[::-1] and "Calendar: December 2026" in texts[1]
    whole = " ".join(texts)
    plan = PlanFile.open(demo, lock="none")
    try:
        from smoplanner.report.summary import month_report
        from smoplanner.store.posts import posts_between

        with plan.session() as s:
            titles = [r.title for r in posts_between(s, *Month(2026, 12).utc_span(ZoneInfo("Europe/Berlin")))]
            report = json.loads(json.dumps(month_report(s, Month(2026, 12))))
    finally:
        plan.close(save=False)
    assert titles
    for title in titles:
        assert title in whole
    assert f"{report['budget']['total']} EUR" in whole
    assert f"{report['budget']['spent']} EUR" in whole
    assert f"{report['paid']['spend']} EUR" in whole
    assert f"{report['paid']['roas']:.2f}" in whole
    assert f"{report['paid']['clicks']:,}" in whole
    assert "Notes for the meeting" in texts[-1]


def test_every_font_is_embedded(demo: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "plan.pdf"
    assert run_cli(capsys, "print", str(demo), "--month", "2026-12", "-o", str(out))[0] == 0
    fonts = 0
    for page in PdfReader(out).pages:
        for font in page["/Resources"]["/Font"].values():  # type: ignore[index]
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            described = descendants[0].get_object() if descendants else font
            descriptor = described["/FontDescriptor"].get_object()
            assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), font["/BaseFont"]
            fonts += 1
    assert fonts


def test_the_paper_follows_the_plans_locale_unless_asked(tmp_path: Path, capsys) -> None:
    from smoplanner.store.settings import get_settings, update_settings

    path = tmp_path / "us.smoplan"
    plan = new_plan(path, "Corner Deli")
    with plan.session() as s:
        update_settings(s, get_settings(s).with_changes(locale="en_US", currency="USD"))
    plan.save()
    plan.close()
    out = tmp_path / "us.pdf"
    assert run_cli(capsys, "print", str(path), "--month", "2026-12", "-o", str(out), "--sections", "cover")[0] == 0
    assert [_size(p) for p in PdfReader(out).pages] == [LETTER]
    assert (
        run_cli(
            capsys, "print", str(path), "--month", "2026-12", "-o", str(out), "--sections", "cover", "--paper", "a4"
        )[0]
        == 0
    )
    assert [_size(p) for p in PdfReader(out).pages] == [A4]


def _words(n: int) -> str:
    return " ".join(f"w{i:04d}" for i in range(n))


def test_a_long_post_and_a_busy_day_lose_no_text(tmp_path: Path, capsys) -> None:
    from smoplanner.store.posts import create_post

    path = tmp_path / "busy.smoplan"
    plan = new_plan(path)
    tz = ZoneInfo("Europe/Berlin")
    long_text = _words(400)  # 2,000 characters
    assert len(long_text) >= 1999
    with plan.session() as s:
        create_post(s, PostRecord("The long one", long_text, ("instagram",), datetime(2026, 12, 3, 9, 0, tzinfo=tz)))
        for i in range(15):
            when = datetime(2026, 12, 10, 8 + i // 2, 30 * (i % 2), tzinfo=tz)
            create_post(s, PostRecord(f"Busy post {i:02d}", f"Text {i}", ("instagram", "facebook"), when))
    plan.save()
    plan.close()
    out = tmp_path / "busy.pdf"
    assert run_cli(capsys, "print", str(path), "--month", "2026-12", "-o", str(out))[0] == 0
    texts = _texts(out)
    calendar = texts[1]
    shown = re.findall(r"Busy post (\d\d)", calendar)
    more = re.search(r"\+(\d+), see list", calendar)
    assert more is not None and len(shown) + int(more.group(1)) == 15
    listing = " ".join(texts[2:])
    for i in range(15):
        assert f"Busy post {i:02d}" in listing
    found = re.findall(r"w\d{4}", listing)
    assert found == long_text.split()  # every word, once, in order, across the page break


def test_a_month_with_no_data_says_what_is_missing(tmp_path: Path, capsys) -> None:
    path = tmp_path / "empty.smoplan"
    new_plan(path).close()
    out = tmp_path / "empty.pdf"
    assert run_cli(capsys, "print", str(path), "--month", "2027-02", "-o", str(out))[0] == 0
    whole = " ".join(_texts(out))
    assert "No posts planned yet for February 2027." in whole
    assert "No budget set for February 2027 yet." in whole
    assert "no goals are set yet" in whole


def test_sections_can_be_chosen(demo: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "budget.pdf"
    assert run_cli(capsys, "print", str(demo), "--month", "2026-12", "-o", str(out), "--sections", "budget")[0] == 0
    texts = _texts(out)
    assert "Budget: December 2026" in texts[0]
    assert not any("Calendar: December 2026" in t or "Posts: December" in t for t in texts)


@pytest.mark.parametrize(
    ("argv", "code", "says"),
    [
        (["--month", "2026-13"], 1, "is not a month"),
        (["--month", "2026-12", "--sections", "cover,charts"], 1, "unknown section 'charts'"),
        (["--month", "2026-12", "--paper", "a5"], 2, "invalid choice"),
        ([], 2, "--month"),
    ],
)
def test_bad_arguments(demo: Path, tmp_path: Path, capsys, argv: list[str], code: int, says: str) -> None:
    out = tmp_path / "x.pdf"
    got, _out, err = run_cli(capsys, "print", str(demo), "-o", str(out), *argv)
    assert got == code and says in err
    assert not out.exists()


def test_a_plan_that_cannot_be_opened_and_an_unwritable_output(demo: Path, tmp_path: Path, capsys) -> None:
    broken = tmp_path / "broken.smoplan"
    broken.write_bytes(b"not a plan at all" * 100)
    code, _out, err = run_cli(capsys, "print", str(broken), "--month", "2026-12", "-o", str(tmp_path / "a.pdf"))
    assert code == 1 and err.startswith("smoplanner print: ") and "Traceback" not in err
    code, _out, err = run_cli(capsys, "print", str(demo), "--month", "2026-12", "-o", str(tmp_path / "no" / "a.pdf"))
    assert code == 1 and "does not exist" in err
    code, _out, err = run_cli(capsys, "print", str(demo), "--month", "2026-12", "-o", str(tmp_path))
    assert code == 1 and "is a folder" in err
    code, _out, err = run_cli(capsys, "print", str(demo), "--month", "2026-12", "-o", str(demo))
    assert code == 1 and "plan file" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.smoplan"]  # nothing written, no leftovers


def test_a_matplotlib_figure_is_drawn_as_vector_paths(qapp, tmp_path: Path) -> None:
    from matplotlib.figure import Figure
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QPainter, QPdfWriter

    from smoplanner.printing.figures import paint_figure

    figure = Figure(figsize=(6, 3))
    axes = figure.add_subplot()
    axes.plot(range(30), [i * i % 17 for i in range(30)], label="organic reach")
    axes.bar(range(30), [i % 5 for i in range(30)], label="paid")
    axes.legend()
    out = tmp_path / "chart.pdf"
    writer = QPdfWriter(str(out))
    painter = QPainter(writer)
    paint_figure(painter, figure, QRectF(0, 0, 4000, 2000))
    painter.end()
    del writer
    page = PdfReader(out).pages[0]
    content = page.get_contents().get_data().decode("latin-1")  # type: ignore[union-attr]
    ops = re.findall(r"\s(m|l|c|re|f|S|B)\n", content)
    assert ops.count("l") > 30 and "m" in ops and ({"f", "S", "B"} & set(ops))
    xobjects = page["/Resources"].get("/XObject", {})  # type: ignore[attr-defined]
    images = [x for x in xobjects.values() if x.get_object().get("/Subtype") == "/Image"]
    assert images == []  # paths, not a picture of the chart


def test_the_printer_gets_the_same_pages_as_the_pdf(demo: Path, tmp_path: Path) -> None:
    """The preview and the printer draw on a QPrinter: the same pages, the calendar on its side."""
    from PySide6.QtPrintSupport import QPrinter

    from smoplanner.printing import paint_plan
    from smoplanner.report.month_plan import build_month_plan

    plan = PlanFile.open(demo, lock="none")
    try:
        with plan.session() as s:
            data = build_month_plan(s, Month(2026, 12))
    finally:
        plan.close(save=False)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    pages = paint_plan(data, printer, "letter", printer.resolution())
    reader = PdfReader(out)
    assert len(reader.pages) == pages
    assert _size(reader.pages[0]) == LETTER and _size(reader.pages[1]) == LETTER[::-1]
    assert f"Page {pages} of {pages}" in _texts(out)[-1]


def test_the_command_line_prints_with_no_display_and_no_qt_chatter(demo: Path, tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    out = tmp_path / "plan.pdf"
    done = subprocess.run(
        [sys.executable, "-m", "smoplanner", "print", str(demo), "--month", "2026-12", "-o", str(out)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith(f"Wrote {out} (") and len(PdfReader(out).pages) > 5
