"""The Calendar tab: month, week and list views of the posts, the ideas backlog, and the month's pillar mix."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QAction,
    QKeyEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from smoplanner.core.dates import Month
from smoplanner.core.locale_format import PlanLocale
from smoplanner.report.results import best_posting_times
from smoplanner.store import posts as store
from smoplanner.store.budget import campaign_names
from smoplanner.store.posts.media import media_bytes
from smoplanner.store.profiles import rulebook_for
from smoplanner.store.results import results_by_post, results_of_post
from smoplanner.store.settings import get_settings
from smoplanner.ui.calendar import asks, common
from smoplanner.ui.calendar.backlog import BacklogPanel
from smoplanner.ui.calendar.commands import (
    CreatePostsCommand,
    DeletePostsCommand,
    DuplicatePostCommand,
    HashtagGroupCommand,
    MarkPublishedCommand,
    MovePostsCommand,
    SetPillarCommand,
    SetStatusCommand,
    UpdatePostCommand,
)
from smoplanner.ui.calendar.common import (
    DEFAULT_TIME,
    CalendarContext,
    move_keeping_time,
)
from smoplanner.ui.calendar.day_posts import DayPostsDialog
from smoplanner.ui.calendar.editor import EditorResult, EditorSetup, PostEditor, series_text
from smoplanner.ui.calendar.list_view import PostListPanel
from smoplanner.ui.calendar.models import PostIdRole
from smoplanner.ui.calendar.month_view import MonthGrid
from smoplanner.ui.calendar.navigation import CalendarNavBar
from smoplanner.ui.calendar.pillar_mix import PillarMixBar
from smoplanner.ui.calendar.pillars import PillarsDialog
from smoplanner.ui.calendar.post_results import ResultsByPost
from smoplanner.ui.calendar.week_view import WeekView, week_start
from smoplanner.ui.changes import Change
from smoplanner.ui.document import PlanDocument

# What the calendar reads besides the posts: the plan's zone and platforms, the limits (overridden in
# Profiles) and custom platforms' names, the pillars' names and colours.
_CONTEXT_CHANGES = Change.SETTINGS | Change.PROFILES | Change.PILLARS
MONTH, WEEK, LIST = 0, 1, 2
READ_ONLY_TEXT = "Read-only: you can look at the calendar but not change it."


class CalendarTab(QWidget):
    """Signals: ``edit_settings_requested``."""

    edit_settings_requested = Signal()

    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.ctx: CalendarContext | None = None
        self.pillars: list[store.Pillar] = []
        self.month = Month.of(date.today())
        self.selected_day = date.today()
        self.last_time: time = DEFAULT_TIME
        self._list_stale = True
        self._month_rows: list[store.PostRow] = []
        self._backlog_rows: list[store.PostRow] = []
        self._week_rows: list[store.PostRow] = []
        self._results: ResultsByPost = {}  # how the month's or the week's shown posts did, by post id
        self.last_note = ""

        # Navigation
        self.nav = CalendarNavBar(self)
        self.today_button = self.nav.today_button
        self.prev_button = self.nav.prev_button
        self.next_button = self.nav.next_button
        self.goto_button = self.nav.goto_button
        self.title = self.nav.title
        self.view_buttons = self.nav.view_buttons
        self.new_button = self.nav.new_button
        self.today_button.clicked.connect(self.go_today)
        self.prev_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.goto_button.clicked.connect(self.go_to_dialog)
        self.view_buttons.button(MONTH).setChecked(True)
        self.view_buttons.idClicked.connect(self.set_view)
        self.new_button.clicked.connect(lambda: self.new_post(self.selected_day))

        # Views
        self.month_grid = MonthGrid()
        self.week_view = WeekView()
        self.week_grid = self.week_view.grid
        self.list_panel = PostListPanel()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.month_grid)
        self.stack.addWidget(self.week_view)
        self.stack.addWidget(self.list_panel)
        self.mix_bar = PillarMixBar()

        self.month_grid.day_selected.connect(self._day_selected)
        self.month_grid.edit_requested.connect(self.edit_post)
        self.month_grid.new_requested.connect(lambda day: self.new_post(day))
        self.month_grid.day_list_requested.connect(self.show_day_list)
        self.month_grid.posts_dropped.connect(self.drop_on_day)
        self.month_grid.month_change_requested.connect(self.go_to)
        self.week_grid.day_selected.connect(self._week_day_selected)
        self.week_grid.edit_requested.connect(self.edit_post)
        self.week_grid.new_requested.connect(lambda day, clock: self.new_post(day, clock))
        self.week_grid.posts_dropped.connect(self.drop_on_slot)
        for grid in (self.month_grid, self.week_grid):
            grid.picture_bytes = self.picture_bytes
            grid.drag_refused.connect(lambda: self.tell_read_only("Moving a post"))
        self.list_panel.edit_requested.connect(self.edit_post)
        self.list_panel.status_requested.connect(self.set_status)
        self.list_panel.pillar_requested.connect(self.set_pillar)

        # Backlog
        self.backlog_box = BacklogPanel()
        self.backlog_model = self.backlog_box.model
        self.backlog = self.backlog_box.view
        self.backlog_empty = self.backlog_box.empty
        self.new_idea_button = self.backlog_box.new_idea_button
        self.backlog.doubleClicked.connect(self._backlog_activated)
        self.backlog.activated.connect(self._backlog_activated)
        self.backlog.posts_dropped.connect(self.unschedule)
        self.new_idea_button.clicked.connect(lambda: self.new_post(None))

        center = QWidget()
        cl = QVBoxLayout(center)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.addWidget(self.stack, 1)
        cl.addWidget(self.mix_bar)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(center)
        self.splitter.addWidget(self.backlog_box)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([900, 200])
        self.splitter.setChildrenCollapsible(False)

        self.read_only_label = QLabel(READ_ONLY_TEXT)
        self.read_only_label.setWordWrap(True)
        self.read_only_label.setVisible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.nav)
        layout.addWidget(self.read_only_label)
        layout.addWidget(self.splitter, 1)

        self._build_actions()
        document.changed.connect(self.refresh)
        self.reload_context()
        self.set_view(MONTH)

    # -- actions -------------------------------------------------------------------------------

    def _action(self, text: str, keys: Sequence[QKeySequence | str], slot: Any, on: QWidget | None = None) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _c=False: slot())
        (on or self).addAction(action)
        return action

    def _build_actions(self) -> None:
        K = QKeySequence.StandardKey
        self.delete_action = self._action("Delete Post", [QKeySequence(K.Delete)], self.delete_selected)
        self.duplicate_action = self._action("Duplicate Post", ["Ctrl+D"], self.duplicate_selected)
        for widget in (self.month_grid, self.week_view):
            self._action("Previous", ["PgUp"], lambda: self.step(-1), widget)
            self._action("Next", ["PgDown"], lambda: self.step(1), widget)
        self.new_action = QAction("New Post", self)
        self.new_action.triggered.connect(lambda _c=False: self.new_post(self.selected_day))
        self.mark_published_action = QAction("Mark as &Published", self)
        self.mark_published_action.setStatusTip("The chosen posts went out: mark them published (undoable)")
        self.mark_published_action.triggered.connect(lambda _c=False: self.mark_selected_published())
        self.edit_action = QAction("&Edit Post…", self)
        self.edit_action.triggered.connect(lambda _c=False: self._edit_selected())
        # Right-click on a post: what can be done with it.
        views: tuple[QWidget, ...] = (self.month_grid, self.week_grid, self.list_panel.table, self.backlog)
        for view in views:
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            view.customContextMenuRequested.connect(lambda pos, w=view: self._post_menu(w, pos))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.editable:
            # Delete and Ctrl+D are switched off in a read-only plan, so their keys arrive here.
            if event.matches(QKeySequence.StandardKey.Delete):
                self.tell_read_only("Deleting a post")
                return
            if event.key() == Qt.Key.Key_D and event.modifiers() == Qt.KeyboardModifier.ControlModifier:
                self.tell_read_only("Duplicating a post")
                return
        super().keyPressEvent(event)

    def new_post_here(self) -> None:
        """Calendar ▸ New Post: on the selected day (an idea in the list, which has no selected day)."""
        self.new_post(self.selected_day if self.stack.currentIndex() != LIST else None)

    def tell_read_only(self, what: str) -> None:
        """Say plainly, where the user is looking, that ``what`` ("Deleting a post") cannot be done."""
        text = f"{what} is not possible: this plan is open read-only, so it cannot be changed."
        self.read_only_label.setText(f"<b>{text}</b> You can look at the calendar.")
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, 8000)

    @property
    def editable(self) -> bool:
        return not self.document.read_only

    # -- loading -------------------------------------------------------------------------------

    def reload_context(self) -> None:
        with self.document.plan.session() as s:
            settings = get_settings(s)
            rulebook = rulebook_for(s)
            self.pillars = store.list_pillars(s)
        self.ctx = CalendarContext(settings=settings, rulebook=rulebook)
        self.month_grid.set_locale(self.ctx.fmt)
        self.week_view.set_locale(self.ctx.fmt)
        self._apply_read_only()

    def _apply_read_only(self) -> None:
        editable = self.editable
        self.month_grid.editable = editable
        self.week_grid.editable = editable
        self.backlog.editable = editable
        self.backlog.setDragEnabled(editable)
        self.list_panel.editable = editable
        for w in (self.new_button, self.new_idea_button):
            w.setEnabled(editable)
        for a in (self.delete_action, self.duplicate_action, self.new_action, self.mark_published_action):
            a.setEnabled(editable)
        self.read_only_label.setVisible(not editable)
        self.read_only_label.setText(READ_ONLY_TEXT)

    def refresh(self, changes: Change = Change.ALL) -> None:
        if changes & Change.FILE:
            self._apply_read_only()  # a read-only plan saved as a copy can be changed
        # Results imported (or their import undone): the list's Engagement column and the chips' tooltips.
        if not changes & (Change.POSTS | Change.RESULTS | _CONTEXT_CHANGES):
            return
        if changes & _CONTEXT_CHANGES:
            self.reload_context()
        self._list_stale = True
        self.load_visible()

    def load_visible(self) -> None:
        """Query only what is on screen: the shown weeks, or the week, or every post for the list."""
        ctx = self.ctx
        assert ctx is not None
        view = self.stack.currentIndex()
        with self.document.plan.session() as s:
            self._backlog_rows = store.unscheduled_posts(s)
            # How the shown posts did: one query for the same span as their rows (for the tooltips and the list).
            if view == MONTH:
                start, end = ctx.day_span_utc(self.month_grid.first_shown, self.month_grid.last_shown)
                self._month_rows = store.posts_between(s, start, end)
                self._results = results_by_post(s, start, end)
                mix = store.pillar_mix(s, *self.month.utc_span(ctx.tz))
            elif view == WEEK:
                first = week_start(self.selected_day, self.week_view.first_weekday)
                start, end = ctx.day_span_utc(first, first + timedelta(days=6))
                self._week_rows = store.posts_between(s, start, end)
                self._results = results_by_post(s, start, end)
                mix = store.pillar_mix(s, *self.month.utc_span(ctx.tz))
            else:
                mix = store.pillar_mix(s, *self.month.utc_span(ctx.tz))
                if self._list_stale:
                    rows = store.all_posts(s)
                    self.list_panel.set_data(ctx, rows, self.pillars, results_by_post(s))
                    self._list_stale = False
        if view == MONTH:
            self.month_grid.set_posts(ctx, self._month_rows, self._results)
        elif view == WEEK:
            self.week_grid.set_posts(ctx, self._week_rows, self._results)
        self.mix_bar.set_shares(mix, ctx.fmt)
        self.backlog_box.set_rows(ctx, self._backlog_rows)
        self._update_title()

    def _update_title(self) -> None:
        view = self.stack.currentIndex()
        fmt = self.ctx.fmt if self.ctx is not None else PlanLocale.of("en_US")
        if view == WEEK:
            first = week_start(self.selected_day, self.week_view.first_weekday)
            last = first + timedelta(days=6)
            self.nav.show_period(
                f"{fmt.day(first, weekday=False, year=False)} – {fmt.day(last, weekday=False)}", "week"
            )
        elif view == LIST:
            self.nav.show_period("All posts", "month", can_step=False)
        else:
            self.nav.show_period(self.month.label(fmt.code), "month")
        self.mix_bar.setVisible(view != LIST)

    # -- navigation ----------------------------------------------------------------------------

    def set_view(self, view: int) -> None:
        self.stack.setCurrentIndex(view)
        self.view_buttons.button(view).setChecked(True)
        if view == WEEK:
            self.week_view.set_week(self.selected_day)
            self.week_view.scroll_to_morning()
        elif view == MONTH:
            self.month_grid.set_month(self.month.year, self.month.month, self.selected_day)
        self.load_visible()

    def go_to(self, day: date) -> None:
        self.selected_day = day
        self.month = Month.of(day)
        if self.stack.currentIndex() == WEEK:
            self.week_view.set_week(day)
        self.month_grid.set_month(self.month.year, self.month.month, day)
        self.load_visible()

    def go_today(self) -> None:
        self.go_to(date.today())

    def step(self, direction: int) -> None:
        if self.stack.currentIndex() == WEEK:
            self.go_to(self.selected_day + timedelta(days=7 * direction))
            return
        month = self.month.next() if direction > 0 else self.month.previous()
        day = min(self.selected_day.day, month.last_day.day)
        self.go_to(date(month.year, month.month, day))

    def go_to_dialog(self) -> None:
        chosen = asks.ask_date(self, self.selected_day)
        if chosen is not None:
            self.go_to(chosen)

    def _day_selected(self, day: date) -> None:
        self.selected_day = day

    def _week_day_selected(self, day: date) -> None:
        self.selected_day = day
        if week_start(day, self.week_view.first_weekday) != self.week_grid.first or Month.of(day) != self.month:
            self.go_to(day)

    # -- selection -----------------------------------------------------------------------------

    def selected_post_ids(self) -> list[int]:
        if self.backlog.hasFocus():
            return [int(i.data(PostIdRole)) for i in self.backlog.selectionModel().selectedIndexes()]
        view = self.stack.currentIndex()
        if view == MONTH:
            return self.month_grid.current_post_ids()
        if view == WEEK:
            return [self.week_grid.selected_post] if self.week_grid.selected_post is not None else []
        return self.list_panel.selected_ids()

    def _find_row(self, post_id: int) -> store.PostRow | None:
        for rows in (self._month_rows, self._week_rows, self._backlog_rows):
            for row in rows:
                if row.id == post_id:
                    return row
        with self.document.plan.session() as s:
            try:
                return store.get_post(s, post_id)
            except LookupError:
                return None

    # -- edits ---------------------------------------------------------------------------------

    def _push(self, command: Any) -> None:
        if not self.editable:
            self.tell_read_only(f"“{command.text()}”")
            return
        self.document.push(command)

    def drop_on_day(self, ids: list[int], day: date) -> None:
        """Posts dropped on a day of the month: same time of day, or the last used time for ideas."""
        assert self.ctx is not None
        moves: dict[int, datetime | None] = {}
        for post_id in ids:
            row = self._find_row(post_id)
            if row is None:
                continue
            when = move_keeping_time(self.ctx, row.scheduled_at, day, self.last_time)
            if when != row.scheduled_at:
                moves[post_id] = when
        if moves:
            self._tell_past(moves)
            self._push(MovePostsCommand(self.document, moves))

    def drop_on_slot(self, ids: list[int], day: date, clock: time) -> None:
        assert self.ctx is not None
        self.last_time = clock
        when = self.ctx.to_utc(day, clock)
        moves: dict[int, datetime | None] = {}
        for post_id in ids:
            row = self._find_row(post_id)
            if row is not None and row.scheduled_at != when:
                moves[post_id] = when
        if moves:
            self._tell_past(moves)
            self._push(MovePostsCommand(self.document, moves))

    def unschedule(self, ids: list[int]) -> None:
        moves: dict[int, datetime | None] = {i: None for i in ids}
        self._push(MovePostsCommand(self.document, moves, "Move to Ideas"))

    def delete_selected(self) -> None:
        ids = self.selected_post_ids()
        if ids and self.editable:
            self._push(DeletePostsCommand(self.document, ids))

    def duplicate_selected(self) -> None:
        ids = self.selected_post_ids()
        if len(ids) == 1 and self.editable:
            self._push(DuplicatePostCommand(self.document, ids[0]))

    def mark_selected_published(self) -> None:
        ids = self.selected_post_ids()
        if ids:
            self._push(MarkPublishedCommand(self.document, ids))

    def _edit_selected(self) -> None:
        ids = self.selected_post_ids()
        if len(ids) == 1:
            self.edit_post(ids[0])

    def post_menu_actions(self) -> list[QAction]:
        """What the right-click menu on the chosen posts offers (enabled as it applies)."""
        ids = self.selected_post_ids()
        self.edit_action.setEnabled(len(ids) == 1)
        rows = [row for row in (self._find_row(i) for i in ids) if row is not None]
        self.mark_published_action.setEnabled(
            self.editable and any(row.status != "published" and row.scheduled_at is not None for row in rows)
        )
        self.duplicate_action.setEnabled(self.editable and len(ids) == 1)
        self.delete_action.setEnabled(self.editable and bool(ids))
        return [self.edit_action, self.mark_published_action, self.duplicate_action, self.delete_action]

    def _post_menu(self, widget: QWidget, pos: Any) -> None:
        if not self.selected_post_ids() and widget is not self.backlog:
            return
        if widget is self.backlog:
            self.backlog.setFocus()
        menu = QMenu(self)
        for action in self.post_menu_actions():
            menu.addAction(action)
        menu.exec(widget.mapToGlobal(pos))
        menu.deleteLater()
        self._apply_read_only()

    def _tell_past(self, moves: dict[int, datetime | None]) -> None:
        """A scheduled post moved to a time that has passed: say so (it will not go out by itself)."""
        now = common.utc_now()  # through the module, so one clock serves the marks and this note
        past = [
            row
            for post_id, when in moves.items()
            if when is not None
            and when <= now
            and (row := self._find_row(post_id)) is not None
            and row.status == "scheduled"
        ]
        if not past:
            return
        name = f"“{past[0].title or '(no title)'}” is" if len(past) == 1 else f"{len(past)} posts are"
        self.tell(f"{name} now at a time that has passed but still scheduled: mark it published, or move it.")

    def tell(self, text: str) -> None:
        """A short note where the user is looking (the window's status bar); kept in ``last_note``."""
        self.last_note = text
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, 10000)

    def set_status(self, ids: list[int], status: str) -> None:
        if ids:
            self._push(SetStatusCommand(self.document, ids, status))

    def set_pillar(self, ids: list[int], pillar_id: int | None) -> None:
        if not ids:
            return
        name = next((p.name for p in self.pillars if p.id == pillar_id), "None")
        self._push(SetPillarCommand(self.document, ids, pillar_id, name))

    def show_day_list(self, day: date) -> None:
        assert self.ctx is not None
        dialog = DayPostsDialog(self.ctx, day, self.month_grid.posts_on(day), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.edit_requested.connect(self.edit_post)
        self.day_dialog = dialog
        dialog.open()

    def _backlog_activated(self, index: Any) -> None:
        post_id = self.backlog_model.data(index, PostIdRole)
        if post_id is not None:
            self.edit_post(int(post_id))

    # -- the editor ----------------------------------------------------------------------------

    def _editor_setup(self, series: str = "", post_id: int | None = None) -> EditorSetup:
        assert self.ctx is not None
        with self.document.plan.session() as s:
            results = tuple(results_of_post(s, post_id)) if post_id is not None else ()
            groups = tuple(store.list_hashtag_groups(s))
            pillars = tuple(store.list_pillars(s))
            planned = campaign_names(s)  # the Budget tab's campaigns, then any other name posts use
            best = best_posting_times(s, [p.code for p in self.ctx.settings.platforms])
        used = {r.campaign for r in (*self._month_rows, *self._backlog_rows) if r.campaign}
        campaigns = (*planned, *sorted(used - set(planned), key=str.lower))
        return EditorSetup(
            ctx=self.ctx,
            pillars=pillars,
            hashtag_groups=groups,
            campaigns=campaigns,
            read_only=not self.editable,
            series_text=series,
            picture_bytes=self.picture_bytes,
            best_times=tuple(best.items()),
            results=results,
        )

    def picture_bytes(self, sha256: str) -> bytes | None:
        """A picture the plan keeps, by content hash (thumbnails in the editor and the chips' tooltips)."""
        if self.document.plan.closed:
            return None
        with self.document.plan.session() as s:
            return media_bytes(s, sha256)

    def _make_editor(
        self, setup: EditorSetup, post: store.PostRow | None, day: date | None, clock: time | None
    ) -> PostEditor:
        editor = PostEditor(setup, post, day, clock, self)
        editor.manage_pillars_requested.connect(lambda: self._manage_pillars(editor))
        editor.save_group_requested.connect(lambda name, tags: self._save_group(editor, name, tags))
        return editor

    def _manage_pillars(self, editor: PostEditor) -> None:
        dialog = PillarsDialog(self.document, editor)
        asks.ask_manage_pillars(dialog)
        dialog.deleteLater()
        with self.document.plan.session() as s:
            editor.set_pillars(store.list_pillars(s))

    def _save_group(self, editor: PostEditor, name: str, tags: str) -> None:
        if not self.editable:
            return
        self._push(HashtagGroupCommand(self.document, name, tags))
        with self.document.plan.session() as s:
            editor.set_hashtag_groups(store.list_hashtag_groups(s))

    def new_post(self, day: date | None, clock: time | None = None) -> None:
        if not self.editable:
            self.tell_read_only("A new post")
            return
        editor = self._make_editor(self._editor_setup(), None, day, clock or self.last_time)
        result = asks.ask_edit_post(editor)
        editor.deleteLater()
        if result is not None:
            self.save_new(result)

    def save_new(self, result: EditorResult) -> None:
        record = result.record
        text = "New Repeating Post" if result.rule else ("New Idea" if record.scheduled_at is None else "New Post")
        command = CreatePostsCommand(self.document, record, result.pillar_id, result.rule, text)
        problem = command.problem()
        if problem is not None:
            asks.show_error(self, "Cannot Save the Post", problem)
            return
        self._push(command)
        self._remember_time(record.scheduled_at)
        if record.scheduled_at is not None:
            assert self.ctx is not None
            self.go_to(self.ctx.local_day(record.scheduled_at))

    def _remember_time(self, when: datetime | None) -> None:
        if when is not None and self.ctx is not None:
            self.last_time = self.ctx.local(when).time().replace(second=0, microsecond=0)

    def edit_post(self, post_id: int) -> None:
        row = self._find_row(post_id)
        if row is None:
            return
        series = ""
        if row.series_id is not None:
            with self.document.plan.session() as s:
                try:
                    series = series_text(store.get_series(s, row.series_id).rule)
                except LookupError:
                    series = ""
        editor = self._make_editor(self._editor_setup(series, row.id), row, None, None)
        result = asks.ask_edit_post(editor)
        editor.deleteLater()
        if result is None or not self.editable:
            return
        self.save_edit(row, result)

    def save_edit(self, row: store.PostRow, result: EditorResult) -> None:
        following = detach = False
        if row.series_id is not None:
            scope = asks.ask_series_scope(self)
            if scope is None:
                return
            following = scope == "following"
            detach = scope == "this"
        command = UpdatePostCommand(
            self.document, row.id, result.record, result.pillar_id, following=following, detach=detach
        )
        problem = command.problem()
        if problem is not None:
            asks.show_error(self, "Cannot Save the Post", problem)
            return
        self._push(command)
        self._remember_time(result.record.scheduled_at)
