"""Renders smoplanner's main screens to PNG (offscreen), for the README and for looking at them.

Run: QT_QPA_PLATFORM=offscreen python tools/screenshots.py [OUTDIR] [--dark] [--locale=de_DE] [--size=1366x768]

``--locale`` sets the sample plan's locale (dates, money, first weekday) before the tabs are drawn; ``--size``
sets the window's size (default 1200x780).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def dark_palette():
    from PySide6.QtGui import QColor, QPalette

    p = QPalette()
    for role, color in [
        (QPalette.ColorRole.Window, "#2b2b2b"),
        (QPalette.ColorRole.WindowText, "#e6e6e6"),
        (QPalette.ColorRole.Base, "#1f1f1f"),
        (QPalette.ColorRole.AlternateBase, "#2a2a2a"),
        (QPalette.ColorRole.Text, "#e6e6e6"),
        (QPalette.ColorRole.Button, "#353535"),
        (QPalette.ColorRole.ButtonText, "#e6e6e6"),
        (QPalette.ColorRole.Highlight, "#2f65ca"),
        (QPalette.ColorRole.HighlightedText, "#ffffff"),
        (QPalette.ColorRole.ToolTipBase, "#3a3a3a"),
        (QPalette.ColorRole.ToolTipText, "#e6e6e6"),
        (QPalette.ColorRole.Link, "#8ab4f8"),
        (QPalette.ColorRole.PlaceholderText, "#9a9a9a"),
        (QPalette.ColorRole.Mid, "#555555"),
    ]:
        p.setColor(role, QColor(color))
    return p


def settle(app) -> None:  # type: ignore[no-untyped-def]
    """Let the window finish what a user would never see half done: queued refits and repaints."""
    for _ in range(5):
        app.processEvents()


def calendar_views(app, window, tab, out: Path, suffix: str) -> None:  # type: ignore[no-untyped-def]
    """The week and list views, the post editor on the month's busiest post, and the import preview."""
    from smoplanner.ui.calendar.tab import LIST, MONTH, WEEK
    from smoplanner.ui.calendar.transfer import ImportDialog

    rows = [r for r in tab._month_rows if r.scheduled_at is not None]
    if rows:
        tab.go_to(tab.ctx.local_day(max(rows, key=lambda r: len(r.platforms)).scheduled_at))
    for view, view_name in ((WEEK, "week"), (LIST, "list")):
        tab.set_view(view)
        app.processEvents()
        window.grab().save(str(out / f"calendar-{view_name}{suffix}.png"))
    tab.set_view(MONTH)
    app.processEvents()
    if rows:
        post = max(rows, key=lambda r: (len(r.platforms), len(r.text)))
        editor = tab._make_editor(tab._editor_setup(post_id=post.id), post, None, None)
        editor.show()
        app.processEvents()
        editor.grab().save(str(out / f"editor{suffix}.png"))
        editor.close()
        editor.deleteLater()
    sample = Path(__file__).resolve().parents[1] / "tests" / "data" / "formats" / "hootsuite_iso.csv"
    if sample.exists():
        dialog = ImportDialog(tab.ctx, sample, window)
        dialog.set_platforms(tuple(p.code for p in tab.ctx.settings.platforms[:2]))
        dialog.show()
        for _ in range(200):  # the preview is read on a worker thread
            app.processEvents()
            if dialog.preview is not None:
                break
            import time

            time.sleep(0.02)
        app.processEvents()
        dialog.grab().save(str(out / f"import-preview{suffix}.png"))
        dialog.reject()
        dialog.deleteLater()


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    out = Path(args[0] if args else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp())
    os.environ["SMOPLANNER_CONFIG_DIR"] = str(tmp / "config")
    os.environ["SMOPLANNER_CACHE_DIR"] = str(tmp / "cache")
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    app.setStyle("Fusion")
    suffix = ""
    if "--dark" in sys.argv:
        app.setPalette(dark_palette())
        suffix = "-dark"
    from smoplanner.core.plan_settings import default_settings
    from smoplanner.ui.mainwindow import MainWindow
    from smoplanner.ui.plan_dialogs import NewPlanDialog, PlanSettingsDialog

    options = dict(a[2:].split("=", 1) for a in sys.argv[1:] if a.startswith("--") and "=" in a)
    width, height = (int(n) for n in options.get("size", "1200x780").split("x"))
    window = MainWindow()
    window.resize(width, height)
    window.show()
    app.processEvents()
    window.grab().save(str(out / f"welcome{suffix}.png"))
    dialog = NewPlanDialog(default_settings("").with_changes(timezone="Europe/Berlin", currency="EUR"), tmp)
    dialog.show()
    app.processEvents()
    dialog.grab().save(str(out / f"new-plan{suffix}.png"))
    dialog.close()
    window.open_sample()
    app.processEvents()
    if "locale" in options and window.document is not None:
        from smoplanner.store.settings import get_settings
        from smoplanner.ui.commands import ChangeSettingsCommand

        with window.document.plan.session() as s:
            old = get_settings(s)
        window.document.push(ChangeSettingsCommand(window.document, old, old.with_changes(locale=options["locale"])))
        app.processEvents()
    window.grab().save(str(out / f"overview{suffix}.png"))
    window.warm_up_areas()  # as two seconds after the plan opened: matplotlib is in when Results is shown
    from smoplanner.ui.chart_modules import chart_modules

    chart_modules().ensure_loaded()
    settle(app)
    for i in range(1, window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        app.processEvents()  # a tab built now is shown on the event loop's next turn, and starts its reads then
        window.tasks.wait_all()  # a tab that reads the plan on a worker (Results) has drawn once it is done
        settle(app)
        name = window.tabs.tabText(i).replace("&", "").split(" (")[0].lower()  # "Engagement (3 overdue)"
        window.grab().save(str(out / f"{name}{suffix}.png"))
        content = window.tab_content(window.tabs.tabText(i))
        if name == "calendar" and hasattr(content, "set_view"):
            calendar_views(app, window, content, out, suffix)
            window.tabs.setCurrentIndex(i)
            app.processEvents()
        if name == "results" and hasattr(content, "granularity_box"):
            for granularity in ("day", "month"):  # the tab opens by week
                box = content.granularity_box
                box.setCurrentIndex(box.findData(granularity))
                settle(app)
                window.grab().save(str(out / f"results-{granularity}{suffix}.png"))
            box.setCurrentIndex(box.findData("week"))
            settle(app)
    from smoplanner.store.settings import get_settings

    with window.document.plan.session() as s:  # type: ignore[union-attr]
        settings = get_settings(s)
    sd = PlanSettingsDialog(settings, read_only=False)
    sd.show()
    app.processEvents()
    sd.grab().save(str(out / f"settings{suffix}.png"))
    sd.close()
    window.close()
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main()
