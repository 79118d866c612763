"""The fields of one case note: kind, date, start and stop time (either may be left out), place, who
took part, what happened, follow-up date, billable, mileage, and what it is About (a plan goal, a Discovery
activity, an employer with the person's disclosure decision for it, a job, a service). Keyed by the
service's field names so a ValidationError("ends_at", ...) shows under the stop time; read-only while a
signed note is shown."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QEvent, Qt, QTime, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
                               QPlainTextEdit, QTimeEdit, QWidget)

from caseteam.domain.consent import InformationCategory
from caseteam.domain.notes import ContactKind
from caseteam.services.note_links import NoteLinkChoices
from caseteam.services.notes import NoteRow

from ...widgets.date_field import DateField
from ...widgets.field_row import FormFields, find_data

GONE = "(not in the list any more)"


class TimeField(QWidget):
    """A wall-clock time that may be left out: QTimeEdit cannot be empty, so "Not recorded" beside it.
    Typing a time clears "Not recorded", so the keyboard path is just Tab and the digits."""

    edited = Signal()

    def __init__(self, name: str, parent=None) -> None:
        super().__init__(parent)
        self.picker = QTimeEdit()
        self.picker.setDisplayFormat("HH:mm")
        self.picker.setAccessibleName(name)
        self.unknown = QCheckBox("Not recorded")
        self.unknown.setAccessibleName(f"{name} not recorded")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.picker)
        layout.addWidget(self.unknown)
        layout.addStretch(1)
        self.setFocusProxy(self.picker)
        self.picker.timeChanged.connect(self._typed)
        self.picker.installEventFilter(self)  # typing the time it already shows still records it
        self.unknown.toggled.connect(lambda _on: self.edited.emit())

    def eventFilter(self, watched, event) -> bool:
        if (watched is self.picker and event.type() == QEvent.Type.KeyPress and not self.picker.isReadOnly()
                and (event.text().isdigit() or event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down))
                and self.unknown.isChecked()):
            self._typed(None)
        return False

    def _typed(self, _t) -> None:
        if self.picker.isReadOnly():
            return
        blocked = self.unknown.blockSignals(True)
        self.unknown.setChecked(False)
        self.unknown.blockSignals(blocked)
        self.edited.emit()

    def value(self) -> time | None:
        if self.unknown.isChecked():
            return None
        t = self.picker.time()
        return time(t.hour(), t.minute())

    def set_value(self, value: time | None) -> None:
        for widget in (self.picker, self.unknown):
            widget.blockSignals(True)
        self.unknown.setChecked(value is None)
        self.picker.setTime(QTime(value.hour, value.minute) if value is not None else QTime(9, 0))
        for widget in (self.picker, self.unknown):
            widget.blockSignals(False)

    def set_read_only(self, on: bool) -> None:
        self.picker.setReadOnly(on)
        self.unknown.setEnabled(not on)


class NoteFields(QWidget):
    edited = Signal()  # the user changed a field (not set_note)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.rows = FormFields(form)
        self.kind = QComboBox()
        for kind in ContactKind:
            self.kind.addItem(kind.label, kind)
        self.held_on = DateField("Date")
        self.held_on.unknown.hide()  # a contact always has a date
        self.starts_at, self.ends_at = TimeField("Start time"), TimeField("Stop time")
        self.place = QLineEdit()
        self.participants = QLineEdit()
        self.participants.setPlaceholderText("Names, separated by commas")
        self.body = QPlainTextEdit()
        self.body.setTabChangesFocus(True)  # Tab moves on; Enter starts a new line
        self.body.setMinimumHeight(self.body.fontMetrics().lineSpacing() * 8)
        self.follow_up_on = DateField("Follow-up date")
        self.billable = QCheckBox("Billable")
        self.billable.setAccessibleDescription("Counts as billable service time (needs start and stop times)")
        self.mileage = QLineEdit()
        self.mileage.setPlaceholderText("Miles, e.g. 12.4")
        rows = (("kind", "&Kind", self.kind, "Meeting, phone call, site visit, job coaching…"),
                ("held_on", "&Date", self.held_on, "The day of the contact"),
                ("starts_at", "&Start time", self.starts_at, "Leave as Not recorded if there is no time"),
                ("ends_at", "St&op time", self.ends_at, ""),
                ("place", "P&lace", self.place, ""),
                ("participants", "&Who took part", self.participants, "Names separated by commas"),
                ("body", "What ha&ppened", self.body, "What happened, in plain words"),
                ("follow_up_on", "Follow-&up date", self.follow_up_on, ""),
                ("billable", "&Billable", self.billable, ""),
                ("mileage", "&Mileage", self.mileage, "Miles driven for this contact"))
        for key, text, widget, description in rows:
            self.rows.add(key, text, widget, description=description)
        self.billable.setText("")  # the row's label says it (and carries Alt+B)
        self._add_about(form)
        for signal in (self.kind.currentIndexChanged, self.held_on.edited, self.starts_at.edited,
                       self.ends_at.edited, self.place.textEdited, self.participants.textEdited,
                       self.body.textChanged, self.follow_up_on.edited, self.billable.toggled,
                       self.mileage.textEdited, self.goal.currentIndexChanged, self.activity.currentIndexChanged,
                       self.employer.currentIndexChanged, self.job.currentIndexChanged, self.service.textEdited):
            signal.connect(self._changed)
        self._quiet = False
        self.order = [self.kind, self.held_on.picker, self.starts_at.picker, self.starts_at.unknown,
                      self.ends_at.picker, self.ends_at.unknown, self.place, self.participants, self.body,
                      self.follow_up_on.picker, self.follow_up_on.unknown, self.billable, self.mileage,
                      self.goal, self.activity, self.employer, self.job, self.service]
        for first, second in zip(self.order, self.order[1:]):
            QWidget.setTabOrder(first, second)

    def _add_about(self, form: QFormLayout) -> None:
        """The note's optional links, in a group of their own under the contact's facts."""
        self.about_box = QGroupBox("About")
        self.about_box.setAccessibleName("What the note is about")
        about = QFormLayout(self.about_box)
        about.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.about_words = QLabel("")
        self.about_words.setObjectName("noteAbout")
        self.about_words.setAccessibleName("What the note is about")
        self.about_words.setTextFormat(Qt.TextFormat.PlainText)
        self.about_words.setWordWrap(True)
        self.about_words.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.about_words.hide()
        about.addRow(self.about_words)
        self.goal, self.activity, self.employer, self.job = QComboBox(), QComboBox(), QComboBox(), QComboBox()
        self.service = QLineEdit()
        self.service.setPlaceholderText("As the funder names it, e.g. Job coaching")
        self.disclosure = QLabel("")
        self.disclosure.setObjectName("noteDisclosure")
        self.disclosure.setAccessibleName("Disclosure decision for this employer")
        self.disclosure.setTextFormat(Qt.TextFormat.PlainText)
        self.disclosure.setWordWrap(True)
        self.disclosure.hide()
        # Goal and Service have no Alt letter: every letter in them is taken on this tab; Tab reaches them.
        for key, text, widget, description in (
                ("goal_key", "Goal", self.goal, "A goal of the person's latest plan"),
                ("discovery_activity_id", "D&iscovery activity", self.activity, "One of the person's Discovery "
                                                                                  "activities"),
                ("employer_id", "Emplo&yer", self.employer, "An employer of the pipeline; the person's disclosure "
                                                              "decision for it shows below"),
                ("job_id", "&Job", self.job, "One of the person's jobs (a follow-along contact)"),
                ("service", "Service", self.service, "The service this contact was, in the funder's words")):
            self.rows.add(key, text, widget, description=description, form=about)
            if key == "employer_id":
                about.addRow(self.disclosure)
        self.choices: NoteLinkChoices | None = None
        self.shown: NoteRow | None = None  # the note the fields show (for its "About: …" words)
        self.read_only = False
        self.set_choices(None)
        self.employer.currentIndexChanged.connect(lambda _i: self._show_disclosure())
        form.addRow(self.about_box)

    def set_choices(self, choices: NoteLinkChoices | None) -> None:
        """What the combos offer (services/note_links.link_choices), loaded once when the tab opens."""
        self.choices = choices
        kept = {combo: combo.currentData() for combo in (self.goal, self.activity, self.employer, self.job)}
        C = InformationCategory
        for combo, offered, category in ((self.goal, choices.goals if choices else (), C.PLAN),
                                         (self.activity, choices.activities if choices else (), C.VOCATIONAL),
                                         (self.employer, choices.employers if choices else (), None),
                                         (self.job, choices.jobs if choices else (), C.EMPLOYMENT)):
            blocked = combo.blockSignals(True)
            combo.clear()
            combo.addItem("—", None)
            for choice in offered:
                combo.addItem(choice.label, choice.id)
            self._set_link(combo, kept[combo])
            hidden = choices is not None and category is not None and category.label in choices.not_shared
            combo.setToolTip(f"Not shared with your organization: {category.label.lower()}" if hidden
                             else combo.accessibleDescription())
            combo.blockSignals(blocked)
        self._show_disclosure()
        self.show_about(self.shown)

    def _show_disclosure(self) -> None:
        employer_id = self.employer.currentData()
        words = self.choices.disclosure(employer_id) if self.choices and employer_id is not None else ""
        self.disclosure.setText(words)
        self.disclosure.setAccessibleDescription(words)
        self.employer.setAccessibleDescription(words or "An employer of the pipeline; the person's disclosure "
                                                        "decision for it shows below")
        self.disclosure.setHidden(not words)

    def _set_link(self, combo: QComboBox, value) -> None:
        for stale in reversed(range(combo.count())):
            if combo.itemText(stale) == GONE and combo.itemData(stale) != value:
                combo.removeItem(stale)
        index = find_data(combo, value)
        if index < 0 and value is not None:  # linked to something no longer offered: keep showing it
            combo.addItem(GONE, value)
            index = combo.count() - 1
        combo.setCurrentIndex(max(0, index))

    def _changed(self, *_args) -> None:
        if not self._quiet:
            self.edited.emit()

    # --- values -------------------------------------------------------------------------------------------
    def values(self) -> dict:
        """What save_draft takes."""
        names = tuple(n.strip() for n in self.participants.text().split(",") if n.strip())
        return dict(kind=self.kind.currentData(), held_on=self.held_on.value(), starts_at=self.starts_at.value(),
                    ends_at=self.ends_at.value(), place=self.place.text().strip(), participants=names,
                    body=self.body.toPlainText(), follow_up_on=self.follow_up_on.value(),
                    billable=self.billable.isChecked(), mileage=self.mileage.text().strip(),
                    goal_key=self.goal.currentData(), discovery_activity_id=self.activity.currentData(),
                    employer_id=self.employer.currentData(), job_id=self.job.currentData(),
                    service=self.service.text().strip())

    def set_note(self, row: NoteRow | None, *, kind: ContactKind = ContactKind.MEETING, day: date | None = None,
                 body: str = "") -> None:
        """Show a stored note, or (row None) a new one with `kind`, `day` and a template's prompts."""
        self._quiet = True
        try:
            self.rows.clear_problems()
            self.kind.setCurrentIndex(max(0, find_data(self.kind, row.kind if row else kind)))
            self.held_on.set_value(row.held_on if row else (day or date.today()))
            self.starts_at.set_value(row.starts_at if row else None)
            self.ends_at.set_value(row.ends_at if row else None)
            self.place.setText(row.place if row else "")
            self.participants.setText(", ".join(row.participants) if row else "")
            self.body.setPlainText(row.body if row else body)
            self.follow_up_on.set_value(row.follow_up_on if row else None)
            self.billable.setChecked(row.billable if row else False)
            self.mileage.setText(str(row.mileage) if row and row.mileage is not None else "")
            for combo, value in ((self.goal, row.goal_key if row else None),
                                 (self.activity, row.discovery_activity_id if row else None),
                                 (self.employer, row.employer_id if row else None),
                                 (self.job, row.job_id if row else None)):
                self._set_link(combo, value)
            self.service.setText(row.service if row else "")
            self._show_disclosure()
            self.show_about(row)
        finally:
            self._quiet = False

    def set_read_only(self, on: bool) -> None:
        """A signed note is shown, not edited: text stays selectable, choices are locked."""
        for box in (self.place, self.participants, self.mileage, self.body, self.service):
            box.setReadOnly(on)
        for widget in (self.kind, self.billable, self.follow_up_on.unknown, self.goal, self.activity,
                       self.employer, self.job):
            widget.setEnabled(not on)
        self.read_only = on
        self.service.setPlaceholderText("" if on else "As the funder names it, e.g. Job coaching")
        self.show_about(self.shown)
        self.held_on.picker.setReadOnly(on)
        self.follow_up_on.picker.setReadOnly(on)
        self.starts_at.set_read_only(on)
        self.ends_at.set_read_only(on)

    def show_about(self, row: NoteRow | None) -> None:
        """A note that is read, not edited, says in words what it is about above the locked choices."""
        self.shown = row
        words = self.choices.about(row) if row is not None and self.choices is not None else ""
        self.about_words.setText(words)
        self.about_words.setHidden(not (words and self.read_only))

    def show_problem(self, field: str, message: str) -> bool:
        return self.rows.show_problem(field, message)

    def clear_problems(self) -> None:
        self.rows.clear_problems()
