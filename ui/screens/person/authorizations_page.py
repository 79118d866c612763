"""The Funding part's first page, "Authorizations and services": the person's authorizations, each with
a bar of what is used and left (words beside it and in the screen reader's name), status words
(requested and overdue to chase, expired…) and amendments; Request authorization…, Record received…
(with the letter's scan), Amend… and Cancel…. Below, the month's service entries (EntriesSection).

Recording a service changes the funding data (Changes(funding=True)), so the bars are counted again.
The funder's letters are not undone from here: an authorization is cancelled or amended instead."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QPushButton, QSplitter, QTextBrowser, QVBoxLayout, QWidget

from caseteam.domain.funding import AuthorizationStatus
from caseteam.services import authorizations, funders

from ...models.funding_models import AuthorizationColumn, AuthorizationLine, AuthorizationModel, period
from ...widgets.document_actions import shortcut_button, tab_action
from ...widgets.editor_parts import button_row, chain_tab_order, record_table
from ...widgets.usage_bar import UsageBar, UsageDelegate
from .authorization_dialogs import AmendDialog, CancelDialog, ReceivedDialog, RequestDialog, plain
from .service_entries_section import EntriesSection, service_choices
from .funding_page import FundingPage

REQUEST_KEYS = "Ctrl+Shift+Q"


def amendment_words(m) -> str:
    """What one amendment changed, before and after ("units 40 → 60"), and why."""
    changed = [f"{what} {plain(before) or 'none'} → {plain(after) or 'none'}"
               for what, before, after in (("units", m.units_before, m.units_after),
                                           ("amount", m.amount_before, m.amount_after),
                                           ("end date", m.ends_before, m.ends_after)) if before != after]
    return f"{m.amended_on.isoformat()}: {', '.join(changed) or 'no term changed'}. {m.reason}"


def amendments_html(auth) -> str:
    lines = [f"<p><b>{escape(auth.ref)}</b> · {escape(auth.funder_name)} · {escape(auth.service_code)} · "
             f"{escape(period(auth.starts_on, auth.ends_on))} · {escape(auth.status_words)}"
             + (" · letter on file" if auth.letter_attachment_id else " · no letter on file") + "</p>"]
    terms = []
    for value, words in ((auth.units, "units"), (auth.amount, "dollars")):
        if value is not None:
            terms.append(f"{value:,.2f} {words}")
    if auth.rate is not None:
        terms.append(f"rate ${auth.rate:,.2f}")
    if auth.follow_up_on and auth.status is AuthorizationStatus.REQUESTED:
        terms.append(f"chase the funder on {auth.follow_up_on.isoformat()}")
    lines.append(f"<p>{escape(' · '.join(terms))}</p>")
    if auth.amendments:
        items = "".join(f"<li>{escape(amendment_words(m))}</li>" for m in auth.amendments)
        lines.append(f"<p>Amendments:</p><ul>{items}</ul>")
    else:
        lines.append("<p>No amendments.</p>")
    if auth.note:
        lines.append(f"<p>Note: {escape(auth.note)}</p>")
    return "".join(lines)


class AuthorizationsPage(FundingPage):
    def __init__(self, ops, actor, history, person_id, parent=None) -> None:
        super().__init__(ops, actor, history, person_id, parent)
        self.setObjectName("authorizationsPage")
        self.person_name, self.today, self.dialog = "the person", None, None
        self.summary = QLabel("Loading authorizations…")
        self.summary.setAccessibleName("Authorizations summary")
        self.summary.setWordWrap(True)
        self.model = AuthorizationModel(self)
        self.table = record_table(self.model, "Authorizations", "Each authorization with its status and how much "
                                                                "of it is used and left")
        self.table.setObjectName("authorizationTable")
        self.table.setItemDelegateForColumn(AuthorizationColumn.USED, UsageDelegate(self.table))
        self.table.horizontalHeader().setSectionResizeMode(AuthorizationColumn.USED, QHeaderView.ResizeMode.Stretch)
        label = QLabel("&Authorizations:")
        label.setBuddy(self.table)
        self.bar = UsageBar()
        self.bar.setObjectName("chosenUsage")
        self.detail = QTextBrowser()
        self.detail.setAccessibleName("The chosen authorization's terms and amendments")
        self.detail.setTabChangesFocus(True)
        detail_label = QLabel("Ter&ms and amendments:")
        detail_label.setBuddy(self.detail)
        self.request_button = shortcut_button("Re&quest authorization…", REQUEST_KEYS,
                                              "Record that the team asked a funder for an authorization",
                                              name="Request authorization")
        self.received_button = QPushButton("Record re&ceived…")
        self.received_button.setAccessibleDescription("The funder's letter came: its number, terms and scan")
        self.amend_button = QPushButton("Amen&d…")
        self.amend_button.setAccessibleDescription("The funder changed the units, amount or end date")
        self.cancel_button = QPushButton("Ca&ncel…")
        self.cancel_button.setAccessibleDescription("The chosen authorization no longer covers service")
        tab_action(self, "Request authorization…", REQUEST_KEYS, self.request)
        for button, slot in ((self.request_button, self.request), (self.received_button, self.received),
                             (self.amend_button, self.amend), (self.cancel_button, self.cancel)):
            button.clicked.connect(lambda _c=False, s=slot: s())
        self.entries = EntriesSection(ops, actor, history, person_id)

        top = QWidget()
        column = QVBoxLayout(top)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.summary)
        column.addWidget(label)
        column.addWidget(self.table, 2)
        column.addWidget(self.bar)
        column.addWidget(detail_label)
        column.addWidget(self.detail, 1)
        column.addLayout(button_row(self.request_button, self.received_button, self.amend_button, self.cancel_button))
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(self.entries)
        split.setSizes([380, 320])
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        chain_tab_order(self.table, self.detail, self.request_button, self.received_button, self.amend_button,
                        self.cancel_button, *self.entries.focus_chain)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._chosen())
        self.setFocusProxy(self.table)
        self._chosen()

    # The part hands its pages one version book; the entries below share it.
    @property
    def versions(self) -> dict:
        return self._book

    @versions.setter
    def versions(self, book: dict) -> None:
        self._book = book
        if getattr(self, "entries", None) is not None:
            self.entries.versions = book

    # --- data ------------------------------------------------------------------------------------------
    def refresh(self, select=None) -> None:
        actor, person_id = self.actor, self.person_id

        def load(uow):
            rows = authorizations.list_authorizations(uow, actor, person_id)
            lines = [AuthorizationLine(a, funders.usage(uow, a.id)) for a in rows]
            return lines, uow.people.get(person_id).display_name, uow.today()

        self.run(load, on_done=lambda result: self._show(*result, select=select), on_error=self.problem)
        self.entries.refresh()

    def apply_changes(self, changes) -> None:
        if changes.funding or changes.people:
            self.refresh()

    def _show(self, lines, name: str, today, select=None) -> None:
        keep = self.kept(select)
        self.person_name, self.today = name, today
        self.model.set_rows(lines)
        if lines:
            waiting = sum(1 for line in lines if line.auth.status is AuthorizationStatus.REQUESTED)
            low = sum(1 for line in lines if line.usage_state()[1] != "normal"
                      and line.auth.status is AuthorizationStatus.ACTIVE)
            self.summary.setText(f"{len(lines)} authorization{'s' if len(lines) != 1 else ''}: {waiting} waiting for "
                                 f"the funder, {low} active one{'s' if low != 1 else ''} 80% or more used.")
            for column in (AuthorizationColumn.REF, AuthorizationColumn.FUNDER, AuthorizationColumn.SERVICE,
                           AuthorizationColumn.NUMBER, AuthorizationColumn.PERIOD, AuthorizationColumn.STATUS):
                self.table.resizeColumnToContents(column)
        else:
            self.summary.setText(f"No authorization recorded for {name}. Request authorization… (Ctrl+Shift+Q) "
                                 "records a request to a funder.")
        self.choose(keep, lines)
        self._chosen()

    def _chosen(self) -> None:
        line = self.current()
        if line is None:
            self.bar.clear("No authorization chosen")
            self.detail.setHtml("")
        else:
            if line.auth.units is not None:
                self.bar.set_usage(line.usage.units_used, line.auth.units)
            else:
                self.bar.set_usage(line.usage.amount_used, line.auth.amount, dollars=True)
            self.detail.setHtml(amendments_html(line.auth))
        status = line.auth.status if line else None
        self.received_button.setEnabled(status is AuthorizationStatus.REQUESTED)
        self.amend_button.setEnabled(status in (AuthorizationStatus.ACTIVE, AuthorizationStatus.EXHAUSTED,
                                                AuthorizationStatus.EXPIRED))
        self.cancel_button.setEnabled(status is not None and status is not AuthorizationStatus.CANCELLED)

    # --- the funder's letters (no inverse: an authorization is amended or cancelled instead) ----------
    def request(self) -> None:
        actor, person_id = self.actor, self.person_id

        def opened(choices):
            dialog = RequestDialog(self.person_name, choices.services, choices.today, self)
            funder_of = dict(choices.funders)
            self.write(dialog, lambda uow, v: authorizations.request_authorization(
                uow, actor, person_id, funder_of.get(v["funder_service_id"]), **v))
        self.run(lambda uow: service_choices(uow, actor, person_id), on_done=opened, on_error=self.problem)

    def received(self) -> None:
        line, actor = self.current(), self.actor
        if line is None:
            return
        self.write(ReceivedDialog(line.auth, self), lambda uow, v: authorizations.record_received(
            uow, actor, line.auth.id, version=line.auth.version, **v))

    def amend(self) -> None:
        line, actor = self.current(), self.actor
        if line is None:
            return
        self.write(AmendDialog(line.auth, self.today, self), lambda uow, v: authorizations.amend_authorization(
            uow, actor, line.auth.id, version=line.auth.version, **v))

    def cancel(self) -> None:
        line, actor = self.current(), self.actor
        if line is None:
            return
        self.write(CancelDialog(line.auth, self), lambda uow, v: authorizations.cancel_authorization(
            uow, actor, line.auth.id, version=line.auth.version, **v))

