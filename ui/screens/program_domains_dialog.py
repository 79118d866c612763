"""Tag a partner program with the life domains it serves (the resource map's partner side). One program
at a time: choose it, tick its domains, Save; the save is an undo step that puts the old set back."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QGridLayout, QGroupBox, QLabel,
                               QVBoxLayout)

from caseteam.domain.partnerships import LifeDomain
from caseteam.services import life_domains

from .partnership_plans import refill


class ProgramDomainsDialog(QDialog):
    saved = Signal(object)  # the program id whose domains were saved

    def __init__(self, ops, actor, history, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Program life domains")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.ops, self.actor, self.history = ops, actor, history
        self.rows: list = []
        self.program_box = QComboBox()
        self.program_box.setAccessibleName("Program")
        self.program_box.setAccessibleDescription("The partner program whose life domains to tag")
        program_label = QLabel("P&rogram:")
        program_label.setBuddy(self.program_box)
        box = QGroupBox("Life domains the program serves")
        grid = QGridLayout(box)
        self.checks: dict[LifeDomain, QCheckBox] = {}
        for n, domain in enumerate(LifeDomain):
            check = QCheckBox(domain.label)
            check.setAccessibleName(f"Serves {domain.label.lower()}")
            self.checks[domain] = check
            grid.addWidget(check, n // 2, n % 2)
        self.message = QLabel("")
        self.message.setAccessibleName("Program domains status")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("&Save domains")
        layout = QVBoxLayout(self)
        layout.addWidget(program_label)
        layout.addWidget(self.program_box)
        layout.addWidget(box)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.program_box.currentIndexChanged.connect(lambda _i: self._show_checks())
        self.load()

    def load(self) -> None:
        actor = self.actor
        self.ops.run(lambda uow: life_domains.programs_with_domains(uow, actor), on_done=self._put, write=False)

    def _put(self, rows) -> None:
        self.rows = rows
        refill(self.program_box, [(f"{row.organization_name} — {row.program_name}", row.program_id) for row in rows])
        self._show_checks()

    def current(self):
        key = self.program_box.currentData()
        return next((r for r in self.rows if r.program_id == key), None)

    def _show_checks(self) -> None:
        row = self.current()
        for domain, check in self.checks.items():
            check.setChecked(row is not None and domain in row.domains)
        self.save_button.setEnabled(row is not None)

    def save(self) -> None:
        row, actor = self.current(), self.actor
        if row is None:
            return
        wanted = [d for d, check in self.checks.items() if check.isChecked()]
        before = row.domains

        def done(_result) -> None:
            self.message.setText(f"Saved the domains of {row.program_name}.")
            self.saved.emit(row.program_id)
            self.load()

        self.history.perform(f"Tag {row.program_name}'s life domains",
                             lambda uow: life_domains.set_program_domains(uow, actor, row.program_id, wanted),
                             lambda uow, _last: life_domains.set_program_domains(uow, actor, row.program_id, before),
                             on_done=done, on_error=lambda exc: self.message.setText(exc.message))
