"""Dialogs of the Funding part's service entries: Record service… (and Correct…, the same fields
filled in from the entry), Override… (supervisors, with a reason) and Add first-payer proof….

Service really delivered is always saved, so Record service… may answer "saved, held back from
invoices": the dialog then stays open with those words (and any 80% warning) until it is closed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time

from PySide6.QtWidgets import QLineEdit

from caseteam.errors import ValidationError

from ...widgets.field_row import NOTICE_STYLE, date_box, find_data
from .authorization_dialogs import FundingDialog, plain
from .job_development_dialogs import choice_box

NO_ONE = "Nobody named"


@dataclass(frozen=True)
class ServiceChoices:
    """What the entry dialogs offer: (id, words) pairs loaded on the worker."""
    services: tuple = ()
    proof_services: tuple = ()  # the ones that need proof that VR or the school cannot pay first
    providers: tuple = ()
    staff: tuple = ()
    notes: tuple = ()
    funders: tuple = ()  # (funder_service_id, funder_id): who pays each service
    home_organization_id: object = None
    today: date = field(default_factory=date.today)


def time_of(text: str, field_name: str, label: str) -> time | None:
    text = text.strip()
    if not text:
        return None
    try:
        hours, minutes = (int(part) for part in text.replace(".", ":").split(":"))
        return time(hours, minutes)
    except ValueError:
        raise ValidationError(field_name, f'{label} "{text}" is not a time: write it like 09:30 or 14:15.') from None


def saved_words(row) -> tuple[str, bool]:
    """What saving said, and whether it is worth stopping for (held back or a warning)."""
    lines = []
    if row.unauthorized_reason and row.override_by_id is None:
        lines.append(f"⚠ Saved {row.ref}, held back from invoices: {row.unauthorized_reason}.")
    for flag in row.flags:
        lines.append(f"⚠ Saved {row.ref}, held back from invoices until this is fixed: {flag}.")
    if not lines:
        lines.append(f"Saved {row.ref}: {units_words(row.units)}, ${row.amount:,.2f}.")
    lines.extend(f"⚠ {warning}." for warning in row.warnings)
    return "\n".join(lines), bool(row.warnings) or lines[0].startswith("⚠")


def units_words(units) -> str:
    return f"{plain(units)} unit{'' if units == 1 else 's'}"


class ServiceDialog(FundingDialog):
    def __init__(self, person_name: str, choices: ServiceChoices, parent=None, *, entry=None) -> None:
        if entry is None:
            title, ok, intro = ("Record service", "Sa&ve service",
                                f"Service delivered to {person_name}. It is always saved; if no authorization "
                                "covers it, it is held back from invoices and you are told why.")
        elif entry.invoiced_at is not None:
            title, ok, intro = (f"Correct {entry.ref}", "Sa&ve correction",
                                f"{entry.ref} is on an invoice, so it is never edited: a correcting entry replaces "
                                "it and counts instead.")
        else:
            title, ok, intro = (f"Correct {entry.ref}", "Sa&ve correction",
                                f"{entry.ref} is not invoiced yet: it is changed and checked again.")
        super().__init__(title, ok, parent, intro=intro)
        self.entry, self.done_row = entry, None
        today = choices.today
        self.service_box = self.fields.add("funder_service_id", "&Service", choice_box(choices.services),
                                           description="The funder and the service delivered")
        self.date_box = self.fields.add("served_on", "&Date", date_box(entry.served_on if entry else today))
        self.start_box = self.fields.add("starts_at", "S&tart time", QLineEdit(),
                                         description="For example 09:30; with the stop time the units are counted")
        self.stop_box = self.fields.add("ends_at", "St&op time", QLineEdit(), description="For example 10:45")
        self.units_box = self.fields.add("units", "&Units", QLineEdit(),
                                         description="Units delivered, when there are no times (days, items…)")
        self.staff_box = self.fields.add("staff_id", "Sta&ff", choice_box(choices.staff, none_text=NO_ONE),
                                         description="Who delivered it (some services need a credential)")
        self.note_box = self.fields.add("case_note_id", "Case &note", choice_box(choices.notes, none_text="No case note"),
                                        description="The signed case note the service comes from; its times are "
                                                    "used when you give none")
        self.provider_box = self.fields.add("provider_organization_id", "&Provider", choice_box(choices.providers),
                                            description="The organization that provided the service")
        for placeholder, box in (("09:30", self.start_box), ("10:45", self.stop_box)):
            box.setPlaceholderText(placeholder)
        self.provider_box.setCurrentIndex(max(0, find_data(self.provider_box, choices.home_organization_id)))
        if entry is not None:
            self._fill(entry)

    def _fill(self, entry) -> None:
        self.service_box.setCurrentIndex(max(0, find_data(self.service_box, entry.funder_service_id)))
        self.start_box.setText(f"{entry.starts_at:%H:%M}" if entry.starts_at else "")
        self.stop_box.setText(f"{entry.ends_at:%H:%M}" if entry.ends_at else "")
        self.units_box.setText("" if entry.starts_at else plain(entry.units))
        for box, value in ((self.staff_box, entry.staff_id), (self.note_box, entry.case_note_id),
                           (self.provider_box, entry.provider_organization_id)):
            box.setCurrentIndex(max(0, find_data(box, value)))

    def answer(self) -> dict:
        values = self.fields.values()
        try:
            values["starts_at"] = time_of(values["starts_at"], "starts_at", "The start time")
            values["ends_at"] = time_of(values["ends_at"], "ends_at", "The stop time")
        except ValidationError as exc:
            values["problem"] = exc
        values["units"] = values["units"] or None
        return values

    def check(self, values: dict) -> bool:
        problem = values.pop("problem", None)
        if problem is not None:
            self.fields.show_problem(problem.field, problem.message)
            return False
        return True

    def changes(self, values: dict) -> dict:
        """For Correct…: only what differs from the entry (units are counted again from new times)."""
        entry = self.entry
        changed = {k: v for k, v in values.items() if v != getattr(entry, k)}
        if changed.get("units", ...) is None:
            changed.pop("units")
        return changed

    def _submit(self) -> None:
        if self.done_row is not None:  # saved already: OK now only closes
            self.accept()
            return
        super()._submit()

    def saved(self, row) -> None:
        """Close, or stay open saying what held it back or what it warns of."""
        words, stop = saved_words(row)
        if not stop:
            self.finish()
            return
        self.done_row = row
        for widget in self.fields.fields.values():
            widget.setEnabled(False)
        self.message.setText(words)
        self.message.setStyleSheet(NOTICE_STYLE)
        self.message.setAccessibleName("What saving said")
        self.message.show()
        self.ok_button.setText("&Close")
        self.ok_button.setEnabled(True)
        self.buttons.button(self.buttons.StandardButton.Cancel).hide()
        self.ok_button.setFocus()


class OverrideDialog(FundingDialog):
    def __init__(self, entry, parent=None) -> None:
        super().__init__(f"Override {entry.ref}", "&Override", parent,
                         intro=f"{entry.ref} is held back: {entry.unauthorized_reason}. A supervisor's override "
                               "lets it be invoiced; the reason is kept in the audit log and on the reports.")
        self.fields.add("reason", "&Reason", QLineEdit(),
                        description="Why it may be billed, for example: the VR counselor approved it by phone")


class ProofDialog(FundingDialog):
    def __init__(self, person_name: str, services, today: date, parent=None) -> None:
        super().__init__("Add first-payer proof", "&Add proof", parent,
                         intro=f"A dated denial or letter saying VR or the school cannot provide this service to "
                               f"{person_name} first. Entries flagged for it are checked again.")
        self.fields.add("funder_service_id", "&Service", choice_box(services),
                        description="The waiver service the proof is for")
        self.fields.add("dated", "&Dated", date_box(today), description="The date on the letter")
        self.fields.add("issued_by", "&Issued by", QLineEdit(), description="Who wrote it, for example: State VR")
        self.scan_row("Choose &letter scan…", "The first-payer letter")

    def answer(self) -> dict:
        values = self.fields.values()
        if self.scan is not None:
            values["filename"], values["scan"] = self.scan
            if not values["filename"].lower().endswith(".pdf"):
                import mimetypes

                values["media_type"] = mimetypes.guess_type(values["filename"])[0] or "application/octet-stream"
        return values
