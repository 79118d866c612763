"""Tables of the Work part's own pages: a venture's feasibility steps and start-up costs, portfolio items,
and critical-incident reports. Each says its state in words (done, agreed, notice overdue), never only
by colour."""

from __future__ import annotations

from datetime import datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt

from ..dates import local_date, to_local
from .employment_models import dollars as money  # one way of writing dollars for the Work part's tables
from .list_model import Index, ListTableModel


def local_time(instant: datetime | None) -> str:
    local = to_local(instant)
    return f"{local_date(local.date())} {local:%H:%M}" if local else ""


class TextRows(ListTableModel):
    """A list model whose cells are words from `text(row, column)`; numbers line up on the right."""

    RIGHT: frozenset = frozenset()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self.valid(index):
            return None
        row, column = self._rows[index.row()], self.Column(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            return self.text(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self.RIGHT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def text(self, row, column) -> str:
        raise NotImplementedError


class StepColumn(IntEnum):
    NUMBER = 0
    DESCRIPTION = 1
    DUE = 2
    DONE = 3


class StepModel(TextRows):
    Column = StepColumn
    HEADERS = {StepColumn.NUMBER: "#", StepColumn.DESCRIPTION: "Step", StepColumn.DUE: "Due",
               StepColumn.DONE: "Done"}

    def text(self, row, column) -> str:
        if column == StepColumn.NUMBER:
            return str(row.position)
        if column == StepColumn.DESCRIPTION:
            return row.description
        if column == StepColumn.DUE:
            return local_date(row.due) if row.due else "no date"
        return f"done {local_date(row.done_on)}" if row.done_on else "not done"


class CostColumn(IntEnum):
    ITEM = 0
    AMOUNT = 1
    FUNDER = 2


class CostModel(TextRows):
    Column = CostColumn
    HEADERS = {CostColumn.ITEM: "Item", CostColumn.AMOUNT: "Amount", CostColumn.FUNDER: "Paid by"}
    RIGHT = frozenset({CostColumn.AMOUNT})

    def text(self, row, column) -> str:
        if column == CostColumn.ITEM:
            return row.item
        if column == CostColumn.AMOUNT:
            return money(row.amount)
        return row.funder


class ItemColumn(IntEnum):
    NUMBER = 0
    TITLE = 1
    PHOTO = 2
    AGREEMENT = 3


class PortfolioModel(TextRows):
    Column = ItemColumn
    HEADERS = {ItemColumn.NUMBER: "#", ItemColumn.TITLE: "Item", ItemColumn.PHOTO: "Photo",
               ItemColumn.AGREEMENT: "Person's agreement"}

    def text(self, row, column) -> str:
        if column == ItemColumn.NUMBER:
            return str(self._rows.index(row) + 1)
        if column == ItemColumn.TITLE:
            return row.title
        if column == ItemColumn.PHOTO:
            return row.photo_name or "no photo"
        return row.agreement_text


class IncidentColumn(IntEnum):
    REF = 0
    KIND = 1
    OCCURRED = 2
    DEADLINE = 3
    NOTICE = 4
    STATE = 5


class IncidentModel(TextRows):
    Column = IncidentColumn
    HEADERS = {IncidentColumn.REF: "Report", IncidentColumn.KIND: "Kind", IncidentColumn.OCCURRED: "Happened",
               IncidentColumn.DEADLINE: "Notice deadline", IncidentColumn.NOTICE: "Notice",
               IncidentColumn.STATE: "Report status"}

    def text(self, row, column) -> str:
        if column == IncidentColumn.REF:
            return row.ref
        if column == IncidentColumn.KIND:
            return row.kind.label
        if column == IncidentColumn.OCCURRED:
            return local_time(row.occurred_at)
        if column == IncidentColumn.DEADLINE:
            return local_time(row.deadline)
        if column == IncidentColumn.NOTICE:
            return row.notice_text
        return f"closed {local_date(to_local(row.closed_at).date())}" if row.closed_at else "open"
