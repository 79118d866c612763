"""The Quality section's dashboard, for supervisors and administrators: one button per count (plan reviews
overdue, tasks overdue, people long in one stage, Discovery stalled, notes awaiting co-signature, caseloads,
agreements awaiting signatures, authorizations, releases and credentials ending, referrals overdue); the
referral counts (open, overdue, by status, the median days to an answer) under the list; pressing one shows the
records behind it below; Enter on a record about a person opens their workspace, on an agreement the
Agreements section with it chosen. The office's
thresholds are edited in place (Apply keeps them in the store). Print summary… (Ctrl+P) and Save PDF…
(Ctrl+Shift+S) give the summary for a meeting."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QButtonGroup, QGridLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QPushButton,
                               QSpinBox, QTabWidget, QVBoxLayout, QWidget)

from caseteam.services import handovers
from caseteam.services import quality_dashboard as qd

from .. import printing
from ..dates import local_date
from ..models.work_models import TextRows
from ..widgets.document_actions import shortcut_button, tab_action
from ..widgets.editor_parts import chain_tab_order, fields_scroll, record_table
from ..widgets.read_when_shown import ReadWhenShown

COLUMNS_PER_ROW = 2
K = qd.QualityKind
# On the buttons, so the page fits a small window; the full wording is the tooltip and heads the list.
SHORT = {K.PLAN_REVIEWS_OVERDUE: "Plan reviews overdue", K.TASKS_OVERDUE: "Tasks overdue",
         K.LONG_IN_STAGE: "Long in one stage", K.DISCOVERY_STALLED: "Discovery stalled",
         K.NOTES_AWAITING_COSIGN: "Notes to co-sign", K.CASELOADS: "Caseloads and billable time",
         K.AGREEMENTS_AWAITING_SIGNATURE: "Agreements to sign", K.AUTHORIZATIONS_ENDING: "Authorizations ending",
         K.RELEASES_EXPIRING: "Releases expiring", K.CREDENTIALS_EXPIRING: "Credentials expiring",
         K.CREDENTIALS_EXPIRED: "Credentials expired", K.INACTIVE_STAFF_WITH_WORK: "Inactive staff with work",
         K.REFERRALS_OVERDUE: "Referrals overdue"}
RECORD_WORDS = {"person": "Person", "task": "Task", "case_note": "Case note", "staff": "Staff member",
                "agreement": "Agreement", "authorization": "Authorization", "release": "Release",
                "credential": "Credential", "referral": "Referral"}


class LineColumn(IntEnum):
    RECORD = 0
    PERSON = 1
    GROUP = 2
    DETAILS = 3


class QualityLineModel(TextRows):
    Column = LineColumn
    HEADERS = {LineColumn.RECORD: "Record", LineColumn.PERSON: "Person", LineColumn.GROUP: "Organization",
               LineColumn.DETAILS: "Details"}

    @staticmethod
    def record_key(row):
        return (row.record_kind, row.record_id)

    def text(self, row, column) -> str:
        if column == LineColumn.RECORD:
            return f"{RECORD_WORDS.get(row.record_kind, row.record_kind)} {row.record_ref}".strip()
        if column == LineColumn.PERSON:
            return row.person_name
        if column == LineColumn.GROUP:
            return row.group
        return row.words


def count_text(count) -> str:
    return f"{SHORT[count.kind]}: {count.count}"


class QualityDashboardPage(ReadWhenShown, QWidget):
    loaded = Signal(object)       # the QualityDashboard now on screen
    open_person = Signal(object)  # person id of the record chosen
    open_agreement = Signal(object)  # agreement id of the record chosen

    def __init__(self, ops, actor, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("qualityDashboard")
        self.ops, self.actor = ops, actor
        self.board = None
        self.chosen = qd.QualityKind.PLAN_REVIEWS_OVERDUE

        self.summary = QLabel("Reading the quality dashboard…")
        self.summary.setObjectName("qualitySummary")
        self.summary.setAccessibleName("Quality dashboard summary")
        self.summary.setWordWrap(True)
        self.inactive_warning = QLabel("")  # inactive staff still holding work: said in words, not colour alone
        self.inactive_warning.setObjectName("qualityInactiveWarning")
        self.inactive_warning.setAccessibleName("Warning about inactive staff")
        self.inactive_warning.setWordWrap(True)
        self.inactive_warning.hide()

        self.thresholds_box = QGroupBox("Thresholds")
        self.thresholds_box.setAccessibleName("Dashboard thresholds")
        grid = QGridLayout(self.thresholds_box)
        self.spins: dict[str, QSpinBox] = {}
        for column, (name, text, suffix) in enumerate((
                ("stage_days", "In one &stage over", " days"),
                ("discovery_idle_days", "Discovery &idle for", " days"),
                ("discovery_weeks", "Discovery longer &than", " weeks"))):
            low, high, words = qd.LIMITS[name]
            spin = QSpinBox()
            spin.setRange(low, high)
            spin.setSuffix(suffix)
            spin.setAccessibleName(f"{text.replace('&', '')} ({words})")
            label = QLabel(f"{text}:")
            label.setBuddy(spin)
            grid.addWidget(label, column // 2, 2 * (column % 2))
            grid.addWidget(spin, column // 2, 2 * (column % 2) + 1)
            self.spins[name] = spin
        self.apply_button = QPushButton("&Apply thresholds")
        self.apply_button.setAccessibleDescription("Keep these thresholds for the office and count again")
        grid.addWidget(self.apply_button, 1, 2, 1, 2)
        self.thresholds_problem = QLabel("")
        self.thresholds_problem.setAccessibleName("Problem with the thresholds")
        self.thresholds_problem.setWordWrap(True)
        self.thresholds_problem.hide()
        grid.addWidget(self.thresholds_problem, 2, 0, 1, 4)

        self.counts_box = QGroupBox("Counts (press one to see its records)")
        self.counts_box.setAccessibleName("Counts")
        counts_grid = QGridLayout(self.counts_box)
        self.count_buttons: dict[qd.QualityKind, QPushButton] = {}
        self.count_group = QButtonGroup(self)
        self.count_group.setExclusive(True)
        for n, kind in enumerate(qd.QualityKind):
            button = QPushButton(SHORT[kind])
            button.setCheckable(True)
            button.setAccessibleDescription(f"{kind.label()}: show the records behind this count")
            button.setToolTip(kind.label())
            button.setObjectName(f"count_{kind.value}")
            counts_grid.addWidget(button, n // COLUMNS_PER_ROW, n % COLUMNS_PER_ROW)
            self.count_group.addButton(button)
            self.count_buttons[kind] = button
            button.clicked.connect(lambda _checked=False, k=kind: self.show_kind(k))

        self.list_label = QLabel("&Records:")
        self.model = QualityLineModel(self)
        self.table = record_table(self.model, "Records behind the count",
                                  "Enter or a double-click on a record about a person opens their workspace")
        self.table.horizontalHeader().setSectionResizeMode(LineColumn.DETAILS, QHeaderView.ResizeMode.Stretch)
        self.list_label.setBuddy(self.table)
        self.by_organization = QLabel("")
        self.by_organization.setAccessibleName("Overdue tasks by organization")
        self.by_organization.setWordWrap(True)
        self.referrals_summary = QLabel("")
        self.referrals_summary.setObjectName("qualityReferrals")
        self.referrals_summary.setAccessibleName("Referral counts")
        self.referrals_summary.setWordWrap(True)

        self.print_button = shortcut_button("&Print summary…", "Ctrl+P", "Print the dashboard as a summary")
        self.save_button = shortcut_button("Save P&DF…", "Ctrl+Shift+S", "Save the dashboard summary as a PDF")
        self.refresh_button = shortcut_button("Count again", "F5", "Read the dashboard again")
        buttons = QHBoxLayout()
        for button in (self.print_button, self.save_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)

        upper = QWidget()
        top = QVBoxLayout(upper)
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.summary)
        top.addWidget(self.inactive_warning)
        top.addWidget(self.thresholds_box)
        top.addWidget(self.counts_box)
        self.upper = fields_scroll(upper, "Counts and thresholds")
        layout = QVBoxLayout(self)
        layout.addWidget(self.upper, 2)
        layout.addWidget(self.list_label)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.by_organization)
        layout.addWidget(self.referrals_summary)
        layout.addLayout(buttons)
        chain_tab_order(*self.spins.values(), self.apply_button, *self.count_buttons.values(), self.table,
                        self.print_button, self.save_button, self.refresh_button)
        self.setFocusProxy(self.count_buttons[self.chosen])

        self.refresh_action = QAction("Read the quality dashboard again", self)
        self.refresh_action.setShortcut(QKeySequence("F5"))
        self.refresh_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.refresh_action.triggered.connect(self.refresh)
        self.addAction(self.refresh_action)
        tab_action(self, "Print the quality summary", "Ctrl+P", self.print_summary)
        tab_action(self, "Save the quality summary as PDF", "Ctrl+Shift+S", self.save_summary)
        self.refresh_button.clicked.connect(self.refresh)
        self.apply_button.clicked.connect(self.apply_thresholds)
        self.print_button.clicked.connect(self.print_summary)
        self.save_button.clicked.connect(self.save_summary)
        self.table.activated.connect(lambda index: self._open(index.row()))

    # --- data -----------------------------------------------------------------------------------------
    def refresh(self) -> None:
        actor = self.actor
        self.ops.run(lambda uow: qd.dashboard(uow, actor), on_done=self._show, on_error=self._refused, write=False,
                     progress_text="Counting the quality dashboard…")

    def apply_changes(self, changes) -> None:
        if changes:
            self.refresh_when_seen()

    def apply_thresholds(self) -> None:
        actor, values = self.actor, {name: spin.value() for name, spin in self.spins.items()}

        def job(uow):
            qd.set_thresholds(uow, actor, **values)
            return qd.dashboard(uow, actor)

        self.thresholds_problem.hide()
        self.ops.run(job, on_done=self._show, on_error=self._thresholds_refused)

    def _thresholds_refused(self, exc) -> None:
        self.thresholds_problem.setText(f"⚠ {exc.message}")
        self.thresholds_problem.show()

    def _refused(self, exc) -> None:
        self.summary.setText(exc.message)

    def _show(self, board) -> None:
        self.board = board
        for name, spin in self.spins.items():
            spin.setValue(getattr(board.thresholds, name))
        for count in board.counts:
            button = self.count_buttons[count.kind]
            button.setText(count_text(count))
            button.setAccessibleName(f"{count.label}: {count.count}")
            button.setToolTip(count.label)
        needing = sum(c.count for c in board.counts if c.kind is not qd.QualityKind.CASELOADS)
        self.summary.setText(f"As of {local_date(board.as_of)}: {needing} record{'s' if needing != 1 else ''} "
                             "need attention across the counts below.")
        warning = handovers.inactive_staff_warning(board.count(qd.QualityKind.INACTIVE_STAFF_WITH_WORK).count)
        self.inactive_warning.setText(warning)
        self.inactive_warning.setVisible(bool(warning))
        by_org = ", ".join(f"{name} {n}" for name, n in board.tasks_by_organization)
        self.by_organization.setText(f"Overdue tasks by organization: {by_org}." if by_org else
                                     "No overdue tasks.")
        self.referrals_summary.setText(qd.referral_words(board.referrals))
        self.show_kind(self.chosen)
        self.loaded.emit(board)

    def show_kind(self, kind) -> None:
        """The records behind one count, in the list below its button."""
        self.chosen = kind
        self.count_buttons[kind].setChecked(True)
        if self.board is None:
            return
        count = self.board.count(kind)
        self.model.set_rows(list(count.lines))
        self.list_label.setText(f"&Records: {count.label} ({count.count})")
        self.table.setAccessibleName(f"Records behind the count: {count.label}")
        if count.lines:
            self.table.setCurrentIndex(self.model.index(0, LineColumn.RECORD))
        for column in (LineColumn.RECORD, LineColumn.PERSON, LineColumn.GROUP):
            self.table.resizeColumnToContents(column)

    def shown_lines(self) -> list:
        return [self.model.row_at(i) for i in range(self.model.rowCount())]

    def _open(self, row: int) -> None:
        line = self.model.row_at(row)
        if line is None:
            return
        if line.record_kind == "agreement":
            self.open_agreement.emit(line.record_id)
        elif line.person_id is not None:
            self.open_person.emit(line.person_id)

    # --- the printed summary --------------------------------------------------------------------------
    def _summary(self, then) -> None:
        actor = self.actor
        self.ops.run(lambda uow: qd.summary_pdf(uow, actor), on_done=then, on_error=self._refused,
                     progress_text="Preparing the quality summary…")

    def print_summary(self) -> None:
        self._summary(lambda data: printing.print_pdf(self, data))

    def save_summary(self) -> None:
        day = self.board.as_of.isoformat() if self.board is not None else "today"
        self._summary(lambda data: printing.save_pdf(self, data, f"Quality summary {day}.pdf"))


__all__ = ["QualityDashboardPage", "QualityLineModel", "QualitySection"]


class QualitySection(QTabWidget):
    """The Quality section: the dashboard and the training log, one tab each (Ctrl+Tab moves between them)."""

    def __init__(self, ops, actor, history, parent=None) -> None:
        super().__init__(parent)
        from .training import TrainingPage

        self.setObjectName("qualitySection")
        self.setAccessibleName("Quality")
        self.dashboard = QualityDashboardPage(ops, actor)
        self.training = TrainingPage(ops, actor, history)
        self.addTab(self.dashboard, "Dashboard")
        self.addTab(self.training, "Training")
        self.setFocusProxy(self.dashboard)

    def apply_changes(self, changes) -> None:
        self.dashboard.apply_changes(changes)
        self.training.apply_changes(changes)
