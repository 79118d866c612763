"""The left side of the partner directory: search, kind filter, "Show archived", and the table of
organizations with their open tasks and the people they serve."""

from __future__ import annotations

from caseteam.domain.organizations import OrganizationKind

from ..models.partner_models import OrganizationTableModel
from .directory_parts import FilterList

Column = OrganizationTableModel.Column


class OrganizationList(FilterList):
    def __init__(self, parent=None) -> None:
        super().__init__(OrganizationTableModel, search=("Search organizations by name, reference or city",
                                                           "Name, reference or city"),
                         choice=("Kin&d:", "Only organizations of this kind", "All kinds", OrganizationKind),
                         check=("Show a&rchived", "Also list archived organizations, programs and staff, so they "
                                                   "can be restored"), noun="organization",
                         table=("Partner organizations", "Choose an organization to see its details on the right"),
                         parent=parent)
        self.kind_filter, self.show_archived = self.choice, self.check
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(Column.NAME, header.ResizeMode.Stretch)  # names get the spare room

    def filters(self) -> dict:
        return {"search": self.search_box.text(), "kind": self.kind_filter.currentData(),
                "include_archived": self.show_archived.isChecked()}

    def clear_filters(self) -> None:
        """Search and kind back to everything, without asking the store (the caller refreshes)."""
        self.search_box.clear()
        self._reset_quietly(self.kind_filter, lambda: self.kind_filter.setCurrentIndex(0))

    def set_rows(self, rows) -> None:
        self.show_rows(rows, ((Column.KIND, 130), (Column.CITY, 85), (Column.PRESENCE, 95), (Column.OPEN_TASKS, 70),
                              (Column.PEOPLE_SERVED, 70)))
