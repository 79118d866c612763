"""Log or correct one Discovery activity: date, setting, time spent, who took part, what happened and
what was learned. Problems the service finds appear under the field they concern."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QLineEdit

from caseteam.domain.discovery import DiscoverySetting
from caseteam.services.discovery import ActivityRow

from ...widgets.field_row import FormDialog, date_box, plain_text_box, set_field_value

MAX_HOURS = 12  # the service refuses more for one activity


class ActivityDialog(FormDialog):
    def __init__(self, person_name: str, today: date, activity: ActivityRow | None = None, parent=None) -> None:
        editing = activity is not None
        super().__init__("Edit Discovery activity" if editing else "Log Discovery activity",
                         "Save changes" if editing else "Log activity", parent,
                         intro=f"An interview, observation or try-out with or about {person_name}.")
        self.activity = activity
        held_on = self.fields.add("held_on", "&Date", date_box(today), description="The day it happened")
        held_on.setMaximumDate(QDate(today.year, today.month, today.day))
        setting = QComboBox()
        for choice in DiscoverySetting:
            setting.addItem(choice.label, choice)
        self.fields.add("setting", "&Setting", setting, description="Where it happened")
        hours = QDoubleSpinBox()
        hours.setRange(0, MAX_HOURS)
        hours.setDecimals(2)
        hours.setSingleStep(0.25)
        hours.setSuffix(" hours")
        hours.setValue(1.0)
        self.fields.add("minutes", "&Time spent", hours,
                        description="In hours: 0.25 is 15 minutes, 1.5 is an hour and a half")
        self.fields.add("participants", "&Who took part", QLineEdit(),
                        description="Names or roles, for example Ana, her aunt Rosa, job developer")
        self.fields.add("description", "What &happened", plain_text_box(3))
        self.fields.add("learned", "What was &learned", plain_text_box(4),
                        description="Required: what this activity taught the team about the person")
        if editing:
            for key in ("held_on", "setting", "participants", "description", "learned"):
                set_field_value(self.fields.fields[key], getattr(activity, key))
            hours.setValue(activity.minutes / 60)
        self.resize(520, self.sizeHint().height())

    def answer(self) -> dict:
        values = self.fields.values()
        values["minutes"] = round(values["minutes"] * 60)
        return values

    def changed_values(self) -> dict:
        """When editing: only what differs from the stored activity."""
        values = self.answer()
        if self.activity is None:
            return values
        return {key: value for key, value in values.items() if getattr(self.activity, key) != value}
