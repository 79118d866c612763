"""The Agreements section (Ctrl+6): every agreement the user may read, narrowed by kind, status, party,
person and "Ending within 60 days"; on the right the chosen one with its parties, signatures and versions.
The actions follow the lifecycle: draft (edit, finalize: supervisors), final (signatures, signed copy,
amend, terminate), and preview / print / export at any time. Printing and exporting ask whom the copy is
for, and a copy of a person's agreement for a partner needs a release (the service checks and logs it).

No undo here: finalizing, signing, amending and terminating have no inverse in the services (a final
agreement's bytes never change; an amendment is a new version), so each asks or says what it does."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QCompleter, QGridLayout, QLabel, QMessageBox, QToolBar, QWidget)

from caseteam.domain.agreements import AgreementKind, AgreementStatus
from caseteam.services import access, agreements

from .. import consent_offer, pyside_fixes  # noqa: F401  (pyside_fixes: this module emits signals)
from ..models.agreements import AgreementTableModel
from ..widgets import error_dialog
from ..widgets.editor_parts import chain_tab_order
from ..widgets.field_row import find_data
from ..widgets.list_detail import context_menu_actions, lay_out_list_and_detail
from .agreement_actions import AmendDialog, SignatureDialog, TerminateDialog, unsigned
from .agreement_output import AgreementOutput
from .agreements_detail import AgreementDetailView
from .directory_parts import current_row, make_table, screen_action

Column = AgreementTableModel.Column
ENDING_DAYS = 60
LIVE = (AgreementStatus.FINAL, AgreementStatus.SIGNED)
# (attribute, text, keys): the shortcuts work while the focus is in this section.
ACTIONS = (("new", "New agreement…", "Ctrl+Shift+N"), ("edit", "Edit draft…", "Ctrl+E"),
           ("preview", "Preview", "Ctrl+Shift+V"), ("print", "Print…", "Ctrl+P"),
           ("export", "Export PDF…", "Ctrl+Shift+S"), ("finalize", "Finalize…", "Ctrl+Shift+F"),
           ("sign", "Record signature…", "Ctrl+Shift+G"), ("attach", "Attach signed copy…", "Ctrl+Shift+A"),
           ("view_copy", "View signed copy", "Ctrl+Shift+C"), ("amend", "Amend…", "Ctrl+Shift+M"),
           ("terminate", "Terminate…", "Ctrl+Shift+T"), ("refresh", "Refresh the agreements", "F5"))


def _combo(label_text: str, description: str, every: str) -> tuple[QComboBox, QLabel]:
    box = QComboBox()
    box.setAccessibleName(label_text.replace("&", "").rstrip(":"))
    box.setAccessibleDescription(description)
    box.addItem(every, None)
    # Long organization names would push the other filters off the screen; the list pops up full width.
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(10)
    label = QLabel(label_text)
    label.setBuddy(box)
    return box, label


def confirm(parent: QWidget, title: str, text: str) -> bool:
    """Yes / No with No the default (a stray Enter never locks an agreement). Tests replace it."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    box.setAccessibleName(title)
    box.setAccessibleDescription(text)
    return box.exec() == QMessageBox.StandardButton.Yes


class AgreementsSection(AgreementOutput, QWidget):
    rows_loaded = Signal(int)  # how many agreements the list shows now

    def __init__(self, ops, actor, history, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("agreementsSection")
        self.ops, self.actor, self.history = ops, actor, history
        self.confirm = confirm
        self.all_rows: list = []
        self.today = None
        self.current = None  # the AgreementRow shown on the right (a version from the history, too)
        self.dialog = None  # the open dialog (tests find it here)
        self.preview = None
        self._wanted = None  # an agreement to choose once the list arrives
        self._generation = 0
        self.may_manage = access.reach(actor, access.Action.MANAGE_PARTNERS) is access.Reach.ALLOWED
        self.may_edit_people = access.reach(actor, access.Action.EDIT_PERSON) is not access.Reach.NONE
        self.may_finalize = access.reach(actor, access.Action.FINALIZE_AGREEMENT) is not access.Reach.NONE

        self.kind_filter, kind_label = _combo("&Kind:", "Only agreements of this kind", "Every kind")
        for kind in AgreementKind:
            self.kind_filter.addItem(kind.label, kind)
        self.status_filter, status_label = _combo("Stat&us:", "Only agreements with this status", "Every status")
        for status in AgreementStatus:
            self.status_filter.addItem(status.label, status)
        self.party_filter, party_label = _combo("Part&y:", "Only agreements with this organization as a party",
                                                "Every party")
        self.person_filter, person_label = _combo("Pe&rson:", "Only this person's agreements; type to search",
                                                  "Everyone")
        self.person_filter.setEditable(True)  # type a few letters of the name to find the person
        self.person_filter.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.person_filter.lineEdit().setAccessibleName("Person")
        self.person_filter.setItemText(0, "")  # "Everyone" as the empty box's hint, so typing starts clean
        self.person_filter.lineEdit().setPlaceholderText("Everyone (type a name)")
        completer = self.person_filter.completer()
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)  # "nguy" finds Zoë Nguyễn
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.ending = QCheckBox(f"Ending within &{ENDING_DAYS} days")
        self.ending.setAccessibleDescription("Only final or signed agreements whose term ends within "
                                             f"{ENDING_DAYS} days")
        # Two rows, so the section still fits a 700-pixel-wide window (a small laptop, half a screen).
        filters = QGridLayout()
        for column, widget in enumerate((kind_label, self.kind_filter, status_label, self.status_filter,
                                         party_label, self.party_filter)):
            filters.addWidget(widget, 0, column)
        filters.addWidget(person_label, 1, 0)
        filters.addWidget(self.person_filter, 1, 1)
        filters.addWidget(self.ending, 1, 2, 1, 2)
        filters.setColumnStretch(6, 1)

        self.model = AgreementTableModel(self)
        self.table = make_table(self.model, "Agreements", "Every agreement you may read; choose one to see it on "
                                "the right. The menu key lists what can be done with it")
        table_label = QLabel("&Agreements:")
        table_label.setBuddy(self.table)
        self.count_label = QLabel("")
        self.count_label.setAccessibleName("Agreements shown")

        self.toolbar = QToolBar("Agreement actions")
        self.toolbar.setAccessibleName("Agreement actions")
        for key, text, keys in ACTIONS:
            action = screen_action(self, text, keys, None if key == "refresh" else self.toolbar)
            setattr(self, f"{key}_action", action)
            if key in ("new", "preview", "sign", "amend"):
                self.toolbar.addSeparator()
        context_menu_actions(self.table, [getattr(self, f"{key}_action") for key, _t, _k in ACTIONS[1:-1]])
        self.detail = AgreementDetailView()
        self.splitter = lay_out_list_and_detail(
            self, toolbar=self.toolbar, filters=filters, table_label=table_label, table=self.table,
            count_label=self.count_label, detail=self.detail, name="agreementSplitter", sizes=(760, 560))
        chain_tab_order(self.kind_filter, self.status_filter, self.party_filter, self.person_filter, self.ending,
                        self.table, self.detail.body, self.detail.history)
        self.setFocusProxy(self.table)

        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)  # several changes in one turn of the loop: one read
        self._refresh_timer.timeout.connect(self._read)
        self._connect()
        self._enable_actions()

    def _connect(self) -> None:
        for box in (self.kind_filter, self.status_filter, self.party_filter):
            box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.person_filter.activated.connect(lambda _i: self.refresh())
        self.person_filter.lineEdit().returnPressed.connect(self._person_typed)
        self.ending.toggled.connect(lambda _on: self.refresh())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._chosen_in_list())
        self.table.activated.connect(lambda _index: self.preview_agreement())
        self.detail.version_chosen.connect(self._show)
        slots = {"new": self.new_agreement, "edit": self.edit_draft, "preview": self.preview_agreement,
                 "print": lambda: self.copy("print"), "export": lambda: self.copy("export"),
                 "finalize": self.finalize, "sign": self.record_signature, "attach": self.attach_signed_copy,
                 "view_copy": self.view_signed_copy, "amend": self.amend, "terminate": self.terminate,
                 "refresh": self.refresh}
        for key, slot in slots.items():
            getattr(self, f"{key}_action").triggered.connect(lambda _checked=False, s=slot: s())

    # --- the list -------------------------------------------------------------------------------------
    def filters(self) -> dict:
        person = self.person_filter.currentData() if self.person_filter.currentIndex() > 0 else None
        return {"kind": self.kind_filter.currentData(), "status": self.status_filter.currentData(),
                "party_organization_id": self.party_filter.currentData(), "person_id": person,
                "expiring_within_days": ENDING_DAYS if self.ending.isChecked() else None}

    def _person_typed(self) -> None:
        """Enter after a few letters: the first person whose name holds them (no match: everyone)."""
        typed = self.person_filter.currentText().strip().casefold()
        found = next((i for i in range(1, self.person_filter.count())
                      if typed and typed in self.person_filter.itemText(i).casefold()), 0)
        self.person_filter.setCurrentIndex(found)
        self.refresh()

    def clear_filters(self) -> None:
        for widget, reset in ((self.kind_filter, lambda: self.kind_filter.setCurrentIndex(0)),
                              (self.status_filter, lambda: self.status_filter.setCurrentIndex(0)),
                              (self.party_filter, lambda: self.party_filter.setCurrentIndex(0)),
                              (self.person_filter, lambda: self.person_filter.setCurrentIndex(0)),
                              (self.ending, lambda: self.ending.setChecked(False))):
            blocked = widget.blockSignals(True)
            reset()
            widget.blockSignals(blocked)

    def refresh(self) -> None:
        self._refresh_timer.start()

    def _read(self) -> None:
        actor, filters = self.actor, self.filters()
        self._generation += 1
        generation = self._generation

        def job(uow):
            everything = agreements.list_agreements(uow, actor)
            shown = agreements.list_agreements(uow, actor, **filters) if any(
                v is not None for v in filters.values()) else everything
            return shown, everything, uow.today()

        self.ops.run(job, on_done=lambda answer: self._arrived(generation, *answer), write=False)

    def _arrived(self, generation: int, shown, everything, today) -> None:
        if generation != self._generation:
            return  # a newer read is on its way
        keep = self._wanted or (self.current.id if self.current is not None else None)
        self.all_rows, self.today = list(everything), today
        self._fill_choices()
        blocked = self.table.selectionModel().blockSignals(True)
        self.model.set_rows(shown, today)
        self.table.selectionModel().blockSignals(blocked)
        self.table.resizeColumnsToContents()
        for column, widest in ((Column.KIND, 215), (Column.TITLE, 320), (Column.PARTIES, 320)):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), widest))
        self.count_label.setText(f"{len(shown)} agreement{'s' if len(shown) != 1 else ''} shown"
                                 + (f" of {len(everything)}" if len(shown) != len(everything) else ""))
        self._wanted = None
        line = self.model.row_of(keep) if keep is not None else None
        if line is not None:
            self.table.setCurrentIndex(self.model.index(line, Column.REF))
            self._show(self.model.row_at(line))
        else:
            fresh = next((r for r in self.all_rows if r.id == keep), None)  # a version not in the list
            self._show(fresh)
        self.rows_loaded.emit(len(shown))

    def _fill_choices(self) -> None:
        """The party and person filters offer who appears on some agreement (a choice still set stays)."""
        orgs, persons = {}, {}
        for row in self.all_rows:
            for party in row.parties:
                if party.organization_id is not None:
                    orgs[party.organization_id] = party.name
                if party.person_id is not None:
                    persons[party.person_id] = party.name
        for box, choices in ((self.party_filter, orgs), (self.person_filter, persons)):
            chosen = box.currentData() if box.currentIndex() > 0 else None
            blocked = box.blockSignals(True)
            while box.count() > 1:
                box.removeItem(1)
            for key, name in sorted(choices.items(), key=lambda kv: kv[1].casefold()):
                box.addItem(name, key)
            box.setCurrentIndex(max(0, find_data(box, chosen)) if chosen is not None else 0)
            box.blockSignals(blocked)

    def _chosen_in_list(self) -> None:
        self._show(current_row(self.table))

    def _show(self, row) -> None:
        self.current = row
        versions = sorted((r for r in self.all_rows if row is not None and r.number == row.number),
                          key=lambda r: r.revision)
        self.detail.show_agreement(row, versions, self.today)
        self._enable_actions()

    def show_agreement(self, agreement_id) -> None:
        """Choose this agreement (the workspace and the directory call it), clearing filters that hide it."""
        line = self.model.row_of(agreement_id)
        if line is not None:
            self.table.setCurrentIndex(self.model.index(line, Column.REF))
            return
        self._wanted = agreement_id
        self.clear_filters()
        self.refresh()

    def apply_changes(self, changes) -> None:
        if getattr(changes, "agreements", False) or changes.organizations or changes.people:
            self.refresh()

    # --- what may be done -----------------------------------------------------------------------------
    def _may_change(self, row) -> bool:
        return self.may_edit_people if row.person_id is not None else self.may_manage

    def _enable_actions(self) -> None:
        row = self.current
        shown = row is not None
        change = shown and self._may_change(row)
        status = row.status if shown else None
        amended = shown and any(r.previous_id == row.id for r in self.all_rows)
        enabled = {"new": self.may_manage or self.may_edit_people, "edit": change and status is AgreementStatus.DRAFT,
                   "preview": shown, "print": shown, "export": shown,
                   "finalize": shown and self.may_finalize and status is AgreementStatus.DRAFT,
                   "sign": change and status is AgreementStatus.FINAL and bool(unsigned(row)),
                   "attach": change and status in LIVE,
                   "view_copy": shown and row.signed_copy_attachment_id is not None,
                   "amend": change and status in LIVE and not amended, "terminate": change and status in LIVE,
                   "refresh": True}
        for key, on in enabled.items():
            getattr(self, f"{key}_action").setEnabled(bool(on))

    # --- drafting (the dialogs live in agreement_create / agreement_editor) ---------------------------
    def new_agreement(self) -> None:
        from .agreement_create import open_new_agreement

        open_new_agreement(self, self.ops, self.actor, self.history,
                           on_created=lambda row: self.show_agreement(row.id))

    def edit_draft(self) -> None:
        row = self.current
        if row is None or row.status is not AgreementStatus.DRAFT:
            return
        from .agreement_editor import open_agreement_editor

        open_agreement_editor(self, self.ops, self.actor, self.history, row,
                              on_saved=lambda saved: self.show_agreement(saved.id))

    # --- the lifecycle ------------------------------------------------------------------------------------
    def finalize(self) -> None:
        row, actor = self.current, self.actor
        if row is None or row.status is not AgreementStatus.DRAFT or not self.may_finalize:
            return
        if not self.confirm(self, f"Finalize {row.ref}", (
                f"Finalize {row.title} ({row.ref})? This locks it: its PDF is made once and kept with its "
                "fingerprint, and no field can change after this. A later change is an amendment, a new "
                "version. This cannot be undone.")):
            return
        self.ops.run(lambda uow: agreements.finalize(uow, actor, row.id, version=row.version),
                     on_done=self._written, on_error=self._refused, progress_text="Finalizing the agreement…")

    def record_signature(self) -> None:
        row, actor = self.current, self.actor
        if row is None or not unsigned(row):
            return
        self._open_dialog(SignatureDialog(row, self.today, self), lambda values: lambda uow: (
            agreements.record_signature(uow, actor, row.id, values["signatory_id"], values["signed_on"])))

    def amend(self) -> None:
        row, actor = self.current, self.actor
        if row is None:
            return
        self._open_dialog(AmendDialog(row, self), lambda values: lambda uow: (
            agreements.amend(uow, actor, row.id, values["reason"])))

    def terminate(self) -> None:
        row, actor = self.current, self.actor
        if row is None:
            return
        self._open_dialog(TerminateDialog(row, self.today, self), lambda values: lambda uow: (
            agreements.terminate(uow, actor, row.id, values["ended_on"], values["reason"])))

    # --- plumbing ---------------------------------------------------------------------------------------
    def _written(self, result) -> None:
        """A service's (AgreementRow, Changes): show that row (Changes refresh the list on their own)."""
        self._wanted = result[0].id
        if self.model.row_of(result[0].id) is None:
            self.clear_filters()  # a new version the filters would hide
        self.refresh()

    def _refused(self, exc) -> None:
        """Said plainly (with "Record a release…" when one is missing), then read again: a refusal often
        means someone else changed the agreement meanwhile."""
        error_dialog.show_plain(self, exc.message, title="Agreements", **consent_offer.offer_for(exc))
        self.refresh()

    def _open_dialog(self, dialog, job_for, *, run: bool = True) -> None:
        """Window-modal, not blocking. With `run`, OK runs job_for(values) on the worker and a refusal stays
        in the dialog with the input kept; without, job_for(values) is simply called."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def submitted(values: dict) -> None:
            if not run:
                job_for(values)
                return
            self.ops.run(job_for(values), on_done=lambda result: (dialog.finish(result), self._written(result)),
                         on_error=dialog.refuse)

        dialog.submitted.connect(submitted)
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None) if self.dialog is dialog else None)
        self.dialog = dialog
        dialog.open()


__all__ = ["AgreementsSection", "confirm"]
