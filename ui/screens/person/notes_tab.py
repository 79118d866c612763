"""The Notes tab: the person's case notes (newest first, addenda under what they correct) above the
editor of one note. A draft saves itself ~1.5 s after the last edit (save_draft on the worker); the
tab's title reads "Notes (not saved)" / "Notes (saving…)" until it is saved, and the line beside Sign
says when it was. Ctrl+Enter signs after a confirmation, since a signed note never
changes again; a signed note is corrected with Add addendum…; a supervisor may co-sign.

Closing never loses a draft: asking this tab whether anything is unsaved first saves what is pending
and waits for the answer, so the close prompt only appears when that save was refused."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QEventLoop, QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QComboBox, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QMessageBox, QPushButton,
                               QSplitter, QTabWidget, QVBoxLayout, QWidget)

from caseteam.domain.notes import NoteStatus
from caseteam.errors import ValidationError
from caseteam.services import access, note_links, notes

from ...models.notes_model import Column, NotesModel
from ...widgets.editor_parts import button_row, chain_tab_order, fields_scroll, record_table
from ...widgets.field_row import FormDialog, plain_text_box
from .note_editor import NoteFields
from .tab import PersonTab

AUTOSAVE_MS = 1500
FLUSH_WAIT_MS = 30_000  # a close waits this long at most for the last autosave
TEMPLATE_NAMES = {"": "None", "discovery_observation": "Discovery observation",
                  "job_coaching_visit": "Job-coaching visit", "employer_contact": "Employer contact",
                  "team_meeting": "Team meeting"}


def confirm(parent: QWidget, title: str, text: str, yes_text: str) -> bool:
    """A question whose default is No, so a stray Enter never signs or discards."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    yes = box.addButton(yes_text, QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(box.addButton(QMessageBox.StandardButton.Cancel))
    box.exec()
    return box.clickedButton() is yes


class AddendumDialog(FormDialog):
    def __init__(self, row: notes.NoteRow, parent=None) -> None:
        super().__init__(f"Addendum to {row.ref}", "Sign addendum", parent,
                         intro=f"Note {row.ref} of {row.held_on.isoformat()} is signed and stays as it is. "
                               "The addendum is signed today and shown under it.")
        self.fields.add("body", "&Addendum", plain_text_box(6), description="What to correct or add")


class NotesTab(PersonTab):
    def __init__(self, ops, actor, history, person_id, parent=None) -> None:
        super().__init__(ops, actor, history, person_id, parent)
        self.setObjectName("notesTab")
        self.today = date.today()
        self.note: notes.NoteRow | None = None  # what the editor shows (None: a new note not saved yet)
        self.editing = False       # the editor holds a new note or the reader's own draft
        self.template = ""
        self.pending = False       # edits not yet sent to save_draft
        self.saving = False        # a save_draft (or sign) job is on the worker
        self.refused = False       # the last save was refused; the next edit tries again
        self.dialog: AddendumDialog | None = None
        self.choices_due = True    # the About choices are loaded with the first list, again when they change
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(AUTOSAVE_MS)
        self.timer.timeout.connect(self._autosave)

        self.model = NotesModel(self)
        self.table = record_table(self.model, "Case notes", "Newest first; an addendum follows the note it "
                                  "corrects. Choose a note to read it below.")
        self.table.setObjectName("notesTable")
        self.table.horizontalHeader().setStretchLastSection(True)
        self.template_box = QComboBox()
        for key, name in TEMPLATE_NAMES.items():
            self.template_box.addItem(name, key)
        self.template_box.setAccessibleName("Template")
        self.template_box.setAccessibleDescription("Prompts a new note starts with")
        template_label = QLabel("&Template:")
        template_label.setBuddy(self.template_box)
        self.new_button = QPushButton("&New note")
        self.new_button.setAccessibleDescription("Start a note with the chosen template; it saves itself as a draft")
        self.addendum_button = QPushButton("&Add addendum…")
        self.addendum_button.setAccessibleDescription("Correct the chosen signed note")
        self.cosign_button = QPushButton("&Co-sign")
        self.cosign_button.setAccessibleDescription("As supervisor, co-sign the chosen signed note")
        list_box = QGroupBox("Notes")
        list_layout = QVBoxLayout(list_box)
        list_layout.addWidget(self.table, 1)
        buttons = button_row(self.addendum_button, self.cosign_button)
        buttons.insertWidget(0, template_label)
        buttons.insertWidget(1, self.template_box)
        buttons.insertWidget(2, self.new_button)
        list_layout.addLayout(buttons)
        # Hidden once in their layout (setVisible(True) on a parentless widget would open it as a window).
        self.cosign_button.setHidden(access.reach(actor, access.Action.APPROVE) is access.Reach.NONE)
        self.may_write = access.reach(actor, access.Action.EDIT_PERSON) is not access.Reach.NONE
        for widget in (template_label, self.template_box, self.new_button, self.addendum_button):
            widget.setHidden(not self.may_write)  # a reader (auditor, partner) reads notes, never writes them

        self.fields = NoteFields()
        self.heading = QLabel("Choose a note, or start one with New note.")
        self.heading.setAccessibleName("Note shown")
        self.heading.setWordWrap(True)
        self.status = QLabel("")
        self.status.setObjectName("noteSaveStatus")
        self.status.setAccessibleName("Note save status")
        self.status.setWordWrap(True)
        self.discard_button = QPushButton("Disca&rd draft")
        self.discard_button.setAccessibleDescription("Throw away this draft (it was never signed)")
        self.sign_button = QPushButton("Si&gn")
        self.sign_button.setAccessibleDescription("Sign the note (Ctrl+Enter); a signed note cannot be edited")
        self.sign_button.setToolTip("Ctrl+Enter")
        bar = QHBoxLayout()
        bar.addWidget(self.status, 1)
        bar.addWidget(self.discard_button)
        bar.addWidget(self.sign_button)
        editor_box = QGroupBox("Note")
        editor_layout = QVBoxLayout(editor_box)
        editor_layout.addWidget(self.heading, 0, Qt.AlignmentFlag.AlignTop)
        self.fields_area = fields_scroll(self.fields, "Note fields")
        editor_layout.addWidget(self.fields_area, 1)
        editor_layout.addLayout(bar)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(list_box)
        self.splitter.addWidget(editor_box)
        self.splitter.setSizes([400, 380])  # the list is what a reader scans first
        QVBoxLayout(self).addWidget(self.splitter)
        chain_tab_order(self.table, self.template_box, self.new_button, self.addendum_button, self.cosign_button,
                        self.fields.order[0])
        chain_tab_order(self.fields.order[-1], self.discard_button, self.sign_button)
        self.setFocusProxy(self.table)

        self.sign_action = QAction("Sign note", self)
        self.sign_action.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        self.sign_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.sign_action.triggered.connect(self.sign)
        self.addAction(self.sign_action)
        self.new_button.clicked.connect(self.new_note)
        self.sign_button.clicked.connect(self.sign)
        self.discard_button.clicked.connect(self.discard_draft)
        self.addendum_button.clicked.connect(self.add_addendum)
        self.cosign_button.clicked.connect(self.cosign)
        self.fields.edited.connect(self._edited)
        self.fields.set_read_only(True)  # until a note is chosen or started
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._show_chosen())
        self._show_editor_state()

    # --- the list ------------------------------------------------------------------------------------------
    def refresh(self, select=None) -> None:
        actor, person_id, due = self.actor, self.person_id, self.choices_due

        def load(uow):
            return (notes.list_notes(uow, actor, person_id), uow.today(),
                    note_links.link_choices(uow, actor, person_id) if due else None)

        self.run(load, on_done=lambda result: self._show_list(*result, select=select),
                 on_error=lambda exc: self.heading.setText(exc.message))

    def apply_changes(self, changes) -> None:
        if any(getattr(changes, kind, False) for kind in ("plans", "discovery", "employers", "jobs")):
            self.choices_due = True
        if (getattr(changes, "notes", False) or self.choices_due) and not (self.pending or self.saving):
            self.refresh()

    def _show_list(self, rows, today: date, choices=None, select=None) -> None:
        self.today = today
        if choices is not None:
            self.choices_due = False
            self.fields.set_choices(choices)
        chosen = select or (self.note.id if self.note else None)
        blocked = self.table.selectionModel().blockSignals(True)  # keep the editor on the note being written
        self.model.set_rows(rows)
        line = self.model.row_of(chosen) if chosen is not None else None
        if line is not None:
            self.table.setCurrentIndex(self.model.index(line, Column.DATE))
        self.table.selectionModel().blockSignals(blocked)
        fresh = self.model.row_at(line) if line is not None else None
        if not self.editing and fresh is not None and fresh != self.note:  # e.g. co-signed meanwhile
            self._open(fresh)
        if rows:
            self.table.resizeColumnsToContents()
            self.table.horizontalHeader().setSectionResizeMode(Column.FIRST_LINE, QHeaderView.ResizeMode.Stretch)
        self._show_editor_state()

    def current_note(self) -> notes.NoteRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _show_chosen(self) -> None:
        row = self.current_note()
        if row is None or (self.note is not None and row.id == self.note.id and row.version == self.note.version):
            self._show_editor_state()
            return
        self.flush()  # the draft being written is saved before another note is shown
        self._open(row)

    def _open(self, row: notes.NoteRow | None, **new) -> None:
        self.note, self.pending, self.refused = row, False, False
        self.editing = row is None or (row.status is NoteStatus.DRAFT and row.author_id == self.actor.user_id)
        self.fields.set_note(row, **new)
        self.fields.set_read_only(not self.editing)
        self._show_editor_state()

    # --- autosave ------------------------------------------------------------------------------------------
    def new_note(self) -> None:
        self.flush()
        self.template = self.template_box.currentData() or ""
        kind, prompts = notes.TEMPLATES.get(self.template, (None, ""))
        self._open(None, **({"kind": kind} if kind else {}), day=self.today, body=prompts)
        blocked = self.table.selectionModel().blockSignals(True)
        self.table.setCurrentIndex(QModelIndex())  # no listed note is chosen while a new one is written
        self.table.selectionModel().blockSignals(blocked)
        self._show_editor_state()
        self.status.setText("New note: it saves itself as a draft once you type.")
        self.fields.order[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def _edited(self) -> None:
        if not self.editing:
            return
        self.pending, self.refused = True, False
        self._say("Not saved yet", "Notes (not saved)")
        self.timer.start()

    def _autosave(self, then=None) -> None:
        if self.saving or not self.pending or not self.editing:
            return
        actor, person_id, values = self.actor, self.person_id, self.fields.values()
        note_id = self.note.id if self.note else None
        version = self.note.version if self.note else None
        if note_id is None:
            values["template"] = self.template
        self.pending, self.saving = False, True
        self._say("Saving…", "Notes (saving…)")
        self.run(lambda uow: notes.save_draft(uow, actor, person_id, note_id=note_id, version=version, **values),
                 on_done=self._saved, on_error=self._save_refused, write=True)

    def _saved(self, result) -> None:
        self.saving = False
        self.note = result[0]
        self.fields.clear_problems()
        # Back to the plain title once saved: the Timeline finds this tab by its title.
        self._say(f"Draft {self.note.ref} saved at {datetime.now():%H:%M}", "Notes")
        self.save_finished.emit(True)
        if self.pending:  # typed on while it saved
            self.timer.start()
        self.refresh(select=self.note.id)

    def _save_refused(self, exc) -> None:
        self.saving, self.pending, self.refused = False, True, True
        self._say(f"Not saved: {exc.message}", "Notes (not saved)")
        if isinstance(exc, ValidationError):
            self.fields.show_problem(exc.field, exc.message)
        self.save_finished.emit(False)

    def flush(self) -> bool:
        """Save what is pending now and wait for the answer; True when nothing is left unsaved."""
        self.timer.stop()
        if self.pending and not self.refused:
            self._autosave()
        if self.saving:
            loop = QEventLoop()
            self.save_finished.connect(loop.quit)
            QTimer.singleShot(FLUSH_WAIT_MS, loop.quit)
            loop.exec()
            self.save_finished.disconnect(loop.quit)
        return not (self.pending or self.saving)

    def _say(self, words: str, title: str) -> None:
        self.status.setText(words)
        tabs = self.parentWidget().parentWidget() if self.parentWidget() else None
        if isinstance(tabs, QTabWidget) and tabs.indexOf(self) >= 0:
            tabs.setTabText(tabs.indexOf(self), title)

    # --- the unsaved-edit contract (PersonTab) ------------------------------------------------------------------
    def has_unsaved_changes(self) -> bool:
        if self.pending or self.saving:
            self.flush()
        return self.pending or self.saving

    def save(self) -> bool:
        self.timer.stop()
        if self.saving:
            return True
        if not (self.pending and self.editing):
            return False
        self.refused = False
        self._autosave()
        return self.saving

    def discard(self) -> None:
        """Drop the edits the last autosave did not take; the stored draft itself stays."""
        self.timer.stop()
        self.pending = self.refused = False
        self._say("Last edits dropped", "Notes")

    # --- signing, addenda, co-signature ----------------------------------------------------------------------------
    def sign(self) -> None:
        if not self.editing or (self.note is None and not self.pending):
            return
        if not confirm(self, "Sign this note?", "Signed notes cannot be edited. A correction is added later as an "
                       "addendum.", "Sign"):
            return
        self.timer.stop()
        if self.saving:  # an autosave is on its way: sign the version it leaves
            self.flush()
            if self.saving:
                return
        actor, person_id, values = self.actor, self.person_id, self.fields.values()
        note_id, version = (self.note.id, self.note.version) if self.note else (None, None)
        if note_id is None:
            values["template"] = self.template

        def do(uow):  # the last edits and the signature in one transaction
            row, _ = notes.save_draft(uow, actor, person_id, note_id=note_id, version=version, **values)
            return notes.sign_note(uow, actor, row.id, version=row.version)

        self.pending, self.saving = False, True
        self._say("Signing…", "Notes (saving…)")
        self.run(do, on_done=self._signed, on_error=self._save_refused, write=True)

    def _signed(self, result) -> None:
        self.saving = False
        self._open(result[0])
        self._say(f"Note {result[0].ref} signed", "Notes")
        self.save_finished.emit(True)
        self.refresh(select=result[0].id)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def discard_draft(self) -> None:
        if not self.editing:
            return
        if self.note is None:
            self._open(None, day=self.today)
            return
        if not confirm(self, "Discard this draft?", f"Draft {self.note.ref} will be thrown away.", "Discard"):
            return
        self.timer.stop()
        actor, row = self.actor, self.note
        self.pending = False
        self.run(lambda uow: notes.discard_draft(uow, actor, row.id), write=True,
                 on_done=lambda _r: (self._open(None, day=self.today), self._say(f"Draft {row.ref} discarded",
                                                                                  "Notes"), self.refresh()))

    def add_addendum(self) -> None:
        row = self.current_note()
        if row is None or row.status is not NoteStatus.SIGNED:
            return
        self.dialog = dialog = AddendumDialog(row, self)
        actor = self.actor
        dialog.submitted.connect(lambda values: self.run(
            lambda uow: notes.add_addendum(uow, actor, row.id, body=values["body"]), write=True,
            on_done=lambda result: (dialog.finish(), self.refresh(select=result[0].id)), on_error=dialog.refuse))
        dialog.finished.connect(lambda _r: self.table.setFocus(Qt.FocusReason.OtherFocusReason))
        dialog.open()

    def cosign(self) -> None:
        row, actor = self.current_note(), self.actor
        if row is None:
            return
        self.run(lambda uow: notes.cosign_note(uow, actor, row.id), write=True,
                 on_done=lambda result: self.refresh(select=result[0].id),
                 on_error=lambda exc: self._say(exc.message, "Notes"))

    def _show_editor_state(self) -> None:
        row = self.current_note()
        signed = row is not None and row.status is NoteStatus.SIGNED
        self.addendum_button.setEnabled(signed)
        self.cosign_button.setEnabled(signed and row.cosigned_at is None and row.author_id != self.actor.user_id)
        self.sign_button.setEnabled(self.editing)
        self.discard_button.setEnabled(self.editing)
        self.sign_action.setEnabled(self.editing)
        # With no note chosen the fields would show placeholder values (a date, 00:00) as if recorded.
        self.fields_area.setHidden(self.note is None and not self.editing)
        if self.note is None:
            self.heading.setText("New note (not saved yet)" if self.editing else
                                 "Choose a note, or start one with New note.")
        elif self.editing:
            self.heading.setText(f"Draft {self.note.ref}, by {self.note.author_name}")
        else:
            who = f", co-signed by {self.note.cosigned_by_name}" if self.note.cosigned_at else ""
            self.heading.setText(f"Note {self.note.ref}, signed by {self.note.author_name}{who}. Signed notes "
                                 "cannot be edited: use Add addendum… to correct it.")
        self.heading.setAccessibleDescription(self.heading.text())
