"""Dialogs of the Work part's Self-employment, Portfolio and Incidents pages. Each stays open until its
service answers and shows a refusal next to the field it names (FormDialog)."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDateTime, Qt, QTimeZone
from PySide6.QtWidgets import QComboBox, QDateTimeEdit, QLineEdit, QWidget

from caseteam.domain.incidents import IncidentKind

from ...widgets.date_field import DateField
from ...widgets.field_row import FormDialog, date_box, find_data, plain_text_box

TYPED = "typed"  # the funder or recipient is typed, not chosen from the directory
HOW_NOTIFIED = ("Phone", "Email", "In person", "Online incident system", "Fax", "Letter")


def organization_box(choices, first: str) -> QComboBox:
    combo = QComboBox()
    combo.addItem(first, None)
    for org_id, name in choices:
        combo.addItem(name, org_id)
    return combo


def instant_box(value: datetime) -> QDateTimeEdit:
    """A local date and time to the minute, with a calendar."""
    box = QDateTimeEdit()
    box.setCalendarPopup(True)
    box.setDisplayFormat("yyyy-MM-dd HH:mm")
    box.setDateTime(QDateTime(value.astimezone().replace(tzinfo=None, second=0, microsecond=0)))
    return box


def instant_of(box: QDateTimeEdit) -> datetime:
    """The box's local time as an aware instant (this computer's zone)."""
    return box.dateTime().toPython().replace(tzinfo=None).astimezone()


def local_zone() -> str:
    return bytes(QTimeZone.systemTimeZoneId()).decode("ascii", "replace")


class WorkDialog(FormDialog):
    """Opens on its first field, Tab runs through the fields and then the buttons. (The fields are made
    after FormDialog's buttons, so Qt's own order would start on OK.)"""

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if getattr(self, "_ordered", False):
            return
        self._ordered = True
        chain = [*self.fields.fields.values(), *self.buttons.buttons()]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)
        if chain:
            chain[0].setFocus(Qt.FocusReason.OtherFocusReason)


# --- self-employment --------------------------------------------------------------------------------

class StartVentureDialog(WorkDialog):
    def __init__(self, person_name: str, parent=None) -> None:
        super().__init__("Start a self-employment venture", "&Start", parent,
                         intro=f"A business idea for {person_name}. Its themes start from the latest vocational "
                               "profile; change them on the page afterwards.")
        self.name_box = self.fields.add("business_name", "&Business name", QLineEdit(),
                                        description="The business's name, or a working name for now")
        self.fields.add("idea", "&Idea", plain_text_box(3), description="What the business would do and for whom")


class StepDialog(WorkDialog):
    def __init__(self, business: str, parent=None) -> None:
        super().__init__("Add a feasibility step", "&Add step", parent,
                         intro=f"Something to find out or do before {business} can open.")
        self.description_box = self.fields.add("description", "&Step", QLineEdit(),
                                               description="For example: ask the market about a stall")
        due = DateField("Due")
        due.set_value(None)
        self.fields.add("due", "&Due", due, description="When it should be done, if there is a date")


class CostDialog(WorkDialog):
    def __init__(self, business: str, funders, parent=None, *, row=None) -> None:
        super().__init__("Change a start-up cost" if row else "Add a start-up cost",
                         "&Save cost" if row else "&Add cost", parent,
                         intro=f"Something {business} needs to buy before it opens, and who pays for it.")
        self.item_box = self.fields.add("item", "&Item", QLineEdit(), description="What the money is for")
        self.amount_box = self.fields.add("amount", "A&mount", QLineEdit(),
                                          description="In dollars and cents, for example 249.99")
        self.funder_box = self.fields.add("funder_organization_id", "&Paid by", organization_box(
            funders, "Someone not in the directory (type below)"),
            description="An organization in the directory, or choose the first line and type who pays")
        self.funder_name_box = self.fields.add("funder_name", "&Other funder", QLineEdit(),
                                               description='Who pays, when not in the directory: "PASS plan", '
                                                           '"own savings"')
        if row is not None:
            self.item_box.setText(row.item)
            self.amount_box.setText(f"{row.amount:.2f}")
            self.funder_box.setCurrentIndex(max(0, find_data(self.funder_box, row.funder_organization_id)))
            self.funder_name_box.setText(row.funder_name)


class LaunchDialog(WorkDialog):
    def __init__(self, business: str, today: date, parent=None) -> None:
        super().__init__(f"Launch {business}", "&Launch", parent,
                         intro=f"Record that {business} has opened. A job is added for follow-along (owner of the "
                               "business) and the person moves to Employed. Undo does not take this back: close "
                               "the business instead if it was recorded by mistake.")
        self.fields.add("launch_date", "&Opened on", date_box(today), description="The day the business opened")
        self.hours_box = self.fields.add("hours_per_week", "&Hours a week", QLineEdit(),
                                         description="Hours the person expects to work in the business each week")
        self.earnings_box = self.fields.add("hourly_earnings", "&Earnings an hour", QLineEdit(),
                                            description="Expected earnings per hour worked, in dollars")


class CloseVentureDialog(WorkDialog):
    def __init__(self, business: str, today: date, parent=None) -> None:
        super().__init__(f"Close {business}", "&Close venture", parent,
                         intro=f"Record that {business} closed or the idea was dropped. A launched business's job "
                               "ends as \"Business closed\".")
        self.fields.add("closed_on", "Closed &on", date_box(today))
        self.fields.add("reason", "&Why", plain_text_box(2), description="What happened, in a line or two")


# --- portfolio --------------------------------------------------------------------------------------------

class ItemDialog(WorkDialog):
    def __init__(self, person_name: str, parent=None, *, photo_name: str = "", row=None) -> None:
        intro = (f"An item for {person_name}'s portfolio. It is printed only after {person_name} agrees to it.")
        if photo_name:
            intro += f" Photo: {photo_name}."
        if row is not None and row.agreed:
            intro += " Changing it asks for the person's agreement again."
        super().__init__("Change a portfolio item" if row else "Add to the portfolio",
                         "&Save item" if row else "&Add item", parent, intro=intro)
        self.title_box = self.fields.add("title", "&Title", QLineEdit(),
                                         description="A short heading, for example: Cakes I decorated")
        self.body_box = self.fields.add("body", "&Words", plain_text_box(5),
                                        description="What the item says, in the person's words where possible")
        if row is not None:
            self.title_box.setText(row.title)
            self.body_box.setPlainText(row.body)


class AgreementDialog(WorkDialog):
    def __init__(self, title: str, person_name: str, today: date, parent=None) -> None:
        super().__init__("Record the person's agreement", "&Record agreement", parent,
                         intro=f'{person_name} agrees that "{title}" may be shown in the printed portfolio.')
        self.fields.add("agreed_on", "Agreed &on", date_box(today))
        self.how_box = self.fields.add("how", "&How", QLineEdit(),
                                       description="How they agreed: said yes in our meeting, signed the list")


# --- critical incidents ---------------------------------------------------------------------------------------

class IncidentDialog(WorkDialog):
    def __init__(self, person_name: str, now: datetime, hours: int, parent=None, *, waiver_note: str = "") -> None:
        intro = (f"A critical incident involving {person_name}. Notice is due {hours} hours after staff learned "
                 "of it.")
        if waiver_note:
            intro += " " + waiver_note
        super().__init__("Report a critical incident", "&Report", parent, intro=intro)
        self.kind_box = QComboBox()
        for kind in IncidentKind:
            self.kind_box.addItem(kind.label, kind)
        self.fields.add("kind", "&Kind", self.kind_box)
        self.occurred_box = self.fields.add("occurred_at", "&Happened at", instant_box(now),
                                            description="Local date and time it happened")
        self.discovered_box = self.fields.add("discovered_at", "&Learned of it at", instant_box(now),
                                              description="When staff learned of it: the notice deadline counts "
                                                          "from here")
        self.fields.add("place", "&Place", QLineEdit(), description="Where it happened")
        self.fields.add("people_involved", "P&eople involved", plain_text_box(2),
                        description="Who was there or involved, with their roles")
        self.description_box = self.fields.add("description", "&What happened", plain_text_box(4))
        self.fields.add("actions_taken", "&Actions taken", plain_text_box(3),
                        description="First aid, who was called, what was done to keep the person safe")

    def answer(self) -> dict:
        values = {k: v for k, v in self._plain().items()}
        values.update(occurred_at=instant_of(self.occurred_box), discovered_at=instant_of(self.discovered_box),
                      zone=local_zone())
        return values

    def _plain(self) -> dict:
        skip = {"occurred_at", "discovered_at"}
        return {key: self.fields.value(key) for key in self.fields.fields if key not in skip}


class NotificationDialog(WorkDialog):
    def __init__(self, ref: str, deadline_text: str, organizations, now: datetime, parent=None) -> None:
        super().__init__(f"Record a notification for {ref}", "&Record", parent,
                         intro=f"Who was told about incident {ref}, how and when. {deadline_text}")
        self.organization_box = self.fields.add("organization_id", "&Organization", organization_box(
            organizations, "Not in the directory (type below)"),
            description="The agency notified, if it is in the directory")
        self.notified_box = self.fields.add("notified", "&Notified", QLineEdit(),
                                            description="The person told, with their role (for example: Dana "
                                                        "Whitfield, support coordinator)")
        self.how_box = QComboBox()
        self.how_box.setEditable(True)
        self.how_box.addItems(HOW_NOTIFIED)
        self.fields.add("how", "&How", self.how_box)
        self.when_box = self.fields.add("notified_at", "&When", instant_box(now),
                                        description="Local date and time of the notice")

    def answer(self) -> dict:
        return {"organization_id": self.organization_box.currentData(), "notified": self.notified_box.text().strip(),
                "how": self.how_box.currentText().strip(), "notified_at": instant_of(self.when_box)}
