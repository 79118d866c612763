"""Dialogs of the Funding part's Invoices and Progress reports pages: draft an invoice (funder and month),
submit it, record it paid, returned or denied. Each stays open until its service answers and shows a
refusal next to the field it names (FormDialog); dates default to today."""

from __future__ import annotations

import calendar
from datetime import date

from PySide6.QtWidgets import QComboBox, QLineEdit

from ...widgets.field_row import date_box, plain_text_box
from .work_dialogs import WorkDialog

MONTHS_BACK = 18  # how far back the month list reaches: a returned invoice may be a year old


def month_bounds(first: date) -> tuple[date, date]:
    return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])


def month_box(today: date, chosen: date | None = None) -> QComboBox:
    """This month and the ones before it, newest first; the items hold the first day of each month."""
    combo = QComboBox()
    year, month = today.year, today.month
    for _ in range(MONTHS_BACK):
        first = date(year, month, 1)
        combo.addItem(f"{calendar.month_name[month]} {year}", first)
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    if chosen is not None:
        combo.setCurrentIndex(max(0, next((i for i in range(combo.count()) if combo.itemData(i) == chosen), 0)))
    return combo


def last_month(today: date) -> date:
    """Billing is usually for the month just ended."""
    return date(today.year - 1, 12, 1) if today.month == 1 else date(today.year, today.month - 1, 1)


def funder_box(funders) -> QComboBox:
    combo = QComboBox()
    for funder_id, name in funders:
        combo.addItem(name, funder_id)
    return combo


class FunderMonthDialog(WorkDialog):
    """Funder and month, sent as funder_id, period_from and period_to."""

    def __init__(self, title: str, ok_text: str, funders, today: date, parent=None, *, intro: str) -> None:
        super().__init__(title, ok_text, parent, intro=intro)
        self.funder_box = self.fields.add("funder_id", "F&under", funder_box(funders),
                                          description="The funder billed: one invoice per funder and month")
        self.month_box = self.fields.add("period", "&Month", month_box(today, last_month(today)),
                                         description="The calendar month the services were delivered in")

    def answer(self) -> dict:
        first, last = month_bounds(self.month_box.currentData())
        return {"funder_id": self.funder_box.currentData(), "period_from": first, "period_to": last}

    def check(self, values: dict) -> bool:
        if values["funder_id"] is None:
            self.fields.show_problem("funder_id", "No funder pays for this person's services yet: record a "
                                                  "service or a milestone first.")
            return False
        return True

    def refuse(self, exc) -> None:
        if getattr(exc, "field", None) in ("period_from", "period_to"):
            self.fields.show_problem("period", exc.message)
            self.ok_button.setEnabled(True)
            return
        super().refuse(exc)


def draft_dialog(person_name: str, funders, today: date, parent=None) -> FunderMonthDialog:
    return FunderMonthDialog("Draft an invoice", "&Draft", funders, today, parent, intro=(
        f"An invoice for {person_name}'s services and milestones in one month. Entries that cannot be billed "
        "yet (no authorization, a flag still open) are held back and listed with why."))


class SubmitDialog(WorkDialog):
    def __init__(self, invoice_text: str, today: date, parent=None) -> None:
        super().__init__("Submit the invoice", "&Submit", parent, intro=(
            f"{invoice_text} goes to the funder as it is now; a copy of the PDF is kept with it. A submitted "
            "invoice is not edited again: a returned one is corrected as a new revision."))
        self.fields.add("submitted_on", "Submitted &on", date_box(today), description="The day it was sent")


class PaidDialog(WorkDialog):
    def __init__(self, invoice_text: str, total_text: str, today: date, parent=None) -> None:
        super().__init__("Record the invoice paid", "&Record paid", parent,
                         intro=f"{invoice_text} was billed for {total_text}.")
        self.fields.add("paid_on", "&Paid on", date_box(today), description="The day the payment arrived")
        self.amount_box = self.fields.add("paid_amount", "&Amount paid", QLineEdit(),
                                          description="Leave empty when the whole total was paid")
        self.amount_box.setPlaceholderText(total_text)

    def answer(self) -> dict:
        values = self.fields.values()
        text = values["paid_amount"].replace("$", "").replace(",", "").strip()
        values["paid_amount"] = text or None
        return values


class SentBackDialog(WorkDialog):
    """Returned (to correct and resubmit) or denied (not paid at all), with the funder's reason."""

    def __init__(self, invoice_text: str, today: date, parent=None, *, denied: bool = False) -> None:
        what = "denied" if denied else "returned"
        super().__init__(f"Record the invoice {what}", f"&Record {what}", parent, intro=(
            f"{invoice_text} was denied by the funder." if denied else
            f"{invoice_text} came back from the funder. Correct it afterwards: the correction is a new revision "
            "and both are kept."))
        self.date_key = "returned_on"
        self.fields.add(self.date_key, f"{what.capitalize()} &on", date_box(today),
                        description=f"The day the funder {what} it")
        self.reason_box = self.fields.add("reason", "Reaso&n", plain_text_box(3),
                                          description="What the funder said, for example: the signature is missing")

    def check(self, values: dict) -> bool:
        if not values["reason"]:
            self.fields.show_problem("reason", "Say why the funder sent it back; the reason is required.")
            return False
        return True
