"""The Meetings section: the meetings the user may read, upcoming (soonest first), past or all, by kind; on
the right the chosen one with its agenda, attendees, minutes, decisions and action items. A supervisor runs
a team meeting here from agenda to minutes PDF: each action item becomes a task on the task board.

Undo: Mark held (back to planned) and Add action item (its task is cancelled, with the reason kept) are
undo steps; the other edits add to the record and say so on screen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (QComboBox, QFileDialog, QHBoxLayout, QLabel, QMessageBox, QToolBar,
                               QWidget)

from caseteam.domain.meetings import MeetingKind
from caseteam.services import meeting_agenda, meeting_invites, meetings

from .. import printing
from .. import pyside_fixes  # noqa: F401  (this module emits signals)
from ..models.meeting_models import MeetingTableModel
from ..widgets.editor_parts import chain_tab_order
from ..widgets.list_detail import context_menu_actions, lay_out_list_and_detail
from ..widgets.pdf_preview import preview_pdf
from .directory_parts import make_table, screen_action
from .meeting_dialogs import CancelMeetingDialog, ScheduleMeetingDialog
from .meetings_detail import MeetingDetail

Column = MeetingTableModel.Column
WHEN = (("Upcoming", True), ("Past", False), ("All meetings", None))
ACTIONS = (("schedule", "Schedule meeting…", "Ctrl+Shift+N"), ("next", "Next meeting", "Ctrl+Shift+X"),
           ("held", "Mark held", "Ctrl+Shift+H"), ("cancel", "Cancel meeting…", "Ctrl+Shift+D"),
           ("minutes", "Minutes PDF", "Ctrl+Shift+P"),
           ("invitation", "Save invitation (.ics)…", "Ctrl+Shift+I"), ("refresh", "Refresh the meetings", "F5"))


def ask_include_person(parent: QWidget, row) -> bool:
    """The invitation leaves the job seeker out unless the user says otherwise (No is the default)."""
    box = QMessageBox(QMessageBox.Icon.Question, "Save invitation",
                      f"Put {row.person_name}'s name and the meeting details in the invitation? Calendars are "
                      "often shared; without them it says only 'Team meeting', the time and how to join.",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    box.setAccessibleName("Save invitation")
    return box.exec() == QMessageBox.StandardButton.Yes


def ask_ics_path(parent: QWidget, suggested: str) -> Path | None:
    chosen, _ = QFileDialog.getSaveFileName(parent, "Save invitation", suggested, "Calendar files (*.ics)")
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == ".ics" else path.with_name(path.name + ".ics")


class MeetingsSection(QWidget):
    rows_loaded = Signal(int)       # how many meetings the list shows now
    meeting_shown = Signal(object)  # the MeetingRow on the right, after each answer

    def __init__(self, ops, actor, history, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("meetingsSection")
        self.ops, self.actor, self.history = ops, actor, history
        self.ask_include_person, self.ask_path = ask_include_person, ask_ics_path  # tests replace them
        self.choices: dict | None = None
        self.current = None
        self.dialog = None
        self.preview = None
        self._wanted = None
        self._generation = 0

        self.when_filter = QComboBox()
        for text, value in WHEN:
            self.when_filter.addItem(text, value)
        self.kind_filter = QComboBox()
        self.kind_filter.addItem("Every kind", None)
        for kind in MeetingKind:
            self.kind_filter.addItem(kind.label, kind)
        filters = QHBoxLayout()
        for text, box, description in (("&When:", self.when_filter, "Upcoming, past or all meetings"),
                                       ("&Kind:", self.kind_filter, "Only meetings of this kind")):
            label = QLabel(text)
            label.setBuddy(box)
            box.setAccessibleName(text.replace("&", "").rstrip(":"))
            box.setAccessibleDescription(description)
            filters.addWidget(label)
            filters.addWidget(box)
        filters.addStretch(1)

        self.model = MeetingTableModel(self)
        self.table = make_table(self.model, "Meetings", "The meetings you may read; choose one to see it on the "
                                "right. The menu key lists what can be done with it")
        table_label = QLabel("Meeting&s:")
        table_label.setBuddy(self.table)
        self.count_label = QLabel("")
        self.count_label.setAccessibleName("Meetings shown")
        self.toolbar = QToolBar("Meeting actions")
        self.toolbar.setAccessibleName("Meeting actions")
        for key, text, keys in ACTIONS:
            setattr(self, f"{key}_action", screen_action(self, text, keys, None if key == "refresh" else self.toolbar))
        context_menu_actions(self.table, [getattr(self, f"{key}_action") for key, _t, _k in ACTIONS[1:-1]])
        self.detail = MeetingDetail()
        self.splitter = lay_out_list_and_detail(
            self, toolbar=self.toolbar, filters=filters, table_label=table_label, table=self.table,
            count_label=self.count_label, detail=self.detail, name="meetingSplitter", sizes=(620, 700))
        chain_tab_order(self.when_filter, self.kind_filter, self.table, self.detail.tabs)
        self.setFocusProxy(self.table)

        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self._read)
        self._connect()
        self._enable_actions()

    def _connect(self) -> None:
        for box in (self.when_filter, self.kind_filter):
            box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._chosen_in_list())
        slots = {"schedule": self.schedule, "next": self.next_meeting, "held": self.mark_held, "cancel": self.cancel,
                 "minutes": self.minutes_pdf, "invitation": self.save_invitation, "refresh": self.refresh}
        for key, slot in slots.items():
            getattr(self, f"{key}_action").triggered.connect(lambda _checked=False, s=slot: s())
        d = self.detail
        d.attendance_chosen.connect(lambda key, value: self._edit(
            lambda uow, a: meeting_agenda.set_attendance(uow, a, key, value)))
        d.staff_added.connect(lambda staff_id: self._edit(
            lambda uow, a, m: meeting_agenda.add_attendee(uow, a, m, staff_id=staff_id), meeting=True))
        d.support_added.connect(lambda name, role: self._edit(
            lambda uow, a, m: meeting_agenda.add_attendee(uow, a, m, name=name, role=role), meeting=True))
        d.agenda_added.connect(lambda text: self._edit(
            lambda uow, a, m: meeting_agenda.add_agenda_item(uow, a, m, text), meeting=True))
        d.decision_added.connect(lambda text: self._edit(
            lambda uow, a, m: meeting_agenda.add_decision(uow, a, m, text), meeting=True))
        d.minutes_saved.connect(self._save_minutes)
        d.action_added.connect(self.add_action_item)

    # --- the list -------------------------------------------------------------------------------------
    def refresh(self) -> None:
        self._refresh_timer.start()

    def apply_changes(self, changes) -> None:
        if changes.meetings or changes.tasks or changes.organizations or changes.staff:
            self.refresh()

    def _read(self) -> None:
        actor, upcoming, kind = self.actor, self.when_filter.currentData(), self.kind_filter.currentData()
        need_choices = self.choices is None
        self._generation += 1
        generation = self._generation

        def job(uow):
            rows = meetings.list_meetings(uow, actor, upcoming=upcoming, kind=kind)
            return rows, meetings.choices(uow, actor) if need_choices else None

        self.ops.run(job, on_done=lambda answer: self._arrived(generation, *answer), write=False)

    def _arrived(self, generation: int, rows, choices) -> None:
        if generation != self._generation:
            return
        if choices is not None:
            self.choices = choices
            self.detail.set_organizations(choices["organizations"])
        keep = self._wanted or (self.current.id if self.current is not None else None)
        self._wanted = None
        self.model.set_rows(rows)
        self.count_label.setText(f"{len(rows)} meeting{'s' if len(rows) != 1 else ''}")
        line = self.model.row_of(keep) if keep is not None else None
        if line is None and rows:
            line = 0
        if line is not None:
            self.table.setCurrentIndex(self.model.index(line, Column.WHEN))
        else:
            self._show(None)
        self._chosen_in_list()
        self.rows_loaded.emit(len(rows))

    def _chosen_in_list(self) -> None:
        index = self.table.currentIndex()
        row = self.model.row_at(index.row()) if index.isValid() else None
        if self.current is not None and (row is None or row.id != self.current.id) and self.has_unsaved_changes():
            self.save()  # minutes typed for the meeting left behind are kept, never dropped
        self._show(row)

    # The window asks before closing with unsaved minutes (ui/sections.py).
    def has_unsaved_changes(self) -> bool:
        return self.detail.minutes_unsaved()

    def save(self) -> bool:
        self._save_minutes(self.detail.minutes.toPlainText())
        return True

    def discard(self) -> None:
        if self.current is not None:
            self.detail.minutes.setPlainText(self.current.minutes)

    def _show(self, row) -> None:
        self.current = row
        self.detail.show_meeting(row)
        self._enable_actions()
        self.meeting_shown.emit(row)

    def _enable_actions(self) -> None:
        row = self.current
        planned = row is not None and row.status.value == "planned"
        self.next_action.setEnabled(row is not None)
        self.held_action.setEnabled(planned)
        self.cancel_action.setEnabled(planned)
        self.minutes_action.setEnabled(row is not None)
        self.invitation_action.setEnabled(row is not None)

    def show_meeting_id(self, meeting_id) -> None:
        self._wanted = meeting_id
        self.refresh()

    # --- changes --------------------------------------------------------------------------------------
    def _written(self, result) -> None:
        """A service's (MeetingRow, Changes): show that meeting at once, then re-read the list."""
        row = result[0]
        self._wanted = row.id
        if self.current is not None and self.current.id == row.id:
            self.current = row
            self.detail.show_meeting(row)
            self._enable_actions()
        if self.model.row_of(row.id) is None and self.when_filter.currentData() is not None:
            self.when_filter.setCurrentIndex(len(WHEN) - 1)  # a meeting the filter would hide: show all
        self.refresh()

    def _edit(self, op, *, meeting: bool = False) -> None:
        row, actor = self.current, self.actor
        if row is None:
            return
        job = (lambda uow: op(uow, actor, row.id)) if meeting else (lambda uow: op(uow, actor))
        self.ops.run(job, on_done=self._written)

    def _save_minutes(self, text: str) -> None:
        row, actor = self.current, self.actor
        if row is not None:
            self.ops.run(lambda uow: meetings.record_minutes(uow, actor, row.id, text, version=row.version),
                         on_done=self._written)

    def add_action_item(self, values: dict) -> None:
        row, actor = self.current, self.actor
        if row is None:
            return
        before = {a.id for a in row.action_items}

        def undo(uow, result):
            new = [a for a in result[0].action_items if a.id not in before]
            return meeting_agenda.remove_action_item(uow, actor, new[0].id, reason="Undone in the Meetings section")

        self.history.perform("Add action item", lambda uow: meeting_agenda.add_action_item(
            uow, actor, row.id, values["text"], organization_id=values["organization_id"],
            staff_id=values["staff_id"], due=values["due"]), undo, on_done=self._written)

    def mark_held(self) -> None:
        row, actor = self.current, self.actor
        if row is None:
            return
        self.history.perform("Mark meeting held", lambda uow: meetings.mark_held(uow, actor, row.id),
                             lambda uow, _result: meetings.reopen_meeting(uow, actor, row.id),
                             on_done=self._written)

    def cancel(self) -> None:
        row, actor = self.current, self.actor
        if row is None or row.status.value != "planned":
            return
        dialog = CancelMeetingDialog(row.title, row.ref, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def submitted(values: dict) -> None:
            self.history.perform("Cancel meeting", lambda uow: meetings.cancel_meeting(
                uow, actor, row.id, reason=values["reason"]),
                lambda uow, _result: meetings.reopen_meeting(uow, actor, row.id),
                on_done=lambda result: (dialog.finish(result), self._written(result)), on_error=dialog.refuse)

        dialog.submitted.connect(submitted)
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None) if self.dialog is dialog else None)
        self.dialog = dialog
        dialog.open()

    def next_meeting(self) -> None:
        row, actor = self.current, self.actor
        if row is None:
            return
        if row.series_id is None:
            # A one-off: the next one a week after, at the same time; it can be moved like any other.
            from datetime import timedelta

            when = row.starts_local + timedelta(days=7)
            job = lambda uow: meetings.next_meeting(uow, actor, row.id, starts_local=when)  # noqa: E731
        else:
            job = lambda uow: meetings.next_meeting(uow, actor, row.id)  # noqa: E731
        self.ops.run(job, on_done=self._written)

    def schedule(self) -> None:
        if self.choices is None:
            return
        actor = self.actor
        dialog = ScheduleMeetingDialog(self.choices, self, host_id=self.actor.organization_id)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def submitted(values: dict) -> None:
            self.ops.run(lambda uow: meetings.schedule_meeting(uow, actor, **values),
                         on_done=lambda result: (dialog.finish(result), self._written(result)),
                         on_error=dialog.refuse)

        dialog.submitted.connect(submitted)
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None) if self.dialog is dialog else None)
        self.dialog = dialog
        dialog.open()

    # --- documents ------------------------------------------------------------------------------------
    def minutes_pdf(self) -> None:
        row, actor = self.current, self.actor
        if row is None:
            return

        def show(data: bytes) -> None:
            self.preview = preview_pdf(self, data, f"Minutes of {row.title} ({row.ref})",
                                       on_print=lambda: printing.print_pdf(self.preview or self, data),
                                       on_export=lambda: printing.save_pdf(self.preview or self, data,
                                                                           f"Minutes {row.ref}.pdf"))

        self.ops.run(lambda uow: meetings.minutes_pdf(uow, actor, row.id), on_done=show,
                     progress_text="Preparing the minutes…")

    def save_invitation(self) -> None:
        row, actor = self.current, self.actor
        if row is None:
            return
        include = row.person_id is not None and self.ask_include_person(self, row)
        path = self.ask_path(self, f"{row.ref}.ics")
        if path is None:
            return
        series = row.series_id is not None

        def write(data: bytes) -> None:
            try:
                printing.write_whole(path, data)
            except OSError as exc:
                from ..widgets import error_dialog

                error_dialog.show_plain(self, f"The invitation could not be saved to {path}: "
                                              f"{exc.strerror or exc}.", title="Save invitation")

        self.ops.run(lambda uow: meeting_invites.invitation(uow, actor, row.id, include_person=include,
                                                            series=series), on_done=write)


__all__ = ["MeetingsSection", "ask_include_person", "ask_ics_path"]
