"""Edit a draft agreement: the general fields (title, contract number, dates, page size, large print), the
numbered sections, the parties and their signatories, and the service lines. Save is one undo step
(agreements.update_draft with the version loaded; its inverse puts the previous values back). When someone
else saved the draft first, the Conflict is said plainly, nothing typed is lost, and saving again puts the
typed values on top of theirs. Closing with unsaved edits asks Save / Discard / Cancel.

Only a draft opens: the editor first asks update_draft with nothing to change, so a final or signed agreement
is refused with the service's own Locked message (amend it instead)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QMessageBox, QTabWidget, QVBoxLayout, QWidget)

from caseteam.errors import CaseteamError, Conflict, ValidationError
from caseteam.services import agreements

from ..sections import ask_about_unsaved
from ..widgets import error_dialog
from ..widgets.editor_parts import chain_tab_order
from ..widgets.field_row import FormFields, date_box, set_field_value
from .agreement_create import optional_date
from .agreement_lines import LinesEditor
from .agreement_parties import PartiesEditor, PartyChoices, load_choices, parties_value, party_of
from .agreement_sections import SectionsEditor

GENERAL = ("title", "contract_number", "effective_from", "effective_to", "review_on", "page_size")
PAGE_SIZES = (("Letter (US)", "letter"), ("A4", "a4"))


def draft_values(row) -> dict:
    """Everything the editor changes, as update_draft takes it, from a stored row (for undo)."""
    values = {name: getattr(row, name) for name in GENERAL}
    values["large_print"] = row.large_print
    values["sections"] = [(s.section_key, s.title, s.body) for s in row.sections]
    values["service_lines"] = [dict(funder_service_id=l.funder_service_id, code=l.code, service=l.service,
                                    unit=l.unit, rate=l.rate, units=l.units, amount=l.amount,
                                    provided_by=l.provided_by, paid_by=l.paid_by) for l in row.service_lines]
    values["parties"] = parties_value([party_of(p) for p in row.parties])
    return values


class AgreementEditor(QDialog):
    saved = Signal(object)  # the AgreementRow as saved

    def __init__(self, ops, actor, history, row, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("agreementEditor")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.ops, self.actor, self.history = ops, actor, history
        self.row, self.version, self._snapshot, self._closing = row, row.version, None, False
        self.ask = ask_about_unsaved  # Save / Discard / Cancel before closing with edits; tests replace it
        self.setWindowTitle(f"Edit draft {row.ref}")
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Parts of the draft")
        self.general = QWidget()
        form = QFormLayout(self.general)
        self.fields = FormFields(form)
        self.fields.add("title", "T&itle", QLineEdit())
        self.fields.add("contract_number", "Contract &number", QLineEdit())
        self.fields.add("effective_from", "Effective &from", date_box())
        self.fields.add("effective_to", "Effective t&o", optional_date("Effective to"))
        self.fields.add("review_on", "&Review on", optional_date("Review on"))
        page = QComboBox()
        for text, key in PAGE_SIZES:
            page.addItem(text, key)
        self.fields.add("page_size", "Pa&per", page, description="Letter (US) or A4")
        self.large_print = QCheckBox("&Large print (14 pt)")
        self.large_print.setAccessibleDescription("Print the agreement in large type, for the person to read")
        form.addRow("", self.large_print)
        self.sections = SectionsEditor()
        self.parties = PartiesEditor()
        self.lines = LinesEditor()
        for widget, title in ((self.general, "&General"), (self.sections, "S&ections"), (self.parties, "P&arties"),
                              (self.lines, "Service lines")):
            self.tabs.addTab(widget, title)
        self.message = QLabel("Loading…")
        self.message.setObjectName("editorMessage")
        self.message.setAccessibleName("Save status")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("&Save draft")
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText("Close")
        self.save_button.clicked.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(960, 720)
        for widget in self.fields.fields.values():
            signal = getattr(widget, "edited", None) or getattr(widget, "textChanged", None) \
                or getattr(widget, "dateChanged", None) or widget.currentIndexChanged
            signal.connect(lambda *_a: self._changed())
        self.large_print.toggled.connect(lambda _on: self._changed())
        for part in (self.sections, self.parties, self.lines):
            part.changed.connect(self._changed)
        self.save_button.setEnabled(False)

    # --- showing ----------------------------------------------------------------------------------
    def show_row(self, row, choices: PartyChoices | None = None) -> None:
        self.row, self.version = row, row.version
        for name in GENERAL:
            set_field_value(self.fields.fields[name], getattr(row, name))
        self.large_print.setChecked(row.large_print)
        self.sections.set_sections(row.sections)
        if choices is not None:
            self.parties.set_choices(choices)
        self.parties.set_parties([party_of(p) for p in row.parties])
        self.lines.set_lines(row.service_lines)
        self._snapshot = self._typed()
        self.message.setText(f"{row.kind.label}, version {row.revision}: draft.")
        self._changed()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        chain_tab_order(self.tabs, *self.fields.fields.values(), self.large_print, *self.buttons.buttons())

    # --- unsaved edits ----------------------------------------------------------------------------------
    def _typed(self):
        """What is on screen, as typed (numbers not parsed), to compare with what was loaded."""
        general = tuple(self.fields.value(name) for name in GENERAL)
        return (general, self.large_print.isChecked(), self.sections.value(), self.parties.value(), self.lines.raw())

    def has_unsaved_changes(self) -> bool:
        return self._snapshot is not None and self._typed() != self._snapshot

    def _changed(self) -> None:
        dirty = self.has_unsaved_changes()
        self.save_button.setEnabled(dirty)
        self.setWindowTitle(f"Edit draft {self.row.ref}" + (" *" if dirty else ""))

    def reject(self) -> None:
        """Close, Escape and the window's close button all come here: unsaved edits are asked about."""
        if not self.has_unsaved_changes():
            super().reject()
            return
        if self._closing:  # already saving on the way out
            return
        answer = self.ask(self, f"Draft {self.row.ref}")
        if answer == QMessageBox.StandardButton.Discard:
            super().reject()
        elif answer == QMessageBox.StandardButton.Save and self.save():
            self._closing = True  # closes once the save answers (and stays open if it is refused)

    # --- saving --------------------------------------------------------------------------------------
    def values(self) -> dict:
        values = {name: self.fields.value(name) for name in GENERAL}
        values["large_print"] = self.large_print.isChecked()
        values["sections"] = self.sections.value()
        values["parties"] = self.parties.value()
        values["service_lines"] = self.lines.value()  # ValidationError when a number is not one
        return values

    def save(self) -> bool:
        self.fields.clear_problems()
        self.parties.clear_problem()
        try:
            values = self.values()
        except ValidationError as exc:
            self.refused(exc)
            return False
        actor, key, before = self.actor, self.row.id, draft_values(self.row)
        version = self.version
        self.save_button.setEnabled(False)
        self.message.setText("Saving…")
        self.history.perform(
            f"Edit draft {self.row.ref}",
            lambda uow: agreements.update_draft(uow, actor, key, version=version, **values),
            lambda uow, last: agreements.update_draft(uow, actor, key, version=last[0].version, **before),
            redo=lambda uow, last: agreements.update_draft(uow, actor, key, version=last[0].version, **values),
            on_done=self._saved, on_error=self.refused)
        return True

    def _saved(self, result) -> None:
        row = result[0]
        self.show_row(row)
        self.message.setText(f"Saved {row.ref}. Edit ▸ Undo (Ctrl+Z) puts the previous text back.")
        self.saved.emit(row)
        if self._closing:
            self.accept()

    def refused(self, exc: CaseteamError) -> None:
        self._closing = False
        self._changed()
        if isinstance(exc, Conflict):
            self._take_newer_version()
            return
        field = exc.field if isinstance(exc, ValidationError) else ""
        if field in self.fields.fields:
            self.tabs.setCurrentWidget(self.general)
            self.fields.show_problem(field, exc.message)
        elif field in ("parties", "signatories"):
            self.tabs.setCurrentWidget(self.parties)
            self.parties.show_problem(exc.message)
        elif field == "service_lines":
            self.tabs.setCurrentWidget(self.lines)
            self.lines.show_problem(exc.message)
        elif field == "sections":
            self.tabs.setCurrentWidget(self.sections)
        self.message.setText(f"Not saved: {exc.message}")

    def _take_newer_version(self) -> None:
        """Someone else saved first: note their version so saving again applies what is typed on top."""
        actor, key = self.actor, self.row.id

        def newer(row) -> None:
            self.version = row.version
            self.message.setText(f"Not saved: someone else saved draft {row.ref} while you were editing. Everything "
                                 "you typed is still here; check it and press Save draft again to put your version "
                                 "on top of theirs.")
            self._changed()

        self.message.setText(f"Not saved: someone else saved draft {self.row.ref} while you were editing.")
        self.ops.run(lambda uow: agreements.get_agreement(uow, actor, key), on_done=newer, write=False)


def open_agreement_editor(parent, ops, actor, history, row, on_saved=None) -> AgreementEditor:
    """The editor, opened (not blocking) once the store confirms the agreement is still a draft this actor may
    change; otherwise the refusal is shown and the editor is not opened."""
    editor = AgreementEditor(ops, actor, history, row, parent)
    if on_saved is not None:
        editor.saved.connect(on_saved)

    def check(uow):
        fresh, _ = agreements.update_draft(uow, actor, row.id)  # nothing to change: Locked unless a draft
        return fresh, load_choices(uow, actor, fresh.person_id)

    def loaded(result) -> None:
        editor.show_row(*result)
        editor.open()

    def refused(exc: CaseteamError) -> None:
        error_dialog.show_plain(parent, exc.message, title=f"Cannot edit {row.ref}")
        editor.deleteLater()

    ops.run(check, on_done=loaded, on_error=refused, write=False)
    return editor
