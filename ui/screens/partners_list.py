"""The left side of the partner directory: search, kind filter, "Show archived", and the table of
organizations with their open tasks and the people they serve."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from caseteam.domain.organizations import OrganizationKind

from ..models.partner_models import OrganizationTableModel
from .partners_detail import make_table

Column = OrganizationTableModel.Column


class OrganizationList(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.search_box = QLineEdit()
        self.search_box.setAccessibleName("Search organizations by name, reference or city")
        self.search_box.setPlaceholderText("Name, reference or city")
        self.search_box.setClearButtonEnabled(True)
        self.kind_filter = QComboBox()
        self.kind_filter.setAccessibleName("Only organizations of this kind")
        self.kind_filter.addItem("All kinds", None)
        for kind in OrganizationKind:
            self.kind_filter.addItem(kind.label, kind)
        self.show_archived = QCheckBox("Show a&rchived")
        self.show_archived.setAccessibleDescription("Also list archived organizations, programs and staff, so "
                                                    "they can be restored")
        self.count_label = QLabel("")
        self.count_label.setAccessibleName("Number of organizations shown")
        self.model = OrganizationTableModel(self)
        self.table = make_table(self.model, "Partner organizations",
                                "Choose an organization to see its details on the right")
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(Column.NAME, header.ResizeMode.Stretch)  # names get the spare room

        filters = QHBoxLayout()
        for text, widget in (("&Search:", self.search_box), ("Kin&d:", self.kind_filter)):
            label = QLabel(text)
            label.setBuddy(widget)
            filters.addWidget(label)
            filters.addWidget(widget, 2 if widget is self.search_box else 1)
        line = QHBoxLayout()
        line.addWidget(self.show_archived)
        line.addStretch(1)
        line.addWidget(self.count_label)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(filters)
        column.addLayout(line)
        column.addWidget(self.table, 1)

    def focus_order(self) -> list[QWidget]:
        return [self.search_box, self.kind_filter, self.show_archived, self.table]

    def filters(self) -> dict:
        return {"search": self.search_box.text(), "kind": self.kind_filter.currentData(),
                "include_archived": self.show_archived.isChecked()}

    def clear_filters(self) -> None:
        """Search and kind back to everything, without asking the store (the caller refreshes)."""
        self.search_box.clear()
        self.kind_filter.blockSignals(True)
        self.kind_filter.setCurrentIndex(0)
        self.kind_filter.blockSignals(False)

    def set_rows(self, rows) -> None:
        self.model.set_rows(rows)
        self.count_label.setText(f"{len(rows)} organization{'s' if len(rows) != 1 else ''}")
        header = self.table.horizontalHeader()
        for column, widest in ((Column.KIND, 130), (Column.CITY, 85), (Column.OPEN_TASKS, 70),
                               (Column.PEOPLE_SERVED, 70)):
            self.table.resizeColumnToContents(column)
            header.resizeSection(column, min(header.sectionSize(column), widest))
