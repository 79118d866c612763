"""The Employment page of the Work part: the person's jobs (current, then past) and, for the chosen job,
the 30/60/90-day follow-along dates per funder in words, the supports, changes, pauses, extended supports
and follow-along contacts. Record hire… (Ctrl+Shift+H) starts from a negotiation at Offer or from nothing;
the other buttons change the chosen job. Each recording is one undo step (the service's inverse)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QPushButton, QSplitter, QTextBrowser, QVBoxLayout, QWidget

from caseteam.services import employment, employment_supports, notes, organizations
from caseteam.services.employment_rows import FollowAlongRow, JobRow
from caseteam.services.retention import HIRE_DATE_TRACK

from ...models.employment_models import JobColumn, JobModel
from ...widgets.document_actions import shortcut_button, tab_action
from ...widgets.editor_parts import button_row, chain_tab_order, record_table
from .employment_dialogs import (ChangeDialog, ContactDialog, ExtendedSupportDialog, PauseDialog, SeparationDialog,
                                 StabilizedDialog, SupportDialog)
from .hire_dialog import HireDialog
from .pay_stubs_dialog import PayStubsDialog
from .table_page import TablePage

HIRE_KEYS = "Ctrl+Shift+H"


def follow_along_html(view: FollowAlongRow) -> str:
    """The chosen job's follow-along as headed lists: every state in words, never colour alone."""
    job, today, parts = view.job, view.today, []

    def section(title: str, lines: list[str], empty: str) -> None:
        items = "".join(f"<li>{escape(line)}</li>" for line in lines) or f"<li>{escape(empty)}</li>"
        parts.append(f"<p style='margin-top:10px; margin-bottom:2px'><b>{escape(title)}</b></p>"
                     f"<ul style='margin-top:0'>{items}</ul>")

    parts.append(f"<p><b>{escape(job.job_title)}</b> at {escape(job.employer_name)} ({escape(job.ref)}) · "
                 f"{job.hours_per_week.normalize():f} hours a week at ${job.hourly_wage:.2f} · started "
                 f"{job.start_date.isoformat()} · {escape(job.status_words)}</p>")
    if job.duties:
        parts.append(f"<p>Duties: {escape(job.duties)}</p>")
    for track in view.tracks:
        start = f" ({track.starts_on.isoformat()})" if track.starts_on else " (not yet)"
        whose = "" if track.funder == HIRE_DATE_TRACK else f" for {track.funder}"
        section(f"Follow-along dates{whose}, counted {track.basis_words}{start}",
                [m.words(today) for m in track.milestones], "")
    section("Supports at work", [s.describe(job.separated_on) for s in job.supports], "No supports recorded.")
    section("Changes of hours, wage or title", [c.words for c in job.changes], "No changes since the hire.")
    section("Pauses in follow-along", [p.words for p in job.pauses], "No pauses.")
    section("Extended supports", [e.describe(job.separated_on) for e in job.extended_supports], "None recorded.")
    section("Follow-along contacts", [c.words for c in view.contacts],
            "No contact notes about this job yet (Follow-along contact… adds one).")
    if job.benefits_planning_referred_on:
        parts.append(f"<p>Referred to benefits planning on {job.benefits_planning_referred_on.isoformat()}.</p>")
    return "".join(parts)


class EmploymentPage(TablePage):
    def __init__(self, ops, actor, history, person_id, parent=None) -> None:
        super().__init__(ops, actor, history, person_id, parent)
        self.setObjectName("employmentPage")
        self.person_name, self.today, self.jobs, self.view = "the person", None, [], None
        self.dialog = None  # the dialog open now (tests drive it)
        self.summary = QLabel("Loading jobs…")
        self.summary.setAccessibleName("Employment summary")
        self.summary.setWordWrap(True)
        self.model = JobModel(self)
        self.table = record_table(self.model, "Jobs", "Current jobs first, then past ones; the last column says "
                                                      "whether each is current, paused or ended")
        self.table.setObjectName("jobTable")
        self.table.horizontalHeader().setSectionResizeMode(JobColumn.STATUS, QHeaderView.ResizeMode.Stretch)
        jobs_label = QLabel("&Jobs:")
        jobs_label.setBuddy(self.table)
        self.detail = QTextBrowser()
        self.detail.setObjectName("followAlong")
        self.detail.setAccessibleName("Follow-along for the chosen job")
        self.detail.setAccessibleDescription("The 30, 60 and 90-day dates per funder, supports, changes, pauses, "
                                             "extended supports and contacts")
        self.detail.setOpenLinks(False)
        detail_label = QLabel("Fo&llow-along:")
        detail_label.setBuddy(self.detail)

        self.hire_button = shortcut_button("Record hire…", HIRE_KEYS, "Record the job the person was hired into, "
                                           "from an offer or from nothing", name="Record hire")
        self.change_button = QPushButton("Record &change…")
        self.change_button.setAccessibleDescription("A change of hours, wage or job title from a date")
        self.stabilized_button = QPushButton("S&tabilized…")
        self.stabilized_button.setAccessibleDescription("The date the chosen job was stable")
        self.pause_button = QPushButton("&Pause follow-along…")
        self.pause_button.setAccessibleDescription("Pause the retention count for a gap, or resume it")
        self.separation_button = QPushButton("Sep&aration…")
        self.separation_button.setAccessibleDescription("The chosen job ended: the last day and the reason")
        self.support_button = QPushButton("Add s&upport…")
        self.support_button.setAccessibleDescription("Job coach hours (fading), natural support, accommodation "
                                                     "or assistive technology")
        self.extended_button = QPushButton("E&xtended support…")
        self.extended_button.setAccessibleDescription("Who provides and who pays long-term supports after "
                                                      "stabilization")
        self.contact_button = QPushButton("Follow-along co&ntact…")
        self.contact_button.setAccessibleDescription("Write and sign a case note about a contact on this job")
        self.stubs_button = QPushButton("Pay stu&bs…")
        self.stubs_button.setAccessibleDescription("Pay stubs, the monthly earnings with the trial-work and SGA "
                                                   "words, and the summary for Social Security")
        tab_action(self, "Record hire…", HIRE_KEYS, self.record_hire)
        for button, slot in ((self.hire_button, self.record_hire), (self.change_button, self.record_change),
                             (self.stabilized_button, self.stabilized), (self.pause_button, self.pause_or_resume),
                             (self.separation_button, self.separation), (self.support_button, self.add_support),
                             (self.extended_button, self.extended_support), (self.contact_button, self.contact),
                             (self.stubs_button, self.pay_stubs)):
            button.clicked.connect(lambda _c=False, s=slot: s())
        self.job_buttons = [self.change_button, self.stabilized_button, self.pause_button, self.separation_button,
                            self.support_button, self.extended_button, self.contact_button]

        top = QWidget()
        column = QVBoxLayout(top)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(jobs_label)
        column.addWidget(self.table)
        bottom = QWidget()
        column = QVBoxLayout(bottom)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(detail_label)
        column.addWidget(self.detail)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(bottom)
        split.setStretchFactor(1, 3)
        split.setSizes([160, 480])  # a few jobs; the follow-along is what is read
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(button_row(self.hire_button, self.stubs_button))
        layout.addWidget(split, 1)
        layout.addLayout(button_row(*self.job_buttons))
        chain_tab_order(self.hire_button, self.stubs_button, self.table, self.detail, *self.job_buttons)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._job_chosen())
        self.setFocusProxy(self.table)
        self._update_buttons()

    # --- data -----------------------------------------------------------------------------------------------
    def refresh(self, select=None) -> None:
        actor, person_id = self.actor, self.person_id

        def load(uow):
            person = uow.people.get(person_id)
            return employment.list_jobs(uow, actor, person_id), person.display_name, uow.today()

        self.run(load, on_done=lambda result: self._show(*result, select=select),
                 on_error=lambda exc: self.summary.setText(f"⚠ {exc.message}"))

    def apply_changes(self, changes) -> None:
        if changes.jobs or changes.people or changes.notes or changes.organizations or changes.teams:
            self.refresh()

    def _show(self, jobs: list[JobRow], name: str, today, select=None) -> None:
        current = select or (self.current_job().id if self.current_job() else None)
        self.jobs, self.person_name, self.today = jobs, name, today
        self.model.set_rows(jobs)
        now = [j for j in jobs if j.current]
        if jobs:
            self.summary.setText(f"{len(now)} current job{'s' if len(now) != 1 else ''}, {len(jobs) - len(now)} "
                                 f"ended. Record hire… (Ctrl+Shift+H) adds a placement.")
            self.table.resizeColumnsToContents()
        else:
            self.summary.setText(f"No job recorded for {name} yet. Record hire… (Ctrl+Shift+H) records one, "
                                 "from an offer or from nothing.")
        row = self.model.row_of(current) if current is not None else None
        if row is None and jobs:
            row = 0
        if row is not None:
            self.table.setCurrentIndex(self.model.index(row, JobColumn.REF))
        self._job_chosen()

    def current_job(self) -> JobRow | None:
        index = self.table.currentIndex()
        return self.model.job_at(index.row()) if index.isValid() else None

    def _job_chosen(self) -> None:
        self._update_buttons()
        job, actor = self.current_job(), self.actor
        if job is None:
            self.view = None
            self.detail.setHtml("<p>Choose a job to see its follow-along.</p>" if self.jobs else "")
            return
        self.run(lambda uow: employment.follow_along(uow, actor, job.id), on_done=self._show_follow_along,
                 on_error=lambda exc: self.detail.setPlainText(f"⚠ {exc.message}"))

    def _show_follow_along(self, view: FollowAlongRow) -> None:
        current = self.current_job()
        if current is None or current.id != view.job.id:
            return  # the cursor moved on meanwhile
        self.view = view
        self.detail.setHtml(follow_along_html(view))
        self._update_buttons()

    def follow_along_text(self) -> str:
        return self.detail.toPlainText()

    def _update_buttons(self) -> None:
        job = self.current_job()
        for button in self.job_buttons:
            button.setEnabled(job is not None and job.current)
        self.stubs_button.setEnabled(bool(self.jobs))
        paused = job is not None and job.open_pause is not None
        self.pause_button.setText("&Resume follow-along…" if paused else "&Pause follow-along…")

    # --- dialogs ----------------------------------------------------------------------------------------------
    def _step(self, text: str, do, undo, *, redo=None, select=None) -> None:
        super()._step(text, do, undo, self.dialog, redo=redo, select=select)  # every step here has a dialog

    def record_hire(self, offer_id=None) -> None:
        actor, person_id = self.actor, self.person_id

        def opened(choices):
            dialog = HireDialog(self.person_name, choices, self)
            if offer_id is not None:
                dialog.start_from(offer_id)
            self._open(dialog, self._submit_hire)

        self.run(lambda uow: employment.hire_choices(uow, actor, person_id), on_done=opened,
                 on_error=lambda exc: self.summary.setText(f"⚠ {exc.message}"))

    def _submit_hire(self, values: dict) -> None:
        actor, person_id = self.actor, self.person_id
        self._step("Record hire", lambda uow: employment.record_hire(uow, actor, person_id, **values),
                   lambda uow, last: employment.withdraw_hire(uow, actor, last[0].id))

    def _job_step(self, dialog, text: str, do, undo, **kw) -> None:
        job = self.current_job()
        if job is None or not job.current:
            return
        self._open(dialog(job), lambda values: self._step(text.format(ref=job.ref), lambda uow: do(uow, job, values),
                                                        lambda uow, last: undo(uow, job, last), **kw))

    def record_change(self) -> None:
        a = self.actor
        self._job_step(lambda job: ChangeDialog(job, self.today, self), "Record change to {ref}",
                       lambda uow, job, v: employment.record_change(uow, a, job.id, **v),
                       lambda uow, job, last: employment.remove_change(
                           uow, a, next(c.id for c in last[0].changes if c.id not in {x.id for x in job.changes}),
                           hours_per_week=job.hours_per_week, hourly_wage=job.hourly_wage, job_title=job.job_title))

    def stabilized(self) -> None:
        a = self.actor
        self._job_step(lambda job: StabilizedDialog(job, self.today, self), "Stabilization of {ref}",
                       lambda uow, job, v: employment.stabilize(uow, a, job.id, on=v["on"]),
                       lambda uow, job, last: employment.stabilize(uow, a, job.id, on=job.stabilized_on))

    def pause_or_resume(self) -> None:
        a, job = self.actor, self.current_job()
        if job is not None and job.open_pause is not None:
            self._job_step(lambda j: PauseDialog(j, self.today, self), "Resume follow-along for {ref}",
                           lambda uow, j, v: employment_supports.resume_follow_along(uow, a, j.id, ends_on=v["ends_on"]),
                           lambda uow, j, last: employment_supports.resume_follow_along(uow, a, j.id, ends_on=None))
        else:
            self._job_step(lambda j: PauseDialog(j, self.today, self), "Pause follow-along for {ref}",
                           lambda uow, j, v: employment_supports.pause_follow_along(uow, a, j.id, **v),
                           lambda uow, j, last: employment_supports.remove_pause(uow, a, last[0].open_pause.id))

    def separation(self) -> None:
        a = self.actor
        self._job_step(lambda job: SeparationDialog(job, self.today, self), "Separation from {ref}",
                       lambda uow, job, v: employment.separate(uow, a, job.id, **v),
                       lambda uow, job, last: employment.undo_separation(uow, a, job.id))

    def add_support(self) -> None:
        a = self.actor
        self._job_step(lambda job: SupportDialog(job, self.today, self), "Add support to {ref}",
                       lambda uow, job, v: employment_supports.add_support(uow, a, job.id, **v),
                       lambda uow, job, last: employment_supports.remove_support(uow, a, last[0].id),
                       select=self.current_job().id if self.current_job() else None)

    def extended_support(self) -> None:
        a, job = self.actor, self.current_job()
        if job is None:
            return

        def opened(orgs):
            choices = [(o.id, o.name) for o in orgs]
            self._job_step(lambda j: ExtendedSupportDialog(j, self.today, choices, self), "Extended support for {ref}",
                           lambda uow, j, v: employment_supports.add_extended_support(uow, a, j.id, **v),
                           lambda uow, j, last: employment_supports.set_extended_support_archived(uow, a, last[0].id, True),
                           redo=lambda uow, last: employment_supports.set_extended_support_archived(
                               uow, a, last[0].id, False), select=job.id)

        self.run(lambda uow: organizations.list_organizations(uow, a), on_done=opened)

    def contact(self) -> None:
        a, person_id = self.actor, self.person_id

        def write(uow, job, v):
            draft, _ = notes.save_draft(uow, a, person_id, job_id=job.id, **v)
            return notes.sign_note(uow, a, draft.id)

        # A signed note is corrected by an addendum, never taken back: no undo (the dialog says so).
        job = self.current_job()
        if job is None or not job.current:
            return
        dialog = ContactDialog(job, self.today, self)
        self._open(dialog, lambda v: self.run(lambda uow: write(uow, job, v), write=True, on_error=dialog.refuse,
                                              on_done=lambda _r: (dialog.finish(), self.refresh(select=job.id))))

    def pay_stubs(self) -> None:
        self.dialog = PayStubsDialog(self)
        self.dialog.open()
        self.dialog.refresh()
