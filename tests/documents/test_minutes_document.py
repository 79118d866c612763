"""The minutes PDF read back as a reader would: sections, attendance, action items with owner, due date and
task, "Page X of Y", the demo mark, embedded DejaVu fonts; and the service that prints it is audited."""

from __future__ import annotations

from datetime import date, datetime

from pdf_reading import all_text, fonts, page_texts

from caseteam.documents.minutes_document import SECTIONS, ActionLine, AttendeeLine, MinutesView, render_minutes
from caseteam.domain.meetings import Attendance, MeetingKind
from caseteam.services import audit_view, meeting_agenda, meetings

from builders import casework_desk


def view(**kw) -> MinutesView:
    values = dict(
        reference="MT-0007", version=3, title="Quarterly disability advisory council", kind="Workforce board "
        "disability advisory council", host="County Workforce Board", when="Tuesday, January 12, 2027, 13:00 to "
        "14:30 (America/New_York)", place="One-Stop Center, room 4", call_link="", facilitator="Pat Doe",
        status="Held", purpose="Review accessibility of the One-Stop.", about="",
        attendees=(AttendeeLine("José Muñoz", "Chair", "County VR", "Present"),
                   AttendeeLine("Nguyễn Thị Ánh", "Member", "Bridgeway", "Excused")),
        agenda=(("Screen readers at the kiosks", "Two of six work."), ("Follow up: bus passes", "")),
        minutes="The council met.\nKiosks need updates.", decisions=("Buy two braille displays.",),
        actions=(ActionLine("Order braille displays", "County VR: José Muñoz", date(2027, 2, 1), "TK-0042", "Open"),),
        generated_on=date(2027, 1, 13), demo=True)
    values.update(kw)
    return MinutesView(**values)


def test_the_minutes_carry_every_section_and_the_footer():
    data = render_minutes(view())
    text = all_text(data)
    for section in SECTIONS:
        assert section in text, section
    for words in ("Minutes: Quarterly disability advisory council", "José Muñoz", "Nguyễn Thị Ánh", "Excused",
                  "1. Screen readers at the kiosks", "Buy two braille displays.", "Order braille displays",
                  "County VR: José Muñoz", "02/01/2027", "TK-0042", "Facilitator Pat Doe",
                  "Minutes of meeting MT-0007 · version 3", "DEMO — invented data"):
        assert words in text, words
    assert {f["base"].split("+")[-1] for f in fonts(data)} <= {"DejaVuSans", "DejaVuSans-Bold"}


def test_long_minutes_run_onto_numbered_pages():
    many = tuple(ActionLine(f"Action number {n}", "Bridgeway: Lupe Hernández", None, f"TK-{n:04d}", "Open")
                 for n in range(1, 80))
    pages = page_texts(render_minutes(view(actions=many, large_print=True)))
    assert len(pages) >= 3
    assert [f"Page {n} of {len(pages)}" in page for n, page in enumerate(pages, start=1)] == [True] * len(pages)
    assert "No due date" in pages[-1] and "Action number 79" in pages[-1]


def test_the_service_prints_a_held_team_meeting_and_audits_it(store, actor):
    d = casework_desk(store, actor)
    with store.unit_of_work() as uow:
        m, _ = meetings.schedule_meeting(uow, actor, kind=MeetingKind.TEAM, title="Ana's team meeting",
                                         host_organization_id=d["crp"].id, person_id=d["ana"].id,
                                         starts_local=datetime(2026, 11, 10, 10, 0), zone="America/New_York",
                                         agenda=("Job leads",))
        m, _ = meeting_agenda.add_attendee(uow, actor, m.id, staff_id=d["lupe"].id)
        m, _ = meeting_agenda.set_attendance(uow, actor, m.attendees[1].id, Attendance.PRESENT)
        m, _ = meeting_agenda.add_action_item(uow, actor, m.id, "Visit two warehouses",
                                              organization_id=d["crp"].id, staff_id=d["lupe"].id,
                                              due=date(2026, 11, 24))
        m, _ = meetings.mark_held(uow, actor, m.id)
        data = meetings.minutes_pdf(uow, actor, m.id)
        printed = audit_view.audit_entries(uow, actor, audit_view.AuditQuery(entity="meetings", action="printed"))
    text = all_text(data)
    for words in ("Ana Lima (PE-0001)", "Lupe Hernández", "Present", "Visit two warehouses",
                  "Bridgeway: Lupe Hernández", "11/24/2026", "TK-0001", "Held", "Page 1 of 1",
                  "Tuesday, November 10, 2026, 10:00 to 11:00 (America/New_York)"):
        assert words in text, words
    assert len(printed) == 1
