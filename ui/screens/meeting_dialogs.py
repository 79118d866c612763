"""Schedule a meeting: kind, title, the person (a team meeting) or partnership, host, date and time in a
time zone, length, place or call link, facilitator, how it repeats and until when, and the first agenda.
A FormDialog: the section runs meetings.schedule_meeting on OK, and a refusal shows beside the field it
names (the field keys are the service's argument names)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QComboBox, QLineEdit, QSpinBox, QTimeEdit

from caseteam.domain.meetings import MeetingKind, Recurrence

from ..widgets.date_field import DateField
from ..widgets.field_row import FormDialog, date_box, field_value, plain_text_box


def _combo(items, first: tuple | None = None) -> QComboBox:
    box = QComboBox()
    if first is not None:
        box.addItem(first[1], first[0])
    for key, text in items:
        box.addItem(text, key)
    return box


class ScheduleMeetingDialog(FormDialog):
    def __init__(self, choices: dict, parent=None, *, host_id=None) -> None:
        super().__init__("Schedule a meeting", "&Schedule", parent,
                         intro="A customized-support team meeting is about one person and follows that person's "
                               "access and consent rules; the other kinds are the partnership's. A repeating "
                               "meeting keeps its local time across daylight-saving changes.")
        today: date = choices["today"]
        self.kind = self.fields.add("kind", "&Kind", _combo((k, k.label) for k in MeetingKind),
                                    description="What sort of meeting this is")
        self.title = self.fields.add("title", "&Title", QLineEdit(), description="What the invitation calls it")
        self.person = self.fields.add("person_id", "Pers&on", _combo(choices["people"], (None, "No one person")),
                                      description="The job seeker whose team meets (team meetings only)")
        self.partnership = self.fields.add(
            "partnership_id", "Pa&rtnership", _combo(choices["partnerships"], (None, "None")),
            description="The partnership this meeting belongs to, if any")
        self.host = self.fields.add("host_organization_id", "&Host",
                                    _combo((o[0], o[1]) for o in choices["organizations"]),
                                    description="The organization that calls the meeting")
        if host_id is not None:
            self.host.setCurrentIndex(max(0, next((i for i in range(self.host.count())
                                                   if self.host.itemData(i) == host_id), 0)))
        self.day = self.fields.add("starts_local", "&Date", date_box(today + timedelta(days=7)),
                                   description="The day of the (first) meeting")
        self.time = QTimeEdit(QTime(10, 0))
        self.time.setDisplayFormat("HH:mm")
        self.fields.add("time", "T&ime", self.time, description="The local start time, 24-hour clock")
        self.zone = self.fields.add("zone", "Time &zone", QLineEdit(choices["zone"]),
                                    description="An IANA zone name such as America/Chicago")
        self.duration = QSpinBox()
        self.duration.setRange(5, 24 * 60)
        self.duration.setSingleStep(15)
        self.duration.setValue(60)
        self.duration.setSuffix(" minutes")
        self.fields.add("duration_minutes", "&Length", self.duration, description="How long it lasts, in minutes")
        self.place = self.fields.add("place", "Pl&ace", QLineEdit(), description="Where it is held")
        self.call_link = self.fields.add("call_link", "&Call link", QLineEdit(),
                                         description="The video or phone link, if any")
        self.facilitator = self.fields.add("facilitator", "&Facilitator", QLineEdit(),
                                           description="An outside facilitator, by name (a partner workgroup)")
        self.recurrence = self.fields.add("recurrence", "Re&peats", _combo((r, r.label) for r in Recurrence),
                                          description="Weekly, monthly on the same weekday (2nd Tuesday) or on "
                                                      "the same date")
        self.interval = QSpinBox()
        self.interval.setRange(1, 52)
        self.fields.add("interval", "&Every", self.interval,
                        description="Every N weeks or months: 2 is bimonthly, 3 quarterly")
        self.until = self.fields.add("until", "&Until", DateField("Until"),
                                     description="The last day the series runs (Not recorded: no end)")
        self.until.set_value(None)
        self.agenda = self.fields.add("agenda", "A&genda", plain_text_box(4),
                                      description="One agenda item per line")
        self.kind.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self.recurrence.currentIndexChanged.connect(lambda _i: self._repeat_changed())
        self._kind_changed()
        self._repeat_changed()

    def _kind_changed(self) -> None:
        team = self.kind.currentData() is MeetingKind.TEAM
        self.person.setEnabled(team)
        if not team:
            self.person.setCurrentIndex(0)
        elif self.person.currentIndex() == 0 and self.person.count() > 1:
            self.person.setCurrentIndex(1)

    def _repeat_changed(self) -> None:
        repeats = self.recurrence.currentData() is not Recurrence.NONE
        self.interval.setEnabled(repeats)
        self.until.setEnabled(repeats)

    def answer(self) -> dict:
        special = {"time", "duration_minutes", "interval"}  # spin and time boxes: read directly
        v = {key: field_value(w) for key, w in self.fields.fields.items() if key not in special}
        v.update(duration_minutes=self.duration.value(), interval=self.interval.value())
        t = self.time.time()
        starts = datetime.combine(v["starts_local"], datetime.min.time()).replace(hour=t.hour(), minute=t.minute())
        repeats = v["recurrence"] is not Recurrence.NONE
        return dict(kind=v["kind"], title=v["title"], person_id=v["person_id"], partnership_id=v["partnership_id"],
                    host_organization_id=v["host_organization_id"], starts_local=starts, zone=v["zone"],
                    duration_minutes=int(v["duration_minutes"]), place=v["place"], call_link=v["call_link"],
                    facilitator=v["facilitator"], recurrence=v["recurrence"],
                    interval=int(v["interval"]) if repeats else 1, until=v["until"] if repeats else None,
                    agenda=tuple(line.strip() for line in v["agenda"].splitlines() if line.strip()))

    def check(self, values: dict) -> bool:
        if not values["title"]:
            self.fields.show_problem("title", "Give the meeting a title.")
            return False
        if values["host_organization_id"] is None:
            self.fields.show_problem("host_organization_id", "Choose the organization that hosts it.")
            return False
        return True


class CancelMeetingDialog(FormDialog):
    """Why a planned meeting will not take place; the reason is kept with it (and undo puts it back)."""

    def __init__(self, title: str, ref: str, parent=None) -> None:
        super().__init__(f"Cancel {ref}", "&Cancel the meeting", parent,
                         intro=f"{title} ({ref}) will show as cancelled; its agenda and attendees are kept.")
        self.fields.add("reason", "&Reason", plain_text_box(), description="Why it will not take place (required)")

    def check(self, values: dict) -> bool:
        if not values["reason"]:
            self.fields.show_problem("reason", "Say why the meeting is cancelled.")
            return False
        return True
