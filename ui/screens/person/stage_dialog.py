"""Move a person to another Customized Employment stage: which stage, from which date, and why."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox

from caseteam.domain.people import Stage
from caseteam.services.people import STAGES_NEEDING_REASON, PersonRow

from ...widgets.field_row import FormDialog, date_box, find_data, plain_text_box


class StageDialog(FormDialog):
    def __init__(self, person: PersonRow, today: date, parent=None) -> None:
        super().__init__("Change stage", "Change stage", parent,
                         intro=f"{person.display_name} is in {person.stage.label} since "
                               f"{person.stage_entered_on.isoformat()}. A reason is required for On hold "
                               "and for closing the case.")
        self.stage = self.fields.add("stage", "New &stage", self._stages(person.stage))
        self.entered_on = self.fields.add("entered_on", "From &date", date_box(today),
                                          description="The day the person entered the new stage")
        self.reason = self.fields.add("reason", "&Reason", plain_text_box(2),
                                      description="Why the stage changes; required for On hold and closing")
        self.stage.currentIndexChanged.connect(self._mark_reason)
        self._mark_reason()

    @staticmethod
    def _stages(current: Stage) -> QComboBox:
        combo = QComboBox()
        for stage in Stage:
            if stage is not current:
                combo.addItem(stage.label + (" (reason required)" if stage in STAGES_NEEDING_REASON else ""), stage)
        order = list(Stage)
        following = order.index(current) + 1  # the usual next step is the likely choice
        if following < len(order) and order[following] not in STAGES_NEEDING_REASON:
            combo.setCurrentIndex(max(0, find_data(combo, order[following])))
        return combo

    def _mark_reason(self) -> None:
        needed = self.stage.currentData() in STAGES_NEEDING_REASON
        self.reason.setPlaceholderText("Required for this stage" if needed else "Optional")
