"""Releases of information (status in words, never colour alone) and the disclosure log, as tables."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt

from caseteam.services.consent_rows import DisclosureRow, ReleaseRow, ReleaseStatus

from ..dates import local_date
from .list_model import Index, ListTableModel

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the frozen row behind a line


class ReleaseColumn(IntEnum):
    REF = 0
    STATUS = 1
    PARTIES = 2
    CATEGORIES = 3
    SIGNED = 4
    SIGNER = 5
    COPY = 6


class ReleaseModel(ListTableModel):
    Column = ReleaseColumn
    HEADERS = {ReleaseColumn.REF: "Release", ReleaseColumn.STATUS: "Status", ReleaseColumn.PARTIES: "Parties",
               ReleaseColumn.CATEGORIES: "Information", ReleaseColumn.SIGNED: "Signed",
               ReleaseColumn.SIGNER: "Signed by", ReleaseColumn.COPY: "Signed copy"}

    def __init__(self, parent=None, *, with_person: bool = False) -> None:
        super().__init__(parent)
        self.with_person = with_person  # the expiring list names whose release it is

    def release_at(self, row: int) -> ReleaseRow | None:
        return self.row_at(row)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self.valid(index):
            return None
        r: ReleaseRow = self._rows[index.row()]
        column = ReleaseColumn(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(r, column)
        if role == Qt.ItemDataRole.ToolTipRole and column in (ReleaseColumn.PARTIES, ReleaseColumn.CATEGORIES):
            return self._text(r, column).replace("; ", "\n")
        if role == Qt.ItemDataRole.FontRole and r.status is not ReleaseStatus.ACTIVE:
            from PySide6.QtGui import QFont
            font = QFont()
            font.setItalic(True)
            return font
        if role == ROW_ROLE:
            return r
        return None

    def _text(self, r: ReleaseRow, column: ReleaseColumn) -> str:
        if column == ReleaseColumn.REF:
            return f"{r.ref} – {r.person_name}" if self.with_person else r.ref
        if column == ReleaseColumn.STATUS:
            return r.status_text
        if column == ReleaseColumn.PARTIES:
            if r.two_way:
                return "Two-way among: " + "; ".join(p.name for p in r.parties)
            return "; ".join(f"{p.name} ({p.role_label})" for p in r.parties)
        if column == ReleaseColumn.CATEGORIES:
            return "; ".join(r.category_labels)
        if column == ReleaseColumn.SIGNED:
            return local_date(r.signed_on)
        if column == ReleaseColumn.SIGNER:
            return r.signer_text
        return r.signed_copy_filename or "not attached"


class DisclosureColumn(IntEnum):
    WHEN = 0
    RECIPIENT = 1
    WHAT = 2
    CATEGORIES = 3
    CHANNEL = 4
    RELEASE = 5
    BY = 6


class DisclosureModel(ListTableModel):
    Column = DisclosureColumn
    HEADERS = {DisclosureColumn.WHEN: "When", DisclosureColumn.RECIPIENT: "To", DisclosureColumn.WHAT: "What",
               DisclosureColumn.CATEGORIES: "Information", DisclosureColumn.CHANNEL: "How",
               DisclosureColumn.RELEASE: "Under release", DisclosureColumn.BY: "By"}

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self.valid(index):
            return None
        d: DisclosureRow = self._rows[index.row()]
        if role == ROW_ROLE:
            return d
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        column = DisclosureColumn(index.column())
        return {DisclosureColumn.WHEN: d.at.astimezone().strftime("%Y-%m-%d %H:%M"),
                DisclosureColumn.RECIPIENT: d.recipient_name, DisclosureColumn.WHAT: d.description,
                DisclosureColumn.CATEGORIES: "; ".join(c.label for c in d.categories),
                DisclosureColumn.CHANNEL: d.channel,
                DisclosureColumn.RELEASE: d.release_ref or "none needed (own organization)",
                DisclosureColumn.BY: d.made_by}[column]
