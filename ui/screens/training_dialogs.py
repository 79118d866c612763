"""The training page's dialogs: a new course, a session or partner briefing with who attended, and a
credential entered directly. Like every RecordDialog they never save by themselves: the page runs the
service on `submitted` and answers with finish() or refuse(exc)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QListWidget, QListWidgetItem, QPushButton, QSpinBox

from caseteam.domain.training import CourseTopic, SessionKind

from ..widgets.date_field import DateField
from ..widgets.field_row import date_box
from ..widgets.record_form import RecordDialog, choice, line, required, text_box

MEDIA_TYPES = {".pdf": "application/pdf", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}


def choose_certificate(parent) -> str:
    """The certificate's file; tests replace this function."""
    path, _ = QFileDialog.getOpenFileName(parent, "Attach the certificate", "",
                                          "Certificates (*.pdf *.png *.jpg *.jpeg);;All files (*)")
    return path


class CourseDialog(RecordDialog):
    def __init__(self, parent=None) -> None:
        super().__init__("New course", "Add course", None, parent,
                         intro="A course staff can take; when it earns a credential, completing it records one.")
        line(self.fields, "name", "&Name", description="The course as its provider names it")
        choice(self.fields, "topic", "&Topic", [(t.label, t) for t in CourseTopic if t is not CourseTopic.PARTNER_BRIEFING],
               description="What the course is about")
        line(self.fields, "provider", "&Provider", description="Who teaches it, e.g. Marc Gold & Associates")
        line(self.fields, "hours", "&Hours", description="How long it lasts, e.g. 24 or 6.5")
        line(self.fields, "credential_name", "&Credential it earns",
             description="Empty when completing it earns no credential")
        self.months = QSpinBox()
        self.months.setRange(0, 240)
        self.months.setSpecialValueText("Does not expire")
        self.months.setSuffix(" months")
        self.months.setAccessibleName("Credential valid for")
        self.months.setAccessibleDescription("Months the credential is valid from the day of the course")
        months_label = QLabel("&Valid for:")
        months_label.setBuddy(self.months)
        self.form.addRow(months_label, self.months)
        self.resize(560, self.sizeHint().height())
        self.fill({})

    def answer(self) -> dict:
        values = self.fields.values()
        values["valid_months"] = self.months.value() or None
        values["hours"] = values["hours"] or None
        return values

    def problems(self, values: dict) -> dict[str, str]:
        return required(values, {"name": "The course name"}, "name")


class SessionDialog(RecordDialog):
    """A course taught or a partner briefing; the staff who attended are ticked in the list."""

    def __init__(self, choices, today: date, parent=None) -> None:
        super().__init__("Record training session", "Record session", None, parent,
                         intro="A course taught, or a briefing in which one partner teaches the others its services, "
                               "populations and eligibility.")
        choice(self.fields, "kind", "&Kind", [(k.label, k) for k in SessionKind],
               description="A course from the list, or a partner briefing")
        line(self.fields, "title", "T&itle", description="What the session was called")
        self.fields.add("held_on", "&Held on", date_box(today), description="The day it was held")
        choice(self.fields, "course_id", "&Course", [("None", None), *[(c.name, c.id) for c in choices.courses]],
               description="The course taught (a course session)")
        choice(self.fields, "presenting_organization_id", "&Presented by",
               [("None", None), *[(name, key) for key, name in choices.organizations]],
               description="The partner that taught it (a partner briefing)")
        line(self.fields, "place", "Pl&ace", description="Where it was held, or the call link")
        text_box(self.fields, "topics", "T&opics", lines=3,
                 description="Services, populations and eligibility covered")
        self.attendees = QListWidget()
        self.attendees.setAccessibleName("Attendees")
        self.attendees.setAccessibleDescription("Tick each staff member who attended (Space ticks)")
        for key, name in choices.staff:
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.attendees.addItem(item)
        attendees_label = QLabel("Atte&ndees:")
        attendees_label.setBuddy(self.attendees)
        self.form.addRow(attendees_label, self.attendees)
        self.add_check("completed", "Every attendee co&mpleted it (a course then records the credential it earns)")
        self.resize(640, 640)
        self.fill({"completed": True})

    def tick(self, *staff_ids) -> None:
        for n in range(self.attendees.count()):
            item = self.attendees.item(n)
            if item.data(Qt.ItemDataRole.UserRole) in staff_ids:
                item.setCheckState(Qt.CheckState.Checked)

    def answer(self) -> dict:
        values = self.all_values()
        values["attendees"] = [self.attendees.item(n).data(Qt.ItemDataRole.UserRole)
                               for n in range(self.attendees.count())
                               if self.attendees.item(n).checkState() == Qt.CheckState.Checked]
        return values

    def problems(self, values: dict) -> dict[str, str]:
        found = required(values, {"title": "The session's title"}, "title")
        if values["kind"] is SessionKind.COURSE and values["course_id"] is None:
            found["course_id"] = "Choose the course that was taught."
        if values["kind"] is SessionKind.PARTNER_BRIEFING and values["presenting_organization_id"] is None:
            found["presenting_organization_id"] = "Choose the partner that presented the briefing."
        return found

    def check(self, values: dict) -> bool:
        problems = self.problems(values)
        for number, (key, message) in enumerate(problems.items()):
            self.fields.show_problem(key, message, focus=number == 0)
        return not problems


class CredentialDialog(RecordDialog):
    def __init__(self, choices, parent=None) -> None:
        super().__init__("Record credential", "Record credential", None, parent,
                         intro="A certificate or credential a staff member holds, with its dates.")
        choice(self.fields, "staff_id", "&Staff member", [(name, key) for key, name in choices.staff],
               description="Who holds it")
        line(self.fields, "name", "&Name", description="The credential, e.g. CESP or CPR and first aid")
        line(self.fields, "issuer", "&Issued by", description="Who issued it")
        self.fields.add("issued_on", "Issued &on", DateField("Issued on"), description="The day it was issued")
        self.fields.add("expires_on", "E&xpires on", DateField("Expires on"),
                        description="The last day it is valid; Not recorded when it does not expire")
        choice(self.fields, "required_by_funder_id", "&Required by",
               [("No funder", None), *[(name, key) for key, name in choices.funders]],
               description="A funder that requires it before the staff member may bill")
        self.scan: tuple[bytes, str, str] | None = None  # the certificate: data, file name, media type
        self.scan_button = QPushButton("Attach &certificate…")
        self.scan_button.setAccessibleDescription("Keep a scan of the certificate (PDF, PNG or JPEG) in the store")
        self.scan_label = QLabel("No certificate attached.")
        self.scan_label.setAccessibleName("Certificate attached")
        self.form.addRow(self.scan_button, self.scan_label)
        self.scan_button.clicked.connect(self.attach_scan)
        self.resize(560, self.sizeHint().height())
        self.fill({"issued_on": None, "expires_on": None})

    def attach_scan(self) -> None:
        path = choose_certificate(self)
        if not path:
            return
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            self.scan_label.setText(f"⚠ {Path(path).name} could not be read: {exc.strerror or exc}")
            return
        self.scan = (data, Path(path).name, MEDIA_TYPES.get(Path(path).suffix.lower(), "application/octet-stream"))
        self.scan_label.setText(f"{Path(path).name} ({len(data):,} bytes) will be kept with the credential.")

    def answer(self) -> dict:
        values = self.all_values()
        if self.scan is not None:
            values["scan"], values["filename"], values["media_type"] = self.scan
        return values

    def problems(self, values: dict) -> dict[str, str]:
        return required(values, {"name": "The credential's name", "staff_id": "The staff member"}, "staff_id", "name")
