"""The Budget tab: a month's total and its split, presets, campaigns and influencers, plan against actual."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from smoplanner.core.budget import (
    BudgetLine,
    PaidResult,
    Preset,
    preset_by_return,
    preset_copy,
    preset_even,
    preset_seventy_twenty_ten,
)
from smoplanner.core.dates import Month
from smoplanner.core.locale_format import PlanLocale
from smoplanner.core.money import Currency, MoneyEntryError, currency
from smoplanner.store import budget as store
from smoplanner.store.settings import get_settings
from smoplanner.ui.budget import commands, dialogs
from smoplanner.ui.budget.models import (
    OVER_RED,
    BudgetLinesModel,
    CampaignsModel,
    ExpensesModel,
    InfluencersModel,
    LineView,
    PaidResultsModel,
    TacticsModel,
    money_text,
    tactic_name,
)
from smoplanner.ui.changes import Change
from smoplanner.ui.dialogs import show_error
from smoplanner.ui.document import PlanDocument
from smoplanner.ui.fitting import keep_fitted
from smoplanner.ui.month_stepper import MonthStepper
from smoplanner.ui.plan_locale import set_money_field

#: Colours of the split bar's parts (light enough for black text, distinct in grey too by their order).
PART_COLOURS = ("#4E79A7", "#F28E2B", "#59A14F", "#B07AA1", "#EDC948", "#76B7B2", "#FF9DA7", "#9C755F", "#BAB0AC")


class SplitBar(QWidget):
    """The month's split as one horizontal bar drawn with QPainter: a part per line, the rest left hatched,
    an over-allocated month drawn to its claimed width with the part beyond the total in red."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.parts: list[tuple[str, int]] = []
        self.total = 0
        self.setMinimumHeight(34)
        self.setAccessibleName("Budget split")

    def sizeHint(self) -> QSize:
        return QSize(400, 34)

    def set_split(self, total: int, parts: Sequence[tuple[str, int]]) -> None:
        self.total, self.parts = total, list(parts)
        self.setToolTip("\n".join(f"{label}" for label, _ in self.parts))
        self.update()

    def _bar_rect(self) -> QRectF:
        return QRectF(self.rect()).adjusted(1, 4, -1, -4)

    def part_labels(self) -> list[tuple[QRectF, str]]:
        """Each part's rectangle and the label written in it: the line's name, cut with "…" to the part's
        width, or nothing where not even a few letters fit (the tooltip names every part)."""
        rect = self._bar_rect()
        scale = max(self.total, sum(amount for _, amount in self.parts), 1)
        metrics = self.fontMetrics()
        out: list[tuple[QRectF, str]] = []
        x = rect.left()
        for label, amount in self.parts:
            width = rect.width() * amount / scale
            if width <= 0:
                out.append((QRectF(x, rect.top(), 0, rect.height()), ""))
                continue
            part = QRectF(x, rect.top(), width, rect.height())
            name = label.split(":")[0]
            room = int(width) - 6
            text = metrics.elidedText(name, Qt.TextElideMode.ElideRight, room) if room > 0 else ""
            if text != name and len(text.rstrip("…")) < 3:  # a letter or two says nothing
                text = ""
            out.append((part, text))
            x += width
        return out

    def part_at(self, x: float) -> int:
        """The index of the part under ``x`` (-1 for none)."""
        for i, (part, _text) in enumerate(self.part_labels()):
            if part.width() > 0 and part.left() <= x < part.right():
                return i
        return -1

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.part_at(event.pos().x())
            if index >= 0:
                QToolTip.showText(event.globalPos(), self.parts[index][0], self)
            else:
                QToolTip.showText(event.globalPos(), self.toolTip(), self)
            return True
        return super().event(event)

    def paintEvent(self, event: object) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = self._bar_rect()
        claimed = sum(amount for _, amount in self.parts)
        scale = max(self.total, claimed, 1)
        border = self.palette().color(QPalette.ColorRole.Mid)
        painter.setPen(border)
        painter.setBrush(self.palette().color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(rect, 4, 4)
        for i, (part, text) in enumerate(self.part_labels()):
            colour = QColor(PART_COLOURS[i % len(PART_COLOURS)])
            painter.fillRect(part, colour)
            if text:
                painter.setPen(text_colour_on(colour))
                painter.drawText(part.adjusted(4, 0, -2, 0), Qt.AlignmentFlag.AlignVCenter, text)
        if claimed > self.total:
            over_left = rect.left() + rect.width() * self.total / scale
            painter.fillRect(QRectF(over_left, rect.top(), rect.right() - over_left, 4), OVER_RED)
            painter.fillRect(QRectF(over_left, rect.bottom() - 4, rect.right() - over_left, 4), OVER_RED)
            painter.setPen(OVER_RED)
            painter.drawLine(int(over_left), int(rect.top()) - 3, int(over_left), int(rect.bottom()) + 3)
        painter.end()


def text_colour_on(background: QColor) -> QColor:
    """Black or white, whichever reads better on ``background`` (WCAG relative luminance)."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    def luminance(colour: QColor) -> float:
        return 0.2126 * channel(colour.red()) + 0.7152 * channel(colour.green()) + 0.0722 * channel(colour.blue())

    back = luminance(background)
    dark, light = QColor("#111111"), QColor("#ffffff")
    on_dark = (back + 0.05) / (luminance(dark) + 0.05)
    on_light = (luminance(light) + 0.05) / (back + 0.05)
    return dark if on_dark >= on_light else light


def _table(model: object, stretch: int) -> QTableView:
    view = QTableView()
    view.setModel(model)  # type: ignore[arg-type]
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    # Columns sized to their content, the widest giving way first when the window is narrow, and the whole
    # value of a cut cell in its tooltip.
    keep_fitted(view, stretch, min_stretch=120)
    return view


class BudgetTab(QWidget):
    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        with document.plan.session() as s:
            settings = get_settings(s)
        self.cur: Currency = currency(settings.currency)
        self.fmt = PlanLocale.of(settings.locale)
        self.month = Month.of(date.today())
        self.budget = store.MonthBudget(self.month)

        # -- month and total
        self.stepper = MonthStepper(scale=1.2, min_width=130)
        self.prev_button, self.next_button = self.stepper.previous_button, self.stepper.next_button
        self.month_label = self.stepper.label
        self.total_edit = QLineEdit()
        self.total_edit.setAccessibleName("Month's total")
        set_money_field(self.total_edit, self.fmt, self.cur)
        self.total_edit.setMaximumWidth(160)
        total_label = QLabel(f"&Total ({self.cur.code}):")
        total_label.setBuddy(self.total_edit)
        self.total_error = QLabel()

        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        top = QHBoxLayout()
        top.addWidget(self.stepper)
        top.addSpacing(16)
        top.addWidget(total_label)
        top.addWidget(self.total_edit)
        top.addWidget(self.total_error)
        top.addStretch(1)

        self.split_bar = SplitBar()
        self.over_label = QLabel()

        self.over_label.setWordWrap(True)
        self.over_label.hide()

        # -- lines
        self.lines_model = BudgetLinesModel(self.cur, self)
        self.lines_model.platform_names = {p.code: p.name for p in settings.platforms}
        self.lines_view = _table(self.lines_model, BudgetLinesModel.CAMPAIGN)
        self.lines_view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.empty_lines = QLabel(
            "No budget for this month yet. Type the month's total above, then add lines with “Add Line” "
            "or let a preset propose a split."
        )
        self.empty_lines.setWordWrap(True)
        self.empty_lines.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.add_line_button = QPushButton("&Add Line")
        self.delete_line_button = QPushButton("&Delete Line")
        self.preset_button = QPushButton("Pre&sets")
        self.preset_menu = QMenu(self.preset_button)
        self.preset_menu.addAction("Even across the platforms in use", lambda: self.preview_preset("even"))
        self.preset_menu.addAction("70/20/10 by the lines' marks", lambda: self.preview_preset("702010"))
        self.preset_menu.addAction("By each platform's return last month", lambda: self.preview_preset("return"))
        self.preset_menu.addAction("Copy last month's split", lambda: self.preview_preset("copy"))
        self.preset_button.setMenu(self.preset_menu)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_line_button)
        buttons.addWidget(self.delete_line_button)
        buttons.addWidget(self.preset_button)
        buttons.addStretch(1)
        buttons.addWidget(self.summary)
        lines_box = QWidget()
        lines_layout = QVBoxLayout(lines_box)
        lines_layout.setContentsMargins(0, 0, 0, 0)
        lines_layout.addLayout(buttons)
        lines_layout.addWidget(self.empty_lines)
        lines_layout.addWidget(self.lines_view, 1)

        # -- campaigns and influencers
        self.campaigns_model = CampaignsModel(self.cur, self)
        self.campaigns_view = _table(self.campaigns_model, 0)
        self.campaigns_view.doubleClicked.connect(lambda _i: self.edit_campaign())
        self.influencers_model = InfluencersModel(self.cur, self)
        self.influencers_view = _table(self.influencers_model, 7)
        self.influencers_view.doubleClicked.connect(lambda _i: self.edit_influencer())
        self.tactics_model = TacticsModel(self.cur, self)
        self.tactics_view = _table(self.tactics_model, 0)
        self.expenses_model = ExpensesModel(self.cur, self)
        self.expenses_view = _table(self.expenses_model, 2)
        self.paid_model = PaidResultsModel(self.cur, self)
        self.paid_view = _table(self.paid_model, 2)
        self.paid_view.doubleClicked.connect(lambda _i: self.edit_paid_result())
        self.pages = QTabWidget()
        self.pages.setDocumentMode(True)
        tactics_box = QWidget()
        tactics_layout = QVBoxLayout(tactics_box)
        tactics_layout.setContentsMargins(0, 4, 0, 0)
        self.tactics_hint = QLabel("Nothing planned or spent this month yet.")
        # Each table's "nothing here yet" line, shown in its place while it is empty.
        self.empty_hints: dict[QTableView, QLabel] = {self.tactics_view: self.tactics_hint}
        tactics_layout.addWidget(self.tactics_hint)
        tactics_layout.addWidget(self.tactics_view, 1)
        self.pages.addTab(tactics_box, "B&y tactic")
        self.pages.addTab(
            _with_buttons(
                self.campaigns_view,
                "No campaigns yet: add one to give ads and boosted posts a budget and a target.",
                [("Add Campaign…", self.add_campaign), ("Edit…", self.edit_campaign), ("Delete", self.delete_campaign)],
                self,
                "campaign",
            ),
            "Ca&mpaigns",
        )
        self.pages.addTab(
            _with_buttons(
                self.influencers_view,
                "No influencers yet: add the people you work with and their agreed fees.",
                [
                    ("Add Influencer…", self.add_influencer),
                    ("Edit…", self.edit_influencer),
                    ("Delete", self.delete_influencer),
                ],
                self,
                "influencer",
            ),
            "&Influencers",
        )
        self.pages.addTab(
            _with_buttons(
                self.expenses_view,
                "No other expenses this month: add what was paid outside the ad platforms (photos, tools, printing).",
                [("Add Expense…", self.add_expense), ("Delete", self.delete_expense)],
                self,
                "expense",
            ),
            "E&xpenses",
        )
        self.pages.addTab(
            _with_buttons(
                self.paid_view,
                "No paid results this month. Type the day's results with Add, "
                "or import an Ads Manager export with File ▸ Import Spend.",
                [
                    ("Add Paid Result…", self.add_paid_result),
                    ("Edit…", self.edit_paid_result),
                    ("Delete", self.delete_paid_result),
                ],
                self,
                "paid result",
            ),
            "&Paid Results",
        )

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(lines_box)
        splitter.addWidget(self.pages)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.split_bar)
        layout.addWidget(self.over_label)
        layout.addWidget(splitter, 1)

        self.stepper.stepped.connect(
            lambda step: self.show_month(self.month.previous() if step < 0 else self.month.next())
        )
        self.total_edit.editingFinished.connect(self.commit_total)
        self.add_line_button.clicked.connect(self.add_line)
        self.delete_line_button.clicked.connect(self.delete_line)
        self.lines_model.line_edited.connect(self.edit_line)
        self.lines_model.entry_refused.connect(self.refuse)
        document.changed.connect(self._changed)
        document.commit_requested.connect(self.commit_total)
        self.refresh()

    # -- reading the plan ---------------------------------------------------------------------------

    def _changed(self, changes: Change) -> None:
        if changes & (Change.BUDGET | Change.POSTS | Change.SETTINGS | Change.FILE):
            self.refresh()

    def _models(self) -> tuple[Any, ...]:
        return (
            self.lines_model,
            self.campaigns_model,
            self.influencers_model,
            self.tactics_model,
            self.expenses_model,
            self.paid_model,
        )

    def _follow_locale(self, code: str) -> None:
        """Write money and dates as the plan's locale does; after a change, every table is written again."""
        fmt = PlanLocale.of(code)
        changed = fmt is not self.fmt
        self.fmt = fmt
        for model in self._models():
            model.fmt = fmt
            if changed:
                model.beginResetModel()
                model.endResetModel()
        if changed:
            set_money_field(self.total_edit, fmt, self.cur)

    def show_month(self, month: Month) -> None:
        self.commit_total()
        self.month = month
        self.refresh()

    def refresh(self) -> None:
        with self.document.plan.session() as s:
            self.budget = store.get_month_budget(s, self.month)
            overview = store.month_overview(s, self.month)
            campaigns = store.campaign_statuses(s)
            influencers = store.list_influencers(s)
            expenses = store.list_expenses(s, self.month)
            paid = store.list_paid_results(s, self.month)
            settings = get_settings(s)
            self.lines_model.platform_names = {p.code: p.name for p in settings.platforms}
        self._follow_locale(settings.locale)
        read_only = self.document.read_only
        self._follow_palette()
        self.month_label.setText(self.month.label(self.fmt.code))
        if not self.total_edit.hasFocus():
            self.total_edit.setText(self.total_text(self.budget.total_minor))
        self.total_edit.setReadOnly(read_only)
        allocation = overview.allocation
        over_lines = set(allocation.over_lines) if allocation.is_over else set()
        views = [LineView(status.line, status.compared, i in over_lines) for i, status in enumerate(overview.lines)]
        self.lines_model.read_only = read_only
        self.lines_model.refresh_rows(views, key=lambda v: (v.line.tactic, v.line.platform, v.line.campaign))
        self.lines_view.setVisible(bool(views))
        self.empty_lines.setVisible(not views)
        for button in (self.add_line_button, self.delete_line_button, self.preset_button):
            button.setEnabled(not read_only)
        self.split_bar.set_split(
            allocation.total_minor,
            [
                (
                    f"{tactic_name(v.line.tactic)}"
                    f"{' ' + self.lines_model.platform_name(v.line.platform) if v.line.platform else ''}: "
                    f"{money_text(v.compared.planned_minor, self.cur, self.fmt)}",
                    v.compared.planned_minor,
                )
                for v in views
            ],
        )
        if allocation.is_over:
            self.over_label.setText(
                f"▲ Over-allocated by {money_text(allocation.over_minor, self.cur, self.fmt)}: "
                "the lines marked ▲ claim "
                f"more than the month's {money_text(allocation.total_minor, self.cur, self.fmt)}. "
                "Lower them, unlock one, or raise the total."
            )
        self.over_label.setVisible(allocation.is_over)
        parts = [
            f"Allocated {money_text(allocation.allocated_minor, self.cur, self.fmt)}",
            f"spent {money_text(overview.spent_minor, self.cur, self.fmt)}",
            f"left {money_text(overview.remaining_minor, self.cur, self.fmt)}",
        ]
        if allocation.unallocated_minor:
            parts.append(f"not allocated {money_text(allocation.unallocated_minor, self.cur, self.fmt)}")
        if overview.unplanned_minor:
            parts.append(f"spent outside the lines {money_text(overview.unplanned_minor, self.cur, self.fmt)}")
        self.summary.setText(" · ".join(parts))
        self.campaigns_model.refresh_rows(campaigns, key=lambda c: c.campaign_id)
        self.influencers_model.refresh_rows(influencers, key=lambda i: i.id)
        self.tactics_model.refresh_rows(overview.by_tactic, key=lambda row: row[0])
        self.expenses_model.refresh_rows(expenses, key=lambda e: e.id)
        self.paid_model.refresh_rows(paid, key=lambda p: p.id)
        for view, empty in (
            (self.campaigns_view, not campaigns),
            (self.influencers_view, not influencers),
            (self.tactics_view, not overview.by_tactic),
            (self.expenses_view, not expenses),
            (self.paid_view, not paid),
        ):
            view.setVisible(not empty)
            self.empty_hints[view].setVisible(empty)

    def _follow_palette(self) -> None:
        """Marks in colours readable on the palette now (light or dark)."""
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        for model in (
            self.lines_model,
            self.campaigns_model,
            self.influencers_model,
            self.tactics_model,
            self.expenses_model,
            self.paid_model,
        ):
            model.dark = dark
        red = self.lines_model.over_colour.name()
        self.total_error.setStyleSheet(f"color: {red}")
        self.over_label.setStyleSheet(f"color: {red}; font-weight: bold")

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._follow_palette()

    def total_text(self, minor: int) -> str:
        """The total as the plan's locale writes it (``1250,00`` in a German plan)."""
        if not minor:
            return ""
        return self.fmt.amount(minor, self.cur)

    # -- editing --------------------------------------------------------------------------------------

    def refuse(self, message: str) -> None:
        show_error(self, "Budget", message)

    def _push_month(self, text: str, total_minor: int, lines: Sequence[BudgetLine]) -> None:
        self.document.push(commands.SetMonthBudgetCommand(self.document, text, self.month, total_minor, lines))

    def commit_total(self) -> None:
        if self.document.read_only:
            return
        text = self.total_edit.text()
        try:
            minor = self.fmt.parse_money_minor(text, self.cur, "Total")
        except MoneyEntryError as exc:
            self.total_error.setText(f"▲ {exc}")
            return
        self.total_error.setText("")
        if minor != self.budget.total_minor:
            self._push_month(
                f"Set {self.month.label(self.fmt.code)} Budget to {money_text(minor, self.cur, self.fmt)}",
                minor,
                self.budget.lines,
            )

    def add_line(self) -> None:
        used = {line.tactic for line in self.budget.lines}
        tactic = next(
            (
                t
                for t in ("paid_ads", "boosted_posts", "influencers", "content_production", "tools", "reserve")
                if t not in used
            ),
            "reserve",
        )
        self._push_month("Add Budget Line", self.budget.total_minor, [*self.budget.lines, BudgetLine(tactic)])

    def delete_line(self) -> None:
        rows = sorted({index.row() for index in self.lines_view.selectionModel().selectedRows()})
        if not rows and self.lines_view.currentIndex().isValid():
            rows = [self.lines_view.currentIndex().row()]
        if not rows:
            return
        lines = [line for i, line in enumerate(self.budget.lines) if i not in rows]
        text = "Delete Budget Line" if len(rows) == 1 else f"Delete {len(rows)} Budget Lines"
        self._push_month(text, self.budget.total_minor, lines)

    def edit_line(self, row: int, line: BudgetLine) -> None:
        lines = list(self.budget.lines)
        if not 0 <= row < len(lines):
            return
        old = lines[row]
        lines[row] = line
        what = tactic_name(line.tactic)
        text = f"{'Lock' if line.locked else 'Unlock'} {what}" if line.locked != old.locked else f"Edit {what}"
        self._push_month(text, self.budget.total_minor, lines)

    # -- presets ----------------------------------------------------------------------------------------

    def preset(self, which: str) -> tuple[str, Preset]:
        with self.document.plan.session() as s:
            settings = get_settings(s)
            last = store.get_month_budget(s, self.month.previous())
            returns = store.last_month_returns(s, self.month)
        platforms = [p.code for p in settings.platforms]
        current = self.budget.lines
        if which == "even":
            return "Even Split", preset_even(platforms, current=current)
        if which == "702010":
            return "70/20/10 Split", preset_seventy_twenty_ten(current)
        if which == "return":
            return "Split by Return", preset_by_return(returns, platforms, current=current)
        return "Copy of Last Month", preset_copy(last.lines)

    def preview_preset(self, which: str) -> bool:
        """Show what a preset would set; apply it (one undoable step) when the user says so."""
        try:
            title, proposal = self.preset(which)
        except ValueError as exc:
            show_error(self, "Presets", str(exc))
            return False
        lines = store.storable_lines(proposal.lines)
        dialog = dialogs.PresetPreviewDialog(
            title, self.budget.total_minor, lines, proposal.note, self.cur, self.fmt, self
        )
        try:
            if not dialogs.ask_apply_preset(dialog):
                return False
        finally:
            dialog.deleteLater()
        self._push_month(f"Apply {title}", self.budget.total_minor, lines)
        return True

    # -- campaigns and influencers -------------------------------------------------------------------

    def _selected(self, view: QTableView) -> int | None:
        index = view.currentIndex()
        return index.row() if index.isValid() else None

    def add_campaign(self) -> None:
        dialog = dialogs.CampaignDialog(None, self.cur, self.fmt, self)
        result = dialogs.ask_campaign(dialog)
        dialog.deleteLater()
        if result is not None:
            self.document.push(commands.SaveCampaignCommand(self.document, result))

    def edit_campaign(self) -> None:
        row = self._selected(self.campaigns_view)
        status = None if row is None else self.campaigns_model.row_at(row)
        if status is None:
            return
        with self.document.plan.session() as s:
            campaign = next((c for c in store.list_campaigns(s) if c.id == status.campaign_id), None)
        if campaign is None:
            return
        dialog = dialogs.CampaignDialog(campaign, self.cur, self.fmt, self)
        result = dialogs.ask_campaign(dialog)
        dialog.deleteLater()
        if result is not None and result != campaign:
            self.document.push(commands.SaveCampaignCommand(self.document, result))

    def delete_campaign(self) -> None:
        row = self._selected(self.campaigns_view)
        status = None if row is None else self.campaigns_model.row_at(row)
        if status is not None:
            self.document.push(commands.DeleteCampaignCommand(self.document, status.campaign_id, status.name))

    def add_influencer(self) -> None:
        dialog = dialogs.InfluencerDialog(None, self.cur, self.fmt, self)
        result = dialogs.ask_influencer(dialog)
        dialog.deleteLater()
        if result is not None:
            self.document.push(commands.SaveInfluencerCommand(self.document, result))

    def edit_influencer(self) -> None:
        row = self._selected(self.influencers_view)
        influencer = None if row is None else self.influencers_model.row_at(row)
        if influencer is None:
            return
        dialog = dialogs.InfluencerDialog(influencer, self.cur, self.fmt, self)
        result = dialogs.ask_influencer(dialog)
        dialog.deleteLater()
        if result is not None and result != influencer:
            self.document.push(commands.SaveInfluencerCommand(self.document, replace(result, id=influencer.id)))

    def add_expense(self) -> None:
        today = date.today()
        day = today if Month.of(today) == self.month else self.month.first_day
        dialog = dialogs.ExpenseDialog(day, self.cur, self.fmt, self)
        result = dialogs.ask_expense(dialog)
        dialog.deleteLater()
        if result is not None:
            self.document.push(commands.AddExpenseCommand(self.document, result))

    def delete_expense(self) -> None:
        row = self._selected(self.expenses_view)
        expense = None if row is None else self.expenses_model.row_at(row)
        if expense is not None and expense.id is not None:
            name = expense.vendor or tactic_name(expense.tactic)
            self.document.push(commands.DeleteExpenseCommand(self.document, expense.id, name))

    def _paid_dialog(self, result: PaidResult | None) -> PaidResult | None:
        today = date.today()
        day = today if Month.of(today) == self.month else self.month.first_day
        with self.document.plan.session() as s:
            names = store.campaign_names(s)
        dialog = dialogs.PaidResultDialog(result, day, names, self.cur, self.fmt, self)
        chosen = dialogs.ask_paid_result(dialog)
        dialog.deleteLater()
        return chosen

    def add_paid_result(self) -> None:
        result = self._paid_dialog(None)
        if result is not None:
            self.document.push(commands.SavePaidResultCommand(self.document, result))

    def edit_paid_result(self) -> None:
        row = self._selected(self.paid_view)
        entry = None if row is None else self.paid_model.row_at(row)
        if entry is None or self.document.read_only:
            return
        result = self._paid_dialog(entry.result)
        if result is not None and result != entry.result:
            self.document.push(commands.SavePaidResultCommand(self.document, result, entry.id))

    def delete_paid_result(self) -> None:
        row = self._selected(self.paid_view)
        entry = None if row is None else self.paid_model.row_at(row)
        if entry is not None:
            self.document.push(commands.DeletePaidResultCommand(self.document, entry.id, entry.result))

    def delete_influencer(self) -> None:
        row = self._selected(self.influencers_view)
        influencer = None if row is None else self.influencers_model.row_at(row)
        if influencer is not None and influencer.id is not None:
            self.document.push(commands.DeleteInfluencerCommand(self.document, influencer.id, influencer.name))


def _with_buttons(
    view: QTableView, empty_text: str, actions: list[tuple[str, object]], tab: BudgetTab, noun: str
) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 4, 0, 0)
    row = QHBoxLayout()
    for text, slot in actions:
        button = QPushButton(text)
        button.setAccessibleName(f"{text.rstrip('…')} {noun}" if text in ("Edit…", "Delete") else text.rstrip("…"))
        button.clicked.connect(slot)  # type: ignore[arg-type]
        button.setEnabled(not tab.document.read_only)
        row.addWidget(button)
    row.addStretch(1)
    hint = QLabel(empty_text)
    hint.setWordWrap(True)
    hint.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)  # under the buttons, not mid-page
    tab.empty_hints[view] = hint
    layout.addLayout(row)
    layout.addWidget(hint)
    layout.addWidget(view, 1)
    return box
