"""The main window: the welcome page or an open plan's tabs, the menus, and the file handling.

The window is built in two steps so that it is on the screen at once (see smoplanner.app): a light
shell first (the title, an "Opening <plan>…" page, the menus' titles) that needs only Qt's classes,
then, once it has been painted, the menus and the plan page (the welcome page when it is first shown).
What only the second step, a dialog or an open plan needs is imported there, not here: the welcome page,
the plan dialogs, the document, the area registry and Qt's ``Qt`` namespace (its hundreds of enums alone
take about as long to build as the window takes to paint).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QTimer, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from smoplanner import __version__
from smoplanner.paths import cache_dir, documents_dir
from smoplanner.store.errors import PlanError, PlanLockedError
from smoplanner.store.fileformat import EXTENSION
from smoplanner.ui import dialogs
from smoplanner.ui.appsettings import AppSettings
from smoplanner.ui.changes import Change
from smoplanner.ui.fitting import place_on_screen
from smoplanner.ui.tasks import Cancelled, Task, TaskBusyError

if TYPE_CHECKING:
    from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
    from PySide6.QtWidgets import QMenu

    from smoplanner.core.plan_settings import PlanSettingsData
    from smoplanner.store.planfile import PlanFile, SaveResult
    from smoplanner.ui.document import PlanDocument
    from smoplanner.ui.tabhost import MenuEntry
    from smoplanner.ui.welcome import WelcomePage

    #: A tab's factory(document, window) -> widget.
    TabFactory = Callable[[PlanDocument, "MainWindow"], QWidget]

# The database layer (SQLAlchemy, the plan file) is imported when a plan is first opened, so the
# window shows as quickly as a bare Qt window does.

log = logging.getLogger(__name__)

AUTOSAVE_DELAY_MS = 1500
#: How long after a plan has been shown the areas' warm-ups start (``Area.warm_up``: Results imports
#: matplotlib on a thread of its own), so that start-up never pays for them; None: never (the tests).
WARM_UP_AFTER_MS: int | None = 2000


def _tab_factories() -> list[tuple[str, TabFactory]]:
    """Every area's tab, as ``AREAS`` declares them; each factory is imported when its tab is first shown."""
    from smoplanner.areas import AREAS, resolve

    def lazy(ref: str) -> TabFactory:
        return lambda document, window: resolve(ref)(document, window)

    return [(area.title, lazy(area.tab)) for area in AREAS]


def window_title_name(business: str, path: Path | None) -> str:
    """The plan's part of the window title: the business, and the file's name only when it says something
    more ("Café Lumen", "Bäckerei Sonne — sonne.smoplan", "Café Lumen — copy, not saved yet")."""
    if path is None:
        return f"{business} — copy, not saved yet" if business else "copy, not saved yet"
    stem = path.name.removesuffix(EXTENSION)
    if business and stem.casefold().startswith(business.casefold()):
        return business  # "Café Lumen.smoplan", "Café Lumen (sample).smoplan": the name says it already
    return f"{business} — {path.name}" if business else path.name


class LazyTab(QWidget):
    """A tab whose content is built the first time it is shown, so opening a plan stays quick."""

    def __init__(self, build: Callable[[], QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._build = build
        self._content: QWidget | None = None
        self.base_title = ""  # the title the registry gives, whatever an area's tab shows now
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    @property
    def built(self) -> bool:
        return self._content is not None

    def disarm(self) -> None:
        """Never build the content from now on (the plan is closing)."""
        self._build = None  # type: ignore[assignment]

    def showEvent(self, event: QShowEvent) -> None:
        if self._build is not None:
            self.content()
        super().showEvent(event)

    def content(self) -> QWidget:
        if self._content is None:
            self._content = self._build()
            layout = self.layout()
            assert layout is not None
            layout.addWidget(self._content)
        return self._content


class OpeningPage(QWidget):
    """What the window shows while a plan opens: "Opening Café Lumen…", in the middle."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.label.setAccessibleName("Opening plan")
        # Centred by stretches: the label's alignment would need Qt's namespace, which the first frame
        # does without (see the module's docstring).
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.label)
        row.addStretch(1)
        column = QVBoxLayout(self)
        column.addStretch(1)
        column.addLayout(row)
        column.addStretch(2)

    def set_plan(self, path: Path) -> None:
        self.label.setText(f"Opening {path.stem}…")


class MainWindow(QMainWindow):
    # The plan's change listener may run on a worker (an import): it emits this, which Qt delivers on
    # the GUI thread.
    _plan_changed_signal = Signal()

    def __init__(self, app_settings: AppSettings | None = None, *, opening: Path | None = None) -> None:
        """The window, with everything built; with ``opening``, only its shell, saying that plan is
        opening: ``finish_building()`` adds the rest once the shell is on the screen."""
        super().__init__()
        self.app_settings = app_settings or AppSettings.load()
        self.document: PlanDocument | None = None
        self.save_task: Task | None = None  # the save running on a worker, if any
        self._save_again = False
        self._plan_changed_signal.connect(self._plan_changed)
        self._save_error_shown = False
        self._business_name = ""
        self._opening: Path | None = None
        self.built = False

        self.opening_page = OpeningPage()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.opening_page)
        self.setCentralWidget(self.stack)
        # Both bars are there from the first frame, so nothing moves when the menus are built: the menu
        # bar shows the menus' titles until then.
        self._shell_menus = [self.menuBar().addMenu(title) for title in ("&File", "&Edit", "Calen&dar", "&Help")]
        for menu in self._shell_menus:
            menu.setEnabled(False)
        self.statusBar()
        self._restore_geometry()
        if opening is not None:
            self.show_opening(opening)
        else:
            self.finish_building()

    def finish_building(self) -> None:
        """Add the menus and the plan page to the shell (once)."""
        if self.built:
            return
        from PySide6.QtGui import QUndoGroup
        from PySide6.QtWidgets import QTabWidget

        from smoplanner.ui.noticebar import NoticeBar
        from smoplanner.ui.tasks import TaskRunner

        self.built = True
        self.tasks = TaskRunner(self)
        self.undo_group = QUndoGroup(self)

        self.notice_bar = NoticeBar()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        plan_page = QWidget()
        plan_layout = QVBoxLayout(plan_page)
        plan_layout.setContentsMargins(6, 6, 6, 0)
        plan_layout.addWidget(self.notice_bar)
        plan_layout.addWidget(self.tabs, 1)
        self.plan_page = plan_page
        self.stack.addWidget(plan_page)
        self._welcome: WelcomePage | None = None  # built when first shown (a plan often opens at start)

        self.autosave_timer = QTimer(self)
        self.autosave_timer.setSingleShot(True)
        self.autosave_timer.setInterval(AUTOSAVE_DELAY_MS)
        self.autosave_timer.timeout.connect(self.autosave_now)

        self.menuBar().clear()  # the shell's titles: the real menus take their place in the same frame
        for menu in self._shell_menus:
            menu.deleteLater()
        self._shell_menus.clear()
        self._build_menus()
        self._update_ui()

    @property
    def welcome(self) -> WelcomePage:
        """The page shown when no plan is open."""
        if self._welcome is None:
            from smoplanner.ui.welcome import WelcomePage

            welcome = WelcomePage()
            welcome.new_requested.connect(self.new_plan)
            welcome.open_requested.connect(self.open_plan_dialog)
            welcome.sample_requested.connect(self.open_sample)
            welcome.recent_chosen.connect(self.open_plan)
            self.stack.addWidget(welcome)
            self._welcome = welcome
        return self._welcome

    def show_opening(self, path: Path | None) -> None:
        """Say that the plan at ``path`` is opening (until a plan is shown); None: no longer."""
        self._opening = path
        if path is not None:
            self.opening_page.set_plan(path)
            self.stack.setCurrentWidget(self.opening_page)
            self.setWindowTitle(f"{path.name} — smoplanner")
        elif self.built:
            self._update_ui()

    # -- menus ---------------------------------------------------------------------------------

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        tip: str = "",
    ) -> QAction:
        from PySide6.QtGui import QAction, QKeySequence

        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_menus(self) -> None:
        from PySide6.QtGui import QAction, QKeySequence

        K = QKeySequence.StandardKey
        self.new_action = self._action("&New Plan…", self.new_plan, K.New, "Start a plan for a business")
        self.open_action = self._action("&Open…", self.open_plan_dialog, K.Open, "Open a .smoplan file")
        self.sample_action = self._action(
            "Open Sample &Plan", self.open_sample, None, "A café's plan filled with realistic data"
        )
        self.save_action = self._action("&Save", self.save, K.Save, "Save the plan to its file now")
        self.save_as_action = self._action(
            "Save &As…", self.save_as, K.SaveAs, "Save a copy under another name; you then work on the copy"
        )
        self.autosave_action = QAction("Save Au&tomatically", self)
        self.autosave_action.setCheckable(True)
        self.autosave_action.setChecked(self.app_settings.autosave)
        self.autosave_action.toggled.connect(self._set_autosave)
        self.close_action = self._action("&Close Plan", self.close_plan, K.Close)
        self.quit_action = self._action("&Quit", self.close, K.Quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        file_menu = self.menuBar().addMenu("&File")
        file_menu.addAction(self.new_action)
        file_menu.addAction(self.open_action)
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addAction(self.sample_action)
        file_menu.addSeparator()
        file_menu.addAction(self.save_action)
        file_menu.addAction(self.save_as_action)
        file_menu.addAction(self.autosave_action)
        file_menu.addSeparator()
        self._add_area_entries(file_menu)
        file_menu.addAction(self.close_action)
        file_menu.addAction(self.quit_action)

        self.undo_action = self.undo_group.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence(K.Undo))
        self.redo_action = self.undo_group.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts([QKeySequence(K.Redo), QKeySequence("Ctrl+Y")])
        self.settings_action = self._action(
            "Plan &Settings…",
            self.edit_settings,
            "Ctrl+,",
            "Business name, website, keywords, currency, time zone, platforms",
        )
        edit_menu = self.menuBar().addMenu("&Edit")
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.settings_action)
        self.edit_menu = edit_menu

        self._build_calendar_menu()

        help_menu = self.menuBar().addMenu("&Help")
        self.about_action = self._action("&About smoplanner", self.about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        help_menu.addAction(self.about_action)

    def _build_calendar_menu(self) -> None:
        """The Calendar's actions, each with one shortcut that means the same in every tab. ("Calen&dar": the
        tabs take Alt+O, Alt+P and Alt+C.)"""
        menu = self.menuBar().addMenu("Calen&dar")
        self.calendar_menu = menu

        def on_calendar(method: str, *args: object) -> Callable[[], None]:
            return lambda: self._on_calendar(method, *args)

        self.calendar_actions: list[QAction] = []
        for text, method, args, keys, tip in (
            ("&New Post…", "new_post_here", (), "Ctrl+Shift+N", "Plan a post on the day selected in the calendar"),
            ("New &Idea…", "new_post", (None,), "Ctrl+Shift+I", "Note an idea for a post, without a date"),
            (None, "", (), None, ""),
            ("&Today", "go_today", (), "Ctrl+T", "Show today in the calendar"),
            ("&Go to Date…", "go_to_dialog", (), "Ctrl+G", "Show another date in the calendar"),
            (None, "", (), None, ""),
            ("&Month", "set_view", (0,), "Ctrl+1", "The month at a glance"),
            ("&Week", "set_view", (1,), "Ctrl+2", "The week, hour by hour"),
            ("&List", "set_view", (2,), "Ctrl+3", "Every post in a list you can filter"),
            (None, "", (), None, ""),
            ("Mark as &Published", "mark_selected_published", (), None, "The chosen posts went out (undoable)"),
        ):
            if text is None:
                menu.addSeparator()
                continue
            action = self._action(text, on_calendar(method, *args), keys, tip)
            menu.addAction(action)
            self.calendar_actions.append(action)
        self.new_post_action = self.calendar_actions[0]
        self.new_idea_action = self.calendar_actions[1]

    def _on_calendar(self, method: str, *args: object) -> None:
        """Show the Calendar tab and do ``method`` there."""
        if self.document is None:
            return
        from smoplanner.areas import AREAS

        title = next(area.title for area in AREAS if area.key == "calendar")
        for i in range(self.tabs.count()):
            if self.tabs.tabText(i) == title:
                self.tabs.setCurrentIndex(i)
        getattr(self.tab_content(title), method)(*args)

    def _add_area_entries(self, menu: QMenu) -> None:
        """Each area's own File menu entries (``menu_actions`` in ``smoplanner.areas``), a group per area."""
        from smoplanner.areas import AREAS, resolve

        self.area_actions: dict[str, QAction] = {}
        self._area_entries: list[tuple[QAction, MenuEntry]] = []
        for area in AREAS:
            if area.menu_actions is None:
                continue
            entries: list[MenuEntry] = resolve(area.menu_actions)()
            for entry in entries:
                action = self._action(entry.text, partial(self._run_area_entry, entry), None, entry.tip)
                menu.addAction(action)
                self.area_actions[entry.key] = action
                self._area_entries.append((action, entry))
            menu.addSeparator()
        # The monthly plan goes over every area: its two entries come after the areas' own.
        from PySide6.QtGui import QKeySequence

        from smoplanner.ui.tabhost import MenuEntry as Entry

        for entry, shortcut in (
            (Entry("print_plan", "Print Monthly P&lan…", "Preview and print the month's plan", _print_plan), "print"),
            (
                Entry(
                    "export_plan_pdf", "Export Monthly Plan as PD&F…", "Write the month's plan as a PDF", _export_pdf
                ),
                None,
            ),
        ):
            key = QKeySequence(QKeySequence.StandardKey.Print) if shortcut else None
            action = self._action(entry.text, partial(self._run_area_entry, entry), key, entry.tip)
            menu.addAction(action)
            self.area_actions[entry.key] = action
            self._area_entries.append((action, entry))
        menu.addSeparator()

    def _run_area_entry(self, entry: MenuEntry) -> None:
        if self.document is not None:  # the entry says itself why a read-only plan refuses it
            entry.run(self, self.document)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        if not self.app_settings.recent:
            none = self.recent_menu.addAction("No recent plans")
            none.setEnabled(False)
            return
        for i, text in enumerate(self.app_settings.recent):
            path = Path(text)
            label = f"&{i + 1} {path.name}" if i < 9 else path.name
            action = self.recent_menu.addAction(label)
            action.setStatusTip(text)
            action.triggered.connect(lambda _c=False, p=path: self.open_plan(p))
        self.recent_menu.addSeparator()
        self.recent_menu.addAction("&Clear List", self._clear_recent)

    def _clear_recent(self) -> None:
        self.app_settings.recent = []
        self.app_settings.save()
        self.welcome.set_recent([])

    # -- state ---------------------------------------------------------------------------------

    def _update_ui(self) -> None:
        doc = self.document
        has = doc is not None
        editable = has and not doc.read_only  # type: ignore[union-attr]
        self.save_action.setEnabled(editable)
        self.save_as_action.setEnabled(has)
        self.close_action.setEnabled(has)
        for action, entry in self._area_entries:
            action.setEnabled(editable if entry.edits else has)
        self.settings_action.setEnabled(has)
        for action in self.calendar_actions:
            action.setEnabled(has)
        self.settings_action.setText("View Plan &Settings…" if has and not editable else "Plan &Settings…")
        if doc is None and self._opening is not None:
            return  # the page saying which plan is opening stays until it is shown (or fails to open)
        self.stack.setCurrentWidget(self.plan_page if has else self.welcome)
        if doc is None:
            self.setWindowTitle("smoplanner")
            self.setWindowModified(False)
            self.welcome.set_recent(self.app_settings.recent)
            return
        plan = doc.plan
        suffix = " (read-only)" if plan.read_only else ""
        self.setWindowTitle(f"{window_title_name(self._business_name, plan.path)}[*]{suffix} — smoplanner")
        self.setWindowFilePath(str(plan.path) if plan.path else "")
        self.setWindowModified(plan.is_dirty and (not plan.autosave or plan.path is None))

    def _set_autosave(self, on: bool) -> None:
        self.app_settings.autosave = on
        self.app_settings.save()
        if self.document is not None:
            self.document.plan.autosave = on
            if on and self.document.plan.is_dirty:
                self.autosave_timer.start()
            self.document.changed.emit(Change.FILE)
        self._update_ui()

    # -- opening and closing -------------------------------------------------------------------

    def show_plan(self, plan: PlanFile) -> None:
        """Make ``plan`` the open plan (the previous one must be closed already)."""
        from smoplanner.ui.document import PlanDocument

        self.finish_building()
        plan.autosave = self.app_settings.autosave
        document = PlanDocument(plan, self)
        self.document = document
        self._opening = None
        self._refresh_business_name(Change.SETTINGS)
        document.changed.connect(self._refresh_business_name)
        document.edit_failed.connect(lambda message: dialogs.show_error(self, "Change Not Made", message))
        self.undo_group.addStack(document.undo_stack)
        self.undo_group.setActiveStack(document.undo_stack)
        document.undo_stack.cleanChanged.connect(lambda _clean: self._update_ui())
        plan.add_change_listener(self._plan_changed_signal.emit)
        for title, factory in _tab_factories():
            lazy = LazyTab(functools.partial(factory, document, self))
            lazy.base_title = title
            self.tabs.addTab(lazy, title)
        self._watch_area_titles(document)
        if WARM_UP_AFTER_MS is not None:
            QTimer.singleShot(WARM_UP_AFTER_MS, self, self.warm_up_areas)
        self.notice_bar.show_notices(list(plan.notices))
        if plan.path is not None:
            self.app_settings.add_recent(plan.path)
            self.app_settings.save()
        self._update_ui()
        for notice in plan.notices:
            log.info("%s", notice)
        if plan.is_dirty:
            self._plan_changed()  # recovered changes are changes: autosave writes them like any other

    def warm_up_areas(self) -> None:
        """Run every area's warm-up (once per session: a warm-up that has run returns at once)."""
        from smoplanner.areas import AREAS, resolve

        if self.document is None:
            return
        for area in AREAS:
            if area.warm_up is not None:
                resolve(area.warm_up)()

    def tab_content(self, title: str) -> QWidget:
        """The content of the tab called ``title`` (e.g. "&Calendar"), built if it was not yet shown."""
        for i in range(self.tabs.count()):
            if title in (self.tabs.tabText(i), getattr(self.tabs.widget(i), "base_title", None)):
                tab = self.tabs.widget(i)
                if isinstance(tab, LazyTab):
                    return tab.content()
                if tab is not None:
                    return tab
        raise KeyError(title)

    def _watch_area_titles(self, document: PlanDocument) -> None:
        """Tabs whose area counts what needs attention in the title show it from the start (``Area.tab_title``)."""
        from smoplanner.areas import AREAS, resolve

        for index, area in enumerate(AREAS):
            if area.tab_title is None:
                continue
            title_of = resolve(area.tab_title)

            def update(_changes: object = None, index: int = index, title_of: Callable[..., str] = title_of) -> None:
                if self.document is document and not document.plan.closed:
                    self.tabs.setTabText(index, title_of(document))

            update()
            document.changed.connect(update)

    def set_tab_title(self, content: QWidget, title: str) -> None:
        """Retitle the tab showing ``content`` (an area's tab counting what needs attention)."""
        for i in range(self.tabs.count()):
            tab = self.tabs.widget(i)
            if tab is content or (isinstance(tab, LazyTab) and tab.built and tab.content() is content):
                self.tabs.setTabText(i, title)

    def _refresh_business_name(self, changes: Change) -> None:
        from smoplanner.store.settings import get_settings

        if changes & Change.SETTINGS and self.document is not None:
            with self.document.plan.session() as s:
                self._business_name = get_settings(s).business_name
            self._update_ui()

    def _plan_changed(self) -> None:
        if self.document is not None and self.document.plan.autosave and self.document.plan.path is not None:
            self.autosave_timer.start()
        self._update_ui()

    def open_plan(self, path: Path) -> bool:
        """Open ``path`` and make it the open plan. The current plan stays open until the new one has
        opened (a file that cannot be opened leaves the window as it was)."""
        path = Path(path)
        if self.document is not None and self.document.plan.path == path.absolute():
            return True
        plan = self._open_file(path)
        if plan is None:
            return False
        if not self.close_plan():  # the user kept the current plan: let the new one go again
            plan.close(save=False)
            return False
        self.show_plan(plan)
        return True

    def _open_file(self, path: Path) -> PlanFile | None:
        """The plan at ``path``, opened on a worker; None (the reason shown) when it cannot be opened."""
        from smoplanner.store.planfile import PlanFile

        self.finish_building()  # the task runner comes with the rest of the window
        self.tasks.wait_all()  # a save of the current plan on its way ends first (one writer at a time)
        opening = f"Opening {path.name}…"
        try:
            plan: PlanFile = self._in_background(
                "Open Plan", opening, lambda progress: PlanFile.open(path, progress=progress)
            )
        except Cancelled:
            return None
        except PlanLockedError as locked:
            choice = dialogs.ask_locked(self, path, locked.info)
            if choice is None:
                return None
            try:
                plan = self._in_background(
                    "Open Plan", opening, lambda progress: PlanFile.open(path, lock=choice, progress=progress)
                )
            except Cancelled:
                return None
            except PlanError as exc:
                dialogs.show_error(self, "Cannot Open Plan", str(exc))
                return None
        except PlanError as exc:
            if not path.exists():
                self.app_settings.remove_recent(path)
                self.app_settings.save()
                self.welcome.set_recent(self.app_settings.recent)
            dialogs.show_error(self, "Cannot Open Plan", str(exc))
            return None
        return plan

    def _in_background(
        self, title: str, label: str, work: Callable[[Callable[..., None]], object], *, cancel: bool = True
    ) -> Any:
        """Run ``work(progress)`` on a worker while the window stays responsive, with a progress dialog
        (and Cancel, when the work can stop) if it takes a while; returns its result, raises its error,
        or Cancelled."""
        self.finish_building()  # the task runner comes with the rest of the window
        task = self.tasks.run(Task(title, work, writes=True, parent=self), self, label=label, cancel=cancel)
        task.deleteLater()
        if task.error is not None:
            raise task.error
        if task.outcome == "cancelled":
            raise Cancelled
        return task.result

    def open_plan_dialog(self) -> None:
        folder = self.app_settings.last_folder or str(documents_dir())
        path = dialogs.ask_open_path(self, folder)
        if path is not None:
            self.open_plan(path)

    def new_plan(self) -> None:
        from smoplanner.core.plan_settings import default_settings
        from smoplanner.ui import plan_dialogs

        folder = Path(self.app_settings.last_folder) if self.app_settings.last_folder else documents_dir()
        answer = plan_dialogs.ask_new_plan(self, default_settings(""), folder)
        if answer is None:
            return
        path, settings = answer
        self.create_plan(path, settings)

    def create_plan(self, path: Path, settings: PlanSettingsData) -> bool:
        from smoplanner.store.planfile import PlanFile

        if not self.close_plan():
            return False
        try:
            plan = self._in_background(
                "New Plan", f"Creating {path.name}…", lambda _p: PlanFile.create(path, settings), cancel=False
            )
        except Cancelled:
            return False
        except PlanError as exc:
            dialogs.show_error(self, "Cannot Create Plan", str(exc))
            return False
        self.show_plan(plan)
        return True

    def open_sample(self) -> None:
        from smoplanner.store.demo import demo_settings, fill_demo
        from smoplanner.store.planfile import PlanFile

        folder = cache_dir() / "samples"
        folder.mkdir(parents=True, exist_ok=True)
        settings = demo_settings()
        path = folder / f"{settings.business_name} (sample){EXTENSION}"
        if path.exists():
            self.open_plan(path)
            return
        if not self.close_plan():
            return
        try:
            plan = self._in_background(
                "Sample Plan",
                "Making the sample plan…",
                lambda _p: PlanFile.create(path, settings, fill=fill_demo),
                cancel=False,
            )
        except Cancelled:
            return
        except PlanError as exc:
            dialogs.show_error(self, "Cannot Create the Sample Plan", str(exc))
            return
        plan.notices.append(
            "This is a sample plan for an imaginary café. Look around and change anything; "
            "use File ▸ New Plan to start your own."
        )
        self.show_plan(plan)

    def close_plan(self) -> bool:
        """Close the open plan, saving it; False when the user chose to keep it open."""
        doc = self.document
        if doc is None:
            return True
        if not doc.read_only:
            doc.commit_pending()  # text still waiting for a pause in typing
        plan = doc.plan
        self.autosave_timer.stop()
        self.tasks.wait_all()  # a save on its way ends first; a close then saves what came after it
        save: bool | None = None
        if plan.is_dirty and not plan.read_only and (not plan.autosave or plan.path is None):
            answer = dialogs.ask_save_changes(self, plan.name)
            if answer is None:
                return False
            if answer and plan.path is None and not self.save_as():
                return False
            save = answer
        while True:
            try:
                result = self._close_file(plan, save)
                break
            except PlanError as exc:
                choice = dialogs.ask_save_failed_close(self, str(exc))
                if choice is None:
                    return False
                if choice == "discard":
                    plan.close(save=False)
                    result = None
                    break
                if self.save_as():
                    save = False  # saved to the new place; nothing left to save here
        if result is not None and result.conflict_of is not None:
            self._tell_conflict(result)  # where the work went
            self.app_settings.add_recent(result.path)
            self.app_settings.save()
        self.undo_group.removeStack(doc.undo_stack)
        for i in range(self.tabs.count()):
            tab = self.tabs.widget(i)
            if isinstance(tab, LazyTab):
                tab.disarm()
        while self.tabs.count():
            widget = self.tabs.widget(self.tabs.count() - 1)
            self.tabs.removeTab(self.tabs.count() - 1)
            if widget is not None:
                widget.deleteLater()
        self.notice_bar.hide()
        self.document = None
        doc.deleteLater()
        self._save_error_shown = False
        self._update_ui()
        return True

    # -- saving --------------------------------------------------------------------------------

    @Slot()
    def autosave_now(self) -> None:
        doc = self.document
        if doc is None or doc.plan.read_only or doc.plan.path is None:
            return
        doc.commit_pending()
        if not doc.plan.is_dirty:
            return
        self._save(quiet=True)

    def save(self) -> bool:
        doc = self.document
        if doc is None or doc.read_only:
            return False
        doc.commit_pending()
        if doc.plan.path is None:
            return self.save_as()
        return self._save(quiet=False)

    def _save(self, *, quiet: bool) -> bool:
        """Start saving the plan on a worker (the snapshot, fsync and hash of a big plan take a while);
        ``save_task.finished`` says when it is done. False when it could not start."""
        assert self.document is not None
        plan = self.document.plan
        if self.save_task is not None:
            self._save_again = True  # a save is running: save what changed since, once it is done
            return True
        task = Task(f"Save {plan.name}", plan.save, writes=True, parent=self)
        task.succeeded.connect(lambda result: self._saved(plan, result))
        task.failed.connect(lambda exc: self._save_failed(plan, exc, quiet))
        task.finished.connect(lambda: self._save_ended(plan, task))
        try:
            self.tasks.start(task)
        except TaskBusyError:
            # Another task writes the plan now (an import): try again a moment after it.
            task.deleteLater()
            self.autosave_timer.start()
            return False
        self.save_task = task
        self.statusBar().showMessage(f"Saving {plan.name}…")
        return True

    def _saved(self, plan: PlanFile, result: SaveResult) -> None:
        if self.document is None or self.document.plan is not plan:
            return
        self._save_error_shown = False
        self._after_save(result)

    def _save_failed(self, plan: PlanFile, exc: BaseException, quiet: bool) -> None:
        if self.document is None or self.document.plan is not plan:
            return
        self.statusBar().showMessage(f"Not saved: {exc}")
        if not quiet or not self._save_error_shown:
            self._save_error_shown = True
            dialogs.show_error(self, "Could Not Save", str(exc))

    def _save_ended(self, plan: PlanFile, task: Task) -> None:
        if self.save_task is task:
            self.save_task = None
        task.deleteLater()
        again, self._save_again = self._save_again, False
        if again and self.document is not None and self.document.plan is plan and plan.is_dirty:
            self._save(quiet=True)
        self._update_ui()

    def save_as(self) -> bool:
        doc = self.document
        if doc is None:
            return False
        doc.commit_pending()
        plan = doc.plan
        folder = Path(self.app_settings.last_folder or documents_dir())
        if plan.path is not None and plan.path.parent != cache_dir() / "samples":
            folder = plan.path.parent
        suggested = folder / f"{plan.name}{EXTENSION}"
        path = dialogs.ask_save_path(self, suggested)
        if path is None:
            return False
        self._wait_for_writer()  # a save on its way ends first
        try:
            # The copy (a snapshot, fsync and hash of the whole plan) is written on a worker, while the
            # window repaints; the progress dialog keeps edits out meanwhile.
            result: SaveResult = self._in_background(
                "Save As", f"Saving {path.name}…", lambda _progress: plan.save_as(path), cancel=False
            )
        except Cancelled:
            return False
        except PlanError as exc:
            dialogs.show_error(self, "Could Not Save", str(exc))
            return False
        self._after_save(result)
        doc.changed.emit(Change.FILE)
        return True

    def _close_file(self, plan: PlanFile, save: bool | None) -> SaveResult | None:
        """``plan.close(save=save)``, its save on a worker while the window repaints; raises PlanError
        when the save failed (the plan then stays open)."""
        self._wait_for_writer()
        result: SaveResult | None = self._in_background(
            "Close Plan", f"Saving {plan.name}…", lambda _progress: plan.close(save=save), cancel=False
        )
        return result

    def _wait_for_writer(self) -> None:
        """Wait until no task writes the plan (an autosave may start another when it ends)."""
        while (writer := self.tasks.writer) is not None:
            writer.wait()

    def _tell_conflict(self, result: SaveResult) -> None:
        assert result.conflict_of is not None
        dialogs.show_info(
            self,
            "Saved as a Conflict Copy",
            f"{result.conflict_of.name} was changed by someone else (or another computer) while you "
            f"had it open. To keep both versions, your plan was saved as “{result.path.name}” beside "
            f"it. Compare the two and keep the one you want.",
        )

    def _after_save(self, result: SaveResult) -> None:
        assert self.document is not None
        if result.conflict_of is not None:
            self._tell_conflict(result)
            self.document.changed.emit(Change.FILE)
        if result.backup is not None:
            self.statusBar().showMessage(f"Saved. The old-format original is kept as {result.backup.name}.", 8000)
        else:
            self.statusBar().showMessage(f"Saved {result.path.name}", 3000)
        self.app_settings.add_recent(result.path)
        self.app_settings.save()
        self._update_ui()

    # -- editing -------------------------------------------------------------------------------

    def edit_settings(self) -> None:
        from smoplanner.store.settings import get_settings
        from smoplanner.ui import plan_dialogs

        doc = self.document
        if doc is None:
            return
        with doc.plan.session() as s:
            old = get_settings(s)
        new = plan_dialogs.ask_plan_settings(self, old, doc.read_only)
        if new is None or new == old or doc.read_only:
            return
        self._apply_settings(old, new)

    def _apply_settings(self, old: PlanSettingsData, new: PlanSettingsData) -> None:
        from smoplanner.ui.commands import ChangeSettingsCommand

        assert self.document is not None
        self.document.push(ChangeSettingsCommand(self.document, old, new))

    # -- window --------------------------------------------------------------------------------

    def about(self) -> None:
        import platform
        import sqlite3
        from html import escape

        import PySide6
        from PySide6.QtCore import Qt, qVersion
        from PySide6.QtWidgets import QMessageBox

        from smoplanner.paths import config_dir, log_dir

        def folder(path: Path) -> str:
            return f"<a href='{path.as_uri()}'>{escape(str(path))}</a>"

        box = QMessageBox(QMessageBox.Icon.NoIcon, "About smoplanner", "", QMessageBox.StandardButton.Ok, self)
        box.setIconPixmap(self.windowIcon().pixmap(64, 64))
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(
            f"<h3>smoplanner {__version__}</h3>"
            "<p>Plan a small business's social media offline: a profile checklist and a content "
            "calendar, engagement and budget, in one portable file per business.</p>"
            "<p>Your plans are ordinary files; nothing is sent anywhere.</p>"
            f"<p>Python {platform.python_version()} · Qt {qVersion()} · PySide6 {PySide6.__version__} · "
            f"SQLite {sqlite3.sqlite_version}</p>"
            f"<p>Settings: {folder(config_dir())}<br>Log: {folder(log_dir())}</p>"
        )
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        box.exec()

    def _restore_geometry(self) -> None:
        if self.app_settings.geometry:
            self.restoreGeometry(QByteArray.fromBase64(self.app_settings.geometry.encode("ascii")))
        else:
            place_on_screen(self)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.close_plan():
            event.ignore()
            return
        self.app_settings.geometry = bytes(self.saveGeometry().toBase64().data()).decode("ascii")
        self.app_settings.save()
        event.accept()


def _print_plan(window: QWidget, document: PlanDocument) -> None:
    from smoplanner.ui.printing import print_monthly_plan

    print_monthly_plan(window, document)


def _export_pdf(window: QWidget, document: PlanDocument) -> None:
    from smoplanner.ui.printing import export_monthly_plan_pdf

    export_monthly_plan_pdf(window, document)
