"""The partner directory's Funding tab: the chosen organization's funders, the services each pays for and
each service's fee schedule, with their dialogs, and the funder configuration pack (import and export).

Editing a funder, adding, editing and archiving a service are undo steps (the services offer inverses);
adding a funder, a new rate and a pack import are plain (nothing takes them back). Only roles that may change
the partner directory see the buttons; the services check again.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Signal
from PySide6.QtWidgets import QFileDialog, QLabel, QToolBar, QVBoxLayout, QWidget

from caseteam.services import access, funder_pack, funder_setup, funders

from .. import printing, pyside_fixes  # noqa: F401  (this module emits signals)
from ..models.funder_models import FunderTableModel, RateTableModel, ServiceTableModel
from ..widgets import error_dialog
from .directory_parts import current_row, make_table, refill_table, refused_or_rebased, screen_action
from .funder_dialogs import FunderDialog, RateDialog, ServiceDialog
from .partners_edits import DirectoryEdits

PACK_FILES = "Funder packs (*.json)"
ACTIONS = (("new_funder", "New funder…", "Ctrl+Alt+N"), ("edit_funder", "Edit funder…", "Ctrl+Alt+E"),
           ("add_service", "Add service…", "Ctrl+Alt+A"), ("edit_service", "Edit service…", "F2"),
           ("archive_service", "Archive service", "Delete"), ("new_rate", "New rate…", "Ctrl+Alt+R"),
           ("import_pack", "Import funder pack…", "Ctrl+Alt+I"),
           ("export_pack", "Export funder pack…", "Ctrl+Alt+X"))


class FunderEdits(DirectoryEdits):
    """Funder setup changes, in the partner directory's three shapes where an inverse exists."""

    def __init__(self, history, actor, ops) -> None:
        super().__init__(history, actor)
        self.ops = ops

    def add_funder(self, organization_id, values: dict, on_done=None, on_error=None) -> None:
        actor = self.actor  # funders are not archived, so there is nothing to undo an added one with
        self.ops.run(lambda uow: funders.create_funder(uow, actor, organization_id=organization_id, **values),
                     on_done=on_done, on_error=on_error)

    def update_funder(self, row, changes: dict, on_done=None, on_error=None) -> None:
        self._update(f"Save funder {row.name}", funders.update_funder, row, changes, on_done, on_error)

    def add_service(self, funder_id, values: dict, on_done=None, on_error=None) -> None:
        self._add(f"Add service {values.get('code', '')}",
                  lambda uow, actor: funder_setup.add_service(uow, actor, funder_id, **values),
                  funder_setup.set_service_archived, on_done, on_error)

    def update_service(self, row, changes: dict, on_done=None, on_error=None) -> None:
        self._update(f"Save service {row.code}", funder_setup.save_service, row, changes, on_done, on_error)

    def set_service_archived(self, row, archived: bool, on_done=None, on_error=None) -> None:
        self._archive(f"{'Archive' if archived else 'Restore'} service {row.code}", funder_setup.set_service_archived,
                      row, archived, on_done, on_error)

    def set_rate(self, service_id, values: dict, on_done=None, on_error=None) -> None:
        actor = self.actor  # a rate is never removed: the schedule keeps its history
        self.ops.run(lambda uow: funders.set_rate(uow, actor, service_id, **values), on_done=on_done,
                     on_error=on_error)


def titled(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


class FundingPage(QWidget):
    loaded = Signal(int)  # the organization's funders are on screen: how many
    said = Signal(str)  # what the last pack import or export did (or why not), as the status line shows it

    def __init__(self, ops, actor, history, open_dialog, parent=None) -> None:
        """open_dialog(dialog, perform, after=None, failed=None): the directory's non-blocking dialog runner."""
        super().__init__(parent)
        self.ops, self.actor, self.open_dialog = ops, actor, open_dialog
        self.may_change = access.allowed(None, actor, access.Action.MANAGE_PARTNERS)
        self.edits = FunderEdits(history, actor, ops)
        self.organization, self.programs, self.today = None, (), None
        self.shown_for = None  # the organization whose funders are on screen
        self.services_of: dict = {}
        self._request = 0
        self._wanted = (None, None)  # (funder id, service id) to choose once the next answer shows them
        # Replaced by tests; the window asks through the platform's file dialogs.
        self.ask_open_path = lambda: QFileDialog.getOpenFileName(self, "Import funder pack", "", PACK_FILES)[0]
        self.ask_save_path = lambda name: QFileDialog.getSaveFileName(self, "Export funder pack", name, PACK_FILES)[0]

        self.toolbar = QToolBar("Funding actions")
        self.toolbar.setAccessibleName("Funding actions")
        for key, text, shortcut in ACTIONS:
            action = screen_action(self, text, shortcut, self.toolbar)
            action.setVisible(self.may_change)
            setattr(self, f"{key}_action", action)
        self.note = QLabel("Your role may look at funders here but not change them.")
        self.note.setVisible(not self.may_change)
        self.funder_model, self.service_model, self.rate_model = (FunderTableModel(self), ServiceTableModel(self),
                                                                  RateTableModel(self))
        self.funders = make_table(self.funder_model, "Funders", "The organization's funders. Ctrl+Alt+E edits "
                                  "the chosen one.")
        self.rules = QLabel("")
        self.rules.setWordWrap(True)
        self.rules.setAccessibleName("The chosen funder's rules")
        self.services = make_table(self.service_model, "Services", "The services the chosen funder pays for. F2 "
                                   "edits the chosen service; Delete archives it.")
        self.rates = make_table(self.rate_model, "Fee schedule", "The chosen service's rates by date, oldest first. "
                                "Ctrl+Alt+R sets a new rate.")
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.status.setAccessibleName("What the last pack import or export did")
        layout = QVBoxLayout(self)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.note)
        for text, widget, stretch in (("Fu&nders:", self.funders, 2), ("Servi&ces the chosen funder pays for:",
                                      self.services, 2), ("Fee schedu&le of the chosen service:", self.rates, 1)):
            layout.addWidget(titled(text, widget))
            layout.addWidget(widget, stretch)
            if widget is self.funders:
                layout.addWidget(self.rules)
        layout.addWidget(self.status)
        self._connect()
        self._enable()

    def _connect(self) -> None:
        self.funders.selectionModel().currentRowChanged.connect(lambda *_: self._funder_chosen())
        self.services.selectionModel().currentRowChanged.connect(lambda *_: self._service_chosen())
        self.new_funder_action.triggered.connect(lambda: self.edit_funder(None))
        self.edit_funder_action.triggered.connect(lambda: self.edit_funder(current_row(self.funders)))
        self.add_service_action.triggered.connect(lambda: self.edit_service(None))
        self.edit_service_action.triggered.connect(lambda: self.edit_service(current_row(self.services)))
        self.archive_service_action.triggered.connect(self.archive_service)
        self.new_rate_action.triggered.connect(self.new_rate)
        self.import_pack_action.triggered.connect(self.import_pack)
        self.export_pack_action.triggered.connect(self.export_pack)
        self.funders.activated.connect(lambda _i: self.edit_funder(current_row(self.funders)))
        self.services.activated.connect(lambda _i: self.edit_service(current_row(self.services)))

    # --- what is shown --------------------------------------------------------------------------
    def show_organization(self, organization, programs) -> None:
        """The directory chose an organization (programs: its ProgramRows): ask for its funders."""
        if self.organization is None or self.organization.id != organization.id:
            self.status.clear()
        self.organization = organization
        self.programs = tuple((p.id, p.name) for p in programs if not p.archived)
        self.funder_model.program_names = {p.id: p.name for p in programs}
        self.reload()

    def reload(self) -> None:
        if self.organization is None:
            return
        self._request += 1
        number, actor, key = self._request, self.actor, self.organization.id
        self.ops.run(lambda uow: (funder_setup.organization_funding(uow, actor, key), uow.today()),
                     on_done=lambda result: self._show(number, result), write=False)

    def apply_changes(self, changes) -> None:
        if changes.funding or changes.organizations:
            self.reload()

    def _choose_next(self, funder_id, service_id) -> None:
        """Just added: choose it when the reload that follows shows it."""
        self._wanted = (funder_id, service_id)

    def _show(self, number: int, result) -> None:
        if number != self._request:
            return  # a newer answer is coming
        setups, self.today = result
        self.shown_for = self.organization.id  # whose funders the tables hold
        self.services_of = {s.funder.id: s.services for s in setups}
        refill_table(self.funders, self.funder_model, [s.funder for s in setups], 240)
        (funder_id, service_id), self._wanted = self._wanted, (None, None)
        self._choose(self.funders, self.funder_model, funder_id)
        self._funder_chosen()
        self._choose(self.services, self.service_model, service_id)
        self.loaded.emit(len(setups))

    @staticmethod
    def _choose(table, model, key) -> None:
        found = model.row_of(key) if key is not None else None
        if found is not None:
            table.setCurrentIndex(model.index(found, 0))

    def _funder_chosen(self) -> None:
        funder = current_row(self.funders)
        self.rules.setText(f"Rules: {funder.rules}" if funder is not None and funder.rules else
                           "Rules: none written down." if funder is not None else "")
        refill_table(self.services, self.service_model, self.services_of.get(funder.id, ()) if funder else (), 220)
        self._service_chosen()

    def _service_chosen(self) -> None:
        service = current_row(self.services)
        refill_table(self.rates, self.rate_model, service.rates if service is not None else (), 200)
        self._enable()

    def _enable(self) -> None:
        live = self.may_change and self.organization is not None and not self.organization.archived
        funder, service = current_row(self.funders), current_row(self.services)
        self.new_funder_action.setEnabled(live)
        self.edit_funder_action.setEnabled(live and funder is not None)
        self.add_service_action.setEnabled(live and funder is not None)
        for action in (self.edit_service_action, self.archive_service_action, self.new_rate_action):
            action.setEnabled(live and service is not None)
        self.import_pack_action.setEnabled(self.may_change)
        self.export_pack_action.setEnabled(self.may_change and self.funder_model.rowCount() > 0)

    # --- dialogs --------------------------------------------------------------------------------
    def edit_funder(self, row) -> None:
        """A new funder (row None) or an edit of one, in a dialog."""
        if self.organization is None or not (self.edit_funder_action if row else self.new_funder_action).isEnabled():
            return
        dialog = FunderDialog(self.organization.name, self.programs, row, self)
        if row is None:
            key = self.organization.id
            self.open_dialog(dialog, lambda values, done, failed: self.edits.add_funder(key, values, done, failed),
                             after=lambda result: self._choose_next(result[0].id, None))
        else:
            self.open_dialog(dialog, lambda changes, done, failed: self.edits.update_funder(dialog.row, changes, done,
                                                                                            failed),
                             failed=self._stale(dialog, lambda setups: [s.funder for s in setups]))

    def edit_service(self, row) -> None:
        """Add a service to the chosen funder (row None) or edit one, in a dialog."""
        funder = current_row(self.funders)
        if funder is None or not (self.edit_service_action if row else self.add_service_action).isEnabled():
            return
        dialog = ServiceDialog(funder.name, row, self)
        if row is None:
            self.open_dialog(dialog, lambda values, done, failed: self.edits.add_service(funder.id, values, done,
                                                                                         failed),
                             after=lambda result: self._choose_next(funder.id, result[0].id))
        else:
            self.open_dialog(dialog, lambda changes, done, failed: self.edits.update_service(dialog.row, changes,
                                                                                             done, failed),
                             failed=self._stale(dialog, lambda setups: [v for s in setups for v in s.services]))

    def archive_service(self) -> None:
        service = current_row(self.services)
        if service is not None and self.archive_service_action.isEnabled():
            self.edits.set_service_archived(service, True, on_error=lambda exc: error_dialog.show_plain(
                self, exc.message, title="Archive service"))

    def new_rate(self) -> None:
        service = current_row(self.services)
        if service is None or not self.new_rate_action.isEnabled():
            return
        dialog = RateDialog(service.code, service.name, self.today, self)
        self.open_dialog(dialog, lambda values, done, failed: self.edits.set_rate(service.id, values, done, failed))

    def _stale(self, dialog, rows_of):
        """A refused edit: the reason in the dialog, or for a stale copy the record as saved now under it."""
        actor, key = self.actor, self.organization.id
        return refused_or_rebased(self.ops, dialog, lambda uow: funder_setup.organization_funding(uow, actor, key),
                                  rows_of)

    # --- the configuration pack -----------------------------------------------------------------
    def _say(self, words: str, problem: bool = False) -> None:
        self.status.setText(f"⚠ {words}" if problem else words)
        if problem:
            error_dialog.show_plain(self, words, title="Funder pack")
        self.said.emit(words)

    def import_pack(self) -> None:
        """Funders of any organization the pack names; all or nothing."""
        chosen = self.ask_open_path() if self.may_change else ""
        if not chosen:
            return
        path = Path(chosen)
        try:
            data = path.read_bytes()
        except OSError as exc:
            self._say(f"{path} could not be read: {exc.strerror or exc}.", problem=True)
            return
        actor = self.actor
        self.ops.run(lambda uow: funder_pack.import_pack(uow, actor, data),
                     on_done=lambda result: self._say(f"Imported {path.name}: {result[0].words}"),
                     on_error=lambda exc: self._say(f"{path.name} was not imported: {exc.message} Nothing was "
                                                    "changed.", problem=True))

    def export_pack(self) -> None:
        """This organization's funders, their services and fee schedules, to a file written whole."""
        rows = [self.funder_model.row_at(n) for n in range(self.funder_model.rowCount())]
        if not rows or not self.may_change:
            return
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        chosen = self.ask_save_path(str(Path(folder) / f"{self.organization.name} funders.json"))
        if not chosen:
            return
        path = Path(chosen) if chosen.lower().endswith(".json") else Path(f"{chosen}.json")
        actor, keys = self.actor, [r.id for r in rows]

        def write(data: bytes) -> None:
            try:
                printing.write_whole(path, data)
            except OSError as exc:
                self._say(f"Nothing was written to {path}: {exc.strerror or exc}. Choose another folder and try "
                          "again.", problem=True)
                return
            self._say(f"Wrote {len(rows)} funder{'s' if len(rows) != 1 else ''} to {path}.")

        self.ops.run(lambda uow: funder_pack.export_pack(uow, actor, keys), on_done=write,
                     on_error=lambda exc: self._say(f"Not exported: {exc.message}", problem=True), write=False)
