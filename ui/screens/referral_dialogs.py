"""The referral dialogs: Send referral… (the receiving organization, with what an active release lets the
person's home organization share with it said in words; staff member, program, service, reason, urgency,
the categories shared as check boxes, the answer's due day), Accept… (who takes it, joining the team, the
first task), Edit…, and one reason or outcome for Decline…, Complete… and Withdraw…. Each stays open while
its service runs and shows a refusal (a missing release offers "Record a release…") with the input kept."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QGroupBox, QLabel, QLineEdit

from caseteam.domain.consent import InformationCategory
from caseteam.domain.referrals import Urgency
from caseteam.errors import ValidationError

from ..widgets.date_field import DateField
from ..widgets.field_row import FormDialog, find_data, plain_text_box, set_field_value
from ..models.referral_models import party

RESPOND_WITHIN_DAYS = 14  # the usual answer time a sender asks for; the dialog's first respond-by day
ANYONE = "Anyone there (not a named staff member)"
NO_PROGRAM = "No particular program"
WIDE_LABEL = 45  # characters: a category named longer takes both columns


def coverage_words(organization: str, covered) -> str:
    """What an active release lets the person's organization share with `organization`, in words."""
    if not covered:
        return (f"No active release lets the person's organization share anything with {organization} today: "
                "the referral will be refused until the person signs one (Record a release…).")
    return (f"An active release covers sharing with {organization}: "
            + "; ".join(c.label for c in covered) + ". Tick only what this referral needs.")


def release_words(covered) -> str:
    if not covered:
        return "no release"
    return f"a release covers {len(covered)} kind{'s' if len(covered) != 1 else ''} of information"


def urgency_box() -> QComboBox:
    box = QComboBox()
    for urgency in Urgency:
        box.addItem(urgency.label, urgency)
    return box


def choice_box(items, none_text: str) -> QComboBox:
    """A combo box of (id, name, …) tuples after a "none" line holding None."""
    box = QComboBox()
    fill_choices(box, items, none_text)
    return box


def fill_choices(box: QComboBox, items, none_text: str) -> None:
    chosen = box.currentData()
    box.blockSignals(True)
    box.clear()
    box.addItem(none_text, None)
    for item in items:
        box.addItem(item[1], item[0])
    box.setCurrentIndex(max(0, find_data(box, chosen)))
    box.blockSignals(False)


def respond_by_field(day: date | None) -> DateField:
    field = DateField("Respond by")
    field.unknown.setText("No date asked")
    field.unknown.setAccessibleName("No respond-by date asked")
    field.set_value(day)
    return field


class SendReferralDialog(FormDialog):
    """`choices` is the services' ReferralChoices for the person; `draft` what was typed before a refusal."""

    def __init__(self, person_name: str, choices, today: date, parent=None, *, draft: dict | None = None) -> None:
        super().__init__(f"Send a referral for {person_name}", "&Send referral", parent,
                         intro=f"Refer {person_name} to another organization for a service or need. The receiving "
                               "side sees it in its inbox and answers; you see each answer here.")
        self.choices = choices
        names = dict(choices.organizations)
        sender = names.get(choices.default_from_organization_id, "")
        staff_names = dict(choices.staff.get(choices.default_from_organization_id, ()))
        self.sender = QLabel(party(sender, staff_names.get(choices.default_from_staff_id)) or "Your organization")
        self.sender.setAccessibleName(f"From: {self.sender.text()}")
        self.form.addRow("From:", self.sender)
        self.organization = QComboBox()
        for org_id, name in choices.organizations:
            if org_id == choices.default_from_organization_id:
                continue
            self.organization.addItem(f"{name} — {release_words(choices.covered.get(org_id, ()))}", org_id)
        self.organization.setCurrentIndex(-1)
        self.fields.add("to_organization_id", "Receiving &organization", self.organization,
                        description="The organization asked to take the person; each line says whether an active "
                                    "release covers sharing with it")
        self.coverage = QLabel("Choose the receiving organization to see what a release lets you share with it.")
        self.coverage.setWordWrap(True)
        self.coverage.setAccessibleName("What an active release covers")
        self.form.addRow("Release:", self.coverage)
        self.staff = self.fields.add("to_staff_id", "Staff &member", choice_box((), ANYONE),
                                     description="A named person at the receiving organization, when you know who")
        self.program = self.fields.add("program_id", "Pro&gram", choice_box((), NO_PROGRAM),
                                       description="The receiving organization's program, when one fits")
        self.fields.add("service", "Ser&vice or need", QLineEdit(),
                        description="What the person needs from them, e.g. IPS supported employment, "
                                    "benefits counseling")
        self.fields.add("reason", "&Reason", plain_text_box(3), description="Why the person is referred, in plain "
                                                                           "words the receiving side can act on")
        self.fields.add("urgency", "&Urgency", urgency_box())
        group = QGroupBox("Information shared with the receiving organization")
        grid = QGridLayout(group)
        self.category_boxes: dict[InformationCategory, QCheckBox] = {}
        cell = 0
        for category in InformationCategory:
            box = QCheckBox(category.label)
            box.setAccessibleName(category.label)
            self.category_boxes[category] = box
            wide = len(category.label) > WIDE_LABEL  # a long one (Part 2 records) gets a line of its own
            cell += wide and cell % 2
            grid.addWidget(box, cell // 2, cell % 2, 1, 2 if wide else 1)
            cell += 2 if wide else 1
        self.fields.add("shared_categories", "Sh&are", group,
                        description="Each category sent with the referral; an active release must cover every "
                                    "one of them")
        group.setAccessibleName("Information shared with the receiving organization")
        self.fields.add("respond_by", "Respond &by", respond_by_field(today + timedelta(days=RESPOND_WITHIN_DAYS)))
        self.organization.currentIndexChanged.connect(lambda _i: self._organization_chosen())
        self.program.currentIndexChanged.connect(lambda _i: self._program_chosen())
        if draft:
            self.fill(draft)

    def _organization_chosen(self) -> None:
        org_id = self.organization.currentData()
        name = dict(self.choices.organizations).get(org_id, "")
        covered = self.choices.covered.get(org_id, ())
        self.coverage.setText(coverage_words(name, covered) if org_id is not None else "")
        self.coverage.setAccessibleDescription(self.coverage.text())
        fill_choices(self.staff, self.choices.staff.get(org_id, ()), ANYONE)
        fill_choices(self.program, self.choices.programs.get(org_id, ()), NO_PROGRAM)
        for category, box in self.category_boxes.items():
            words = category.label + (" (covered)" if category in covered else "")
            box.setText(words)
            box.setAccessibleName(words)

    def _program_chosen(self) -> None:
        """A program with services says what they offer: the service box gets them when it is still empty."""
        service = self.fields.fields["service"]
        org_id, program_id = self.organization.currentData(), self.program.currentData()
        for item in self.choices.programs.get(org_id, ()):
            if item[0] == program_id and not service.text().strip():
                service.setText(item[1])

    def fill(self, values: dict) -> None:
        """What was typed before (a refusal, a release recorded meanwhile): every field as it was."""
        set_field_value(self.organization, values.get("to_organization_id"))
        self._organization_chosen()
        for key in ("to_staff_id", "program_id", "service", "reason", "urgency", "respond_by"):
            set_field_value(self.fields.fields[key], values.get(key))
        for category, box in self.category_boxes.items():
            box.setChecked(category in values.get("shared_categories", ()))

    def answer(self) -> dict:
        values = {key: self.fields.value(key) for key in ("to_organization_id", "to_staff_id", "program_id",
                                                          "service", "reason", "urgency", "respond_by")}
        values["shared_categories"] = [c for c, box in self.category_boxes.items() if box.isChecked()]
        return values

    def check(self, values: dict) -> bool:
        if values["to_organization_id"] is None:
            self.fields.show_problem("to_organization_id", "Choose the organization the person is referred to.")
            return False
        return True


class AcceptDialog(FormDialog):
    """`staff` are the receiving organization's staff members as (id, name)."""

    def __init__(self, referral, staff, today: date, parent=None, *, me=None) -> None:
        """`me`: the accepting user's own staff member, chosen when the referral names no one there."""
        super().__init__(f"Accept referral {referral.ref}", "&Accept referral", parent,
                         intro=f"{referral.to_organization_name} takes {referral.person_name} for "
                               f"{referral.service}. The staff member who takes it can join the person's team, "
                               "and the first task is made for them.")
        box = choice_box(staff, "Choose who takes it")
        box.setItemText(0, "Choose who takes it")
        set_field_value(box, referral.to_staff_id or (me if any(s[0] == me for s in staff) else None))
        self.fields.add("staff_id", "&Taken by", box, description="The receiving staff member who works with "
                                                                  "the person")
        self.add_to_team = QCheckBox("Add them to the person's team")
        self.add_to_team.setChecked(True)
        self.fields.add("add_to_team", "Tea&m", self.add_to_team,
                        description="The staff member joins the person's customized-support team from today")
        self.add_to_team.setAccessibleName("Add them to the person's team")
        title = self.fields.add("first_task_title", "&First task", QLineEdit(),
                                description="The first thing to do for the person; leave empty for no task")
        title.setText(f"First meeting with {referral.person_name}")
        due = DateField("First task due")
        due.unknown.setText("No due date")
        due.unknown.setAccessibleName("First task has no due date")
        due.set_value(today + timedelta(days=7))
        self.fields.add("first_task_due", "&Due", due)
        self.fields.add("note", "&Note", plain_text_box(2), description="Anything the sender should know")

    def answer(self) -> dict:
        values = {key: self.fields.value(key) for key in ("staff_id", "first_task_title", "first_task_due", "note")}
        values["add_to_team"] = self.add_to_team.isChecked()
        return values

    def check(self, values: dict) -> bool:
        if values["staff_id"] is None and values["add_to_team"]:
            self.fields.show_problem("staff_id", "Choose the staff member who joins the team, or untick "
                                                 "“Add them to the person's team”.")
            return False
        return True


class ReasonDialog(FormDialog):
    """One required text: the decline's reason, the outcome of a completed referral, why it is withdrawn.
    `key` is the service's field name, so its ValidationError lands under the box."""

    def __init__(self, title: str, ok_text: str, intro: str, key: str, label: str, description: str,
                 missing: str, parent=None) -> None:
        super().__init__(title, ok_text, parent, intro=intro)
        self.key, self.missing = key, missing
        self.fields.add(key, label, plain_text_box(3), description=description)

    def check(self, values: dict) -> bool:
        if not values[self.key]:
            self.refuse(ValidationError(self.key, self.missing))
            return False
        return True


# step -> title verb, the intro ({person}, {to}, {service} filled in), the service's field, its label, the field's
# description and what is said when it is left empty.
REASONS = {
    "decline": ("Decline", "{to} cannot take {person} for {service}. The sender reads the reason and can refer "
                "elsewhere.", "reason", "&Reason", "Why it is declined, e.g. not eligible, no opening, outside the "
                "service area", "Say why the referral is declined."),
    "complete": ("Complete", "The service {person} was referred for is finished. The outcome closes the loop for "
                 "the sender.", "outcome", "&Outcome", "What came of it, e.g. enrolled in IPS, benefits summary "
                 "delivered", "Say what came of the referral."),
    "withdraw": ("Withdraw", "The referral of {person} to {to} is called off by the sending side.", "reason",
                 "&Reason", "Why it is withdrawn, e.g. the person chose another provider",
                 "Say why the referral is withdrawn."),
}


def reason_dialog(step: str, referral, parent=None) -> ReasonDialog:
    """Decline…, Complete… or Withdraw… for the referral."""
    verb, intro, key, label, description, missing = REASONS[step]
    words = intro.format(person=referral.person_name, to=referral.to_organization_name, service=referral.service)
    return ReasonDialog(f"{verb} referral {referral.ref}", f"&{verb} referral", words, key, label, description,
                        missing, parent)


class EditReferralDialog(FormDialog):
    """What may change while a referral is open; `staff` and `programs` are the receiving organization's."""

    FIELDS = ("to_staff_id", "program_id", "service", "reason", "urgency", "respond_by")

    def __init__(self, referral, staff, programs, parent=None) -> None:
        super().__init__(f"Edit referral {referral.ref}", "&Save changes", parent,
                         intro=f"{referral.person_name}, referred to {referral.to_organization_name}. The status "
                               "and what is shared do not change here.")
        self.referral = referral
        self.fields.add("to_staff_id", "Staff &member", choice_box(staff, ANYONE))
        self.fields.add("program_id", "Pro&gram", choice_box(programs, NO_PROGRAM))
        self.fields.add("service", "Ser&vice or need", QLineEdit())
        self.fields.add("reason", "&Reason", plain_text_box(3))
        self.fields.add("urgency", "&Urgency", urgency_box())
        self.fields.add("respond_by", "Respond &by", respond_by_field(referral.respond_by))
        for key in self.FIELDS:
            set_field_value(self.fields.fields[key], getattr(referral, key))

    def answer(self) -> dict:
        """Only what the user changed."""
        return {key: value for key, value in self.fields.values().items() if value != getattr(self.referral, key)}

    def check(self, values: dict) -> bool:
        if not values:
            self.reject()
            return False
        return True


__all__ = ["AcceptDialog", "EditReferralDialog", "REASONS", "ReasonDialog", "SendReferralDialog", "coverage_words",
           "reason_dialog"]
