"""What the task table does to tasks: new task, reassign, due date, status and cancel, on the selection
(or one line). Each change is one undo step (UndoHistory.perform with the bulk service and its inverse,
restore_states). Sent with the versions the user saw: if someone changed a task since, the service
refuses (Conflict), the list reloads, and the user is told what changed; their choice is kept."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog

from caseteam.domain.tasks import TaskStatus
from caseteam.errors import Conflict
from caseteam.services import search, task_board, tasks
from caseteam.services.search import HitKind

from ..models.task_model import changes_between
from . import error_dialog
from .new_task_dialog import NewTaskDialog
from .reassign_dialog import ReassignDialog
from .task_dialogs import CancelDialog, DueDateDialog, count_text

# Toolbar texts carry no Alt-letters (the filters use them); every action has a shortcut instead.
STATUS_ACTIONS = (("Mark done", ("Ctrl+Return", "Ctrl+Enter"), TaskStatus.DONE),
                  ("Start", ("Ctrl+I",), TaskStatus.IN_PROGRESS),
                  ("Waiting", ("Ctrl+Shift+I",), TaskStatus.WAITING),
                  ("Reopen", ("Ctrl+Shift+O",), TaskStatus.OPEN))
STATUS_STEP = {TaskStatus.DONE: "Mark {} done", TaskStatus.IN_PROGRESS: "Start {}",
               TaskStatus.WAITING: "Mark {} waiting", TaskStatus.OPEN: "Reopen {}", TaskStatus.CANCELLED: "Cancel {}"}
NOTHING_SELECTED = "Select one or more tasks first (click, Shift+click, Ctrl+click, or Ctrl+A)."


class TaskActions(QObject):
    def __init__(self, view) -> None:
        super().__init__(view)
        self.view = view  # the TaskTable
        self.dialog: QDialog | None = None  # the dialog now open (tests drive it)
        self.new_action = self._action("New task…", ("Ctrl+N",), self.ask_new)
        self.reassign_action = self._action("Reassign…", ("Ctrl+R",), self.ask_reassign)
        self.due_action = self._action("Change due date…", ("Ctrl+D",), self.ask_due)
        self._separator()
        self.status_actions = {status: self._action(text, keys, lambda s=status: self.set_status(s))
                               for text, keys, status in STATUS_ACTIONS}
        self.cancel_action = self._action("Cancel task…", ("Ctrl+Shift+Delete",), self.ask_cancel)
        self.open_person_action = None
        if view.person_id is None:
            self._separator()
            self.open_person_action = self._action("Open person", ("Ctrl+O",), self.open_person)

    def _action(self, text: str, keys, slot) -> QAction:
        action = QAction(text, self.view)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        key = QKeySequence(keys[0]).toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{text.rstrip('…')} ({key})")
        action.triggered.connect(lambda _checked=False: slot())
        for widget in (self.view, self.view.table, self.view.toolbar):
            widget.addAction(action)
        return action

    def _separator(self) -> None:
        self.view.toolbar.addSeparator()
        separator = QAction(self.view.table)
        separator.setSeparator(True)
        self.view.table.addAction(separator)

    # --- the rows an action works on ------------------------------------------------------------------
    def _chosen(self, rows=None) -> list:
        rows = rows if rows is not None else self.view.selected_rows()
        if not rows:
            self.view.show_summary(NOTHING_SELECTED)
        return rows

    def _versions(self, rows) -> dict:
        """The newest versions this table has seen (a reload after a refusal brings them in)."""
        model, versions = self.view.model, {}
        for row in rows:
            number = model.row_of(row.id)
            versions[row.id] = (model.row_at(number) if number is not None else row).version
        return versions

    def _open(self, dialog, on_submit) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.submitted.connect(on_submit)
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None) if self.dialog is dialog else None)
        self.dialog = dialog
        dialog.open()

    # --- one undo step each ----------------------------------------------------------------------------
    def _perform(self, text: str, do, rows, dialog=None, done_note: str = "") -> None:
        actor = self.view.actor

        def done(_result) -> None:
            if dialog is not None:
                dialog.finish()
            self.view.show_summary(f"{done_note or text}. Ctrl+Z undoes it.")

        self.view.history.perform(text, do, lambda uow, result: task_board.restore_states(uow, actor, result[0]),
                                  on_done=done, on_error=lambda exc: self._refused(exc, rows, dialog))

    def _refused(self, exc, rows, dialog) -> None:
        if isinstance(exc, Conflict):
            self.view.refresh(then=lambda: self._show_conflict(exc, rows, dialog))
        elif dialog is not None:
            dialog.refuse(exc)
        else:
            error_dialog.show_plain(self.view, exc.message)

    def _show_conflict(self, exc: Conflict, rows, dialog) -> None:
        """Say what someone else changed, with the tasks still selected so the user can apply it again."""
        model, changed = self.view.model, []
        for old in rows:
            number = model.row_of(old.id)
            new = model.row_at(number) if number is not None else None
            if new is not None and new.version != old.version:
                changed.append(f"{old.ref}: " + (", ".join(changes_between(old, new)) or "changed"))
        message = exc.message + (f"\n\nWhat changed — {'; '.join(changed)}." if changed else "")
        self.view.select_ids([r.id for r in rows])
        if dialog is not None:
            dialog.refuse(Conflict(message + " Press the button again to apply your choice to them as they are now."))
        else:
            error_dialog.show_plain(self.view, message)

    def ask_new(self) -> None:
        view = self.view
        if view.choices is None:
            return
        first = next(iter(view.selected_rows()), None)
        organization_id, staff_id = view.filters.organization.currentData(), view.filters.staff.currentData()
        if organization_id is None and first is not None:  # else like the task the user is on
            organization_id, staff_id = first.organization_id, first.staff_id
        person = (view.person_id, view.person_name) if view.person_id is not None else None
        dialog = NewTaskDialog(view.choices, view, find_people=self._find_people, person=person,
                               organization_id=organization_id, staff_id=staff_id)
        self._open(dialog, lambda values: self._create(values, dialog))

    def _create(self, values: dict, dialog) -> None:
        view, actor = self.view, self.view.actor

        def done(result) -> None:
            row = result[0]
            dialog.finish()
            view.refresh(then=lambda: view.select_ids([row.id], row.id))
            view.show_summary(f"Task {row.ref} created. Ctrl+Z undoes it.")

        view.history.perform(f"New task {values['title'][:40]}", lambda uow: tasks.create_task(uow, actor, **values),
                             lambda uow, last: tasks.set_task_archived(uow, actor, last[0].id, True),
                             redo=lambda uow, last: tasks.set_task_archived(uow, actor, last[0].id, False),
                             on_done=done, on_error=dialog.refuse)

    def _find_people(self, text: str, on_done) -> None:
        actor = self.view.actor
        self.view.ops.run(lambda uow: [(h.id, f"{h.title} ({h.ref})") for h in search.search(uow, actor, text)
                                       if h.kind is HitKind.PERSON], on_done=on_done, write=False)

    def ask_reassign(self) -> None:
        rows = self._chosen()
        if rows and self.view.choices is not None:
            dialog = ReassignDialog(self.view.choices, rows, self.view)
            self._open(dialog, lambda values: self.reassign(rows, values["organization_id"], values["staff_id"],
                                                            dialog))

    def reassign(self, rows, organization_id, staff_id=None, dialog=None) -> None:
        ids, versions, actor = [r.id for r in rows], self._versions(rows), self.view.actor
        where = self.view.choices.organization_name(organization_id) if self.view.choices else ""
        self._perform(f"Reassign {count_text(len(ids))}",
                      lambda uow: task_board.bulk_reassign(uow, actor, ids, organization_id=organization_id,
                                                           staff_id=staff_id, versions=versions),
                      rows, dialog, f"{count_text(len(ids))} reassigned to {where}")

    def ask_due(self) -> None:
        rows = self._chosen()
        if rows:
            dialog = DueDateDialog(len(rows), rows[0].due, self.view)
            self._open(dialog, lambda values: self.set_due(rows, values["due"], dialog))

    def set_due(self, rows, due, dialog=None) -> None:
        ids, versions, actor = [r.id for r in rows], self._versions(rows), self.view.actor
        self._perform(f"Change due date of {count_text(len(ids))}",
                      lambda uow: task_board.bulk_set_due(uow, actor, ids, due, versions=versions), rows, dialog)

    def set_status(self, status: TaskStatus, rows=None, reason: str = "", dialog=None) -> None:
        rows = self._chosen(rows)
        if rows:
            ids, versions, actor = [r.id for r in rows], self._versions(rows), self.view.actor
            self._perform(STATUS_STEP[status].format(count_text(len(ids))),
                          lambda uow: task_board.bulk_set_status(uow, actor, ids, status, reason=reason,
                                                                 versions=versions), rows, dialog)

    def ask_cancel(self) -> None:
        rows = self._chosen()
        if rows:
            dialog = CancelDialog(len(rows), self.view)
            self._open(dialog, lambda values: self.set_status(TaskStatus.CANCELLED, rows, values["reason"], dialog))

    def open_person(self) -> None:
        index = self.view.table.currentIndex()
        row = self.view.model.row_at(index.row()) if index.isValid() else None
        if row is None or row.person_id is None:
            self.view.show_summary("Choose a task about a person first.")
        else:
            self.view.person_activated.emit(row.person_id)
