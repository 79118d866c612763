"""The training page: sessions and partner briefings with who attended, the courses, and the staff's
credentials with their expiry in words, narrowed to those due for renewal (within 60 days) or expired.
New course…, Record session… and Record credential… open their dialogs; each is one undo step (archived
again by Undo)."""

from __future__ import annotations

from datetime import date
from enum import IntEnum

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from caseteam.services import training

from ..dates import local_date
from ..models.work_models import TextRows
from ..widgets.editor_parts import chain_tab_order, record_table
from ..widgets.read_when_shown import ReadWhenShown
from .training_dialogs import CourseDialog, CredentialDialog, SessionDialog

EVERY, DUE, EXPIRED = "every", "due", "expired"


class SessionColumn(IntEnum):
    HELD_ON = 0
    KIND = 1
    TITLE = 2
    BY = 3
    ATTENDEES = 4


class SessionModel(TextRows):
    Column = SessionColumn
    HEADERS = {SessionColumn.HELD_ON: "Held on", SessionColumn.KIND: "Kind", SessionColumn.TITLE: "Title",
               SessionColumn.BY: "Course or presenter", SessionColumn.ATTENDEES: "Attended"}
    RIGHT = frozenset({SessionColumn.ATTENDEES})

    def text(self, row, column) -> str:
        if column == SessionColumn.HELD_ON:
            return local_date(row.held_on)
        if column == SessionColumn.KIND:
            return row.kind.label
        if column == SessionColumn.TITLE:
            return row.title
        if column == SessionColumn.BY:
            return row.course_name or row.presenting_organization_name
        return str(len(row.attendees))


class CourseColumn(IntEnum):
    NAME = 0
    TOPIC = 1
    PROVIDER = 2
    HOURS = 3
    EARNS = 4


class CourseModel(TextRows):
    Column = CourseColumn
    HEADERS = {CourseColumn.NAME: "Course", CourseColumn.TOPIC: "Topic", CourseColumn.PROVIDER: "Provider",
               CourseColumn.HOURS: "Hours", CourseColumn.EARNS: "Earns"}
    RIGHT = frozenset({CourseColumn.HOURS})

    def text(self, row, column) -> str:
        if column == CourseColumn.NAME:
            return row.name
        if column == CourseColumn.TOPIC:
            return row.topic.label
        if column == CourseColumn.PROVIDER:
            return row.provider
        if column == CourseColumn.HOURS:
            return f"{row.hours.normalize():f}" if row.hours is not None else ""
        return row.earns or "No credential"


class CredentialColumn(IntEnum):
    STAFF = 0
    ORGANIZATION = 1
    NAME = 2
    ISSUER = 3
    REQUIRED_BY = 4
    EXPIRY = 5


class CredentialModel(TextRows):
    Column = CredentialColumn
    HEADERS = {CredentialColumn.STAFF: "Staff member", CredentialColumn.ORGANIZATION: "Organization",
               CredentialColumn.NAME: "Credential", CredentialColumn.ISSUER: "Issued by",
               CredentialColumn.REQUIRED_BY: "Required by", CredentialColumn.EXPIRY: "Expiry"}

    def text(self, row, column) -> str:
        return {CredentialColumn.STAFF: row.staff_name, CredentialColumn.ORGANIZATION: row.organization_name,
                CredentialColumn.NAME: row.name, CredentialColumn.ISSUER: row.issuer,
                CredentialColumn.REQUIRED_BY: row.funder_name, CredentialColumn.EXPIRY: row.state}[column]


def _labelled(text: str, widget: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(widget)
    return label


class TrainingPage(ReadWhenShown, QWidget):
    loaded = Signal()

    def __init__(self, ops, actor, history, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("trainingPage")
        self.ops, self.actor, self.history = ops, actor, history
        self.data = None

        self.new_course_button = QPushButton("New co&urse…")
        self.new_course_button.setAccessibleDescription("Add a course staff can take")
        self.session_button = QPushButton("Record &session…")
        self.session_button.setAccessibleDescription("Record a course taught or a partner briefing, with attendees")
        self.credential_button = QPushButton("Record cre&dential…")
        self.credential_button.setAccessibleDescription("Record a certificate or credential a staff member holds")
        buttons = QHBoxLayout()
        for button in (self.new_course_button, self.session_button, self.credential_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.sessions_model = SessionModel(self)
        self.sessions = record_table(self.sessions_model, "Sessions and briefings", "Newest first")
        self.sessions.horizontalHeader().setSectionResizeMode(SessionColumn.TITLE, QHeaderView.ResizeMode.Stretch)
        self.attendees = QLabel("")
        self.attendees.setObjectName("sessionAttendees")
        self.attendees.setAccessibleName("Who attended the chosen session")
        self.attendees.setWordWrap(True)
        self.attendees.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.courses_model = CourseModel(self)
        self.courses = record_table(self.courses_model, "Courses", "Every course, by name")
        self.courses.horizontalHeader().setSectionResizeMode(CourseColumn.NAME, QHeaderView.ResizeMode.Stretch)
        self.show_filter = QComboBox()
        self.show_filter.setAccessibleName("Show credentials")
        for caption, key in (("Every credential", EVERY),
                             (f"Due for renewal (within {training.RENEWAL_DAYS} days)", DUE),
                             ("Expired, not renewed", EXPIRED)):
            self.show_filter.addItem(caption, key)
        self.credentials_model = CredentialModel(self)
        self.credentials = record_table(self.credentials_model, "Credentials", "Soonest expiry first")
        self.credentials.horizontalHeader().setSectionResizeMode(CredentialColumn.EXPIRY,
                                                                 QHeaderView.ResizeMode.Stretch)
        self.status = QLabel("")
        self.status.setAccessibleName("Training log status")
        self.status.setWordWrap(True)

        sessions_box, courses_box, credentials_box = QWidget(), QWidget(), QWidget()
        column = QVBoxLayout(sessions_box)
        column.addWidget(_labelled("Sessions and &briefings:", self.sessions))
        column.addWidget(self.sessions, 1)
        column.addWidget(self.attendees)
        column = QVBoxLayout(courses_box)
        column.addWidget(_labelled("&Courses:", self.courses))
        column.addWidget(self.courses, 1)
        column = QVBoxLayout(credentials_box)
        row = QHBoxLayout()
        row.addWidget(_labelled("Credentia&ls:", self.credentials))
        row.addStretch(1)
        row.addWidget(_labelled("Sho&w:", self.show_filter))
        row.addWidget(self.show_filter)
        column.addLayout(row)
        column.addWidget(self.credentials, 1)
        for box in (sessions_box, courses_box, credentials_box):
            box.layout().setContentsMargins(0, 0, 0, 0)
        # Sessions beside the courses, credentials under both: the page fits a small window.
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(sessions_box)
        top.addWidget(courses_box)
        top.setStretchFactor(0, 3)
        top.setStretchFactor(1, 2)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("trainingSplitter")
        self.splitter.addWidget(top)
        self.splitter.addWidget(credentials_box)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.status)
        chain_tab_order(self.new_course_button, self.session_button, self.credential_button, self.sessions,
                        self.courses, self.show_filter, self.credentials)
        self.setFocusProxy(self.sessions)

        self.new_course_button.clicked.connect(self.new_course)
        self.session_button.clicked.connect(self.record_session)
        self.credential_button.clicked.connect(self.record_credential)
        self.show_filter.currentIndexChanged.connect(lambda _i: self._show_credentials())
        self.sessions.selectionModel().currentRowChanged.connect(lambda current, _old: self._show_attendees())

    # --- data -----------------------------------------------------------------------------------------
    def refresh(self) -> None:
        actor = self.actor

        def job(uow):
            return dict(choices=training.choices(uow, actor), sessions=training.list_sessions(uow, actor),
                        credentials=training.list_credentials(uow, actor),
                        due=training.due_for_renewal(uow, actor), expired=training.expired_credentials(uow, actor))

        self.ops.run(job, on_done=self._show, on_error=lambda exc: self.status.setText(f"⚠ {exc.message}"),
                     write=False)

    def apply_changes(self, changes) -> None:
        if changes.training or changes.staff or changes.organizations:
            self.refresh_when_seen()

    def _show(self, data: dict) -> None:
        self.data = data
        self.sessions_model.set_rows(data["sessions"])
        self.courses_model.set_rows(list(data["choices"].courses))
        if data["sessions"]:
            self.sessions.setCurrentIndex(self.sessions_model.index(0, SessionColumn.HELD_ON))
        self._show_attendees()
        self._show_credentials()
        due, expired = len(data["due"]), len(data["expired"])
        self.status.setText(f"{len(data['sessions'])} sessions; {due} credential{'s' if due != 1 else ''} due "
                            f"for renewal, {expired} expired.")
        for table in (self.sessions, self.courses, self.credentials):
            table.resizeColumnsToContents()
        self.loaded.emit()

    def _show_attendees(self) -> None:
        index = self.sessions.currentIndex()
        row = self.sessions_model.row_at(index.row()) if index.isValid() else None
        if row is None:
            self.attendees.setText("No session chosen.")
            return
        names = ", ".join(a.staff_name + ("" if a.completed else " (did not complete)") for a in row.attendees)
        topics = f" Topics: {row.topics}" if row.topics else ""
        self.attendees.setText(f"Attended {row.title}: {names or 'nobody recorded'}.{topics}")

    def _show_credentials(self) -> None:
        if self.data is not None:
            key = {EVERY: "credentials", DUE: "due", EXPIRED: "expired"}[self.show_filter.currentData()]
            self.credentials_model.set_rows(self.data[key])

    # --- recording ------------------------------------------------------------------------------------
    def _open(self, dialog, text: str, do, undo, redo) -> None:
        """Run `do(uow, values)` when the dialog is submitted, as one undo step."""
        def submitted(values: dict) -> None:
            self.history.perform(text, lambda uow: do(uow, values), undo, redo=redo,
                                 on_done=lambda _result: (dialog.finish(), self.refresh()), on_error=dialog.refuse)

        dialog.submitted.connect(submitted)
        self.dialog = dialog
        dialog.open()

    def new_course(self) -> None:
        actor = self.actor
        self._open(CourseDialog(self), "Add course", lambda uow, v: training.add_course(uow, actor, **v),
                   lambda uow, last: training.archive_course(uow, actor, last[0].id),
                   lambda uow, last: training.restore_course(uow, actor, last[0].id))

    def record_session(self) -> None:
        if self.data is None:
            return
        actor = self.actor
        self._open(SessionDialog(self.data["choices"], date.today(), self), "Record training session",
                   lambda uow, v: training.record_session(uow, actor, **v),
                   lambda uow, last: training.archive_session(uow, actor, last[0].id),
                   lambda uow, last: training.restore_session(uow, actor, last[0].id))

    def record_credential(self) -> None:
        if self.data is None:
            return
        actor = self.actor
        self._open(CredentialDialog(self.data["choices"], self), "Record credential",
                   lambda uow, v: training.record_credential(
                       uow, actor, v["staff_id"], **{k: x for k, x in v.items() if k != "staff_id"}),
                   lambda uow, last: training.archive_credential(uow, actor, last[0].id),
                   lambda uow, last: training.restore_credential(uow, actor, last[0].id))


__all__ = ["TrainingPage"]
