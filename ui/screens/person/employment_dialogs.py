"""The Employment page's smaller dialogs: a change of hours, wage or title; the stabilization date; a
pause in follow-along or its end; the separation; an extended support; a support at work; and a
follow-along contact (a signed case note about the job)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QLineEdit

from caseteam.domain.employment import SeparationReason, SupportKind
from caseteam.domain.notes import ContactKind
from caseteam.services.employment_rows import JobRow

from ...widgets.date_field import DateField
from ...widgets.field_row import FormDialog, date_box, plain_text_box


def _for(job: JobRow) -> str:
    return f"{job.job_title} at {job.employer_name} ({job.ref})"


class ChangeDialog(FormDialog):
    def __init__(self, job: JobRow, today: date, parent=None) -> None:
        super().__init__("Record change", "Record change", parent,
                         intro=f"A change to {_for(job)} from a date. Leave a box empty when that part stays the same "
                               f"(now {job.hours_per_week.normalize():f} hours a week at ${job.hourly_wage:.2f}).")
        self.fields.add("effective_on", "&From", date_box(today))
        self.fields.add("hours_per_week", "New &hours a week", QLineEdit())
        self.fields.add("hourly_wage", "New hourly &wage", QLineEdit(), description="In dollars, e.g. 16.25")
        self.fields.add("job_title", "New job &title", QLineEdit())
        self.fields.add("note", "&Note", QLineEdit(), description="Why: a raise, more shifts, a new role…")


class StabilizedDialog(FormDialog):
    def __init__(self, job: JobRow, today: date, parent=None) -> None:
        super().__init__("Stabilized", "Record stabilization", parent,
                         intro=f"The day {_for(job)} was stable (the person keeps the job with little or no job "
                               "coaching). Funders that count from stabilization start their 30/60/90 days here.")
        stabilized = DateField("Stabilized on")
        stabilized.set_value(job.stabilized_on or today)
        stabilized.unknown.setText("Not stabilized (clear the date)")
        self.fields.add("on", "&Stabilized on", stabilized)


class PauseDialog(FormDialog):
    """Pause when follow-along runs; otherwise end the open pause on its last day."""

    def __init__(self, job: JobRow, today: date, parent=None) -> None:
        self.resuming = job.open_pause is not None
        if self.resuming:
            super().__init__("Resume follow-along", "Resume", parent,
                             intro=f"Follow-along for {_for(job)} is paused since "
                                   f"{job.open_pause.starts_on.isoformat()}. Give the last day of the gap: the "
                                   "retention count runs again from the day after.")
            self.fields.add("ends_on", "&Last paused day", date_box(today))
        else:
            super().__init__("Pause follow-along", "Pause", parent,
                             intro=f"A gap in {_for(job)} (leave, a hospital stay, a seasonal closure): the days "
                                   "from the first day of the pause do not count towards the 30/60/90 days.")
            self.fields.add("starts_on", "&First paused day", date_box(today))
            self.fields.add("reason", "&Reason", QLineEdit())


class SeparationDialog(FormDialog):
    def __init__(self, job: JobRow, today: date, parent=None) -> None:
        super().__init__("Separation", "Record separation", parent,
                         intro=f"{_for(job)} ended. With no other current job the person goes back to the Job "
                               "development stage; a later hire is their next placement.")
        self.fields.add("separated_on", "&Last day", date_box(today))
        reason = QComboBox()
        for value in SeparationReason:
            reason.addItem(value.label, value)
        self.fields.add("reason", "&Reason", reason)
        self.fields.add("note", "&Note", plain_text_box(2), description="What happened, in a sentence or two")


class ExtendedSupportDialog(FormDialog):
    def __init__(self, job: JobRow, today: date, organizations: list[tuple], parent=None) -> None:
        super().__init__("Extended support", "Add extended support", parent,
                         intro=f"Long-term supports for {_for(job)} after stabilization: who provides them and "
                               "who pays.")
        provider, funder = QComboBox(), QComboBox()
        funder.addItem("— named in the note below —", None)
        for org_id, name in organizations:
            provider.addItem(name, org_id)
            funder.addItem(name, org_id)
        self.fields.add("provider_organization_id", "&Provided by", provider)
        self.fields.add("funder_organization_id", "Paid &by", funder)
        self.fields.add("funder_note", "&Funding note", QLineEdit(),
                        description="For example: DD waiver, supported employment")
        self.fields.add("description", "&What", QLineEdit(), description="Check-ins, retraining when tasks change…")
        self.fields.add("hours_per_month", "&Hours a month", QLineEdit())
        self.fields.add("starts_on", "&Starts on", date_box(job.stabilized_on or today))


class SupportDialog(FormDialog):
    def __init__(self, job: JobRow, today: date, parent=None) -> None:
        super().__init__("Add support", "Add support", parent,
                         intro=f"A support in place at {_for(job)}. New job-coach hours end the earlier hours the day "
                               "before, so the fading shows in the history.")
        kind = QComboBox()
        for value in SupportKind:
            kind.addItem(value.label, value)
        self.fields.add("kind", "&Kind", kind)
        self.fields.add("hours_per_week", "&Hours a week", QLineEdit(), description="Job coaching: hours a week")
        self.fields.add("description", "&What", QLineEdit(), description="Who or what, and how it helps")
        self.fields.add("starts_on", "&From", date_box(today))


class ContactDialog(FormDialog):
    """A follow-along contact with the person or the employer, signed at once as a case note on the job."""

    KINDS = (ContactKind.JOB_COACHING, ContactKind.SITE_VISIT, ContactKind.PHONE, ContactKind.EMPLOYER_CONTACT,
             ContactKind.MEETING, ContactKind.EMAIL, ContactKind.TEXT, ContactKind.VIDEO)

    def __init__(self, job: JobRow, today: date, parent=None) -> None:
        super().__init__("Follow-along contact", "Sign contact note", parent,
                         intro=f"A follow-along contact about {_for(job)}. It is saved and signed as a case note "
                               "(Notes tab), linked to this job; correct it there with an addendum.")
        kind = QComboBox()
        for value in self.KINDS:
            kind.addItem(value.label, value)
        self.fields.add("kind", "&Kind", kind)
        self.fields.add("held_on", "&Date", date_box(today))
        self.fields.add("body", "&What happened", plain_text_box(4),
                        description="With the person and the employer: how the job goes, what was agreed")
