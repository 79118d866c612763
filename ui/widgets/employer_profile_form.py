"""An employer's profile edited in place: industry, size, worksite, bus lines, accessibility, stage and
notes, with Revert / Save (Ctrl+S), messages next to the field and the user's input kept through a
stale save. The screen runs the save (one undo step) and answers saved(row), refused(exc) or rebase()."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from caseteam.domain.employers import EmployerStage
from caseteam.services.employers import EmployerProfileRow

from ..dates import local_date
from .field_row import FormFields
from .form_parts import InPlaceForm
from .record_form import choice, line, text_box

STAGE_CHOICES = [(stage.label, stage) for stage in EmployerStage]


def profile_fields(fields: FormFields) -> FormFields:
    """Mnemonics avoid the menus' F, E, V, O (Reports), H, the list's S, G, Y and Rever&t."""
    line(fields, "industry", "&Industry", description="What the employer does, e.g. grocery retail, hospital")
    line(fields, "size", "Si&ze", description="How many people work there, roughly")
    line(fields, "location", "&Location", description="The worksite, when it is not the mailing address")
    line(fields, "bus_lines", "&Bus lines", description="Public transport that reaches the worksite")
    text_box(fields, "accessibility", "&Accessibility", lines=3,
             description="Entrances, restrooms, noise, lighting: what a job seeker may need to know")
    choice(fields, "stage", "&Pipeline stage", STAGE_CHOICES, description="Where the agency stands with this "
                                                                         "employer")
    text_box(fields, "notes", "&Notes", lines=4, description="How to work with this employer: who decides, "
                                                            "best times to call, what they care about")
    return fields


class EmployerProfileForm(InPlaceForm):
    THIS, KEPT_ON_CLEAR = "this profile", "stage"

    def __init__(self, parent=None) -> None:
        super().__init__(profile_fields, ("Employer profile", "Save (Ctrl+S)", "Save the employer's profile",
                                          "Put back the values last saved, dropping your changes"),
                         "Employer profile", parent)
        self.read_only = False
        self.stage_since = QLabel("")
        self.stage_since.setAccessibleName("Stage since")
        self.stage_since.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.column.addWidget(self.stage_since)
        self._finish_layout()

    def set_read_only(self, read_only: bool) -> None:
        """For roles that may not change the pipeline: fields stay focusable and read out."""
        self.read_only = read_only
        for key, widget in self.fields.fields.items():
            if key == "stage":
                widget.setEnabled(not read_only)
            else:
                widget.setReadOnly(read_only)
        self.bar.setVisible(not read_only)

    def show_profile(self, row: EmployerProfileRow) -> None:
        self.show_row(row)

    def _loaded(self, row: EmployerProfileRow) -> None:
        self.stage_since.setText(f"{row.stage.label} since {local_date(row.stage_changed_on)}"
                                 if row.stage_changed_on else "")

    def clear(self) -> None:
        super().clear()
        self.stage_since.setText("")
