"""The Budget tab's dialogs (a preset's preview, a campaign, an influencer, an expense, a paid result) and
the small ``ask_*`` functions that show them, which tests replace."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from smoplanner.core.budget import TACTICS, BudgetLine, PaidResult, allocate
from smoplanner.core.locale_format import PlanLocale
from smoplanner.core.money import Currency, MoneyEntryError
from smoplanner.store.budget import INFLUENCER_STATUSES, OBJECTIVES, Campaign, Expense, Influencer
from smoplanner.ui.budget.models import (
    OVER_RED,
    OVER_RED_ON_DARK,
    PresetPreviewModel,
    money_text,
    tactic_code,
    tactic_name,
)
from smoplanner.ui.plan_locale import set_date_format, set_money_field


class PresetPreviewDialog(QDialog):
    """What a preset would set, line by line with its amount, before anything changes."""

    def __init__(
        self,
        title: str,
        total_minor: int,
        lines: Sequence[BudgetLine],
        note: str,
        cur: Currency,
        fmt: PlanLocale,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Preview: {title}")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"The month's {money_text(total_minor, cur, fmt)} would be split like this:"))
        parts = allocate(total_minor, lines).parts
        self.model = PresetPreviewModel(list(lines), list(parts), cur, fmt, self)
        table = QTableView(self)
        table.setModel(self.model)
        table.verticalHeader().hide()
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a preview to read: no current cell to outline
        table.resizeColumnsToContents()
        table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(table)
        if note:
            label = QLabel(note)
            label.setWordWrap(True)
            layout.addWidget(label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Apply | QDialogButtonBox.StandardButton.Cancel)
        apply = buttons.button(QDialogButtonBox.StandardButton.Apply)
        apply.clicked.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(460, 360)


def ask_apply_preset(dialog: PresetPreviewDialog) -> bool:
    return dialog.exec() == QDialog.DialogCode.Accepted


def _date_edit(value: date | None, fmt: PlanLocale) -> tuple[QCheckBox, QDateEdit]:
    check = QCheckBox()
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    set_date_format(edit, fmt, weekday=False)
    edit.setDate(QDate(value.year, value.month, value.day) if value else QDate.currentDate())
    check.setChecked(value is not None)
    edit.setEnabled(value is not None)
    check.toggled.connect(edit.setEnabled)
    return check, edit


def _picked(check: QCheckBox, edit: QDateEdit) -> date | None:
    return edit.date().toPython() if check.isChecked() else None  # type: ignore[return-value]


class _FormDialog(QDialog):
    def __init__(self, title: str, cur: Currency, fmt: PlanLocale, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.cur = cur
        self.fmt = fmt
        self.form = QFormLayout()
        self.error = QLabel()
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        self.error.setStyleSheet(f"color: {(OVER_RED_ON_DARK if dark else OVER_RED).name()}")
        self.error.setWordWrap(True)
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def money(self, text: str, field: str, *, optional: bool = False) -> int | None:
        if optional and not text.strip():
            return None
        return self.fmt.parse_money_minor(text, self.cur, field)

    def amount_text(self, minor: int | None) -> str:
        return "" if minor is None else self.fmt.amount(minor, self.cur)

    def money_edit(self, minor: int | None) -> QLineEdit:
        """A money field showing ``minor`` as the plan's locale writes it, refusing what is no amount as typed."""
        edit = QLineEdit(self.amount_text(minor))
        set_money_field(edit, self.fmt, self.cur)
        return edit

    def _accept(self) -> None:
        try:
            self.read()
        except (MoneyEntryError, ValueError) as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.accept()

    def read(self) -> None:
        raise NotImplementedError


class CampaignDialog(_FormDialog):
    def __init__(
        self, campaign: Campaign | None, cur: Currency, fmt: PlanLocale, parent: QWidget | None = None
    ) -> None:
        super().__init__("Edit Campaign" if campaign else "New Campaign", cur, fmt, parent)
        c = campaign or Campaign("")
        self.original = c
        self.chosen: Campaign | None = None
        self.name = QLineEdit(c.name)
        self.objective = QComboBox()
        self.objective.addItem("(not set)", "")
        for objective in OBJECTIVES:
            self.objective.addItem(objective.title(), objective)
        self.objective.setCurrentIndex(max(0, self.objective.findData(c.objective)))
        self.start_check, self.start = _date_edit(c.start, self.fmt)
        self.end_check, self.end = _date_edit(c.end, self.fmt)
        self.budget = self.money_edit(c.budget_minor)
        self.target_results = QSpinBox()
        self.target_results.setRange(0, 10_000_000)
        self.target_results.setSpecialValueText("(none)")
        self.target_results.setValue(c.target_results or 0)
        self.target_cost = self.money_edit(c.target_cost_minor)
        self.platforms = QLineEdit(" ".join(c.platforms))
        self.platforms.setPlaceholderText("e.g. instagram facebook")
        self.form.addRow("&Name:", self.name)
        self.form.addRow("&Objective:", self.objective)
        self.form.addRow("&Starts:", _row(self.start_check, self.start))
        self.form.addRow("&Ends:", _row(self.end_check, self.end))
        self.form.addRow("&Budget:", self.budget)
        self.form.addRow("&Target results:", self.target_results)
        self.form.addRow("Target &cost per result:", self.target_cost)
        self.form.addRow("&Platforms:", self.platforms)

    def read(self) -> None:
        if not self.name.text().strip():
            raise ValueError("Name: give the campaign a name")
        start, end = _picked(self.start_check, self.start), _picked(self.end_check, self.end)
        if start and end and end < start:
            raise ValueError("Ends: the end is before the start")
        self.chosen = replace(
            self.original,
            name=self.name.text().strip(),
            objective=self.objective.currentData(),
            start=start,
            end=end,
            budget_minor=self.money(self.budget.text(), "Budget") or 0,
            target_results=self.target_results.value() or None,
            target_cost_minor=self.money(self.target_cost.text(), "Target cost per result", optional=True),
            platforms=tuple(self.platforms.text().replace(",", " ").lower().split()),
        )


class InfluencerDialog(_FormDialog):
    def __init__(
        self, influencer: Influencer | None, cur: Currency, fmt: PlanLocale, parent: QWidget | None = None
    ) -> None:
        super().__init__("Edit Influencer" if influencer else "New Influencer", cur, fmt, parent)
        i = influencer or Influencer("")
        self.original = i
        self.chosen: Influencer | None = None
        self.name = QLineEdit(i.name)
        self.platform = QLineEdit(i.platform)
        self.platform.setPlaceholderText("e.g. instagram")
        self.handle = QLineEdit(i.handle)
        self.followers = QSpinBox()
        self.followers.setRange(0, 2_000_000_000)
        self.followers.setGroupSeparatorShown(True)
        self.followers.setValue(i.followers)
        self.fee = self.money_edit(i.fee_minor)
        self.deliverables = QLineEdit(i.deliverables)
        self.status = QComboBox()
        for status in INFLUENCER_STATUSES:
            self.status.addItem(status.title(), status)
        self.status.setCurrentIndex(max(0, self.status.findData(i.status)))
        self.start_check, self.start = _date_edit(i.start, self.fmt)
        self.end_check, self.end = _date_edit(i.end, self.fmt)
        self.campaign = QLineEdit(i.campaign)
        self.form.addRow("&Name:", self.name)
        self.form.addRow("&Platform:", self.platform)
        self.form.addRow("&Handle:", self.handle)
        self.form.addRow("&Followers:", self.followers)
        self.form.addRow("Agreed &fee:", self.fee)
        self.form.addRow("&Deliverables:", self.deliverables)
        self.form.addRow("&Status:", self.status)
        self.form.addRow("&Starts:", _row(self.start_check, self.start))
        self.form.addRow("&Ends:", _row(self.end_check, self.end))
        self.form.addRow("&Campaign:", self.campaign)

    def read(self) -> None:
        if not self.name.text().strip():
            raise ValueError("Name: give the influencer a name")
        start, end = _picked(self.start_check, self.start), _picked(self.end_check, self.end)
        if start and end and end < start:
            raise ValueError("Ends: the end is before the start")
        self.chosen = replace(
            self.original,
            name=self.name.text().strip(),
            platform=self.platform.text().strip().lower(),
            handle=self.handle.text().strip(),
            followers=self.followers.value(),
            fee_minor=self.money(self.fee.text(), "Agreed fee") or 0,
            deliverables=self.deliverables.text().strip(),
            status=self.status.currentData(),
            start=start,
            end=end,
            campaign=self.campaign.text().strip(),
        )


class ExpenseDialog(_FormDialog):
    """A new expense: its day (in the month shown), tactic, vendor and amount."""

    def __init__(self, day: date, cur: Currency, fmt: PlanLocale, parent: QWidget | None = None) -> None:
        super().__init__("New Expense", cur, fmt, parent)
        self.chosen: Expense | None = None
        self.day = QDateEdit(QDate(day.year, day.month, day.day))
        self.day.setCalendarPopup(True)
        set_date_format(self.day, self.fmt, weekday=False)
        self.tactic = QComboBox()
        self.tactic.setEditable(True)
        for code in TACTICS:
            self.tactic.addItem(tactic_name(code), code)
        self.tactic.setCurrentIndex(self.tactic.findData("content_production"))
        self.vendor = QLineEdit()
        self.vendor.setPlaceholderText("e.g. Fotostudio Licht")
        self.amount = self.money_edit(None)
        self.platform = QLineEdit()
        self.campaign = QLineEdit()
        self.form.addRow("&Day:", self.day)
        self.form.addRow("&Tactic:", self.tactic)
        self.form.addRow("&Vendor:", self.vendor)
        self.form.addRow("&Amount:", self.amount)
        self.form.addRow("&Platform:", self.platform)
        self.form.addRow("&Campaign:", self.campaign)

    def read(self) -> None:
        amount = self.money(self.amount.text(), "Amount") or 0
        if not amount:
            raise ValueError("Amount: give the amount spent")
        text = self.tactic.currentText().strip()
        data = self.tactic.currentData()
        tactic = data if data and tactic_name(data) == text else tactic_code(text)
        if not tactic:
            raise ValueError("Tactic: say what the money was for")
        self.chosen = Expense(
            day=self.day.date().toPython(),  # type: ignore[arg-type]
            tactic=tactic,
            amount_minor=amount,
            vendor=self.vendor.text().strip(),
            platform=self.platform.text().strip().lower(),
            campaign=self.campaign.text().strip(),
        )


def _count() -> QSpinBox:
    box = QSpinBox()
    box.setRange(0, 2_000_000_000)
    box.setGroupSeparatorShown(True)
    box.setAlignment(Qt.AlignmentFlag.AlignRight)
    return box


class PaidResultDialog(_FormDialog):
    """A paid result typed in (or one corrected): its day, platform, campaign, spend and what it brought."""

    def __init__(
        self,
        result: PaidResult | None,
        day: date,
        campaigns: Sequence[str],
        cur: Currency,
        fmt: PlanLocale,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Edit Paid Result" if result else "New Paid Result", cur, fmt, parent)
        r = result or PaidResult(day, day, "")
        self.original = r
        self.chosen: PaidResult | None = None
        self.day = QDateEdit(QDate(r.start.year, r.start.month, r.start.day))
        self.day.setCalendarPopup(True)
        set_date_format(self.day, self.fmt, weekday=False)
        self.platform = QLineEdit(r.platform)
        self.platform.setPlaceholderText("e.g. instagram")
        self.campaign = QComboBox()
        self.campaign.setEditable(True)
        self.campaign.addItems(list(campaigns))
        self.campaign.setEditText(r.campaign)
        line = self.campaign.lineEdit()
        if line is not None:
            line.setPlaceholderText("choose or type a campaign")
        self.spend = self.money_edit(r.spend_minor or None)
        self.impressions, self.reach, self.clicks, self.results = _count(), _count(), _count(), _count()
        self.impressions.setValue(r.impressions)
        self.reach.setValue(r.reach)
        self.clicks.setValue(r.link_clicks)
        self.results.setValue(r.results)
        self.revenue = self.money_edit(r.revenue_minor or None)
        self.form.addRow("&Day:", self.day)
        self.form.addRow("&Platform:", self.platform)
        self.form.addRow("&Campaign:", self.campaign)
        self.form.addRow("&Spend:", self.spend)
        self.form.addRow("&Impressions:", self.impressions)
        self.form.addRow("&Reach:", self.reach)
        self.form.addRow("&Link clicks:", self.clicks)
        self.form.addRow("Res&ults (conversions):", self.results)
        self.form.addRow("Re&venue:", self.revenue)
        if r.start != r.end:
            days = (r.end - r.start).days + 1
            self.form.addRow("", QLabel(f"Imported for {days} days; the period keeps its length."))
        self.setMinimumWidth(420)

    def read(self) -> None:
        spend = self.money(self.spend.text(), "Spend") or 0
        revenue = self.money(self.revenue.text(), "Revenue") or 0
        start: date = self.day.date().toPython()  # type: ignore[assignment]
        self.chosen = replace(
            self.original,
            start=start,
            end=start + timedelta(days=(self.original.end - self.original.start).days),
            platform=self.platform.text().strip().lower(),
            campaign=" ".join(self.campaign.currentText().split()),
            spend_minor=spend,
            impressions=self.impressions.value(),
            reach=self.reach.value(),
            link_clicks=self.clicks.value(),
            results=self.results.value(),
            revenue_minor=revenue,
        )


def ask_paid_result(dialog: PaidResultDialog) -> PaidResult | None:
    return dialog.chosen if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_expense(dialog: ExpenseDialog) -> Expense | None:
    return dialog.chosen if dialog.exec() == QDialog.DialogCode.Accepted else None


def _row(check: QCheckBox, edit: QDateEdit) -> QWidget:
    from PySide6.QtWidgets import QHBoxLayout

    widget = QWidget()
    layout = QHBoxLayout(widget)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(check)
    layout.addWidget(edit, 1)
    return widget


def ask_campaign(dialog: CampaignDialog) -> Campaign | None:
    return dialog.chosen if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_influencer(dialog: InfluencerDialog) -> Influencer | None:
    return dialog.chosen if dialog.exec() == QDialog.DialogCode.Accepted else None
