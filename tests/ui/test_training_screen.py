"""The Quality section's Training page on the demo partnership, signed in as the supervisor: recording a
partner briefing with two attendees through its dialog shows it first with both names, Undo takes it away
again; a course that earns a credential gives each attendee the credential; a credential expiring soon
shows under "Due for renewal"; a refused dialog keeps the input and names the field."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from caseteam.domain.training import CourseTopic, SessionKind
from caseteam.services import training
from ui.widgets.field_row import find_data

WAIT = 30_000


@pytest.fixture
def page(qtbot, open_window, demo_path):
    window = open_window(demo_path, user="supervisor")
    window.sections.setCurrentWidget(window.quality)
    page = window.quality.training
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        window.quality.setCurrentWidget(page)
    page.window_ = window
    return page


def staff_ids(page, *names):
    return [key for key, label in page.data["choices"].staff if label.split(" — ")[0] in names]


def choose(combo, value):
    combo.setCurrentIndex(find_data(combo, value))


def submit(qtbot, page, dialog):
    """OK, then wait until the dialog closed and every read it caused has answered."""
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible() and page.ops.pending == 0, timeout=WAIT)


def test_a_partner_briefing_with_two_attendees_is_recorded_and_undone(qtbot, page):
    qtbot.mouseClick(page.session_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible)
    fields = dialog.fields.fields
    choose(fields["kind"], SessionKind.PARTNER_BRIEFING)
    qtbot.keyClicks(fields["title"], "Legal Aid: benefits appeals")
    legal = next(key for key, name in page.data["choices"].organizations if name == "Lakes Region Legal Aid")
    choose(fields["presenting_organization_id"], legal)
    qtbot.keyClicks(fields["topics"], "Eligibility: income under 200% of poverty.")
    lupe, tom = staff_ids(page, "Lupe Hernández"), staff_ids(page, "Tom Lindqvist")
    dialog.tick(*lupe, *tom)
    submit(qtbot, page, dialog)
    first = page.sessions_model.row_at(0)
    assert (first.title, first.presenting_organization_name) == ("Legal Aid: benefits appeals",
                                                                  "Lakes Region Legal Aid")
    assert sorted(a.staff_name for a in first.attendees) == ["Lupe Hernández", "Tom Lindqvist"]
    assert "Lupe Hernández" in page.attendees.text() and "income under 200%" in page.attendees.text()

    window = page.window_
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert window.undo_action.text().replace("&", "") == "Undo Record training session"
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: window.ops.pending == 0, timeout=WAIT)
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        page.refresh()
    assert all(s.title != "Legal Aid: benefits appeals" for s in page.data["sessions"])


def test_a_course_earns_its_credential_and_a_refusal_keeps_the_input(qtbot, page):
    qtbot.mouseClick(page.new_course_button, Qt.MouseButton.LeftButton)
    course = page.dialog
    qtbot.keyClicks(course.fields.fields["name"], "Systematic instruction")
    choose(course.fields.fields["topic"], CourseTopic.SYSTEMATIC_INSTRUCTION)
    qtbot.keyClicks(course.fields.fields["credential_name"], "Systematic instruction certificate")
    course.months.setValue(1)
    submit(qtbot, page, course)
    assert any(c.name == "Systematic instruction" for c in page.data["choices"].courses)

    qtbot.mouseClick(page.session_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    fields = dialog.fields.fields
    qtbot.keyClicks(fields["title"], "Systematic instruction, winter")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # no course chosen: refused in the dialog
    assert dialog.isVisible() and fields["title"].text() == "Systematic instruction, winter"
    assert not dialog.fields.errors["course_id"].isHidden()
    course_id = next(c.id for c in page.data["choices"].courses if c.name == "Systematic instruction")
    choose(fields["course_id"], course_id)
    dialog.tick(*staff_ids(page, "Yer Vang"))
    submit(qtbot, page, dialog)
    # Valid a month from today: due for renewal now.
    choose(page.show_filter, "due")
    shown = [page.credentials_model.row_at(i) for i in range(page.credentials_model.rowCount())]
    mine = [c for c in shown if c.name == "Systematic instruction certificate"]
    assert [(c.staff_name, c.expires_on) for c in mine] == [("Yer Vang", training.expires_after(date.today(), 1))]
    assert mine[0].state.startswith("Expires in ")
    assert date.today() + timedelta(days=27) <= mine[0].expires_on


def test_a_credential_with_its_certificate_is_due_for_renewal(qtbot, page, monkeypatch, tmp_path):
    from sqlalchemy import select

    from caseteam.domain.attachments import Attachment
    from ui.screens import training_dialogs

    scan = tmp_path / "cpr card.pdf"
    scan.write_bytes(b"%PDF-1.4 a CPR card")
    monkeypatch.setattr(training_dialogs, "choose_certificate", lambda _parent: str(scan))
    qtbot.mouseClick(page.credential_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    fields = dialog.fields.fields
    choose(fields["staff_id"], staff_ids(page, "Marcus Bell")[0])
    qtbot.keyClicks(fields["name"], "CPR and first aid")
    fields["expires_on"].set_value(date.today() + timedelta(days=30))
    qtbot.mouseClick(dialog.scan_button, Qt.MouseButton.LeftButton)
    assert "cpr card.pdf" in dialog.scan_label.text()
    submit(qtbot, page, dialog)
    choose(page.show_filter, "due")
    [mine] = [page.credentials_model.row_at(i) for i in range(page.credentials_model.rowCount())
              if page.credentials_model.row_at(i).staff_name == "Marcus Bell"]
    assert mine.state.startswith("Expires in 30 days") and mine.attachment_id is not None
    got = []

    def read(uow):
        stored = uow.session.scalars(select(Attachment).where(Attachment.id == mine.attachment_id)).one()
        return stored.filename, stored.media_type, stored.data

    page.ops.run(read, on_done=got.append, write=False)  # kept in the store, read back on the worker
    qtbot.waitUntil(lambda: bool(got), timeout=WAIT)
    assert got == [("cpr card.pdf", "application/pdf", b"%PDF-1.4 a CPR card")]
