"""Add or edit one weekly time a partner is in the building: the day, the hours (local wall-clock times typed
as 9:00 or 1:30 pm), the room, who comes, which One-Stop, and a note. The service checks the times and the
staff member; its refusals land next to the field they name."""

from __future__ import annotations

from caseteam.services.presence import DAY_NAMES, SlotRow, clock

from .record_form import RecordDialog, choice, line, required

TIMES = ("starts", "ends")


class SlotDialog(RecordDialog):
    def __init__(self, organization_name: str, staff, sites, row: SlotRow | None = None, parent=None) -> None:
        """staff: [(id, name)] of the organization's active staff; sites: [(id, name)] of the One-Stops."""
        super().__init__("Edit weekly time" if row else "New weekly time", "Save" if row else "Add time", row, parent,
                         intro=f"When {organization_name} is in the building each week. Times are local clock "
                               "times.")
        choice(self.fields, "weekday", "&Day", [(name, n) for n, name in enumerate(DAY_NAMES)],
               description="The day of the week")
        line(self.fields, "starts", "&From", description="When they arrive, for example 9:00 or 1:30 pm")
        line(self.fields, "ends", "&Until", description="When they leave, for example 12:00 or 4:30 pm")
        line(self.fields, "room", "&Room", description="Where to find them, for example Room 104")
        choice(self.fields, "staff_id", "&Who comes", [("Not named", None), *((name, key) for key, name in staff)],
               description="The staff member who is usually there")
        choice(self.fields, "site_organization_id", "&At", [("The One-Stop (not named)", None), *((name, key) for key, name in sites)],
               description="Which One-Stop they are at")
        line(self.fields, "note", "&Note", description="Anything visitors should know, for example 'call ahead'")
        for key in TIMES:
            self.fields.fields[key].setPlaceholderText("9:00" if key == "starts" else "12:00")
        self.resize(480, self.sizeHint().height())
        if row is not None:
            self.fill_from(row)
        else:
            self.fill({"weekday": 0, "site_organization_id": sites[0][0] if len(sites) == 1 else None})

    def fill_from(self, row: SlotRow) -> None:
        self.fill({key: clock(getattr(row, key)) if key in TIMES else getattr(row, key) for key in self.fields.fields})

    def answer(self) -> dict:
        """An edit sends what differs; a time typed the same as the saved one is no change."""
        values = self.all_values()
        if self.row is None:
            return values
        return {key: value for key, value in values.items()
                if value != (clock(getattr(self.row, key)) if key in TIMES else getattr(self.row, key))}

    def problems(self, values: dict) -> dict[str, str]:
        return required(values, {"starts": "The start time", "ends": "The end time"}, *TIMES)
