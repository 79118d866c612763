"""The chosen negotiation on the Job development page: the employer's disclosure decision, the terms
and the competitive-integrated-employment checklist (yes / no / not yet checked), the flags in words
beside them, and the status history. Edits are kept until saved (Save terms, Ctrl+S) or reverted."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QListWidget,
                               QVBoxLayout, QWidget)

from caseteam.domain.jobs import GoalMatch
from caseteam.services.offer_check import shows_flags

from ...dates import local_date
from ...widgets.date_field import DateField
from ...widgets.editor_parts import SaveBar, fields_scroll
from ...widgets.field_row import FormFields, edited_signal, plain_text_box, set_field_value

ANSWERS = (("Not yet checked", None), ("Yes", True), ("No", False))
GOAL_WORDS = {GoalMatch.NOT_CHECKED: "Not yet checked", GoalMatch.MATCHES: "Matches the IPE goal",
              GoalMatch.DOES_NOT_MATCH: "Does not match the IPE goal"}
MONEY_FIELDS = ("hourly_wage", "customary_wage", "hours_per_week")


def answer_box(items) -> QComboBox:
    box = QComboBox()
    for text, data in items:
        box.addItem(text, data)
    return box


def _text(value) -> str:
    return "" if value is None else f"{value}"


class TermsEditor(QWidget):
    edited = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.row = None
        self.heading = QLabel("Choose a negotiation to see its terms.")
        self.heading.setWordWrap(True)
        self.heading.setAccessibleName("Chosen negotiation")
        self.disclosure = QLabel("")
        self.disclosure.setWordWrap(True)
        self.disclosure.setAccessibleName("Disclosure decision for this employer")
        self.disclosure.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        inner = QWidget()
        column = QVBoxLayout(inner)
        terms = QGroupBox("Negotiated terms")
        terms_form = QFormLayout(terms)
        self.fields = FormFields(terms_form)
        add = self.fields.add
        add("job_title", "&Job title", QLineEdit())
        add("soc_code", "Occupation code", QLineEdit(), description="SOC code, e.g. 35-9021, to compare with the IPE")
        add("hourly_wage", "Hourly &wage", QLineEdit(), description="Dollars and cents, e.g. 12.50")
        add("hours_per_week", "Hours a wee&k", QLineEdit(), description="More than 0, at most 80")
        add("start_date", "Start date", DateField("Start date")).set_value(None)
        add("schedule", "Schedule", QLineEdit())
        add("duties", "Duties", plain_text_box(2))
        add("supports", "Supports", plain_text_box(2))
        add("accommodations", "Accommodations", plain_text_box(2))
        add("benefits", "Benefits offered", plain_text_box(2))
        add("unmet_needs", "Unmet needs found", plain_text_box(2))
        add("proposal", "Proposal", plain_text_box(2))
        add("themes", "Vocational themes", plain_text_box(2))
        checklist = QGroupBox("Competitive integrated employment checklist")
        check_form = QFormLayout(checklist)
        add("customary_wage", "Customary wage", QLineEdit(), form=check_form,
            description="What co-workers in similar jobs earn an hour; blank when not yet checked")
        add("benefits_like_coworkers", "Benefits like co-workers'", answer_box(ANSWERS), form=check_form)
        add("integrated_setting", "Integrated setting", answer_box(ANSWERS), form=check_form,
            description="Works alongside co-workers without disabilities")
        add("advancement", "Opportunities for advancement", answer_box(ANSWERS), form=check_form)
        add("ipe_match", "Matches VR's IPE goal", answer_box((w, g) for g, w in GOAL_WORDS.items()), form=check_form,
            description="Decided by the job developer against the IPE's employment goal")
        column.addWidget(terms)
        column.addWidget(checklist)
        self.scroll = fields_scroll(inner, "Terms and checklist")

        self.flags_label = QLabel("F&lags on the saved terms:")
        self.flags = QListWidget()
        self.flags.setAccessibleName("Flags on the saved terms")
        self.flags.setWordWrap(True)
        self.flags_label.setBuddy(self.flags)
        self.history_label = QLabel("Status h&istory:")
        self.history = QListWidget()
        self.history.setAccessibleName("Status history")
        self.history_label.setBuddy(self.history)
        self.bar = SaveBar("Terms", "&Save terms", "Save the terms and checklist (Ctrl+S)",
                           "Put back the saved terms")

        side = QVBoxLayout()
        side.addWidget(self.flags_label)
        side.addWidget(self.flags, 2)
        side.addWidget(self.history_label)
        side.addWidget(self.history, 1)
        body = QHBoxLayout()
        body.addWidget(self.scroll, 3)
        body.addLayout(side, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.disclosure)
        layout.addLayout(body, 1)
        layout.addWidget(self.bar)
        for widget in self.fields.fields.values():
            edited_signal(widget).connect(lambda *_a: self.edited.emit())
        self.set_enabled(False)

    def first_field(self) -> QWidget:
        return self.fields.fields["job_title"]

    def tab_chain(self) -> list[QWidget]:
        return [*self.fields.fields.values(), self.flags, self.history, self.bar.revert_button, self.bar.save_button]

    def set_enabled(self, on: bool) -> None:
        self.scroll.setEnabled(on)

    # --- showing --------------------------------------------------------------------------------------
    def show_row(self, row, flags, disclosure, *, keep_input: bool = False) -> None:
        """Show a negotiation; keep_input leaves the user's unsaved typing in the fields."""
        self.row = row
        if row is None:
            self.heading.setText("Choose a negotiation to see its terms, or start one with New negotiation….")
            self.disclosure.setText("")
            self.flags.clear()
            self.history.clear()
            self.set_enabled(False)
            return
        self.set_enabled(True)
        self.heading.setText(f"<b>{row.ref}</b> with <b>{row.employer_name}</b>: {row.status.label.lower()} "
                             f"since {local_date(row.status_on)}"
                             + (f". Declined: {row.declined_reason}" if row.declined_reason and
                                row.status.value == "declined" else ""))
        self.heading.setAccessibleDescription(self.heading.text().replace("<b>", "").replace("</b>", ""))
        self.disclosure.setText(disclosure.words if disclosure else
                                f"ℹ No disclosure decision is recorded for {row.employer_name}: ask the person "
                                "before saying anything about their disability (Record disclosure decision…).")
        self.flags.clear()
        if shows_flags(row):
            self.flags.addItems([f.text for f in flags] or ["No flags: every checklist item passes."])
        else:
            self.flags.addItem("The checklist is shown once there is an offer (or terms while negotiating).")
        self.history.clear()
        self.history.addItems([f"{local_date(h.changed_on)}: {h.status.label}"
                               + (f" (by {h.changed_by_name})" if h.changed_by_name else "")
                               + (f" – {h.note}" if h.note else "") for h in reversed(row.history)])
        if not keep_input:
            self.fill(row)

    def fill(self, row) -> None:
        self.fields.clear_problems()
        for key, widget in self.fields.fields.items():
            value = getattr(row, key)
            set_field_value(widget, _text(value) if key in MONEY_FIELDS else value)

    def values(self) -> dict:
        out = self.fields.values()
        for key in MONEY_FIELDS:
            out[key] = out[key] or None
        return out

    def changed_values(self) -> dict:
        """Only what differs from the saved row (compared as the service would store it)."""
        if self.row is None:
            return {}
        out = {}
        for key, value in self.values().items():
            saved = getattr(self.row, key)
            if key in MONEY_FIELDS:
                if (value or "") != _text(saved):
                    out[key] = value
            elif value != saved:
                out[key] = value
        return out

    def saved_values(self, keys) -> dict:
        return {key: getattr(self.row, key) for key in keys}
