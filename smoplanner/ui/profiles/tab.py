"""The Profiles tab: each platform's profile, its checklist and score, and the consistency across platforms."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelection, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListView,
    QMainWindow,
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from smoplanner.store.profiles import (
    ImageError,
    ProfilesEvaluation,
    ProfilesSnapshot,
    check_image,
    evaluate_snapshot,
    image_bytes,
    load_snapshot,
)
from smoplanner.ui.changes import Change
from smoplanner.ui.document import PlanDocument
from smoplanner.ui.profiles.commands import (
    AddItemCommand,
    EditProfileFieldCommand,
    ProfileCommand,
    RemoveItemCommand,
    SetItemStateCommand,
    SetLimitCommand,
    SetPictureCommand,
)
from smoplanner.ui.profiles.delegates import ScoreBarDelegate
from smoplanner.ui.profiles.form import FIELD_LABELS, ProfileForm
from smoplanner.ui.profiles.models import (
    ChecklistModel,
    ConsistencyMatrixModel,
    LimitsModel,
    PlatformRow,
    PlatformScoreModel,
    limit_name,
    percent,
)

# The profiles, the settings that say which platforms the plan uses and what custom ones are called, and
# the file (a read-only plan saved as a copy can be changed).
_REFRESH_CHANGES = Change.PROFILES | Change.SETTINGS | Change.FILE
_IMAGE_FILTER = "Pictures (*.png *.jpg *.jpeg *.gif *.webp)"
READ_ONLY_TEXT = "Read-only: you can look at the profiles and their checklists but not change them."


def profile_title(name: str) -> str:
    """ "Instagram profile", but "Google Business Profile" as it is, not "… Profile profile"."""
    return name if name.rstrip().casefold().endswith("profile") else f"{name} profile"


def ask_image_path(parent: QWidget, title: str) -> Path | None:
    """The picture file the user picks (None when cancelled). Tests replace this."""
    path, _ = QFileDialog.getOpenFileName(parent, title, "", _IMAGE_FILTER)
    return Path(path) if path else None


class ItemLabelDialog(QInputDialog):
    """Asks for the name of a new checklist item; closing it after typing asks whether to add the item."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add your own item")
        self.setLabelText("What should be done on this profile?")
        self.setOkButtonText("&Add")

    def reject(self) -> None:
        from smoplanner.ui import dialogs

        dialogs.close_or_ask(self, bool(self.textValue().strip()), "the new item", self.accept, super().reject)


def ask_custom_item_label(parent: QWidget) -> str | None:
    """The name of a new checklist item (None when cancelled). Tests replace this."""
    dialog = ItemLabelDialog(parent)
    ok = dialog.exec() == QDialog.DialogCode.Accepted
    text = dialog.textValue().strip()
    dialog.deleteLater()
    return text if ok and text else None


class LimitsDialog(QDialog):
    """A platform's limits with their sources; the user may set a value of their own for this plan.

    Signals: ``override_requested(field, value)``, ``override_cleared(field)``.
    """

    override_requested = Signal(str, int)
    override_cleared = Signal(str)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle("Platform limits")
        self.resize(760, 380)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.model = LimitsModel(self)
        self.model.override_requested.connect(self.override_requested)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.reset_button = QPushButton("Use the rulebook value", self)
        self.reset_button.clicked.connect(self._reset)
        self.reset_button.setEnabled(False)
        self._read_only = False
        self.view.selectionModel().currentRowChanged.connect(self._update_reset)
        self.model.modelReset.connect(self._update_reset)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.reset_button)
        row.addStretch(1)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)

    def show_rules(self, rules: Any, read_only: bool, locale: str = "en_US") -> None:
        self.setWindowTitle(f"{rules.name} limits")
        self._read_only = read_only
        current = self._current_row()
        self.model.editable = not read_only
        self.model.set_rules(rules, locale)
        if current is not None:  # keep the row the user was working on selected
            row = self.model.row_of(current.field)
            if row >= 0:
                self.view.setCurrentIndex(self.model.index(row, 1))
        self.reset_button.setText("Remove my limit" if rules.custom else "Use the rulebook value")
        self._update_reset()
        if rules.custom:
            text = f"We know no limits for {rules.name}."
            if not read_only:
                text += (
                    " If you know one, double-click its value and type it: it is saved in this plan and used "
                    "by the checklist and the post checks."
                )
            self.intro.setText(text)
        elif not rules.limits:
            self.intro.setText(f"No limits are known for {rules.name}.")
        elif read_only:
            self.intro.setText("Where each number comes from. This plan is read-only, so the values cannot be changed.")
        else:
            self.intro.setText(
                "Where each number comes from. If a platform has changed a rule, double-click the value and "
                "type the new one: it is saved in this plan and marked “overridden”."
            )

    def _current_row(self) -> Any:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _update_reset(self, *_args: Any) -> None:
        """The button only does something for a value the user changed: enabled only then."""
        row = self._current_row()
        self.reset_button.setEnabled(not self._read_only and row is not None and row.overridden)

    def _reset(self) -> None:
        row = self._current_row()
        if row is not None and row.overridden:
            self.override_cleared.emit(row.field)


class _FormScroll(QScrollArea):
    """A vertical scroll area that is never narrower than its form, so nothing is cut off at the right."""

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        widget = self.widget()
        if widget is None:
            return hint
        width = widget.minimumSizeHint().width() + self.verticalScrollBar().sizeHint().width() + 2
        return QSize(max(hint.width(), width), hint.height())


class ProfilesTab(QWidget):
    """Signals: ``edit_settings_requested`` (the empty state's button)."""

    edit_settings_requested = Signal()

    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._snapshot: ProfilesSnapshot | None = None
        self._evaluation: ProfilesEvaluation | None = None
        self._current: str | None = None
        self._reveal: str | None = None
        # Picture bytes by SHA-256, never by id: a removed picture's id is reused for the next one.
        self._images: dict[str, bytes] = {}
        self._limits: LimitsDialog | None = None
        self.today: Callable[[], date] = date.today

        # Empty state.
        empty = QWidget(self)
        self.empty_label = QLabel(
            "This plan has no platforms yet. Add the ones the business uses in Edit ▸ Plan Settings, "
            "and their profiles appear here.",
            empty,
        )
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        settings_button = QPushButton("Open Plan Settings…", empty)
        settings_button.clicked.connect(self.edit_settings_requested)
        el = QVBoxLayout(empty)
        el.addStretch(1)
        el.addWidget(self.empty_label)
        el.addWidget(settings_button, 0, Qt.AlignmentFlag.AlignHCenter)
        el.addStretch(2)

        # Left: platforms with their scores.
        main = QWidget(self)
        left = QWidget(main)
        self.overall_label = QLabel(left)
        font = QFont(self.overall_label.font())
        font.setBold(True)
        self.overall_label.setFont(font)
        self.platform_model = PlatformScoreModel(self)
        self.platform_list = QListView(left)
        self.platform_list.setModel(self.platform_model)
        self.platform_list.setItemDelegate(ScoreBarDelegate(self.platform_list))
        self.platform_list.setIconSize(QSize(22, 22))
        self.platform_list.setAccessibleName("Platforms")
        self.platform_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.platform_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.platform_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.platform_list.selectionModel().selectionChanged.connect(self._selection_changed)
        self.help_button = QPushButton("How is this scored?", left)
        self.help_button.setCheckable(True)
        self.help_text = QLabel(left)
        self.help_text.setWordWrap(True)
        self.help_text.hide()
        self.help_button.toggled.connect(self.help_text.setVisible)
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.overall_label)
        ll.addWidget(self.platform_list, 1)
        ll.addWidget(self.help_button)
        ll.addWidget(self.help_text)

        # Right, first page: the form and the checklist.
        self.form = ProfileForm()
        form_scroll = _FormScroll()
        form_scroll.setWidgetResizable(True)
        form_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        form_scroll.setWidget(self.form)
        form_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Always there, so the form is laid out once for the width it really gets (a scroll bar that
        # appears later would cover its right edge).
        form_scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.form_scroll = form_scroll

        checklist = QWidget()
        self.profile_score = QLabel(checklist)
        self.profile_score.setFont(font)
        self.profile_score.setWordWrap(True)
        self.checklist_model = ChecklistModel(self)
        self.checklist_view = QTableView(checklist)
        self.checklist_view.setModel(self.checklist_model)
        self.checklist_view.setAccessibleName("Checklist")
        self.checklist_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.checklist_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.checklist_view.setWordWrap(True)
        self.checklist_view.verticalHeader().hide()
        header = self.checklist_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.checklist_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.checklist_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.checklist_view.customContextMenuRequested.connect(self._checklist_menu)
        self.checklist_view.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.checklist_model.tick_requested.connect(self._tick)
        self.na_button = QPushButton("Not applicable", checklist)
        self.na_button.setToolTip("Leave the selected item out of the score, or put it back")
        self.na_button.clicked.connect(self._toggle_na)
        self.add_button = QPushButton("Add item…", checklist)
        self.add_button.setToolTip("Add an item of your own to this profile's checklist")
        self.add_button.clicked.connect(self._add_item)
        self.remove_button = QPushButton("Remove item", checklist)
        self.remove_button.clicked.connect(self._remove_item)
        self.limits_button = QPushButton("Limits…", checklist)
        self.limits_button.setToolTip("The platform's limits, where they come from, and your own values")
        self.limits_button.clicked.connect(self.show_limits)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (self.na_button, self.add_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.profile_score, 1)
        top.addWidget(self.limits_button, 0, Qt.AlignmentFlag.AlignTop)
        cl = QVBoxLayout(checklist)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.addLayout(top)
        cl.addWidget(self.checklist_view, 1)
        cl.addLayout(buttons)
        checklist.setMinimumWidth(280)

        # The form gets a fair share: at 1200 px it is about as wide as the checklist.
        profile_page = QSplitter(Qt.Orientation.Horizontal)
        profile_page.setChildrenCollapsible(False)
        profile_page.addWidget(form_scroll)
        profile_page.addWidget(checklist)
        profile_page.setStretchFactor(0, 1)
        profile_page.setStretchFactor(1, 1)
        profile_page.setSizes([460, 500])
        self.profile_splitter = profile_page

        # Right, second page: the matrix.
        matrix_page = QWidget()
        self.matrix_model = ConsistencyMatrixModel(self)
        self.matrix_view = QTableView(matrix_page)
        self.matrix_view.setModel(self.matrix_model)
        self.matrix_view.setAccessibleName("Consistency across platforms")
        # Three lines a cell, so a value of a few words is read whole; what still does not fit is elided and
        # whole in the cell's tooltip.
        self.matrix_view.setWordWrap(True)
        self.matrix_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.matrix_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.matrix_view.horizontalHeader().setMinimumSectionSize(96)
        # Left-aligned, a long platform name loses its end rather than both ends in a narrow column.
        self.matrix_view.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        self.matrix_view.verticalHeader().setDefaultSectionSize(3 * self.fontMetrics().height() + 10)
        legend = QLabel(
            "✓ matches   ≠ differs from the others   ✗ missing   – not applicable on that platform. "
            "Point at a cell to compare the values.",
            matrix_page,
        )
        legend.setWordWrap(True)
        ml = QVBoxLayout(matrix_page)
        ml.addWidget(legend)
        ml.addWidget(self.matrix_view, 1)

        self.pages = QTabWidget(main)
        self.pages.addTab(profile_page, "Profile")
        self.pages.addTab(matrix_page, "Consistency")

        splitter = QSplitter(Qt.Orientation.Horizontal, main)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(self.pages)
        # The list gives up some width in a small window (its bars make way for the names).
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 5)
        left.setMinimumWidth(150)
        splitter.setSizes([230, 970])
        self.splitter = splitter
        mainl = QVBoxLayout(main)
        mainl.setContentsMargins(6, 6, 6, 6)
        mainl.addWidget(splitter)

        self.stack = QStackedWidget(self)
        self.stack.addWidget(empty)
        self.stack.addWidget(main)
        self.main_page, self.empty_page = main, empty
        self.read_only_label = QLabel(READ_ONLY_TEXT, self)
        self.read_only_label.setWordWrap(True)
        self.read_only_label.setContentsMargins(6, 4, 6, 0)
        self.read_only_label.hide()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.read_only_label)
        outer.addWidget(self.stack)

        self.form.draft_changed.connect(self._reevaluate)
        self.form.field_committed.connect(self._commit_field)
        self.form.choose_image.connect(self._choose_image)
        self.form.remove_image.connect(self._remove_image)
        document.changed.connect(self.refresh)
        document.commit_requested.connect(self.form.commit_pending)
        self.refresh()

    # -- reading the plan ------------------------------------------------------------------------

    def refresh(self, changes: Change = Change.ALL) -> None:
        if not changes & _REFRESH_CHANGES:
            return
        with self._document.plan.session() as s:
            snapshot = load_snapshot(s)
        # Custom platforms are called what the plan calls them ("nebenan.de"), on every screen.
        names = {p.platform: p.name for p in snapshot.profiles}
        snapshot = replace(snapshot, rulebook=snapshot.rulebook.with_platform_names(names))
        self._snapshot = snapshot
        # Keep only the pictures still in use; an undo command holds its own copy of the bytes it restores.
        in_use = {ref.sha256 for p in snapshot.profiles for ref in (p.picture, p.banner) if ref is not None}
        self._images = {sha: data for sha, data in self._images.items() if sha in in_use}
        self.help_text.setText(snapshot.rulebook.score_formula)
        read_only = self._document.read_only
        self.read_only_label.setVisible(read_only)
        self.form.set_read_only(read_only)
        self.form.set_locale(snapshot.locale)
        self.checklist_model.editable = not read_only
        codes = [p.platform for p in snapshot.profiles]
        self.stack.setCurrentWidget(self.main_page if codes else self.empty_page)
        if self._reveal in codes and not self.form.has_pending():
            self._current = self._reveal
        self._reveal = None
        if self._current not in codes:
            self._current = codes[0] if codes else None
        self._evaluation = evaluate_snapshot(snapshot, self.today())
        self._show_scores()
        row = self.platform_model.row_of(self._current) if self._current else -1
        if row >= 0 and self.platform_list.currentIndex().row() != row:
            self.platform_list.setCurrentIndex(self.platform_model.index(row))
        self._show_profile()
        if self._limits is not None and self._current is not None:
            self._limits.show_rules(snapshot.rulebook.platform(self._current), read_only, snapshot.locale)

    def select_platform(self, code: str) -> None:
        row = self.platform_model.row_of(code)
        if row >= 0:
            self.platform_list.setCurrentIndex(self.platform_model.index(row))

    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        code = self.platform_model.code_at(indexes[0].row()) if indexes else None
        if code is None or code == self._current:
            return
        self.form.commit_pending()
        self._current = code
        self._show_profile()
        if self._limits is not None and self._snapshot is not None:
            self._limits.show_rules(
                self._snapshot.rulebook.platform(code), self._document.read_only, self._snapshot.locale
            )

    def _show_profile(self) -> None:
        snapshot, code = self._snapshot, self._current
        profile = snapshot.profile(code) if snapshot is not None and code else None
        if snapshot is None or profile is None:
            return
        self.form.set_profile(profile, snapshot.rulebook.platform(profile.platform))
        self.form.show_images(self._image(profile.picture), self._image(profile.banner))
        self._reevaluate()

    def _image(self, ref: Any) -> bytes | None:
        """The bytes of a stored picture, exactly the one ``ref`` describes (looked up by its SHA-256)."""
        if ref is None:
            return None
        if ref.sha256 not in self._images:
            with self._document.plan.session() as s:
                data = image_bytes(s, ref.sha256)
            if data is None:
                return None
            self._images[ref.sha256] = data
        return self._images[ref.sha256]

    # -- live checks -----------------------------------------------------------------------------

    def _reevaluate(self) -> None:
        """Evaluate with the form's text as typed, before it is stored."""
        if self._snapshot is None:
            return
        self._evaluation = evaluate_snapshot(self._snapshot, self.today(), self.form.draft())
        self._show_scores()
        result = self._evaluation.result(self._current) if self._current else None
        if result is None:
            self.checklist_model.set_results([], {}, frozenset())
            self.profile_score.setText("")
            return
        ticks = self._snapshot.ticks.get(result.platform)
        states = dict(ticks.states) if ticks else {}
        custom = frozenset(ticks.custom_labels) if ticks else frozenset()
        self.checklist_model.set_results(list(result.results), states, custom)
        todo = len(result.failed)
        things = "nothing to fix" if not todo else f"{todo} thing{'s' if todo != 1 else ''} to do"
        self.profile_score.setText(f"{profile_title(result.name)}: {percent(result.score, self._locale)} — {things}")
        self._update_buttons()

    @property
    def _locale(self) -> str:
        return self._snapshot.locale if self._snapshot is not None else "en_US"

    def _show_scores(self) -> None:
        evaluation = self._evaluation
        if evaluation is None:
            return
        self.platform_model.locale = self._locale  # set_rows repaints every row, percentages too
        self.platform_model.set_rows([PlatformRow(p.platform, p.name, p.score) for p in evaluation.profiles])
        self.overall_label.setText(f"Overall score: {percent(evaluation.overall, self._locale)}")
        names = {p.platform: p.name for p in evaluation.profiles}
        self.matrix_model.set_matrix(evaluation.matrix, names)

    # -- commands --------------------------------------------------------------------------------

    def _push(self, command: ProfileCommand) -> None:
        if self._document.plan.closed:
            return  # e.g. a field losing focus while the plan is being closed
        if self._document.read_only:
            self.tell_read_only(f"“{command.text()}”")
            return
        self._document.push(command)

    def _reveal_later(self, platform: str) -> None:
        """An undo or redo from anywhere shows the profile it changed (at the refresh that follows)."""
        self._reveal = platform

    def tell_read_only(self, what: str) -> None:
        """Say plainly, where the user is looking, that ``what`` cannot be done in a read-only plan."""
        text = f"{what} is not possible: this plan is open read-only, so it cannot be changed."
        self.read_only_label.setText(f"<b>{text}</b> You can look at the profiles and their checklists.")
        self.read_only_label.show()
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, 8000)

    def _name(self, code: str) -> str:
        profile = self._snapshot.profile(code) if self._snapshot else None
        return profile.name if profile else code

    def _commit_field(self, field: str, value: Any) -> None:
        code, snapshot = self._current, self._snapshot
        profile = snapshot.profile(code) if snapshot and code else None
        if profile is None or code is None:
            return
        text = f"Edit {self._name(code)} {FIELD_LABELS[field]}"
        old = getattr(profile, field)
        self._push(EditProfileFieldCommand(self._document, text, code, field, old, value, self._reveal_later))

    def _tick(self, code: str, done: bool) -> None:
        self._set_state(code, "done" if done else "open", "Tick" if done else "Untick")

    def _set_state(self, item: str, state: str, verb: str) -> None:
        platform, snapshot = self._current, self._snapshot
        if platform is None or snapshot is None:
            return
        ticks = snapshot.ticks.get(platform)
        old = ticks.states.get(item, "open") if ticks else "open"
        if old == state:
            return
        text = f"{verb} “{self.checklist_model.label_of(item)}” on {self._name(platform)}"
        self._push(SetItemStateCommand(self._document, text, platform, item, old, state, self._reveal_later))

    def _selected_result(self) -> Any:
        index = self.checklist_view.currentIndex()
        return self.checklist_model.result_at(index.row()) if index.isValid() else None

    def _toggle_na(self) -> None:
        result = self._selected_result()
        if result is None:
            return
        if self.checklist_model.marked_na(result.code):
            self._set_state(result.code, "open", "Put back")
        else:
            self._set_state(result.code, "na", "Mark not applicable:")

    def _add_item(self) -> None:
        platform = self._current
        if platform is None:
            return
        if self._document.read_only:
            self.tell_read_only("Adding an item")
            return
        label = ask_custom_item_label(self)
        if not label:
            return
        text = f"Add “{label}” to {self._name(platform)}"
        self._push(AddItemCommand(self._document, text, platform, label, self._reveal_later))

    def _remove_item(self) -> None:
        platform, result = self._current, self._selected_result()
        if platform is None or result is None or not self.checklist_model.is_custom(result.code):
            return
        snapshot = self._snapshot
        ticks = snapshot.ticks.get(platform) if snapshot else None
        if ticks is None:
            return
        old = (ticks.custom_labels[result.code], ticks.states.get(result.code, "open"))
        text = f"Remove “{old[0]}” from {self._name(platform)}"
        self._push(RemoveItemCommand(self._document, text, platform, result.code, old, self._reveal_later))

    def _choose_image(self, which: str) -> None:
        platform = self._current
        profile = self._snapshot.profile(platform) if self._snapshot and platform else None
        if profile is None or platform is None:
            return
        if self._document.read_only:
            self.tell_read_only(f"Changing the {which}")
            return
        path = ask_image_path(self, f"Choose the {self._name(platform)} {which}")
        if path is None:
            return
        try:
            data = path.read_bytes()
        except OSError as exc:
            self.form.set_picture_message(which, f"Could not read {path.name}: {exc.strerror or exc}.")
            return
        self._set_image(platform, which, self._image(getattr(profile, which)), data)

    def _remove_image(self, which: str) -> None:
        platform = self._current
        profile = self._snapshot.profile(platform) if self._snapshot and platform else None
        if profile is None or platform is None:
            return
        self._set_image(platform, which, self._image(getattr(profile, which)), None)

    def _set_image(self, platform: str, which: str, old: bytes | None, new: bytes | None) -> None:
        if new is not None:
            try:
                check_image(new)
            except ImageError as exc:
                self.form.set_picture_message(which, str(exc))
                return
        verb = "Set" if new is not None else "Remove"
        text = f"{verb} {self._name(platform)} {which}"
        self._push(SetPictureCommand(self._document, text, platform, which, old, new, self._reveal_later))

    # -- limits ----------------------------------------------------------------------------------

    def show_limits(self) -> None:
        if self._current is None or self._snapshot is None:
            return
        if self._limits is None:
            self._limits = LimitsDialog(self)
            self._limits.override_requested.connect(self._override)
            self._limits.override_cleared.connect(lambda field: self._override(field, None))
        self._limits.show_rules(
            self._snapshot.rulebook.platform(self._current), self._document.read_only, self._snapshot.locale
        )
        self._limits.open()

    def _override(self, field: str, value: int | None) -> None:
        platform, snapshot = self._current, self._snapshot
        if platform is None or snapshot is None:
            return
        old = snapshot.overrides.get((platform, field))
        if old == value:
            return
        what = f"{self._name(platform)} {limit_name(field).lower()} limit"
        text = f"Reset {what}" if value is None else f"Change {what}"
        self._push(SetLimitCommand(self._document, text, platform, field, old, value, self._reveal_later))

    # -- buttons and menus -----------------------------------------------------------------------

    def _update_buttons(self) -> None:
        editable = not self._document.read_only
        result = self._selected_result()
        self.add_button.setEnabled(editable and self._current is not None)
        self.na_button.setEnabled(editable and result is not None)
        if result is not None and self.checklist_model.marked_na(result.code):
            self.na_button.setText("Applies again")
        else:
            self.na_button.setText("Not applicable")
        self.remove_button.setEnabled(editable and result is not None and self.checklist_model.is_custom(result.code))

    def _checklist_menu(self, pos: QPoint) -> None:
        index = self.checklist_view.indexAt(pos)
        if index.isValid():
            self.checklist_view.setCurrentIndex(index)
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        for button in (self.na_button, self.add_button, self.remove_button):
            action = QAction(button.text(), menu)
            action.setEnabled(button.isEnabled())
            action.triggered.connect(button.click)
            menu.addAction(action)
        menu.popup(self.checklist_view.viewport().mapToGlobal(pos))

    def current_platform(self) -> str | None:
        return self._current
