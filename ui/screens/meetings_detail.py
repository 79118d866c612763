"""One meeting on the right of the Meetings section: what, when and where, then tabs for the agenda, the
attendees (attendance chosen per person), the minutes editor, the decisions and the action items, each
with the field and button that add to it. The widget only asks (signals); the section runs the services
and shows the answer with show_meeting()."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget,
                               QPlainTextEdit, QPushButton, QTabWidget, QVBoxLayout, QWidget)

from caseteam.domain.meetings import Attendance, MeetingStatus
from caseteam.services.meeting_rows import MeetingRow

from ..models.meeting_models import ActionItemTableModel, AttendeeTableModel
from ..widgets.date_field import DateField
from ..widgets.editor_parts import record_table


def _button(text: str, description: str) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(text.replace("&", "").rstrip("…"))
    button.setAccessibleDescription(description)
    button.setToolTip(description)
    return button


def _labelled(text: str, widget: QWidget, description: str = "") -> tuple[QLabel, QWidget]:
    label = QLabel(text)
    label.setBuddy(widget)
    widget.setAccessibleName(text.replace("&", "").rstrip(":"))
    if description:
        widget.setAccessibleDescription(description)
        widget.setToolTip(description)
    return label, widget


def _row(*widgets: QWidget) -> QHBoxLayout:
    line = QHBoxLayout()
    for w in widgets:
        line.addWidget(w)
    return line


class MeetingDetail(QWidget):
    attendance_chosen = Signal(object, object)      # attendee id, Attendance
    staff_added = Signal(object)                    # staff id
    support_added = Signal(str, str)                # name, role
    agenda_added = Signal(str)
    minutes_saved = Signal(str)
    decision_added = Signal(str)
    action_added = Signal(dict)                     # text, organization_id, staff_id, due

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.row: MeetingRow | None = None
        self.organizations: list = []
        self.summary = QLabel("Choose a meeting on the left to see it here.")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                             | Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setAccessibleName("The meeting")
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Parts of the meeting")
        self.tabs.addTab(self._agenda_tab(), "Agenda")
        self.tabs.addTab(self._attendee_tab(), "Attendees")
        self.tabs.addTab(self._minutes_tab(), "Minutes")
        self.tabs.addTab(self._decision_tab(), "Decisions")
        self.tabs.addTab(self._action_tab(), "Action items")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        self.show_meeting(None)

    # --- the tabs -------------------------------------------------------------------------------------
    def _list_tab(self, name: str, label: str, description: str, button: str, button_description: str,
                  signal) -> tuple[QWidget, QListWidget, QLineEdit, QPushButton]:
        """A numbered list with a line to type the next entry and a button (or Enter) that adds it."""
        page = QWidget()
        items = QListWidget()
        items.setAccessibleName(name)
        text = QLineEdit()
        text_label, _ = _labelled(label, text, description)
        add = _button(button, button_description)
        add.clicked.connect(lambda: self._send(text, signal))
        text.returnPressed.connect(add.click)
        layout = QVBoxLayout(page)
        layout.addWidget(items, 1)
        layout.addLayout(_row(text_label, text, add))
        return page, items, text, add

    def _agenda_tab(self) -> QWidget:
        page, self.agenda, self.agenda_text, self.add_agenda_button = self._list_tab(
            "Agenda items", "New agenda &item:", "The agenda item to add", "Add to a&genda",
            "Add the item to the end of the agenda", self.agenda_added)
        return page

    def _attendee_tab(self) -> QWidget:
        page = QWidget()
        self.attendee_model = AttendeeTableModel(self)
        self.attendees = record_table(self.attendee_model, "Attendees", "Who was invited and who came")
        self.attendance = QComboBox()
        for a in Attendance:
            self.attendance.addItem(a.label, a)
        attendance_label, _ = _labelled("Attendan&ce:", self.attendance,
                                        "The chosen attendee's attendance; a change is saved at once")
        self.attendance.activated.connect(lambda _i: self._attendance_picked())
        self.attendees.selectionModel().currentRowChanged.connect(lambda *_: self._attendee_chosen())
        self.staff = QComboBox()
        staff_label, _ = _labelled("Staff mem&ber:", self.staff, "A partner's staff member to invite")
        self.add_staff_button = _button("Invi&te", "Invite the chosen staff member")
        self.add_staff_button.clicked.connect(lambda: self.staff.currentData() and self.staff_added.emit(
            self.staff.currentData()))
        self.support_name = QLineEdit()
        name_label, _ = _labelled("Natural s&upport:", self.support_name, "A family member, friend or mentor, by name")
        self.support_role = QLineEdit()
        role_label, _ = _labelled("&Relationship:", self.support_role, "Mother, neighbor, mentor…")
        self.add_support_button = _button("Add &person", "Add the natural support to the attendees")
        self.add_support_button.clicked.connect(self._support)
        layout = QVBoxLayout(page)
        layout.addWidget(self.attendees, 1)
        layout.addLayout(_row(attendance_label, self.attendance))
        layout.addLayout(_row(staff_label, self.staff, self.add_staff_button))
        layout.addLayout(_row(name_label, self.support_name, role_label, self.support_role, self.add_support_button))
        return page

    def _minutes_tab(self) -> QWidget:
        page = QWidget()
        self.minutes = QPlainTextEdit()
        label, _ = _labelled("Minutes &text:", self.minutes, "What was discussed; saved with the button")
        self.minutes.setTabChangesFocus(True)
        self.save_minutes_button = _button("Save &minutes", "Save the minutes as written")
        self.save_minutes_button.clicked.connect(lambda: self.minutes_saved.emit(self.minutes.toPlainText()))
        layout = QVBoxLayout(page)
        layout.addWidget(label)
        layout.addWidget(self.minutes, 1)
        layout.addWidget(self.save_minutes_button, 0, Qt.AlignmentFlag.AlignRight)
        return page

    def _decision_tab(self) -> QWidget:
        page, self.decisions, self.decision_text, self.add_decision_button = self._list_tab(
            "Decisions", "New &decision:", "What the meeting decided", "Record decisi&on",
            "Add the decision to the minutes", self.decision_added)
        return page

    def _action_tab(self) -> QWidget:
        page = QWidget()
        self.action_model = ActionItemTableModel(self)
        self.action_table = record_table(self.action_model, "Action items",
                                    "Who does what by when; each is a task on the task board")
        self.action_text = QLineEdit()
        self.action_org = QComboBox()
        self.action_staff = QComboBox()
        self.action_due = DateField("Due")
        form = QFormLayout()
        for text, widget, description in (
                ("Ac&tion:", self.action_text, "What is to be done"),
                ("Owner &organization:", self.action_org, "The organization that does it"),
                ("Owner st&aff:", self.action_staff, "The staff member who does it (optional)"),
                ("D&ue:", self.action_due, "When it is due (Not recorded: no due date)")):
            label, _ = _labelled(text, widget, description)
            form.addRow(label, widget)
        self.action_due.set_value(None)
        self.action_org.currentIndexChanged.connect(lambda _i: self._fill_staff(self.action_staff,
                                                                                self.action_org.currentData()))
        self.add_action_button = _button("Add action ite&m", "Add the action item; it becomes a task")
        self.add_action_button.clicked.connect(self._action)
        layout = QVBoxLayout(page)
        layout.addWidget(self.action_table, 1)
        layout.addLayout(form)
        layout.addWidget(self.add_action_button, 0, Qt.AlignmentFlag.AlignRight)
        return page

    # --- filling ------------------------------------------------------------------------------------
    def set_organizations(self, organizations: list) -> None:
        """(id, name, ((staff id, name), ...)) for the owner and invite choices."""
        self.organizations = organizations
        for box in (self.action_org,):
            blocked = box.blockSignals(True)
            box.clear()
            for org_id, name, _staff in organizations:
                box.addItem(name, org_id)
            box.blockSignals(blocked)
        self._fill_staff(self.action_staff, self.action_org.currentData())
        self.staff.clear()
        for _org_id, org_name, staff in organizations:
            for staff_id, name in staff:
                self.staff.addItem(f"{name} — {org_name}", staff_id)

    def _fill_staff(self, box: QComboBox, org_id) -> None:
        box.clear()
        box.addItem("Anyone at the organization", None)
        for key, _name, staff in self.organizations:
            if key == org_id:
                for staff_id, name in staff:
                    box.addItem(name, staff_id)

    def show_meeting(self, row: MeetingRow | None) -> None:
        previous, self.row = self.row, row
        editable = row is not None and row.status is not MeetingStatus.CANCELLED
        for w in (self.tabs,):
            w.setEnabled(row is not None)
        for w in (self.add_agenda_button, self.add_staff_button, self.add_support_button, self.save_minutes_button,
                  self.add_decision_button, self.add_action_button, self.attendance):
            w.setEnabled(editable)
        if row is None:
            self.summary.setText("Choose a meeting on the left to see it here.")
            for lst in (self.agenda, self.decisions):
                lst.clear()
            self.attendee_model.set_rows([])
            self.action_model.set_rows([])
            self.minutes.setPlainText("")
            return
        about = f"About: {row.person_name} ({row.person_ref})" if row.person_id else (
            f"Partnership: {row.partnership_name}" if row.partnership_name else "")
        lines = [f"{row.title} ({row.ref}) · {row.kind.label} · {row.status.label}", row.when, row.repeats,
                 f"Hosted by {row.host_organization_name}", row.place, row.call_link,
                 f"Facilitator: {row.facilitator}" if row.facilitator else "", about, row.purpose]
        self.summary.setText("\n".join(line for line in lines if line))
        self.agenda.clear()
        for n, item in enumerate(row.agenda, start=1):
            self.agenda.addItem(f"{n}. {item.title}" + (f" — {item.notes}" if item.notes else ""))
        self.decisions.clear()
        for n, decision in enumerate(row.decisions, start=1):
            self.decisions.addItem(f"{n}. {decision.text}")
        chosen = self.attendees.currentIndex().row()
        self.attendee_model.set_rows(row.attendees)
        if row.attendees:
            self.attendees.setCurrentIndex(self.attendee_model.index(max(0, min(chosen, len(row.attendees) - 1)), 0))
        self.action_model.set_rows(row.action_items)
        dirty = previous is not None and previous.id == row.id and self.minutes_unsaved(previous)
        if not dirty and self.minutes.toPlainText() != row.minutes:  # typed minutes survive a refresh
            self.minutes.setPlainText(row.minutes)
        self._attendee_chosen()

    def minutes_unsaved(self, row: MeetingRow | None = None) -> bool:
        row = row or self.row
        return row is not None and self.minutes.toPlainText().strip() != row.minutes

    # --- asking ---------------------------------------------------------------------------------------
    def _send(self, box: QLineEdit, signal) -> None:
        text = box.text().strip()
        if text:
            signal.emit(text)
            box.clear()

    def _attendee_chosen(self) -> None:
        index = self.attendees.currentIndex()
        row = self.attendee_model.row_at(index.row()) if index.isValid() else None
        if row is not None:
            blocked = self.attendance.blockSignals(True)
            self.attendance.setCurrentIndex(self.attendance.findData(row.attendance))
            self.attendance.blockSignals(blocked)

    def _attendance_picked(self) -> None:
        index = self.attendees.currentIndex()
        row = self.attendee_model.row_at(index.row()) if index.isValid() else None
        if row is not None and self.attendance.currentData() is not row.attendance:
            self.attendance_chosen.emit(row.id, self.attendance.currentData())

    def _support(self) -> None:
        name = self.support_name.text().strip()
        if name:
            self.support_added.emit(name, self.support_role.text().strip())
            self.support_name.clear()
            self.support_role.clear()

    def _action(self) -> None:
        text = self.action_text.text().strip()
        if not text or self.action_org.currentData() is None:
            self.action_text.setFocus()
            return
        self.action_added.emit(dict(text=text, organization_id=self.action_org.currentData(),
                                    staff_id=self.action_staff.currentData(), due=self.action_due.value()))
        self.action_text.clear()
