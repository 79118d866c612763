"""Form rows of label + field + a problem line under the field, keyed by the services' field names,
so a ValidationError("email", ...) lands next to the Email box; and a dialog built from such rows that
stays open while its service runs and shows a refusal where the user is looking."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (QComboBox, QDateEdit, QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout,
                               QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget)

from caseteam.errors import CaseteamError, ValidationError

from .. import consent_offer
from .date_field import DateField

# White on dark red reads on light and dark palettes alike; the "⚠" and the words carry the meaning too.
PROBLEM_STYLE = "color: #ffffff; background: #a61b1b; padding: 2px 4px;"
NOTICE_STYLE = "border: 1px solid palette(mid); padding: 2px 4px;"


def field_value(widget: QWidget):
    """What a field holds, as the services take it (text stripped; None for an unset choice or date)."""
    if isinstance(widget, QLineEdit):
        return widget.text().strip()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText().strip()
    if isinstance(widget, DateField):
        return widget.value()
    if isinstance(widget, QComboBox):
        return widget.currentData()
    if isinstance(widget, QDoubleSpinBox):
        return widget.value()
    if isinstance(widget, QDateEdit):
        d = widget.date()
        return date(d.year(), d.month(), d.day())
    raise TypeError(f"no value for {type(widget).__name__}")


def find_data(combo: QComboBox, value) -> int:
    """The index of the item holding `value`, compared with ==. QComboBox.findData compares wrapped
    Python objects by identity, so an equal UUID from another answer would not be found."""
    return next((i for i in range(combo.count()) if combo.itemData(i) == value), -1)


def set_field_value(widget: QWidget, value) -> None:
    """Show a stored value without announcing an edit (signals blocked)."""
    blocked = widget.blockSignals(True)
    try:
        if isinstance(widget, QLineEdit):
            widget.setText(value or "")
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(value or "")
        elif isinstance(widget, DateField):
            widget.set_value(value)
        elif isinstance(widget, QComboBox):
            index = find_data(widget, value)
            if index < 0 and value is not None:  # e.g. a lead who has since left: keep showing them
                widget.addItem(str(value), value)
                index = widget.count() - 1
            widget.setCurrentIndex(max(0, index))
        elif isinstance(widget, QDoubleSpinBox):
            widget.setValue(float(value or 0))
        elif isinstance(widget, QDateEdit) and value is not None:
            widget.setDate(QDate(value.year, value.month, value.day))
    finally:
        widget.blockSignals(blocked)


def edited_signal(widget: QWidget):
    """The signal a field sends when the user changes it."""
    for name in ("textChanged", "edited", "currentIndexChanged", "valueChanged", "dateChanged"):
        signal = getattr(widget, name, None)
        if signal is not None:
            return signal
    raise TypeError(f"no edit signal on {type(widget).__name__}")


def date_box(day: date | None = None) -> QDateEdit:
    """A required date: calendar pop-up, four-digit year."""
    box = QDateEdit()
    box.setCalendarPopup(True)
    box.setDisplayFormat("yyyy-MM-dd")
    if day is not None:
        box.setDate(QDate(day.year, day.month, day.day))
    return box


def plain_text_box(lines: int = 3) -> QPlainTextEdit:
    """A multi-line box in a form: Tab moves on (as in every other field), a few lines tall."""
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 12)
    return box


class FormFields:
    """Rows added to a QFormLayout: label (buddy of the field), the field, and a hidden problem line."""

    def __init__(self, form: QFormLayout | None = None) -> None:
        self.form = form
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.labels: dict[str, str] = {}

    def add(self, key: str, text: str, widget: QWidget, *, description: str = "",
            form: QFormLayout | None = None) -> QWidget:
        """`text` may hold a mnemonic ("&Given name"); the spoken name is the text without it. `form`
        puts the row in another layout (a group box) while this object still knows the field."""
        plain = text.replace("&", "")
        label = QLabel(text + ":")
        label.setBuddy(widget)
        widget.setAccessibleName(plain)
        if isinstance(widget, QComboBox) and widget.isEditable():
            widget.lineEdit().setAccessibleName(plain)  # the part that takes focus and typing
        if description:
            widget.setAccessibleDescription(description)
            widget.setToolTip(description)
        problem = QLabel("")
        problem.setObjectName(f"problem_{key}")
        problem.setAccessibleName(f"Problem with {plain}")
        problem.setWordWrap(True)
        problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        problem.hide()
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(problem)
        box.setFocusProxy(widget)
        (form or self.form).addRow(label, box)
        self.fields[key], self.errors[key], self.labels[key] = widget, problem, plain
        return widget

    def value(self, key: str):
        return field_value(self.fields[key])

    def values(self) -> dict:
        return {key: field_value(widget) for key, widget in self.fields.items()}

    def show_problem(self, key: str, message: str, *, focus: bool = True) -> bool:
        """The message under the field (False when no such field here: the caller shows it elsewhere)."""
        if key not in self.errors:
            return False
        self._show(key, f"⚠ {message}", PROBLEM_STYLE)
        # A screen reader reads the description when the field gets focus, so the problem is heard there.
        self.fields[key].setAccessibleDescription(message)
        if focus:
            self.fields[key].setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def show_notice(self, key: str, message: str) -> None:
        """A neutral note under a field (e.g. someone else changed it), not a problem."""
        self._show(key, f"ℹ {message}", NOTICE_STYLE)
        self.fields[key].setAccessibleDescription(message)

    def _show(self, key: str, text: str, style: str) -> None:
        label = self.errors[key]
        label.setText(text)
        label.setStyleSheet(style)
        label.show()

    def clear_problems(self) -> None:
        for key, label in self.errors.items():
            if label.isVisible() or label.text():
                label.hide()
                label.setText("")
                self.fields[key].setAccessibleDescription(self.fields[key].toolTip())


class FormDialog(QDialog):
    """A dialog of FormFields whose OK sends `submitted(values)`; the screen runs the service and calls
    `finish()` on success or `refuse(exc)` on a refusal, so the dialog stays open with the input kept
    and the problem shown next to the field it names. Opened with open() (window-modal, no nested loop)."""

    submitted = Signal(dict)

    def __init__(self, title: str, ok_text: str, parent=None, *, intro: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        layout = QVBoxLayout(self)
        if intro:
            self.intro = QLabel(intro)
            self.intro.setWordWrap(True)
            layout.addWidget(self.intro)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.fields = FormFields(self.form)
        layout.addLayout(self.form)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Why it was not done")
        self.message.setStyleSheet(PROBLEM_STYLE)
        self.message.hide()
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def answer(self) -> dict:
        """The values to send; subclasses convert (e.g. hours to minutes)."""
        return self.fields.values()

    def check(self, values: dict) -> bool:
        """Checks that need no database (a subclass marks the field and returns False)."""
        return True

    def _submit(self) -> None:
        self.fields.clear_problems()
        self.message.hide()
        values = self.answer()
        if not self.check(values):
            return
        self.ok_button.setEnabled(False)  # one request at a time; finish() or refuse() re-enables
        self.submitted.emit(values)

    def finish(self, _result=None) -> None:
        self.ok_button.setEnabled(True)
        self.accept()

    def refuse(self, exc: CaseteamError) -> None:
        self.ok_button.setEnabled(True)
        if isinstance(exc, ValidationError) and self.fields.show_problem(exc.field, exc.message):
            return
        self.message.setText(f"⚠ {exc.message}")
        self.message.show()
        consent_offer.add_to_dialog(self, exc)  # a missing release: offer to record one
