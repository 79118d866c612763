"""The person-centered plan (Plan tab) and the vocational profile (Discovery tab) on paper or as a file,
for the person and the job developer to sign: Print… (Ctrl+P), Save as PDF… (Ctrl+Shift+S) and the
large-print copy. What prints is the saved revision shown in the tab, never unsaved edits. The PDF is made
on the worker; the print dialog and the file dialog run here, on the GUI thread (as consent_printing.py)."""

from __future__ import annotations

from typing import Callable

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QWidget

from caseteam.services import plan_documents
from caseteam.services.changes import NOTHING

from ... import printing
from ...widgets.document_actions import shortcut_button, tab_action

PRINT_KEYS, SAVE_KEYS = "Ctrl+P", "Ctrl+Shift+S"


def file_name(person_ref: str, what: str, number: int, *, large_print: bool) -> str:
    """Says what the file is without putting the person's name on the disk."""
    return f"{person_ref} {what} revision {number}" + (" (large print)" if large_print else "") + ".pdf"


class DocumentOutput:
    """Large print, Print…, Save as PDF… for one document of the tab's person; `update(number)` says which
    saved revision they print (None: nothing saved yet, the controls are off)."""

    # No Alt-letters: both tabs already use most of them; the shortcuts and the tab order reach these.
    def __init__(self, tab, what: str, render: Callable, progress_text: str) -> None:
        self.tab, self.what, self.render, self.progress_text = tab, what, render, progress_text
        self.number: int | None = None
        self.large_print = QCheckBox("Large print")
        self.large_print.setAccessibleName(f"Large print {what}")
        self.large_print.setAccessibleDescription("Print or save the accessible copy: bigger type, more pages")
        self.print_button = shortcut_button("Print…", PRINT_KEYS, name=f"Print {what}", description=
                                         f"Print the saved {what} for the person and the job developer to sign")
        self.save_button = shortcut_button("Save as PDF…", SAVE_KEYS, name=f"Save {what} as PDF", description=
                                        f"Save the saved {what} for signature as a PDF file")
        self.actions = [tab_action(self.tab, f"Print {what}…", PRINT_KEYS, self.print_document),
                        tab_action(self.tab, f"Save {what} as PDF…", SAVE_KEYS, self.save_document)]
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_document)
        self.update(None)

    def widgets(self) -> list[QWidget]:
        return [self.large_print, self.print_button, self.save_button]

    def row(self) -> QHBoxLayout:
        layout = QHBoxLayout()
        layout.addStretch(1)
        for widget in self.widgets():
            layout.addWidget(widget)
        return layout

    def update(self, number: int | None) -> None:
        self.number = number
        for widget in self.widgets():
            widget.setEnabled(number is not None)
        for action in self.actions:
            action.setEnabled(number is not None)
        saved = f"revision {number}" if number is not None else "nothing saved yet"
        self.print_button.setToolTip(f"{QKeySequence(PRINT_KEYS).toString(QKeySequence.SequenceFormat.NativeText)}"
                                     f" · prints the {self.what} as saved ({saved})")

    def print_document(self) -> None:
        self._make(lambda data, _ref, _large: printing.print_pdf(self.tab, data))

    def save_document(self) -> None:
        number = self.number
        self._make(lambda data, ref, large: printing.save_pdf(
            self.tab, data, file_name(ref, self.what, number, large_print=large)))

    def _make(self, hand_over: Callable[[bytes, str, bool], object]) -> None:
        if self.number is None:
            return
        actor, person_id, number, large = self.tab.actor, self.tab.person_id, self.number, self.large_print.isChecked()

        def make(uow):
            data = self.render(uow, actor, person_id, revision=number, large_print=large)
            return (data, uow.people.get(person_id, include_archived=True).ref), NOTHING

        self.tab.run(make, on_done=lambda result: hand_over(*result[0], large), write=True,
                     progress_text=self.progress_text)


def plan_output(tab) -> DocumentOutput:
    return DocumentOutput(tab, "person-centered plan", plan_documents.plan_pdf, "Preparing the plan…")


def profile_output(tab) -> DocumentOutput:
    return DocumentOutput(tab, "vocational profile", plan_documents.profile_pdf, "Preparing the vocational profile…")
