"""The caseload's filter bar: search, stage, lead, home organization, and three quick filters.

It only gathers what the user chose; the page turns that into one SQL query on the worker.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from caseteam.domain.people import Stage
from caseteam.services import caseload
from caseteam.services.actors import Actor
from caseteam.services.caseload import CaseloadQuery

SEARCH_PLACEHOLDER = "Search people by name or reference"


def _combo(name: str, everyone: str) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    combo.addItem(everyone, None)
    # Long organization names must not force the window wider than a small laptop screen.
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(10)
    return combo


class CaseloadFilters(QWidget):
    text_edited = Signal()   # typing: the page waits for a pause before asking
    changed = Signal()       # any other filter: ask at once

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.search_box = QLineEdit()
        self.search_box.setObjectName("searchBox")
        self.search_box.setPlaceholderText(f"{SEARCH_PLACEHOLDER} (Ctrl+F)")
        self.search_box.setAccessibleName(SEARCH_PLACEHOLDER)
        self.search_box.setClearButtonEnabled(True)
        self.stage_filter = _combo("Show people in stage", "All stages")
        self.stage_filter.setObjectName("stageFilter")
        for stage in Stage:
            self.stage_filter.addItem(stage.label, stage)
        self.lead_filter = _combo("Show people led by", "Any lead")
        self.organization_filter = _combo("Show people whose home organization is", "Any organization")
        self.mine = QCheckBox("&My caseload")
        self.mine.setAccessibleDescription("Only people you lead as job developer")
        self.review_due = QCheckBox("Plan review &due")
        self.review_due.setAccessibleDescription(
            f"Only people whose plan review is due within {caseload.REVIEW_WINDOW_DAYS} days or already past")
        self.overdue = QCheckBox("Has overdue tas&ks")
        self.overdue.setAccessibleDescription("Only people with an open task past its due date")

        # Three short rows, so the bar fits a 1366-pixel laptop screen with the summary beside the table.
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        first, second, third = QHBoxLayout(), QHBoxLayout(), QHBoxLayout()
        for line in (first, second, third):
            rows.addLayout(line)
        for line, text, widget, stretch in ((first, "&Search:", self.search_box, 3),
                                            (first, "S&tage:", self.stage_filter, 1),
                                            (second, "&Lead:", self.lead_filter, 1),
                                            (second, "&Organization:", self.organization_filter, 1)):
            label = QLabel(text)
            label.setBuddy(widget)
            line.addWidget(label)
            line.addWidget(widget, stretch)
        for box in (self.mine, self.review_due, self.overdue):
            third.addWidget(box)
        third.addStretch(1)

        self.search_box.textChanged.connect(lambda _t: self.text_edited.emit())
        for combo in (self.stage_filter, self.lead_filter, self.organization_filter):
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        for box in (self.mine, self.review_due, self.overdue):
            box.toggled.connect(lambda _on: self.changed.emit())

    def focus_order(self) -> list[QWidget]:
        return [self.search_box, self.stage_filter, self.lead_filter, self.organization_filter, self.mine,
                self.review_due, self.overdue]

    def set_choices(self, choices: caseload.FilterChoices) -> None:
        """Fill the lead and organization lists, keeping what was chosen, without asking again."""
        for combo, items in ((self.lead_filter, choices.leads), (self.organization_filter, choices.organizations)):
            chosen = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for key, text in items:
                combo.addItem(text, key)
            index = combo.findData(chosen) if chosen is not None else 0
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)

    def is_filtered(self) -> bool:
        return any((self.search_box.text().strip(), self.stage_filter.currentData(), self.lead_filter.currentData(),
                    self.organization_filter.currentData(), self.mine.isChecked(), self.review_due.isChecked(),
                    self.overdue.isChecked()))

    def snapshot(self) -> FilterValues:
        """What the user chose, read on the GUI thread; the query is built on the worker."""
        return FilterValues(self.search_box.text().strip() or None, self.stage_filter.currentData(),
                            self.lead_filter.currentData(), self.organization_filter.currentData(),
                            self.mine.isChecked(), self.review_due.isChecked(), self.overdue.isChecked())


@dataclass(frozen=True)
class FilterValues:
    search: str | None
    stage: Stage | None
    lead_staff_id: uuid.UUID | None
    organization_id: uuid.UUID | None
    mine: bool
    review_due: bool
    overdue: bool

    def query(self, actor: Actor, today: date, base: CaseloadQuery) -> CaseloadQuery:
        query = replace(base, search=self.search, stage=self.stage, lead_staff_id=self.lead_staff_id,
                        organization_id=self.organization_id,
                        review_due_by=caseload.review_due_by(today) if self.review_due else None,
                        overdue_on=today if self.overdue else None)
        return caseload.my_caseload(actor, query) if self.mine else query
