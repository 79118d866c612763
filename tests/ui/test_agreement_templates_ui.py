"""The partner directory's agreement set-up on the demo partnership: Bridgeway's own wording for individual
agreements (a {person_name} placeholder filled in the next draft, an unknown one warned about, back to the
built-in wording), unsaved edits asked about before closing, its letterhead with a real PNG logo that the
agreement view then carries, a text file renamed .png refused under the logo, and a role that may not
change the directory without the actions."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QFileDialog, QMessageBox
from sqlalchemy import select

from caseteam.domain.agreements import AgreementKind
from caseteam.domain.organizations import Organization
from caseteam.domain.people import Person
from caseteam.services import agreement_clauses, agreements
from caseteam.storage.store import open_store

from test_partner_directory import WAIT, directory, open_organization, retype  # noqa: F401
from ui.screens.clause_templates_dialog import ClauseTemplatesDialog
from ui.screens.letterhead_dialog import LetterheadDialog

BRIDGEWAY = "Bridgeway Employment Services"
Answer = QMessageBox.StandardButton


def open_setup(qtbot, screen, action):
    """Bridgeway chosen, the action triggered from its shortcut, the dialog's record loaded."""
    open_organization(qtbot, screen, "bridgeway", BRIDGEWAY)
    assert action.isEnabled()
    qtbot.keyClick(screen.table, action.shortcut()[0].key(), action.shortcut()[0].keyboardModifiers())
    dialog = screen.dialog
    qtbot.waitUntil(lambda: dialog is not None and dialog.loaded, timeout=WAIT)
    return dialog


def choose_kind(qtbot, dialog, kind: AgreementKind) -> None:
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData(kind))
    qtbot.waitUntil(lambda: dialog.kind is kind and dialog.ops.pending == 0, timeout=WAIT)


def section_number(dialog, key: str) -> int:
    return [s[0] for s in dialog.sections].index(key)


def saved(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.ops.pending == 0 and dialog.status.isVisible(), timeout=WAIT)


def draft_for_someone_at(demo_path, actor, kind: AgreementKind = AgreementKind.INDIVIDUAL):
    """A new draft prepared by Bridgeway (for one of its people when individual), as the store built it."""
    store = open_store(demo_path)
    try:
        with store.unit_of_work() as uow:
            crp = uow.session.scalars(select(Organization).where(Organization.name == BRIDGEWAY)).one()
            other = uow.session.scalars(select(Organization).where(Organization.id != crp.id)
                                        .order_by(Organization.name)).first()
            person = uow.session.scalars(select(Person).where(Person.home_organization_id == crp.id)
                                         .order_by(Person.ref)).first()
            parties = [(crp.id, "Provider", [("Lupe Hernández", "Job developer", None, False)])]
            if kind is AgreementKind.INDIVIDUAL:
                parties.insert(0, (person.id, "Job seeker", [(person.display_name, "", None, True)]))
            else:
                parties.append((other.id, "Partner", [("Kim Ødegård", "Director", None, False)]))
            row, _ = agreements.create_draft(uow, actor, kind=kind, title="Set-up check", prepared_by_id=crp.id,
                                             person_id=person.id if kind is AgreementKind.INDIVIDUAL else None,
                                             parties=parties, effective_from=date(2026, 1, 1),
                                             effective_to=date(2026, 12, 31))
            return person.display_name, agreements.build_view(uow, actor, row.id)
    finally:
        store.close()


def sections_of(view) -> dict[str, str]:
    return {s.title: s.body for s in view.sections}


def test_own_wording_with_a_placeholder_is_used_by_the_next_draft_and_reset_brings_back_the_defaults(
        qtbot, directory, demo_path):
    screen = directory
    dialog = open_setup(qtbot, screen, screen.clauses_action)
    assert isinstance(dialog, ClauseTemplatesDialog)
    assert "{person_name}" in dialog.help.text() and "{effective_to}" in dialog.help.text()
    choose_kind(qtbot, dialog, AgreementKind.INDIVIDUAL)
    assert "built-in wording" in dialog.source.text()
    number = section_number(dialog, "responsibilities")
    dialog.list.setCurrentRow(number)
    retype(qtbot, dialog.editor.body_box, "{person_name} phones the team every Friday about {persn_name}.")
    assert dialog.warning.isVisible() and "{persn_name}" in dialog.warning.text()
    assert "{person_name}" not in dialog.warning.text()
    retype(qtbot, dialog.editor.body_box, "{person_name} phones the team every Friday.")
    assert not dialog.warning.isVisible()
    retype(qtbot, dialog.editor.title_box, "What I do")
    assert dialog.list.item(number).text() == f"{number + 1}. What I do"
    saved(qtbot, dialog)
    assert dialog.status.text() == f"Saved for {BRIDGEWAY}." and not dialog.has_unsaved_changes()
    assert dialog.source.text() == f"{BRIDGEWAY}'s own wording."

    name, view = draft_for_someone_at(demo_path, screen.actor)
    assert sections_of(view)["What I do"] == f"{name} phones the team every Friday."

    dialog.confirm = lambda *_: True
    qtbot.mouseClick(dialog.reset_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.own and dialog.ops.pending == 0, timeout=WAIT)
    defaults = agreement_clauses.DEFAULTS[AgreementKind.INDIVIDUAL]
    assert [title for _k, title, _b in dialog.sections] == [title for _k, title, _b in defaults]
    assert "built-in wording" in dialog.source.text()
    _name, view = draft_for_someone_at(demo_path, screen.actor)
    assert "What I do" not in sections_of(view)
    assert sections_of(view)["My responsibilities"].startswith(f"I, {name}, will take part in planning")


def test_sections_are_added_moved_and_removed_and_unsaved_edits_are_asked_about(qtbot, directory, demo_path):
    screen = directory
    dialog = open_setup(qtbot, screen, screen.clauses_action)
    assert dialog.kind is AgreementKind.MOU
    titles = [s[1] for s in dialog.sections]
    dialog.list.setCurrentRow(0)
    qtbot.mouseClick(dialog.editor.add_button, Qt.MouseButton.LeftButton)
    assert dialog.list.currentRow() == 1 and dialog.editor.title_box.hasFocus()
    qtbot.keyClicks(dialog.editor.title_box, "Transportation")
    qtbot.mouseClick(dialog.editor.up_button, Qt.MouseButton.LeftButton)
    assert [s[1] for s in dialog.sections][:2] == ["Transportation", titles[0]]
    dialog.list.setCurrentRow(len(dialog.sections) - 1)
    qtbot.mouseClick(dialog.editor.remove_button, Qt.MouseButton.LeftButton)
    assert [s[1] for s in dialog.sections] == ["Transportation", *titles[:-1]]

    asked = []
    dialog.ask = lambda _parent, what: asked.append(what) or Answer.Cancel
    choose_kind_attempt = AgreementKind.PURCHASE_OF_SERVICE
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData(choose_kind_attempt))
    assert asked and dialog.kind is AgreementKind.MOU  # Cancel: the edits and the kind stay
    assert dialog.kind_box.currentData() is AgreementKind.MOU
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and len(asked) == 2

    dialog.ask = lambda *_: Answer.Save
    with qtbot.waitSignal(dialog.finished, timeout=WAIT):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # saved first, then closed
    qtbot.waitUntil(lambda: screen.dialog is None and screen.ops.pending == 0, timeout=WAIT)
    _name, view = draft_for_someone_at(demo_path, screen.actor, AgreementKind.MOU)
    assert [s.title for s in view.sections][:2] == ["Transportation", titles[0]]
    assert titles[-1] not in [s.title for s in view.sections]


def write_png(path) -> bytes:
    image = QImage(60, 24, QImage.Format.Format_RGB32)
    image.fill(QColor("#1b4f8a"))
    assert image.save(str(path), "PNG")
    return path.read_bytes()


def test_letterhead_with_a_logo_heads_the_agreement(qtbot, directory, demo_path, tmp_path, monkeypatch):
    screen = directory
    dialog = open_setup(qtbot, screen, screen.letterhead_action)
    assert isinstance(dialog, LetterheadDialog)
    assert dialog.name.text() == BRIDGEWAY and "1125 W 3rd St" in dialog.address.toPlainText()
    assert dialog.preview.text() == "No logo" and not dialog.remove_button.isEnabled()
    logo = write_png(tmp_path / "bridgeway-logo.png")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(tmp_path / "bridgeway-logo.png"),
                                                                            ""))
    retype(qtbot, dialog.name, "Bridgeway Employment Services, Inc.")
    retype(qtbot, dialog.phone, "563-555-0142")
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    assert not dialog.preview.pixmap().isNull()
    assert dialog.preview.accessibleName() == "Logo bridgeway-logo.png, 60 by 24 pixels"
    saved(qtbot, dialog)
    assert dialog.status.text() == f"Saved for {BRIDGEWAY}." and dialog.row.has_logo

    _name, view = draft_for_someone_at(demo_path, screen.actor, AgreementKind.MOU)
    assert view.letterhead.name == "Bridgeway Employment Services, Inc."
    assert view.letterhead.phone == "563-555-0142"
    assert view.letterhead.logo == logo

    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert dialog.preview.text() == "No logo"
    saved(qtbot, dialog)
    _name, view = draft_for_someone_at(demo_path, screen.actor, AgreementKind.MOU)
    assert view.letterhead.logo is None and view.letterhead.name == "Bridgeway Employment Services, Inc."


def test_a_text_file_named_png_is_refused_under_the_logo(qtbot, directory, tmp_path, monkeypatch):
    screen = directory
    dialog = open_setup(qtbot, screen, screen.letterhead_action)
    fake = tmp_path / "logo.png"
    fake.write_text("not a picture at all\n")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(fake), ""))
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    assert dialog.preview.text() == "logo.png: not an image that can be shown"
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    problem = dialog.fields.errors["logo"]
    qtbot.waitUntil(lambda: problem.isVisible(), timeout=WAIT)
    assert "logo logo.png" in problem.text() and "PNG or JPEG" in problem.text()
    assert dialog.isVisible() and dialog.has_unsaved_changes() and dialog.save_button.isEnabled()


def test_a_role_that_may_not_change_the_directory_has_the_actions_disabled(qtbot, open_window, demo_path):
    window = open_window(demo_path, user="partner")
    screen = window.partners
    window.sections.setCurrentWidget(screen)  # the directory reads when first shown
    qtbot.waitUntil(lambda: screen.current_organization() is not None, timeout=WAIT)
    assert not screen.letterhead_action.isEnabled() and not screen.clauses_action.isEnabled()
    screen.open_agreement_setup(LetterheadDialog)
    assert screen.dialog is None


def test_a_stale_letterhead_save_keeps_the_typing_and_names_what_changed(qtbot, directory, demo_path):
    from caseteam.services import agreement_templates

    screen = directory
    dialog = open_setup(qtbot, screen, screen.letterhead_action)
    saved_name = "Bridgeway Employment Services"
    retype(qtbot, dialog.address, "1125 W 3rd St")
    qtbot.keyClick(dialog.address, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.address, "Eastport, IA 52761")
    saved(qtbot, dialog)
    retype(qtbot, dialog.phone, "563-555-0199")
    store = open_store(demo_path)  # a colleague saves the letterhead meanwhile
    try:
        with store.unit_of_work() as uow:
            theirs = agreement_templates.letterhead(uow, screen.actor, dialog.organization_id)
            agreement_templates.save_letterhead(uow, screen.actor, dialog.organization_id, name=saved_name,
                                                address=theirs.address, phone="563-555-0000",
                                                version=theirs.version)
    finally:
        store.close()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "someone else changed" in dialog.status.text() and dialog.ops.pending == 0,
                    timeout=WAIT)
    assert "(phone)" in dialog.status.text()
    assert dialog.phone.text() == "563-555-0199" and dialog.has_unsaved_changes()
    saved(qtbot, dialog)
    assert dialog.status.text() == f"Saved for {BRIDGEWAY}."
    _name, view = draft_for_someone_at(demo_path, screen.actor, AgreementKind.MOU)
    assert view.letterhead.phone == "563-555-0199" and view.letterhead.address == "1125 W 3rd St\nEastport, IA 52761"
