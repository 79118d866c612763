"""The lower half of the Funding part's first page: the person's service entries for a chosen month
(month picker), totals per funder (all, and what may be invoiced), each entry's state in words with
held-back ones marked; Record service…, Correct…, Override… (supervisors only) and Add first-payer
proof…. Entries are never taken back (service really delivered stays recorded), so these steps are
not on the undo stack: a mistake is put right with Correct…."""

from __future__ import annotations

import calendar
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QHeaderView, QLabel, QPushButton, QVBoxLayout

from caseteam.domain.notes import NoteStatus
from caseteam.services import access, funders, notes, organizations, service_entries

from ...models.funding_models import EntryColumn, EntryModel, held_back
from ...widgets.document_actions import shortcut_button, tab_action
from ...widgets.editor_parts import button_row, record_table
from .funding_page import FundingPage
from .service_dialogs import OverrideDialog, ProofDialog, ServiceChoices, ServiceDialog, saved_words, units_words

RECORD_KEYS = "Ctrl+Shift+V"


def month_range(day: date) -> tuple[date, date]:
    return day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1])


def service_choices(uow, actor, person_id) -> ServiceChoices:
    """Services of every funder, providers, the home organization's staff and the person's signed notes."""
    services, proof, paid_by = [], [], []
    for funder in funders.list_funders(uow, actor):
        for s in funder.services:
            if not s.archived:
                words = f"{funder.name} — {s.code} {s.name} ({s.unit.label.lower()})"
                services.append((s.id, words))
                paid_by.append((s.id, funder.id))
                if s.needs_first_payer_proof:
                    proof.append((s.id, words))
    person = uow.people.get(person_id)
    staff = ()
    if person.home_organization_id is not None:
        detail = organizations.get_organization_detail(uow, actor, person.home_organization_id)
        staff = tuple((s.id, s.name) for s in detail.staff if s.active and not s.archived)
    signed = tuple((n.id, f"{n.ref} · {n.held_on.isoformat()} · {n.kind.label}")
                   for n in notes.list_notes(uow, actor, person_id) if n.status is NoteStatus.SIGNED)
    providers = tuple((o.id, o.name) for o in organizations.list_organizations(uow, actor))
    return ServiceChoices(tuple(services), tuple(proof), providers, staff, signed, tuple(paid_by),
                          person.home_organization_id, uow.today())


class EntriesSection(FundingPage):
    def __init__(self, ops, actor, history, person_id, parent=None) -> None:
        super().__init__(ops, actor, history, person_id, parent)
        self.setObjectName("serviceEntries")
        self.person_name, self.may_override, self.listed = "the person", False, None
        self.month_box = QDateEdit()
        self.month_box.setDisplayFormat("yyyy-MM")
        self.month_box.setCalendarPopup(True)
        self.month_box.setAccessibleName("Month")
        self.month_box.setAccessibleDescription("The month whose service entries are listed")
        self.month_box.setDate(QDate.currentDate())
        month_label = QLabel("Mon&th:")
        month_label.setBuddy(self.month_box)
        self.totals = QLabel("")
        self.totals.setObjectName("funderTotals")
        self.totals.setAccessibleName("Totals by funder")
        self.totals.setWordWrap(True)
        self.summary = self.totals  # a problem loading is said where the totals stand
        self.notice = QLabel("")
        self.notice.setObjectName("entryNotice")
        self.notice.setAccessibleName("What the last entry said")
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.model = EntryModel(self)
        self.table = record_table(self.model, "Service entries",
                                  "The month's entries; the last column says whether each may be invoiced")
        self.table.setObjectName("entryTable")
        self.table.horizontalHeader().setSectionResizeMode(EntryColumn.STATE, QHeaderView.ResizeMode.Stretch)
        table_label = QLabel("Service entr&ies:")
        table_label.setBuddy(self.table)
        self.record_button = shortcut_button("Record &service…", RECORD_KEYS, "Record service delivered",
                                             name="Record service")
        self.correct_button = QPushButton("Co&rrect…")
        self.correct_button.setAccessibleDescription("Change the chosen entry, or replace it with a correcting "
                                                     "entry when it is on an invoice")
        self.override_button = QPushButton("&Override…")
        self.override_button.setAccessibleDescription("Supervisors: let the chosen held-back entry be invoiced, "
                                                      "with a reason")
        self.proof_button = QPushButton("Add first-payer &proof…")
        self.proof_button.setAccessibleDescription("A dated letter that VR or the school cannot provide a waiver "
                                                   "service first")
        tab_action(self, "Record service…", RECORD_KEYS, self.record_service)
        for button, slot in ((self.record_button, self.record_service), (self.correct_button, self.correct),
                             (self.override_button, self.override), (self.proof_button, self.add_proof)):
            button.clicked.connect(lambda _c=False, s=slot: s())
        top = QHBoxLayout()
        top.addWidget(month_label)
        top.addWidget(self.month_box)
        top.addWidget(self.totals, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(table_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.notice)
        layout.addLayout(button_row(self.record_button, self.correct_button, self.override_button, self.proof_button))
        self.focus_chain = [self.month_box, self.table, self.record_button, self.correct_button, self.override_button,
                            self.proof_button]
        self.month_box.dateChanged.connect(lambda _d: self.refresh())
        self._loaded_once = False
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._update_buttons())
        self._update_buttons()

    def month(self) -> tuple[date, date]:
        return month_range(self.month_box.date().toPython())

    # --- data ------------------------------------------------------------------------------------------
    def refresh(self, select=None) -> None:
        """The chosen month's entries; an entry asked for by id (a money-board line) brings its own month."""
        actor, person_id = self.actor, self.person_id
        shown = self.month()

        first = not self._loaded_once
        self._loaded_once = True

        def load(uow):
            since, until = shown
            if select is not None:
                since, until = month_range(service_entries.get_entry(uow, actor, select).served_on)
            elif first:  # opened on the latest month with service (this month when it has some)
                latest = service_entries.last_served_on(uow, actor, person_id)
                if latest is not None and latest < since:
                    since, until = month_range(latest)
            return (service_entries.list_entries(uow, actor, person_id, since, until),
                    access.allowed(uow, actor, access.Action.OVERRIDE_FUNDING, person_id),
                    uow.people.get(person_id).display_name, since)

        self.run(load, on_done=lambda result: self._show(*result, select=select),
                 on_error=self.problem)

    def _show(self, listed, may_override: bool, name: str, month: date, select=None) -> None:
        keep = self.kept(select)
        self._month_of(month)
        self.listed, self.may_override, self.person_name = listed, may_override, name
        self.model.set_rows(listed.entries)
        since, _until = self.month()
        held = sum(1 for e in listed.entries if held_back(e))
        if listed.totals:
            parts = [f"{t.funder_name} {units_words(t.units)}, ${t.amount:,.2f} (${t.invoiceable_amount:,.2f} "
                     "may be invoiced)" for t in listed.totals]
            words = f"{since:%B %Y}: " + " · ".join(parts)
            if held:
                words += f" · ⚠ {held} held back"
        else:
            words = f"No service recorded in {since:%B %Y}."
        self.totals.setText(words)
        self.choose(keep, listed.entries, last=True)
        if listed.entries:
            for column in EntryColumn:
                if column is not EntryColumn.STATE:
                    self.table.resizeColumnToContents(column)
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.current()
        self.correct_button.setEnabled(row is not None and not row.corrected)
        self.override_button.setVisible(self.may_override)
        self.override_button.setEnabled(row is not None and bool(row.unauthorized_reason)
                                        and row.override_by_id is None and row.invoiced_at is None)

    # --- recording ------------------------------------------------------------------------------------
    def _with_choices(self, opened) -> None:
        actor, person_id = self.actor, self.person_id
        self.run(lambda uow: service_choices(uow, actor, person_id), on_done=opened,
                 on_error=self.problem)

    def _save_entry(self, dialog, do) -> None:
        """Run a write that returns an entry; the dialog closes or says what held it back."""
        def done(result):
            row = result[0]
            words, _stop = saved_words(row)
            self.notice.setText(words)
            self.notice.show()
            dialog.saved(row)
            # The entry's month now, so the reload the saved change asks for next lists it too.
            self._month_of(row.served_on)
            self.refresh(select=row.id)
        self.run(do, write=True, on_done=done, on_error=dialog.refuse)

    def _month_of(self, day: date) -> None:
        if self.month() != month_range(day):
            blocked = self.month_box.blockSignals(True)
            self.month_box.setDate(QDate(day.year, day.month, 1))
            self.month_box.blockSignals(blocked)

    def record_service(self) -> None:
        actor, person_id = self.actor, self.person_id

        def opened(choices):
            dialog = ServiceDialog(self.person_name, choices, self)
            self._open(dialog, lambda v: self._save_entry(
                dialog, lambda uow: service_entries.record_service(uow, actor, person_id, **v)))
        self._with_choices(opened)

    def correct(self) -> None:
        entry, actor = self.current(), self.actor
        if entry is None or entry.corrected:
            return
        change = service_entries.correct_entry if entry.invoiced_at is not None else service_entries.update_entry

        def opened(choices):
            dialog = ServiceDialog(self.person_name, choices, self, entry=entry)
            extra = {} if entry.invoiced_at is not None else {"version": entry.version}
            self._open(dialog, lambda v: self._save_entry(
                dialog, lambda uow: change(uow, actor, entry.id, **extra, **dialog.changes(v))))
        self._with_choices(opened)

    def override(self) -> None:
        entry, actor = self.current(), self.actor
        if entry is None or not self.may_override:
            return
        dialog = OverrideDialog(entry, self)

        def done(result):
            dialog.finish()
            self.refresh(select=result[0].id)
        self._open(dialog, lambda v: self.run(lambda uow: service_entries.override(uow, actor, entry.id, v["reason"]),
                                              write=True, on_done=done, on_error=dialog.refuse))

    def add_proof(self) -> None:
        actor, person_id = self.actor, self.person_id

        def opened(choices):
            dialog = ProofDialog(self.person_name, choices.proof_services or choices.services, choices.today, self)

            def done(result):
                dialog.finish()
                count = result[0]
                self.notice.setText(f"Proof added; {count} flagged entr{'y' if count == 1 else 'ies'} checked again "
                                    "and cleared." if count else "Proof added; no entry was waiting for it.")
                self.notice.show()
                self.refresh()
            self._open(dialog, lambda v: self.run(
                lambda uow: service_entries.add_proof(uow, actor, person_id, v.pop("funder_service_id"), **v),
                write=True, on_done=done, on_error=dialog.refuse))
        self._with_choices(opened)
