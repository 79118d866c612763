"""What the person's Referrals page and the partner directory's inbox and outbox share: the table of
referrals, the chosen one's details with its status history, and the actions on it (Mark received, Accept…,
Decline…, Start, Complete…, Withdraw…, Edit…, Print summary…, Save summary PDF…), each enabled when the
services say this reader may take that step now. Every step is one undo step on the window's stack whose
undo is revert_referral. The owner says which referrals to list (`rows_job`) and may add its own actions."""

from __future__ import annotations

import re
from html import escape
from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHeaderView, QLabel, QSplitter, QToolBar, QVBoxLayout, QWidget

from caseteam.services import organizations, referrals

from .. import printing
from .. import pyside_fixes  # noqa: F401  (this module emits signals)
from ..dates import local_date
from ..models.referral_models import ReferralEventModel, ReferralTableModel, party, status_words
from ..widgets.editor_parts import fields_scroll, record_table
from ..widgets.pdf_preview import preview_pdf
from .directory_parts import screen_action
from .person.tab import PersonTab
from .referral_dialogs import REASONS, AcceptDialog, EditReferralDialog, reason_dialog

Column = ReferralTableModel.Column
# (name in ReferralDetail.may_act, the action's text, its keys). The keys clash with nothing the workspace,
# the partner directory or the window hold: Ctrl+Shift+G/J/F/R, Ctrl+Shift+N/A/R/P/M, Ctrl+S, Ctrl+Z, Ctrl+K…
STEPS = (("receive", "Mark received", "Ctrl+R"), ("accept", "Accept…", "Ctrl+Shift+Y"),
         ("decline", "Decline…", "Ctrl+Shift+D"), ("start", "Start", "Ctrl+I"),
         ("complete", "Complete…", "Ctrl+Return"), ("withdraw", "Withdraw…", "Ctrl+Shift+W"),
         ("edit", "Edit…", "Ctrl+E"))
PRINT_KEYS, SAVE_KEYS = "Ctrl+P", "Ctrl+Shift+S"
WIDEST = {Column.PERSON: 130, Column.FROM: 170, Column.TO: 170}  # pixels; the service takes what is left


def summary_file_name(row) -> str:
    """Says what the file is without putting the person's name on the disk."""
    to = re.sub(r'[\\/:*?"<>|]+', "-", row.to_organization_name).strip(" .-")
    return f"{row.ref} referral summary for {to}.pdf"


def detail_html(row) -> str:
    """The chosen referral in words: who, to whom, for what, what is shared under which release, the status."""
    def line(label: str, value: str) -> str:
        return f"<b>{escape(label)}:</b> {escape(value, quote=False)}<br>" if value else ""

    overdue = (f" · <b>Overdue</b>: no answer by {local_date(row.respond_by)}" if row.overdue else "")
    shared = "; ".join(c.label for c in row.shared_categories) or "Nothing but the referral itself"
    release = f" (under release {row.release_ref})" if row.release_ref else ""
    took = []
    if row.team_member_id is not None:
        took.append(f"{row.to_staff_name or 'The receiving staff member'} joined the person's team")
    if row.first_task_ref:
        took.append(f"first task {row.first_task_ref} made")
    return (f"<h3 style='margin:0'>{escape(row.ref)} · {escape(row.person_name)} ({escape(row.person_ref)})</h3>"
            f"<b>Status:</b> {escape(status_words(row))}{overdue}<br>"
            + line("From", party(row.from_organization_name, row.from_staff_name))
            + line("To", party(row.to_organization_name, row.to_staff_name))
            + line("Service or need", row.service + (f" ({row.program_name})" if row.program_name else ""))
            + line("Urgency", row.urgency.label)
            + line("Reason", row.reason)
            + line("Shared", shared + release)
            + line("Sent", local_date(row.sent_on))
            + line("Respond by", local_date(row.respond_by) if row.respond_by else "No date asked")
            + line("Outcome", row.outcome)
            + line("On acceptance", ", ".join(took))
            + line("Contact", row.contact))


def receiving_side(uow, actor, organization_id) -> tuple[tuple, tuple]:
    """The receiving organization's active staff (id, name) and live programs (id, name, services), for Accept…
    and Edit…. From the directory, not referral_choices: the receiving staff may not see the person yet."""
    detail = organizations.get_organization_detail(uow, actor, organization_id)
    return (tuple((s.id, s.name) for s in detail.staff if s.active and not s.archived),
            tuple((p.id, p.name, p.services) for p in detail.programs if not p.archived))


class ReferralBoard(QWidget):
    rows_loaded = Signal(int)  # the table is on screen with this many referrals
    referral_shown = Signal(object)  # the chosen referral's ReferralDetail (None: nothing chosen)
    step_done = Signal(str)  # a step went through: its undo text

    # The same undoable steps, with the same version book, as a workspace tab (ui/screens/person/tab.py).
    guarded = PersonTab.guarded
    perform = PersonTab.perform

    def __init__(self, ops, actor, history, rows_job: Callable[[], Callable], *, name: str, description: str,
                 empty_text: str, show_person: bool = True, parent=None) -> None:
        super().__init__(parent)
        self.ops, self.actor, self.history, self.rows_job = ops, actor, history, rows_job
        self.versions: dict = {}
        self.empty_text = empty_text
        self.detail = None  # the chosen referral's ReferralDetail
        self.dialog = None
        self._request = self._detail_request = 0
        self._select_next = None
        self.toolbar = QToolBar("Referral actions")
        self.toolbar.setAccessibleName("Referral actions")
        self.actions_by_step = {step: self.add_action(text, keys) for step, text, keys in STEPS}
        self.actions_by_step["complete"].setShortcuts([k for k in ("Ctrl+Return", "Ctrl+Enter")])
        self.print_action = self.add_action("Print summary…", PRINT_KEYS, self.print_summary)
        self.save_action = self.add_action("Save summary PDF…", SAVE_KEYS, self.save_summary)
        # A colleague at another desk answers without this window hearing of it: F5 reads again.
        self.refresh_action = self.add_action("Refresh referrals", "F5", self.refresh)
        for step, slot in (("receive", self.mark_received), ("accept", self.accept), ("decline", self.decline),
                           ("start", self.start), ("complete", self.complete), ("withdraw", self.withdraw),
                           ("edit", self.edit)):
            self.actions_by_step[step].triggered.connect(lambda _c=False, s=slot: s())

        self.model = ReferralTableModel(self)
        self.table = record_table(self.model, name, description)
        self.table.setObjectName("referralTable")
        self.table.setColumnHidden(Column.PERSON, not show_person)
        self.table.horizontalHeader().setSectionResizeMode(Column.SERVICE, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._chosen())
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setAccessibleName("What happened to the last step")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        self.details = QLabel(empty_text)
        self.details.setObjectName("referralDetails")
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setWordWrap(True)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setAccessibleName("Chosen referral")
        self.history_label = QLabel("History of status &changes:")
        self.events_model = ReferralEventModel(self)
        self.events = record_table(self.events_model, "Status history", "Each status change of the chosen "
                                   "referral, oldest first, with who recorded it")
        self.events.setObjectName("referralHistory")
        self.events.horizontalHeader().setStretchLastSection(True)
        self.history_label.setBuddy(self.events)
        history = QWidget()
        column = QVBoxLayout(history)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.history_label)
        column.addWidget(self.events, 1)
        # The list, the chosen one in words (scrolling when long) and its history; each keeps a readable height.
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(fields_scroll(self.details, "Chosen referral, scrolling"))
        self.splitter.addWidget(history)
        self.splitter.setSizes([190, 200, 230])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.message)
        layout.addWidget(self.splitter, 1)
        self.setTabOrder(self.table, self.events)
        self._enable()

    def add_action(self, text: str, keys: str, slot: Callable[[], None] | None = None):
        """An action on the toolbar whose keys work while the focus is inside the owner of this board."""
        action = screen_action(self, text, keys, self.toolbar)
        action.setIconText(text)  # the button says "Accept…" as the menu would: a dialog follows
        if slot is not None:
            action.triggered.connect(lambda _c=False: slot())
        return action

    # --- reading ----------------------------------------------------------------------------------------
    def refresh(self, select=None) -> None:
        """Ask for the referrals again (the chosen one, or `select`, stays chosen)."""
        job = self.rows_job()
        if job is None:
            return
        self._request += 1
        number = self._request
        self._select_next = select if select is not None else self._select_next
        self.ops.run(job, on_done=lambda rows: self._show_rows(number, rows), write=False,
                     on_error=lambda exc: self.say(f"⚠ {exc.message}"))

    def _show_rows(self, number: int, rows) -> None:
        if number != self._request:
            return  # the filters changed meanwhile: a newer answer is coming
        chosen = self._select_next or (self.current().id if self.current() is not None else None)
        self._select_next = None
        self.model.set_rows(rows)
        header = self.table.horizontalHeader()
        for column in Column:
            if column is not Column.SERVICE:
                self.table.resizeColumnToContents(column)
                header.resizeSection(column, min(header.sectionSize(column), WIDEST.get(column, 400)))
        found = self.model.row_of(chosen) if chosen is not None else None
        if found is None and rows:
            found = 0
        if found is not None:
            self.table.setCurrentIndex(self.model.index(found, Column.REF))
        self._chosen()
        self.rows_loaded.emit(len(rows))

    def current(self):
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _chosen(self) -> None:
        row, actor = self.current(), self.actor
        self._detail_request += 1
        number = self._detail_request
        if row is None:
            self._show_detail(number, None)
            return
        self.ops.run(lambda uow: referrals.get_referral(uow, actor, row.id), write=False,
                     on_done=lambda detail: self._show_detail(number, detail),
                     on_error=lambda exc: self.say(f"⚠ {exc.message}"))

    def _show_detail(self, number: int, detail) -> None:
        if number != self._detail_request:
            return
        before = self.detail.referral.id if self.detail is not None else None
        if detail is None or detail.referral.id != before:
            self.say("")  # what happened to the last step was about another referral
        self.detail = detail
        if detail is None:
            self.details.setText(escape(self.empty_text))
            self.events_model.set_rows(())
        else:
            self.details.setText(detail_html(detail.referral))
            self.details.setAccessibleDescription(self.details.text() and status_words(detail.referral))
            self.events_model.set_rows(detail.events)
            self.events.resizeColumnsToContents()
        self._enable()
        self.referral_shown.emit(detail)

    def _enable(self) -> None:
        may = self.detail.may_act if self.detail is not None else frozenset()
        for step, action in self.actions_by_step.items():
            action.setEnabled(step in may)
        self.print_action.setEnabled(self.detail is not None)
        self.save_action.setEnabled(self.detail is not None)

    def say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # --- steps ------------------------------------------------------------------------------------------
    def take_step(self, text: str, forward, dialog=None, select=None) -> None:
        """`forward(uow, version)` moves the chosen referral on; undo reverts the latest transition, redo
        makes it again, each against the newest version our own steps left."""
        row, actor = self.current(), self.actor
        if row is None:
            return
        key, version = row.id, row.version

        def done(result) -> None:
            if dialog is not None:
                dialog.finish()
            self.say(f"{text}: done. Edit ▸ Undo (Ctrl+Z) takes it back.")
            self.refresh(select=select or result[0].id)
            self.step_done.emit(text)

        self.say("")
        self.perform(text, lambda uow: forward(uow, version),
                     lambda uow, last: referrals.revert_referral(uow, actor, key, version=last[0].version),
                     redo=lambda uow, last: forward(uow, last[0].version), on_done=done,
                     on_error=dialog.refuse if dialog is not None else (lambda exc: self.say(f"⚠ {exc.message}")))

    def open_dialog(self, dialog, submit) -> None:
        self.dialog = dialog
        dialog.submitted.connect(submit)
        dialog.finished.connect(lambda _r: self.table.setFocus(Qt.FocusReason.OtherFocusReason))
        dialog.open()

    def _ready(self, step: str):
        """The chosen referral when this step may be taken now (a key pressed on a disabled step does nothing)."""
        row = self.current()
        return row if row is not None and self.actions_by_step[step].isEnabled() else None

    def mark_received(self) -> None:
        row, actor = self._ready("receive"), self.actor
        if row is not None:
            self.take_step(f"Mark {row.ref} received", lambda uow, version: referrals.mark_received(
                uow, actor, row.id, version=version))

    def start(self) -> None:
        row, actor = self._ready("start"), self.actor
        if row is not None:
            self.take_step(f"Start {row.ref}", lambda uow, version: referrals.start_referral(
                uow, actor, row.id, version=version))

    def accept(self) -> None:
        row, actor = self._ready("accept"), self.actor
        if row is None:
            return

        def opened(answer) -> None:
            (staff, _programs), today = answer
            dialog = AcceptDialog(row, staff, today, self, me=actor.staff_id)
            self.open_dialog(dialog, lambda values: self.take_step(
                f"Accept {row.ref}", lambda uow, version: referrals.accept_referral(
                    uow, actor, row.id, version=version, **values), dialog))

        self.ops.run(lambda uow: (receiving_side(uow, actor, row.to_organization_id), uow.today()),
                     on_done=opened, write=False, on_error=lambda exc: self.say(f"⚠ {exc.message}"))

    def _reasoned(self, step: str, call) -> None:
        """Decline…, Complete… or Withdraw…: the reason or outcome asked, then the step."""
        row, actor = self._ready(step), self.actor
        if row is None:
            return
        dialog = reason_dialog(step, row, self)
        verb = REASONS[step][0]
        self.open_dialog(dialog, lambda values: self.take_step(
            f"{verb} {row.ref}", lambda uow, version: call(uow, actor, row.id, version=version, **values), dialog))

    def decline(self) -> None:
        self._reasoned("decline", referrals.decline_referral)

    def complete(self) -> None:
        self._reasoned("complete", referrals.complete_referral)

    def withdraw(self) -> None:
        self._reasoned("withdraw", referrals.withdraw_referral)

    def edit(self) -> None:
        row, actor = self._ready("edit"), self.actor
        if row is None:
            return

        def opened(side) -> None:
            dialog = EditReferralDialog(row, *side, self)
            self.open_dialog(dialog, lambda values: self._save_edit(dialog, row, values))

        self.ops.run(lambda uow: receiving_side(uow, actor, row.to_organization_id), on_done=opened,
                     write=False, on_error=lambda exc: self.say(f"⚠ {exc.message}"))

    def _save_edit(self, dialog, row, values: dict) -> None:
        """Undo puts the previous values back (an edit is not a transition, so it is not reverted)."""
        actor, key = self.actor, row.id
        before = {name: getattr(row, name) for name in values}

        def done(result) -> None:
            dialog.finish()
            self.say(f"Saved {row.ref}. Edit ▸ Undo (Ctrl+Z) puts the previous values back.")
            self.refresh(select=key)

        self.perform(f"Edit {row.ref}",
                     lambda uow: referrals.update_referral(uow, actor, key, version=row.version, **values),
                     lambda uow, last: referrals.update_referral(uow, actor, key, version=last[0].version, **before),
                     redo=lambda uow, last: referrals.update_referral(uow, actor, key, version=last[0].version,
                                                                      **values),
                     on_done=done, on_error=dialog.refuse)

    # --- the summary for a partner not on caseteam -------------------------------------------------------
    def print_summary(self) -> None:
        """The summary as it will print, in the preview; its Print… (Ctrl+P) hands it to the printer. Making
        it is a logged disclosure to the receiving organization."""
        row = self.current()
        if row is not None:
            self._summary(row, "print", lambda data: setattr(self, "preview", preview_pdf(
                self, data, f"Referral summary {row.ref}",
                on_print=lambda: printing.print_pdf(self.preview or self, data))))

    def save_summary(self) -> None:
        row = self.current()
        if row is not None:
            self._summary(row, "pdf", lambda data: printing.save_pdf(self, data, summary_file_name(row)))

    def _summary(self, row, channel: str, hand_over) -> None:
        from caseteam.services import referral_documents

        actor = self.actor
        self.preview = None
        self.ops.run(lambda uow: referral_documents.referral_summary_pdf(uow, actor, row.id, channel=channel),
                     on_done=lambda result: hand_over(result[0]), write=True,
                     progress_text="Preparing the referral summary…")  # a refusal offers "Record a release…"

    # --- the window's calls -----------------------------------------------------------------------------
    def apply_changes(self, changes) -> None:
        if changes.referrals or changes.people or changes.staff or changes.organizations:
            self.refresh()


__all__ = ["ReferralBoard", "STEPS", "detail_html", "summary_file_name"]
