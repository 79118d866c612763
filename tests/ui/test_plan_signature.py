"""Recording the person's signature from the Plan tab with the keyboard: Ctrl+Shift+H, the dialog's
refusal under its field, the scan filed, then "Signed by … — locked" on the Plan and Plan history tabs."""

from __future__ import annotations

from PySide6.QtCore import Qt

from accessibility import clashing_mnemonics, unnamed_controls
from caseteam.services import people, plan_signatures, plans
from plan_editing import WAIT, in_store, open_editor, session_fixture  # noqa: F401
from ui.screens.person import plan_signature
from ui.screens.person.revisions import RevisionHistory

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _unsigned_person(uow, actor):
    for row in people.caseload(uow, actor):
        latest = plans.latest_plan(uow, actor, row.id) if row.plan_number else None
        if latest is not None and not latest.locked:
            return row.ref, latest.number
    raise AssertionError("the demo has no unsigned plan")


def test_record_a_signature_and_see_the_revision_locked(qtbot, session, monkeypatch, tmp_path):
    ref, number = in_store(session.path, _unsigned_person)
    scan = tmp_path / "signed plan.pdf"
    scan.write_bytes(b"%PDF-1.4 scanned signature page")
    monkeypatch.setattr(plan_signature, "choose_scan", lambda _parent: str(scan))
    editor = open_editor(qtbot, session, ref)
    panel = editor.signature
    assert panel.line.text() == f"Revision {number} is not signed yet." and panel.button.isEnabled()

    editor.fields["vision"].setFocus()
    qtbot.keyClick(editor.fields["vision"], Qt.Key.Key_H, CTRL_SHIFT)
    qtbot.waitUntil(lambda: panel.dialog is not None and panel.dialog.isVisible(), timeout=WAIT)
    dialog = panel.dialog
    assert unnamed_controls(dialog) == [] and clashing_mnemonics(dialog) == []
    legal_name = dialog.signer.text()
    assert legal_name  # the person's legal name, filled in

    # A name cleared by mistake is refused under the field, and the dialog keeps what was typed.
    dialog.signer.clear()
    qtbot.keyClick(dialog.signer, Qt.Key.Key_Return)
    problem = dialog.fields.errors["signed_by_name"]
    qtbot.waitUntil(lambda: problem.isVisible(), timeout=WAIT)
    assert "name of the person who signed is required" in problem.text() and dialog.isVisible()

    qtbot.keyClicks(dialog.signer, legal_name)
    dialog.choose_button.click()
    assert dialog.scan_name.text() == "signed plan.pdf"
    with qtbot.waitSignal(panel.recorded, timeout=WAIT) as recorded:
        qtbot.keyClick(dialog.signer, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    row = recorded.args[0]
    assert row.locked and row.signed_by_name == legal_name and row.signed_how == plan_signatures.IN_PERSON
    assert f"Signed by {legal_name} on " in panel.line.text() and "— locked" in panel.line.text()
    assert f"makes revision {number + 1}, which is signed anew" in panel.line.text()
    assert not panel.button.isEnabled()  # a second signature cannot be recorded

    stored = in_store(session.path, lambda uow, actor: plan_signatures.signature_scan(uow, actor, row.person_id,
                                                                                      number))
    assert stored[0].filename == "signed plan.pdf" and stored[1] == scan.read_bytes()

    history = RevisionHistory(session.ops, session.actor, session.history, row.person_id)
    qtbot.addWidget(history)
    with qtbot.waitSignal(history.loaded, timeout=WAIT):
        history.refresh()
    assert f"Revision {number}: Signed by {legal_name}" in history.signature.line.text()
    assert not history.signature.button.isEnabled()
    if number > 1:  # an earlier revision selected: its own state, and no button for it
        history.select(number - 1)
        assert history.signature.line.text().startswith(f"Revision {number - 1}")
        assert not history.signature.button.isEnabled()
