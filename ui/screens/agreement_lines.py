"""The draft editor's service lines: service, code, unit, rate, units and amount, typed in the table. The amount
is offered as units × rate while it follows them (blank, or equal to the product); a typed amount that differs
is kept and the mismatch is said under the table before anyone saves (finalizing refuses it)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from enum import IntEnum

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from caseteam.errors import ValidationError

from ..widgets.editor_parts import button_row
from ..widgets.field_row import PROBLEM_STYLE
from .agreement_parties import button, titled

CENT = Decimal("0.01")


class Column(IntEnum):
    SERVICE = 0
    CODE = 1
    UNIT = 2
    RATE = 3
    UNITS = 4
    AMOUNT = 5


HEADERS = ("Service", "Code", "Unit", "Rate ($)", "Units", "Amount ($)")
NUMBERS = (Column.RATE, Column.UNITS, Column.AMOUNT)


def plain(value) -> str:
    return "" if value is None else f"{value:f}"


def number(text: str, line: int, what: str) -> Decimal | None:
    text = text.strip().replace(",", "").removeprefix("$")
    if not text:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        raise ValidationError("service_lines", f'Line {line}: the {what} "{text}" is not a number.') from None


def product(rate, units) -> Decimal | None:
    return None if rate is None or units is None else (rate * units).quantize(CENT)


class LinesEditor(QWidget):
    changed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.kept: list[dict] = []  # per line what the table does not show: funder service, provided and paid by
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setObjectName("serviceLinesTable")
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        self.table.setAccessibleName("Service lines")
        self.table.setAccessibleDescription("Each service with its unit, rate, units and amount; F2 edits a cell, "
                                            "the amount follows units × rate")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(Column.SERVICE, QHeaderView.ResizeMode.Stretch)
        self.add_button = button("Add line", "A new service line at the end")
        self.remove_button = button("Remove line", "Take the chosen line out")
        self.warning = QLabel("")
        self.warning.setObjectName("lineMismatch")
        self.warning.setAccessibleName("Amounts that do not add up")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(PROBLEM_STYLE)
        self.warning.hide()
        self.total = QLabel("")
        self.total.setAccessibleName("Total of the lines")
        layout = QVBoxLayout(self)
        layout.addWidget(titled("Service lines:", self.table))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.total)
        layout.addWidget(self.warning)
        layout.addLayout(button_row(self.add_button, self.remove_button))
        self.table.itemChanged.connect(self._edited)
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove)
        self.table.currentCellChanged.connect(lambda *_a: self.remove_button.setEnabled(self.table.currentRow() >= 0))
        self.remove_button.setEnabled(False)

    def focus_order(self) -> list[QWidget]:
        return [self.table, self.add_button, self.remove_button]

    def set_lines(self, lines) -> None:
        self.kept = [dict(funder_service_id=l.funder_service_id, provided_by=l.provided_by, paid_by=l.paid_by)
                     for l in lines]
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for line in lines:
            self._append((line.service, line.code, line.unit, plain(line.rate), plain(line.units), plain(line.amount)))
        self.table.blockSignals(False)
        self._check()

    def _append(self, texts) -> None:
        n = self.table.rowCount()
        self.table.insertRow(n)
        for column, text in enumerate(texts):
            self.table.setItem(n, column, QTableWidgetItem(text))

    def text(self, n: int, column: Column) -> str:
        item = self.table.item(n, column)
        return item.text().strip() if item is not None else ""

    def set_text(self, n: int, column: Column, text: str) -> None:
        """As if typed into the cell (the amount offer and the check follow)."""
        self.table.item(n, column).setText(text)

    def _edited(self, item: QTableWidgetItem) -> None:
        n = item.row()
        if item.column() in (Column.RATE, Column.UNITS):
            try:
                rate, units = number(self.text(n, Column.RATE), n + 1, "rate"), number(self.text(n, Column.UNITS),
                                                                                    n + 1, "units")
            except ValidationError:
                rate = units = None
            offered = product(rate, units)
            if offered is not None and self.kept[n].get("follows", True):
                self.table.blockSignals(True)
                self.table.item(n, Column.AMOUNT).setText(f"{offered:f}")
                self.table.blockSignals(False)
        self._check()
        self.changed.emit()

    def _check(self) -> None:
        """Say what does not add up (or is not a number) and the total, and note which amounts follow."""
        problems, total = [], Decimal(0)
        for n in range(self.table.rowCount()):
            try:
                rate, units, amount = (number(self.text(n, c), n + 1, w) for c, w in
                                       ((Column.RATE, "rate"), (Column.UNITS, "units"), (Column.AMOUNT, "amount")))
            except ValidationError as exc:
                problems.append(exc.message)
                continue
            offered = product(rate, units)
            self.kept[n]["follows"] = amount is None or amount == offered
            if offered is not None and amount is not None and offered != amount:
                problems.append(f"{self.text(n, Column.SERVICE) or f'Line {n + 1}'}: {units:f} × ${rate:f} is "
                                f"${offered:,}, not ${amount:,}.")
            total += amount or 0
        self.warning.setText("\n".join(f"⚠ {p}" for p in problems))
        self.warning.setVisible(bool(problems))
        self.total.setText(f"Total: ${total:,.2f}" if self.table.rowCount() else "No service lines.")

    def add(self) -> None:
        self.kept.append(dict(funder_service_id=None, provided_by="", paid_by=""))
        self.table.blockSignals(True)
        self._append(("", "", "", "", "", ""))
        self.table.blockSignals(False)
        n = self.table.rowCount() - 1
        self.table.setCurrentCell(n, Column.SERVICE)
        self.table.setFocus()
        self.table.editItem(self.table.item(n, Column.SERVICE))
        self._check()
        self.changed.emit()

    def remove(self) -> None:
        n = self.table.currentRow()
        if 0 <= n < self.table.rowCount():
            self.table.removeRow(n)
            del self.kept[n]
            self._check()
            self.changed.emit()

    def raw(self) -> list[tuple]:
        """What the table holds as typed (for noticing unsaved edits)."""
        return [tuple(self.text(n, c) for c in Column) for n in range(self.table.rowCount())]

    def value(self) -> list[dict]:
        """update_draft's service_lines; ValidationError naming the line when a number is not one."""
        lines = []
        for n in range(self.table.rowCount()):
            kept = {k: v for k, v in self.kept[n].items() if k != "follows"}
            lines.append(dict(kept, service=self.text(n, Column.SERVICE), code=self.text(n, Column.CODE),
                              unit=self.text(n, Column.UNIT), rate=number(self.text(n, Column.RATE), n + 1, "rate"),
                              units=number(self.text(n, Column.UNITS), n + 1, "units"),
                              amount=number(self.text(n, Column.AMOUNT), n + 1, "amount")))
        return lines

    def show_problem(self, message: str) -> None:
        self.warning.setText(f"⚠ {message}")
        self.warning.show()
        self.table.setFocus()
