"""The partner directory's "Referrals" tab: the chosen organization's Inbox (referrals sent to it) and
Outbox (referrals it sent), narrowed to all staff, one staff member or me, a status, "Overdue only" and
words in the service; the chosen referral's details, history and steps (ui/screens/referral_board.py).
Enter, a double-click or Open person (Ctrl+O) opens the person's workspace when the reader may see them."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QRadioButton,
                               QVBoxLayout, QWidget)

from caseteam.domain.referrals import ReferralStatus
from caseteam.services import access, referrals

from .. import pyside_fixes  # noqa: F401  (this module emits signals)
from ..models.referral_models import ReferralTableModel
from ..widgets.editor_parts import chain_tab_order
from ..widgets.field_row import find_data
from .referral_board import ReferralBoard

OPEN_KEYS = "Ctrl+O"
OPEN_ONLY = "open"  # the status filter's "Open (not closed)" line
SEARCH_DELAY_MS = 250


def labelled(text: str, widget: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(widget)
    return label


class PartnerReferralsPage(QWidget):
    open_person = Signal(object)  # a person's id, for the window to open their workspace

    def __init__(self, ops, actor, history, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("partnerReferralsPage")
        self.ops, self.actor = ops, actor
        self.organization = None
        self._stale = False
        self.inbox = QRadioButton("&Inbox")
        self.inbox.setAccessibleDescription("Referrals sent to this organization")
        self.outbox = QRadioButton("&Outbox")
        self.outbox.setAccessibleDescription("Referrals this organization sent")
        self.inbox.setChecked(True)
        self.direction = QButtonGroup(self)
        for button in (self.inbox, self.outbox):
            self.direction.addButton(button)
        self.staff_box = QComboBox()
        self.staff_box.setAccessibleName("Staff member")
        self.staff_box.setAccessibleDescription("All the organization's referrals, one staff member's, or yours")
        self.status_box = QComboBox()
        self.status_box.setAccessibleName("Status")
        self.status_box.addItem("Any status", None)
        self.status_box.addItem("Open (not closed)", OPEN_ONLY)
        for status in ReferralStatus:
            self.status_box.addItem(status.label, status)
        self.overdue = QCheckBox("Overdue onl&y")
        self.overdue.setAccessibleDescription("Only open referrals not answered by the day asked")
        self.service = QLineEdit()
        self.service.setAccessibleName("Words in the service")
        self.service.setPlaceholderText("e.g. IPS, benefits")
        self.service.setClearButtonEnabled(True)
        self.count = QLabel("")
        self.count.setAccessibleName("Number of referrals shown")
        self.board = ReferralBoard(ops, actor, history, self._rows_job, name="Referrals of the organization",
                                   description="Newest first. Enter or double-click opens the person's workspace",
                                   empty_text="No referral is chosen.")
        self.open_action = self.board.add_action("Open person", OPEN_KEYS, self.open_chosen)
        self.board.table.activated.connect(lambda _index: self.open_chosen())
        self.table = self.board.table

        first = QHBoxLayout()
        for widget in (self.inbox, self.outbox, labelled("S&taff member:", self.staff_box), self.staff_box,
                       labelled("Stat&us:", self.status_box), self.status_box):
            first.addWidget(widget)
        first.addStretch(1)
        second = QHBoxLayout()
        for widget in (self.overdue, labelled("Service &words:", self.service), self.service):
            second.addWidget(widget)
        second.addStretch(1)
        second.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addLayout(first)
        layout.addLayout(second)
        layout.addWidget(self.board, 1)
        chain_tab_order(self.inbox, self.outbox, self.staff_box, self.status_box, self.overdue, self.service,
                        self.table)

        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.reload)
        self.service.textEdited.connect(lambda _t: self._timer.start())
        self.direction.buttonToggled.connect(lambda _b, on: on and (self._show_direction(), self.reload()))
        self._show_direction()
        self.staff_box.currentIndexChanged.connect(lambda _i: self.reload())
        self.status_box.currentIndexChanged.connect(lambda _i: self.reload())
        self.overdue.toggled.connect(lambda _on: self.reload())
        self.board.rows_loaded.connect(self._counted)
        self.board.referral_shown.connect(lambda _d: self.open_action.setEnabled(self.board.current() is not None))

    # --- what the directory tells it ------------------------------------------------------------------
    def show_organization(self, organization, staff=()) -> None:
        """The directory chose an organization (an OrganizationRow) with its staff (StaffRows)."""
        if self.organization is None or organization.id != self.organization.id:
            self.board.model.set_rows(())
        self.organization = organization
        self._fill_staff(organization, staff)
        self.reload()

    def _fill_staff(self, organization, staff) -> None:
        chosen = self.staff_box.currentData()
        box = self.staff_box
        box.blockSignals(True)
        box.clear()
        box.addItem("All staff", None)
        mine = self.actor.staff_id
        if mine is not None and any(s.id == mine for s in staff):
            box.addItem(f"Me ({self.actor.display_name})", mine)
        for member in staff:
            if not member.archived:
                box.addItem(member.name + ("" if member.active else " (inactive)"), member.id)
        box.setCurrentIndex(max(0, find_data(box, chosen)))
        box.blockSignals(False)

    def apply_changes(self, changes) -> None:
        """Other changes reach it through the directory, which shows the organization again."""
        if changes.referrals:
            self.reload()

    # --- reading --------------------------------------------------------------------------------------
    def filters(self) -> dict:
        status = self.status_box.currentData()
        return dict(direction="inbox" if self.inbox.isChecked() else "outbox", staff_id=self.staff_box.currentData(),
                    statuses=[status] if isinstance(status, ReferralStatus) else None,
                    open_only=status == OPEN_ONLY, overdue_only=self.overdue.isChecked(),
                    service_text=self.service.text().strip())

    def _show_direction(self) -> None:
        """The inbox's referrals all go to this organization, the outbox's all come from it: that column goes."""
        self.table.setColumnHidden(ReferralTableModel.Column.TO, self.inbox.isChecked())
        self.table.setColumnHidden(ReferralTableModel.Column.FROM, not self.inbox.isChecked())

    def _rows_job(self):
        if self.organization is None:
            return None
        actor, org_id, filters = self.actor, self.organization.id, self.filters()
        return lambda uow: referrals.list_referrals(uow, actor, organization_id=org_id, **filters)

    def reload(self) -> None:
        """Read now when on screen; otherwise when next shown (browsing the directory stays quick)."""
        self._timer.stop()
        self._stale = not self.isVisible()
        if not self._stale:
            self.board.refresh()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._stale:
            self.reload()

    def _counted(self, number: int) -> None:
        box = "inbox" if self.inbox.isChecked() else "outbox"
        self.count.setText(f"{number} referral{'s' if number != 1 else ''} in the {box}")
        self.open_action.setEnabled(number > 0)

    # --- opening the person ---------------------------------------------------------------------------
    def open_chosen(self) -> None:
        row, actor = self.board.current(), self.actor
        if row is None:
            return

        def answered(may: bool) -> None:
            if may:
                self.open_person.emit(row.person_id)
            else:
                self.board.say(f"You may not open {row.person_name}'s record: only their team and their "
                                "organization's staff may. The referral's details are shown here.")

        self.ops.run(lambda uow: access.allowed(uow, actor, access.Action.VIEW_PERSON, row.person_id),
                     on_done=answered, write=False)


__all__ = ["PartnerReferralsPage"]
