"""Dialogs of the Funding part's authorizations: Request authorization…, Record received… (with the
letter's scan), Amend… and Cancel…. Each stays open until its service answers and shows a refusal next
to the field it names (FormDialog); blank units or amount mean "as before" (or "none" on a request)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from ...widgets.date_field import DateField
from ...widgets.editor_parts import chain_tab_order
from ...widgets.field_row import FormDialog, date_box, plain_text_box
from .job_development_dialogs import choice_box  # (id, words) pairs: services as "State VR — JC Job coaching"

SCANS = "Scans (*.pdf *.png *.jpg *.jpeg *.tif *.tiff);;All files (*)"


def choose_scan(parent, title: str) -> str:
    """The file a person picks ("" when cancelled); tests replace this."""
    return QFileDialog.getOpenFileName(parent, title, "", SCANS)[0]


def blank_none(value):
    return None if value in ("", None) else value


def plain(value) -> str:
    return "" if value is None else f"{value.normalize():f}" if hasattr(value, "normalize") else str(value)


class FundingDialog(FormDialog):
    """Opens on its first field; Tab runs through the fields, then any extra controls, then the buttons."""

    extra: tuple = ()
    optional: tuple = ()  # fields whose blank means "none" (or "as before")
    scan = None  # (filename, bytes) once a file is chosen (scan_row)
    scan_key: str = ""  # where answer() puts the chosen file: "" none, "attachment" the pair

    def answer(self) -> dict:
        values = self.fields.values()
        for key in self.optional:
            values[key] = blank_none(values[key])
        if self.scan_key:
            values[self.scan_key] = self.scan
        return values

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if getattr(self, "_ordered", False):
            return
        self._ordered = True
        chain = [*self.fields.fields.values(), *self.extra, *self.buttons.buttons()]
        chain_tab_order(*chain)
        chain[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def scan_row(self, text: str, title: str) -> None:
        """A "Choose…" button and the chosen file's name; self.scan is (filename, bytes) or None."""
        self.scan_button = QPushButton(text)
        self.scan_button.setAccessibleDescription("Pick the scanned letter (PDF or picture) from this computer")
        self.scan_name = QLabel("No file chosen")
        self.scan_name.setAccessibleName("Chosen file")
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.scan_button)
        line.addWidget(self.scan_name, 1)
        label = QLabel("Scan:")
        label.setBuddy(self.scan_button)
        self.form.addRow(label, row)
        self.extra = (self.scan_button,)
        self.scan_button.clicked.connect(lambda: self._choose(title))

    def _choose(self, title: str) -> None:
        path = choose_scan(self, title)
        if not path:
            return
        self.scan = (Path(path).name, Path(path).read_bytes())
        self.scan_name.setText(f"{self.scan[0]} ({len(self.scan[1]):,} bytes)")
        self.scan_name.setAccessibleName(f"Chosen file: {self.scan[0]}")


class RequestDialog(FundingDialog):
    def __init__(self, person_name: str, services, today: date, parent=None) -> None:
        super().__init__("Request an authorization", "&Record request", parent,
                         intro=f"Record that the team asked a funder to authorize a service for {person_name}. "
                               "It is listed as requested, with a date to chase the funder (two weeks unless "
                               "you give one), until the letter comes.")
        self.service_box = self.fields.add("funder_service_id", "&Service", choice_box(services),
                                           description="The funder and the service asked for")
        self.fields.add("starts_on", "&From", date_box(today), description="The first day asked for")
        self.fields.add("ends_on", "&To", date_box(today + timedelta(days=364)), description="The last day asked for")
        self.units_box = self.fields.add("units", "&Units", QLineEdit(),
                                         description="Units asked for (15-minute units, hours, days…), or blank")
        self.fields.add("amount", "A&mount", QLineEdit(), description="Dollars asked for, or blank")
        self.fields.add("number", "Funder's num&ber", QLineEdit(),
                        description="The funder's reference, if it gave one already")
        follow = DateField("Follow up on")
        follow.set_value(None)
        self.fields.add("follow_up_on", "Follow up &on", follow,
                        description="When to chase the funder; blank: two weeks after today")
        self.fields.add("note", "Not&e", plain_text_box(2))
        self.optional = ("units", "amount")


class ReceivedDialog(FundingDialog):
    def __init__(self, auth, parent=None) -> None:
        super().__init__(f"Record authorization {auth.ref} received", "&Record received", parent,
                         intro=f"{auth.funder_name} sent the authorization for {auth.service_code}. Its number and "
                               "terms make it active; change the units, amount or dates if the letter differs "
                               "from the request.")
        self.number_box = self.fields.add("number", "Funder's num&ber", QLineEdit(auth.number),
                                          description="The authorization number on the funder's letter")
        self.fields.add("units", "&Units", QLineEdit(plain(auth.units)), description="Units authorized, or blank")
        self.fields.add("amount", "A&mount", QLineEdit(plain(auth.amount)), description="Dollars authorized, or blank")
        self.fields.add("starts_on", "&From", date_box(auth.starts_on))
        self.fields.add("ends_on", "&To", date_box(auth.ends_on))
        self.scan_row("Choose &letter scan…", "The authorization letter")
        self.optional = ("units", "amount")

    def answer(self) -> dict:
        values = super().answer()
        if self.scan is not None:
            values["letter_filename"], values["letter"] = self.scan
        return values


class AmendDialog(FundingDialog):
    def __init__(self, auth, today: date, parent=None) -> None:
        super().__init__(f"Amend authorization {auth.ref}", "&Amend", parent,
                         intro="The funder changed the units, the amount or the end date. The amendment is kept "
                               "with what it was before; leave a box as it is to keep that term.")
        self.fields.add("amended_on", "Amended &on", date_box(today), description="The date of the funder's change")
        self.units_box = self.fields.add("units", "&Units", QLineEdit(plain(auth.units)),
                                         description="Units authorized from now on")
        self.fields.add("amount", "A&mount", QLineEdit(plain(auth.amount)),
                        description="Dollars authorized from now on")
        self.fields.add("ends_on", "&Ends on", date_box(auth.ends_on))
        self.fields.add("reason", "&Reason", plain_text_box(2), description="Why the funder changed it")
        self.optional = ("units", "amount")


class CancelDialog(FundingDialog):
    def __init__(self, auth, parent=None) -> None:
        super().__init__(f"Cancel authorization {auth.ref}", "&Cancel authorization", parent,
                         intro=f"{auth.ref} ({auth.funder_name}, {auth.service_code}) will no longer cover "
                               "service. Its entries so far stay recorded.")
        self.buttons.button(self.buttons.StandardButton.Cancel).setText("&Keep it")
        self.fields.add("reason", "&Reason", plain_text_box(2), description="Why it is cancelled")
