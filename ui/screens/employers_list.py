"""The left side of the Employers section: search, stage filter, "Unmet needs only", and the pipeline
table with each employer's stage, industry, last contact, unmet needs and open negotiations."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from caseteam.domain.employers import EmployerStage

from ..models.employer_models import EmployerTableModel
from .partners_detail import make_table

Column = EmployerTableModel.Column


class EmployerList(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.search_box = QLineEdit()
        self.search_box.setAccessibleName("Search employers by name, reference, city or industry")
        self.search_box.setPlaceholderText("Name, reference, city or industry")
        self.search_box.setClearButtonEnabled(True)
        self.stage_filter = QComboBox()
        self.stage_filter.setAccessibleName("Only employers at this stage")
        self.stage_filter.addItem("All stages", None)
        for stage in EmployerStage:
            self.stage_filter.addItem(stage.label, stage)
        self.open_needs = QCheckBox("Unmet needs onl&y")
        self.open_needs.setAccessibleDescription("List only employers with an unmet need recorded")
        self.count_label = QLabel("")
        self.count_label.setAccessibleName("Number of employers shown")
        self.model = EmployerTableModel(self)
        self.table = make_table(self.model, "Employers", "The agency's employer pipeline. Choose an employer to "
                                "see its profile, contacts, unmet needs and negotiations on the right")
        header = self.table.horizontalHeader()
        # Names keep a readable width (a narrow pane scrolls sideways rather than squeezing them to "Ce…").
        header.setStretchLastSection(True)
        header.setSectionResizeMode(Column.NAME, header.ResizeMode.Interactive)
        header.resizeSection(Column.NAME, 230)

        filters = QHBoxLayout()
        for text, widget in (("&Search:", self.search_box), ("Sta&ge:", self.stage_filter)):
            label = QLabel(text)
            label.setBuddy(widget)
            filters.addWidget(label)
            filters.addWidget(widget, 2 if widget is self.search_box else 1)
        line = QHBoxLayout()
        line.addWidget(self.open_needs)
        line.addStretch(1)
        line.addWidget(self.count_label)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(filters)
        column.addLayout(line)
        column.addWidget(self.table, 1)

    def focus_order(self) -> list[QWidget]:
        return [self.search_box, self.stage_filter, self.open_needs, self.table]

    def filters(self) -> dict:
        return {"search": self.search_box.text(), "stage": self.stage_filter.currentData(),
                "with_open_needs": self.open_needs.isChecked()}

    def clear_filters(self) -> None:
        """Everything listed again, without asking the store (the caller refreshes)."""
        self.search_box.clear()
        for widget, reset in ((self.stage_filter, lambda: self.stage_filter.setCurrentIndex(0)),
                              (self.open_needs, lambda: self.open_needs.setChecked(False))):
            widget.blockSignals(True)
            reset()
            widget.blockSignals(False)

    def set_rows(self, rows) -> None:
        self.model.set_rows(rows)
        self.count_label.setText(f"{len(rows)} employer{'s' if len(rows) != 1 else ''}")
        header = self.table.horizontalHeader()
        for column, widest in ((Column.STAGE, 100), (Column.INDUSTRY, 120), (Column.LAST_CONTACT, 85),
                               (Column.OPEN_NEEDS, 55), (Column.NEGOTIATIONS, 90)):
            self.table.resizeColumnToContents(column)
            header.resizeSection(column, min(header.sectionSize(column), widest))
