"""The Work part's Incidents page: the person's critical-incident reports, newest first, with the notice
deadline and whether notice went out in time, late, is due or is overdue (in words); the chosen report's
details and who was notified; Report incident…, Record notification…, Close report / Reopen report.
The notice hours are the agency's setting (caseteam.settings), read here and passed to the services."""

from __future__ import annotations

from datetime import datetime, timezone

from PySide6.QtWidgets import QHeaderView, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout

from caseteam.services import access, incidents, organizations
from caseteam.settings import load_settings

from ...models.work_models import IncidentColumn, IncidentModel, local_time
from ...widgets.editor_parts import button_row, chain_tab_order, record_table
from .table_page import TablePage
from .work_dialogs import IncidentDialog, NotificationDialog


def notice_hours() -> int:
    return load_settings().incident_notice_hours


def details_text(row) -> str:
    """The whole report as plain lines a screen reader reads in order."""
    lines = [f"{row.ref} · {row.kind.label} · reported by {row.reported_by}",
             f"Happened: {local_time(row.occurred_at)}" + (f", {row.place}" if row.place else ""),
             f"Staff learned of it: {local_time(row.discovered_at)}",
             f"Notice deadline: {local_time(row.deadline)} · {row.notice_text}"]
    if row.waiver_note:
        lines.append(f"Note: {row.waiver_note}")
    lines += ["", "What happened:", row.description]
    if row.people_involved:
        lines += ["", "People involved:", row.people_involved]
    if row.actions_taken:
        lines += ["", "Actions taken:", row.actions_taken]
    lines += ["", "Notified:"]
    lines += [f"  {local_time(n.notified_at)} · {n.notified}" + (f" ({n.how})" if n.how else "")
              for n in row.notifications] or ["  nobody yet"]
    return "\n".join(lines)


class IncidentsPage(TablePage):
    def __init__(self, ops, actor, history, person_id, parent=None) -> None:
        super().__init__(ops, actor, history, person_id, parent)
        self.setObjectName("incidentsPage")
        self.person_name, self.organizations, self.dialog, self.note = "the person", [], None, ""
        self.hours = notice_hours()
        self.summary = QLabel("Loading incident reports…")
        self.summary.setAccessibleName("Incident reports summary")
        self.summary.setWordWrap(True)
        self.model = IncidentModel(self)
        self.table = record_table(self.model, "Critical-incident reports",
                                  "Newest first; the Notice column says in time, late, due or overdue")
        self.table.horizontalHeader().setSectionResizeMode(IncidentColumn.NOTICE, QHeaderView.ResizeMode.Stretch)
        label = QLabel("Incident &reports:")
        label.setBuddy(self.table)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setTabChangesFocus(True)
        details_label = QLabel("&Details:")
        details_label.setBuddy(self.details)
        self.details.setAccessibleName("Report details")
        self.report_button = QPushButton("Report &incident…")
        self.report_button.setAccessibleDescription("File a critical-incident report for the person")
        self.notify_button = QPushButton("Record &notification…")
        self.notify_button.setAccessibleDescription("Record who was told about the chosen incident, how and when")
        self.close_button = QPushButton("&Close report")
        self.close_button.setAccessibleDescription("Close the chosen report once notice has gone out")
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(label)
        layout.addWidget(self.table, 2)
        layout.addWidget(details_label)
        layout.addWidget(self.details, 1)
        layout.addLayout(button_row(self.report_button, self.notify_button, self.close_button))
        chain_tab_order(self.table, self.details, self.report_button, self.notify_button, self.close_button)
        self.report_button.clicked.connect(self.report_incident)
        self.notify_button.clicked.connect(self.record_notification)
        self.close_button.clicked.connect(self.close_or_reopen)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._update_buttons())
        self.setFocusProxy(self.table)
        if access.reach(actor, access.Action.EDIT_PERSON) is access.Reach.NONE:
            for widget in (self.report_button, self.notify_button, self.close_button):
                widget.hide()
        self._update_buttons()

    # --- data ------------------------------------------------------------------------------------------
    def refresh(self, select=None) -> None:
        actor, person_id, hours = self.actor, self.person_id, self.hours

        def load(uow):
            return (incidents.list_incidents(uow, actor, person_id, notice_hours=hours),
                    incidents.waiver_note(uow, actor, person_id), uow.people.get(person_id).display_name,
                    [(o.id, o.name) for o in organizations.list_organizations(uow, actor)])

        self.run(load, on_done=lambda result: self._show(*result, select=select),
                 on_error=lambda exc: self.summary.setText(exc.message))

    def apply_changes(self, changes) -> None:
        if changes.incidents or changes.teams or changes.organizations:
            self.refresh()

    def _show(self, rows, note, name, orgs, select=None) -> None:
        keep = select or (self.current().id if self.current() else None)
        self.person_name, self.note, self.organizations = name, note, orgs
        self.model.set_rows(rows)
        waiting = [r for r in rows if r.notice_status in (incidents.NoticeStatus.DUE, incidents.NoticeStatus.OVERDUE)]
        text = (f"{len(rows)} report{'s' if len(rows) != 1 else ''}; {len(waiting)} still waiting for notice "
                f"(due within {self.hours} hours of being known)." if rows
                else f"No critical incident is recorded for {name}.")
        self.summary.setText(text + (f" {note}" if note else ""))
        row = self.model.row_of(keep) if keep is not None else None
        if row is None and rows:
            row = 0
        if row is not None:
            self.table.setCurrentIndex(self.model.index(row, IncidentColumn.REF))
        if rows:
            for column in (IncidentColumn.REF, IncidentColumn.KIND, IncidentColumn.OCCURRED, IncidentColumn.DEADLINE):
                self.table.resizeColumnToContents(column)
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.current()
        self.details.setPlainText(details_text(row) if row else "")
        self.notify_button.setEnabled(row is not None and row.closed_at is None)
        self.close_button.setEnabled(row is not None)
        self.close_button.setText("Re&open report" if row is not None and row.closed_at else "&Close report")

    # --- recording ----------------------------------------------------------------------------------------
    def report_incident(self) -> None:
        actor, person_id, hours = self.actor, self.person_id, self.hours

        def submit(values):
            self._step("Report critical incident",
                       lambda uow: incidents.report_incident(uow, actor, person_id, notice_hours=hours, **values),
                       lambda uow, last: incidents.withdraw_incident(uow, actor, last[0].id, True,
                                                                     version=last[0].version, notice_hours=hours),
                       self.dialog, redo=lambda uow, last: incidents.withdraw_incident(
                           uow, actor, last[0].id, False, version=last[0].version, notice_hours=hours))
        self._open(IncidentDialog(self.person_name, datetime.now(timezone.utc), hours, self, waiver_note=self.note),
                   submit)

    def record_notification(self) -> None:
        row, actor, hours = self.current(), self.actor, self.hours
        if row is None:
            return

        earlier = {n.id for n in row.notifications}

        def added(last):  # listed by time, so the new one is found by id, not by place
            return next(n.id for n in last[0].notifications if n.id not in earlier)

        def submit(values):
            self._step("Record notification",
                       lambda uow: incidents.add_notification(uow, actor, row.id, notice_hours=hours, **values),
                       lambda uow, last: incidents.remove_notification(uow, actor, added(last), notice_hours=hours),
                       self.dialog)
        deadline = f"The notice deadline is {local_time(row.deadline)} ({row.notice_text.lower()})."
        self._open(NotificationDialog(row.ref, deadline, self.organizations, datetime.now(timezone.utc), self), submit)

    def close_or_reopen(self) -> None:
        row, actor, hours = self.current(), self.actor, self.hours
        if row is None:
            return
        close = (incidents.close_incident, "Close incident report")
        reopen = (incidents.reopen_incident, "Reopen incident report")
        (do, text), (back, _t) = (reopen, close) if row.closed_at else (close, reopen)
        self._step(text, lambda uow: do(uow, actor, row.id, version=row.version, notice_hours=hours),
                   lambda uow, last: back(uow, actor, row.id, version=last[0].version, notice_hours=hours))
