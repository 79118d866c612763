"""The accounts in the Users screen: who, which role, whose staff member, and their sign-in state."""

from __future__ import annotations

from datetime import datetime, timezone
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from ..dates import local_date, to_local
from .columns import Index
from .list_model import ListTableModel


def _when(instant: datetime | None) -> str:
    local = to_local(instant)
    return f"{local_date(local.date())} {local:%H:%M}" if local else ""


class UsersModel(ListTableModel):
    class Column(IntEnum):
        NAME = 0
        USERNAME = 1
        ROLE = 2
        STAFF = 3
        ACTIVE = 4
        LOCKED = 5
        LAST_SIGN_IN = 6

    HEADERS = {Column.NAME: "Name", Column.USERNAME: "User name", Column.ROLE: "Role",
               Column.STAFF: "Staff member (organization)", Column.ACTIVE: "Active", Column.LOCKED: "Locked",
               Column.LAST_SIGN_IN: "Last sign-in"}
    ROW_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent=None, *, now=None) -> None:
        super().__init__(parent)
        self.now = now or (lambda: datetime.now(timezone.utc))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self.valid(index):
            return None
        row = self._rows[index.row()]
        if role == self.ROW_ROLE:
            return row
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        column = self.Column(index.column())
        if column is self.Column.NAME:
            return row.display_name
        if column is self.Column.USERNAME:
            return row.username
        if column is self.Column.ROLE:
            return row.role.label
        if column is self.Column.STAFF:
            return f"{row.staff_name} ({row.organization_name})" if row.staff_name else ""
        if column is self.Column.ACTIVE:
            return "Yes" if row.active else "No (disabled)"
        if column is self.Column.LOCKED:
            locked = row.locked_until is not None and to_local(row.locked_until) > to_local(self.now())
            return f"Until {_when(row.locked_until)}" if locked else ""
        if column is self.Column.LAST_SIGN_IN:
            return _when(row.last_sign_in_at) or "Never"
        return None

    def index_of(self, user_id) -> QModelIndex:
        line = self.row_of(user_id)
        return self.index(line, 0) if line is not None else QModelIndex()
