"""The partner directory's Funding tab on the demo partnership: the VR office's funder and its fee schedule,
a funder, a service and two rates added through the dialogs (the first rate closes the day before the
second), an edit undone, the demo's sample pack imported and exported, a broken pack refused with its
reason and nothing written, a read-only role without the buttons, and the accessibility walk."""

from __future__ import annotations

import json
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication

from caseteam.services import funders

from accessibility import actions_without_keyboard_route, clashing_mnemonics, unnamed_controls
from builders import reader
from funder_packs import renamed_pack, stored_funder_names
from test_partner_directory import VR, WAIT, click_tab, directory, open_organization, retype  # noqa: F401
from ui.dates import local_date
from ui.models.funder_models import FunderTableModel, RateTableModel, ServiceTableModel
from ui.screens.funder_dialogs import FunderDialog, RateDialog, ServiceDialog
from ui.screens.partners import PartnerDirectory
from ui.undo import UndoHistory

VR_FUNDER = "State VR – Customized Employment"


def texts(model, column) -> list[str]:
    return [model.index(r, column).data() for r in range(model.rowCount())]


def funding_tab(qtbot, screen, search: str = "state vr", name: str = VR):
    """The organization chosen and its Funding tab open, its funders loaded."""
    page = screen.funding
    chosen = open_organization(qtbot, screen, search, name)
    # Not the first loaded signal: the organization chosen before the search may answer first.
    qtbot.waitUntil(lambda: page.shown_for == chosen.id, timeout=WAIT)
    click_tab(qtbot, screen, "Funding")
    return page


def choose(table, model, column, text: str) -> None:
    table.setCurrentIndex(model.index(texts(model, column).index(text), 0))


def submit(qtbot, screen, dialog) -> None:
    """Press the dialog's button and wait for the tab to show the saved change; the dialog has closed."""
    with qtbot.waitSignal(screen.funding.loaded, timeout=WAIT):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert screen.dialog is None


def test_the_vr_office_shows_its_funder_services_and_fee_schedule(qtbot, directory):
    page = funding_tab(qtbot, directory)
    assert VR_FUNDER in texts(page.funder_model, FunderTableModel.Column.NAME)
    choose(page.funders, page.funder_model, FunderTableModel.Column.NAME, VR_FUNDER)
    assert page.service_model.rowCount() == 8
    assert page.rules.text().startswith("Rules:")
    assert page.rate_model.rowCount() >= 1 and texts(page.rate_model, RateTableModel.Column.RATE)[0].startswith("$")


def test_a_funder_a_service_and_a_new_rate_that_closes_the_previous_one(qtbot, directory):
    screen = directory
    page = funding_tab(qtbot, screen)
    page.new_funder_action.trigger()
    dialog = screen.dialog
    assert isinstance(dialog, FunderDialog)
    qtbot.keyClicks(dialog.fields.fields["name"], "County Workforce Board")
    kind = dialog.fields.fields["kind"]
    kind.setCurrentIndex(kind.findText("WIOA Title I"))
    qtbot.keyClicks(dialog.fields.fields["rules"], "Training only after an assessment.")
    submit(qtbot, screen, dialog)
    F = FunderTableModel.Column
    assert page.funders.currentIndex().data() == "County Workforce Board"
    row = page.funders.currentIndex().row()
    assert page.funder_model.index(row, F.KIND).data() == "WIOA Title I"
    assert page.rules.text() == "Rules: Training only after an assessment."
    assert page.service_model.rowCount() == 0

    page.add_service_action.trigger()
    dialog = screen.dialog
    assert isinstance(dialog, ServiceDialog)
    qtbot.keyClicks(dialog.fields.fields["code"], "JC-1")
    qtbot.keyClicks(dialog.fields.fields["name"], "Job coaching")
    unit = dialog.fields.fields["unit"]
    unit.setCurrentIndex(unit.findText("Hour"))
    qtbot.keyClicks(dialog.fields.fields["required_credential"], "CESP")
    submit(qtbot, screen, dialog)
    S = ServiceTableModel.Column
    assert texts(page.service_model, S.CODE) == ["JC-1"]
    assert page.service_model.index(0, S.CREDENTIAL).data() == "CESP"
    assert page.service_model.index(0, S.RATE).data() == "None"

    for rate, start in (("40.00", date(2026, 1, 1)), ("42.50", date(2026, 7, 1))):
        page.new_rate_action.trigger()
        dialog = screen.dialog
        assert isinstance(dialog, RateDialog)
        qtbot.keyClicks(dialog.fields.fields["rate"], rate)
        dialog.fields.fields["effective_from"].setDate(start)
        submit(qtbot, screen, dialog)
    R = RateTableModel.Column
    assert texts(page.rate_model, R.RATE) == ["$40.00", "$42.50"]
    assert texts(page.rate_model, R.FROM) == [local_date(date(2026, 1, 1)), local_date(date(2026, 7, 1))]
    assert texts(page.rate_model, R.TO) == [local_date(date(2026, 6, 30)), "Open (in force)"]
    assert page.service_model.index(0, S.RATE).data() == "$42.50"

    # A rate that does not start after the newest is refused in the dialog, which keeps what was typed.
    page.new_rate_action.trigger()
    dialog = screen.dialog
    qtbot.keyClicks(dialog.fields.fields["rate"], "45.00")
    dialog.fields.fields["effective_from"].setDate(date(2026, 3, 1))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    problem = dialog.fields.errors["effective_from"]
    qtbot.waitUntil(lambda: problem.isVisible(), timeout=WAIT)
    assert "already has a rate from July 1, 2026" in problem.text()
    dialog.reject()

    # Editing the service is one undo step.
    page.edit_service_action.trigger()
    dialog = screen.dialog
    retype(qtbot, dialog.fields.fields["name"], "Job coaching on site")
    submit(qtbot, screen, dialog)
    assert texts(page.service_model, S.NAME) == ["Job coaching on site"]
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        screen.history.stack.undo()
    assert texts(page.service_model, S.NAME) == ["Job coaching"]

    # Archiving it takes it off the list; undo brings it back.
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        page.archive_service_action.trigger()
    assert page.service_model.rowCount() == 0
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        screen.history.stack.undo()
    assert texts(page.service_model, S.CODE) == ["JC-1"]


def test_the_sample_pack_imports_and_its_funders_show(qtbot, directory, tmp_path, demo_path):
    page = funding_tab(qtbot, directory)
    pack = renamed_pack(" (copy)")
    source = tmp_path / "state pack.json"
    source.write_text(json.dumps(pack), "utf-8")
    page.ask_open_path = lambda: str(source)
    with qtbot.waitSignal(page.said, timeout=WAIT) as said:
        page.import_pack_action.trigger()
    services = sum(len(f["services"]) for f in pack["funders"])
    assert said.args[0].startswith(f"Imported state pack.json: 4 funders added, 0 updated; {services} services "
                                   "added")
    assert page.status.text() == said.args[0]
    qtbot.waitUntil(lambda: f"{VR_FUNDER} (copy)" in texts(page.funder_model, FunderTableModel.Column.NAME),
                    timeout=WAIT)

    # Exported again: this office's funders, written whole as a pack.
    out = tmp_path / "vr funders"
    page.ask_save_path = lambda _suggested: str(out)
    with qtbot.waitSignal(page.said, timeout=WAIT) as said:
        page.export_pack_action.trigger()
    written = json.loads((tmp_path / "vr funders.json").read_text("utf-8"))
    assert sorted(f["name"] for f in written["funders"]) == sorted(
        texts(page.funder_model, FunderTableModel.Column.NAME))
    assert said.args[0] == f"Wrote {page.funder_model.rowCount()} funders to {tmp_path / 'vr funders.json'}."


def test_a_broken_pack_is_refused_with_its_message_and_nothing_written(qtbot, directory, tmp_path, demo_path,
                                                                      dialogs):
    page = funding_tab(qtbot, directory)
    before = texts(page.funder_model, FunderTableModel.Column.NAME)
    pack = renamed_pack(" (broken)")
    pack["funders"][-1]["services"][0]["rates"][0]["rate"] = "12.345"
    source = tmp_path / "broken.json"
    source.write_text(json.dumps(pack), "utf-8")
    page.ask_open_path = lambda: str(source)
    with qtbot.waitSignal(page.said, timeout=WAIT) as said:
        page.import_pack_action.trigger()
    assert said.args[0].startswith("broken.json was not imported: Bad rate in the pack:")
    assert "more than two decimals" in said.args[0] and said.args[0].endswith("Nothing was changed.")
    assert page.status.text() == f"⚠ {said.args[0]}"
    assert ("plain", said.args[0]) in dialogs
    assert texts(page.funder_model, FunderTableModel.Column.NAME) == before
    assert not [n for n in stored_funder_names(demo_path) if n.endswith(" (broken)")]


def test_a_role_that_may_not_change_the_directory_sees_no_buttons(qtbot, directory):
    screen = PartnerDirectory(directory.ops, reader(), UndoHistory(directory.ops, QUndoStack()))
    qtbot.addWidget(screen)
    with qtbot.waitSignal(screen.detail_loaded, timeout=WAIT):
        screen.show()
        screen.refresh()
    page = screen.funding
    screen.detail.tabs.setCurrentWidget(page)
    assert not page.may_change and page.note.isVisibleTo(screen)
    assert not any(a.isVisible() for a in page.toolbar.actions())
    page.new_funder_action.trigger()  # the shortcut does nothing either
    assert screen.dialog is None
    screen.close()


def test_the_tab_and_its_dialogs_pass_the_accessibility_walk(qtbot, directory):
    screen = directory
    page = funding_tab(qtbot, screen)
    choose(page.funders, page.funder_model, FunderTableModel.Column.NAME, VR_FUNDER)
    QApplication.processEvents()
    problems = unnamed_controls(screen) + clashing_mnemonics(screen)
    for action in (page.new_funder_action, page.edit_funder_action, page.add_service_action,
                   page.edit_service_action, page.new_rate_action):
        assert action.isEnabled(), action.text()
        action.trigger()
        problems += unnamed_controls(screen.dialog) + clashing_mnemonics(screen.dialog)
        screen.dialog.reject()
    assert problems == [], "\n".join(problems)
    assert actions_without_keyboard_route(screen) == []
    # The Funding tab's shortcut for a new funder works from the keyboard.
    page.funders.setFocus()
    qtbot.keyClick(page.funders, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    assert isinstance(screen.dialog, FunderDialog)
    screen.dialog.reject()


def test_a_stale_funder_edit_keeps_the_input_and_names_what_changed(qtbot, directory):
    screen = directory
    page = funding_tab(qtbot, screen)
    choose(page.funders, page.funder_model, FunderTableModel.Column.NAME, VR_FUNDER)
    page.edit_funder_action.trigger()
    dialog = screen.dialog
    retype(qtbot, dialog.fields.fields["name"], "State VR CE services")
    row, actor = dialog.row, screen.actor
    with qtbot.waitSignal(page.loaded, timeout=WAIT):  # someone else saves the funder first
        screen.ops.run(lambda uow: funders.update_funder(uow, actor, row.id, version=row.version,
                                                         rules="Reports due on the 5th."))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.message.isVisible(), timeout=WAIT)
    assert "someone else changed this record" in dialog.message.text() and "Rules in words" in dialog.message.text()
    assert dialog.fields.fields["name"].text() == "State VR CE services"
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "State VR CE services" in texts(page.funder_model, FunderTableModel.Column.NAME)
