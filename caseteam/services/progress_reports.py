"""Monthly progress reports to a funder for one person, in the funder's layout: the period's signed case
notes, that funder's service log, milestones, the current job and the plan's employment goal, with the
job developer's narrative. Sending one keeps the PDF as sent; a sent report never changes."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from caseteam.documents.billing_views import (ProgressMilestoneView, ProgressNoteView, ProgressReportView,
                                              ServiceLogLineView)
from caseteam.domain.billing import MilestoneStatus, ProgressReport
from caseteam.domain.funding import FunderKind
from caseteam.domain.notes import CaseNote, NoteStatus
from caseteam.domain.organizations import StaffMember
from caseteam.domain.plans import GoalStatus
from caseteam.errors import Locked, ValidationError
from caseteam.storage.queries import funding as funding_queries
from caseteam.storage.queries import invoices as queries
from caseteam.storage.queries import notes as note_queries
from caseteam.storage.queries import service_entries as entry_queries

from . import access, attachments, employment, notes, plans
from .access import Action
from .actors import Actor
from .changes import Changes
from .editing import audit_safe, check_version
from .invoice_lines import check_period
from .invoice_view import as_sent, exported, funder_party, provider_party
from .records import is_demo
from .service_rules import day

CHANGED = Changes(funding=True)
VR_NARRATIVE, WAIVER_UNIT_LOG = "vr_narrative", "waiver_unit_log"
EXCERPT = 160  # characters of the note a unit-log line quotes


@dataclass(frozen=True)
class ProgressReportRow:
    id: uuid.UUID
    ref: str
    person_id: uuid.UUID
    funder_id: uuid.UUID
    funder_name: str
    period_from: date
    period_to: date
    layout: str
    narrative: str
    sent_on: date | None
    document_attachment_id: uuid.UUID | None
    invoice_id: uuid.UUID | None
    version: int


def layout_for(funder) -> str:
    """The funder's own template when it names one; else a waiver gets the unit log, everyone else a narrative."""
    if funder.report_layout:
        return funder.report_layout
    return WAIVER_UNIT_LOG if funder.kind is FunderKind.MEDICAID_WAIVER else VR_NARRATIVE


def _row(uow, report: ProgressReport) -> ProgressReportRow:
    funder = funding_queries.funder(uow.session, report.funder_id)
    return ProgressReportRow(report.id, report.ref, report.person_id, funder.id, funder.name, report.period_from,
                             report.period_to, report.layout, report.narrative, report.sent_on,
                             report.document_attachment_id, report.invoice_id, report.version)


def _money(amount) -> str:
    return f"${amount:,.2f}"


def employment_words(jobs, period_from: date, period_to: date) -> str:
    """The job held in the period (the latest started), in a sentence; "" when none."""
    held = [j for j in jobs if j.start_date <= period_to and (j.separated_on is None or j.separated_on >= period_from)]
    if not held:
        return ""
    job = max(held, key=lambda j: j.start_date)
    words = (f"{job.job_title} at {job.employer_name}, hired on {day(job.start_date)}, "
             f"{job.hours_per_week.normalize():f} hours a week at {_money(job.hourly_wage)} an hour")
    if job.separated_on is not None and job.separated_on <= period_to:
        words += f"; the job ended on {day(job.separated_on)}"
    return words


def employment_goal(plan) -> str:
    """The plan's first goal still being worked on (else its first goal, else its vision)."""
    if plan is None:
        return ""
    open_goals = [g for g in plan.goals if g.status in (GoalStatus.NOT_STARTED, GoalStatus.IN_PROGRESS)]
    goals = open_goals or list(plan.goals)
    return goals[0].description if goals else plan.draft.vision


def _staff_names(uow, ids) -> dict:
    return {i: s.name for i in set(ids) if i and (s := uow.session.get(StaffMember, i)) is not None}


def _service_log(uow, person_id, funder_id, period_from, period_to) -> tuple[ServiceLogLineView, ...]:
    """Service delivered in the period for the funder's services (an entry a correction replaced is left out)."""
    entries = queries.funder_entries(uow.session, person_id, funder_id, period_from, period_to)
    replaced = entry_queries.replaced_ids(uow.session, [e.id for e in entries])
    entries = [e for e in entries if e.id not in replaced]
    services = queries.services_by_id(uow.session, [e.funder_service_id for e in entries])
    staff = _staff_names(uow, [e.staff_id for e in entries])
    bodies = {}
    for e in entries:
        if e.case_note_id is not None and e.case_note_id not in bodies:
            note = uow.session.get(CaseNote, e.case_note_id)
            bodies[e.case_note_id] = " ".join(note.body.split()) if note is not None else ""
    lines = []
    for e in entries:
        text = bodies.get(e.case_note_id, "")
        excerpt = text if len(text) <= EXCERPT else text[:EXCERPT - 1].rstrip() + "…"
        lines.append(ServiceLogLineView(e.served_on, services[e.funder_service_id].name, e.starts_at, e.ends_at,
                                        e.units, staff.get(e.staff_id, ""), excerpt, e.ref))
    return tuple(lines)


def _milestones(uow, person_id, funder_id, period_from, period_to) -> tuple[ProgressMilestoneView, ...]:
    """Milestones reached in the period, and those still due by its end."""
    found = []
    services = {}
    for m in queries.milestones_of_funder(uow.session, person_id, funder_id):
        reached = m.achieved_on is not None and period_from <= m.achieved_on <= period_to
        due = m.status is MilestoneStatus.DUE and m.due_on is not None and m.due_on <= period_to
        if not (reached or due):
            continue
        if m.funder_service_id not in services:
            services.update(queries.services_by_id(uow.session, [m.funder_service_id]))
        service = services[m.funder_service_id]
        found.append(ProgressMilestoneView(service.name or m.event.label, m.status.label,
                                           m.achieved_on or m.due_on, m.amount))
    return tuple(found)


def _notes(uow, actor, person_id, period_from, period_to) -> tuple[ProgressNoteView, ...]:
    signed = [n for n in notes.list_notes(uow, actor, person_id)
              if n.status is NoteStatus.SIGNED and period_from <= n.held_on <= period_to]
    return tuple(ProgressNoteView(n.held_on, n.kind.label, n.author_name, n.body)
                 for n in sorted(signed, key=lambda n: (n.held_on, n.starts_at is not None, n.starts_at)))


def build_view(uow, actor: Actor, person_id: uuid.UUID, funder_id: uuid.UUID, *, period_from: date,
               period_to: date, narrative: str, report: ProgressReport | None = None) -> ProgressReportView:
    person = uow.people.get(person_id, include_archived=True)
    funder = funding_queries.funder(uow.session, funder_id)
    services = _service_log(uow, person.id, funder.id, period_from, period_to)
    numbers = [a.number or a.ref for a in
               queries.authorizations_over(uow.session, person.id, funder.id, period_from, period_to)]
    writer = actor.display_name
    if report is not None:
        writer = note_queries.user_names(uow.session, [report.written_by_id]).get(report.written_by_id, writer)
    return ProgressReportView(
        reference=report.ref if report else "", layout=report.layout if report else layout_for(funder),
        provider=provider_party(uow, person.home_organization_id), funder=funder_party(uow, funder),
        person_name=person.display_name, person_reference=person.ref, period_from=period_from,
        period_to=period_to, employment_goal=employment_goal(plans.latest_plan(uow, actor, person.id)),
        narrative=narrative, notes=_notes(uow, actor, person.id, period_from, period_to), services=services,
        milestones=_milestones(uow, person.id, funder.id, period_from, period_to),
        total_units=sum((s.units for s in services), Decimal("0.00")), generated_on=uow.today(),
        authorization_numbers=tuple(dict.fromkeys(numbers)),
        employment=employment_words(employment.list_jobs(uow, actor, person.id), period_from, period_to),
        written_by=writer, demo=is_demo(uow))


def progress_report_view(uow, actor: Actor, person_id: uuid.UUID, funder_id: uuid.UUID, *, period_from: date,
                         period_to: date, narrative: str | None = None) -> ProgressReportView:
    """What the month's report prints, from the record as it is now (a preview before saving)."""
    access.require(uow, actor, Action.VIEW_PERSON, person_id)
    check_period(period_from, period_to)
    return build_view(uow, actor, person_id, funder_id, period_from=period_from, period_to=period_to,
                      narrative=(narrative or "").strip())


def _narrative(layout: str, narrative: str | None) -> str:
    text = (narrative or "").strip()
    if not text and layout != WAIVER_UNIT_LOG:
        raise ValidationError("narrative", "Write the month's summary: a narrative progress report needs it.")
    if len(text) > 20_000:
        raise ValidationError("narrative", f"The summary is too long ({len(text)} characters; at most 20000).")
    return text


def save_progress_report(uow, actor: Actor, person_id: uuid.UUID, funder_id: uuid.UUID, *, period_from: date,
                         period_to: date, narrative: str, report_id: uuid.UUID | None = None,
                         version: int | None = None) -> tuple[ProgressReportRow, Changes]:
    """Keep the month's report (new, or the same unsent one changed); it links the funder's invoice for the
    same period when there is one."""
    access.require(uow, actor, Action.EDIT_PERSON, person_id)
    person = uow.people.get(person_id)
    funder = funding_queries.funder(uow.session, funder_id)
    check_period(period_from, period_to)
    invoice = queries.invoice_for_period(uow.session, person.id, funder.id, period_from, period_to)
    if report_id is None:
        layout = layout_for(funder)
        report = uow.add(ProgressReport(ref=uow.references.next("progress_report"), person_id=person.id,
                                        funder_id=funder.id, period_from=period_from, period_to=period_to,
                                        layout=layout, narrative=_narrative(layout, narrative),
                                        invoice_id=invoice.id if invoice else None, written_by_id=actor.user_id))
        uow.flush()
        uow.audit.record(actor, report, "written", changes=audit_safe({
            "funder": [None, funder.name], "period": [None, f"{period_from} to {period_to}"]}))
        return _row(uow, report), CHANGED
    report = _editable(uow, report_id, version)
    if (report.person_id, report.funder_id) != (person.id, funder.id):
        raise ValidationError("funder_id", f"Progress report {report.ref} is for another person or funder; "
                                           "write a new one instead.")
    before = {"period_from": report.period_from, "period_to": report.period_to, "narrative": report.narrative}
    report.period_from, report.period_to = period_from, period_to
    report.narrative = _narrative(report.layout, narrative)
    report.invoice_id = invoice.id if invoice else report.invoice_id
    report.updated_at = uow.now()
    uow.flush()
    changed = {k: [v, getattr(report, k)] for k, v in before.items() if getattr(report, k) != v}
    uow.audit.record(actor, report, "changed", changes=audit_safe(changed))
    return _row(uow, report), CHANGED


def _editable(uow, report_id: uuid.UUID, version: int | None) -> ProgressReport:
    report = queries.progress_report(uow.session, report_id)
    if report.sent_on is not None:
        raise Locked(f"Progress report {report.ref} was sent on {day(report.sent_on)} and no longer changes.")
    check_version(report, version, f"progress report {report.ref}")
    return report


def _report_view(uow, actor: Actor, report: ProgressReport) -> ProgressReportView:
    return build_view(uow, actor, report.person_id, report.funder_id, period_from=report.period_from,
                      period_to=report.period_to, narrative=report.narrative, report=report)


def _render_pdf(view) -> bytes:
    from caseteam.documents.progress_report import render_progress_report  # ReportLab loads only when printing

    return render_progress_report(view)


def mark_sent(uow, actor: Actor, report_id: uuid.UUID, *, sent_on: date,
              version: int | None = None) -> tuple[ProgressReportRow, Changes]:
    """Record that the report went to the funder; the PDF as sent is kept with it."""
    report = queries.progress_report(uow.session, report_id)
    access.require(uow, actor, Action.EDIT_PERSON, report.person_id)
    report = _editable(uow, report_id, version)
    if not isinstance(sent_on, date):
        raise ValidationError("sent_on", "Give the date the report was sent.")
    if sent_on < report.period_from:
        raise ValidationError("sent_on", f"Progress report {report.ref} covers {day(report.period_from)} to "
                                         f"{day(report.period_to)}; it cannot be sent before the period starts.")
    data = _render_pdf(_report_view(uow, actor, report))
    copy = attachments.store_file(uow, actor, "progress_reports", report.id, data=data,
                                  filename=f"{report.ref}.pdf", media_type="application/pdf")
    report.sent_on, report.document_attachment_id, report.updated_at = sent_on, copy.id, uow.now()
    uow.flush()
    uow.audit.record(actor, report, "sent", changes=audit_safe({"sent_on": [None, sent_on]}))
    return _row(uow, report), CHANGED


def list_progress_reports(uow, actor: Actor, person_id: uuid.UUID) -> list[ProgressReportRow]:
    access.require(uow, actor, Action.VIEW_PERSON, person_id)
    return [_row(uow, r) for r in queries.progress_reports_of(uow.session, person_id)]


def get_progress_report(uow, actor: Actor, report_id: uuid.UUID) -> ProgressReportRow:
    report = queries.progress_report(uow.session, report_id)
    access.require(uow, actor, Action.VIEW_PERSON, report.person_id)
    return _row(uow, report)


def progress_report_pdf(uow, actor: Actor, report_id: uuid.UUID) -> bytes:
    """The PDF as sent for a sent report, else drawn from the record now."""
    report = queries.progress_report(uow.session, report_id)
    exported(uow, actor, report, f"Progress report {report.ref}", "PDF")
    return as_sent(uow, report) or _render_pdf(_report_view(uow, actor, report))


def progress_report_xlsx(uow, actor: Actor, report_id: uuid.UUID) -> bytes:
    from caseteam.documents.billing_xlsx import progress_report_xlsx as render

    report = queries.progress_report(uow.session, report_id)
    exported(uow, actor, report, f"Progress report {report.ref}", "XLSX")
    return render(_report_view(uow, actor, report))
