"""The left side of the Employers section: search, stage filter, "Unmet needs only", and the pipeline
table with each employer's stage, industry, last contact, unmet needs and open negotiations."""

from __future__ import annotations


from caseteam.domain.employers import EmployerStage

from ..models.employer_models import EmployerTableModel
from .directory_parts import FilterList

Column = EmployerTableModel.Column


class EmployerList(FilterList):
    def __init__(self, parent=None) -> None:
        super().__init__(EmployerTableModel, search=("Search employers by name, reference, city or industry",
                                                       "Name, reference, city or industry"),
                         choice=("Sta&ge:", "Only employers at this stage", "All stages", EmployerStage),
                         check=("Unmet needs onl&y", "List only employers with an unmet need recorded"), noun="employer",
                         table=("Employers", "The agency's employer pipeline. Choose an employer to see its "
                                "profile, contacts, unmet needs and negotiations on the right"), parent=parent)
        self.stage_filter, self.open_needs = self.choice, self.check
        header = self.table.horizontalHeader()
        # Names keep a readable width (a narrow pane scrolls sideways rather than squeezing them to "Ce…").
        header.setStretchLastSection(True)
        header.setSectionResizeMode(Column.NAME, header.ResizeMode.Interactive)
        header.resizeSection(Column.NAME, 230)

    def filters(self) -> dict:
        return {"search": self.search_box.text(), "stage": self.stage_filter.currentData(),
                "with_open_needs": self.open_needs.isChecked()}

    def clear_filters(self) -> None:
        """Everything listed again, without asking the store (the caller refreshes)."""
        self.search_box.clear()
        self._reset_quietly(self.stage_filter, lambda: self.stage_filter.setCurrentIndex(0))
        self._reset_quietly(self.open_needs, lambda: self.open_needs.setChecked(False))

    def set_rows(self, rows) -> None:
        self.show_rows(rows, ((Column.STAGE, 100), (Column.INDUSTRY, 120), (Column.LAST_CONTACT, 85),
                              (Column.OPEN_NEEDS, 55), (Column.NEGOTIATIONS, 90)))
