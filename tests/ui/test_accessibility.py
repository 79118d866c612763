"""Walk the window's screens and dialogs: no control without a spoken name, no action out of reach
of the keyboard, menus and sections reachable by mnemonics and shortcuts."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from accessibility import actions_without_keyboard_route, clashing_mnemonics, unnamed_controls


@pytest.fixture
def window(open_window, demo_path):
    return open_window(demo_path)


def test_every_section_of_the_window(qtbot, window):
    person = window.caseload.model.row_at(0)
    window.open_person(person.id)  # a person's workspace is a tab too
    workspace = window.sections.people[person.id]
    qtbot.waitUntil(lambda: workspace.profile.row is not None, timeout=10_000)
    problems = []
    for number in range(window.sections.count()):
        window.sections.setCurrentIndex(number)
        QApplication.processEvents()
        problems += unnamed_controls(window)
        problems += clashing_mnemonics(window)
    for number in range(workspace.tabs.count()):
        workspace.tabs.setCurrentIndex(number)
        window.sections.setCurrentWidget(workspace)
        QApplication.processEvents()
        problems += unnamed_controls(workspace)
    assert problems == [], "\n".join(problems)
    assert actions_without_keyboard_route(window) == []


def test_every_menu_has_a_mnemonic_and_every_section_a_shortcut(window):
    for action in window.menuBar().actions():
        assert "&" in action.text(), action.text()
    shortcuts = {a.shortcut().toString() for a in window.view_menu.actions()}
    for number in range(len(window.sections.fixed)):
        assert f"Ctrl+{(number + 1) % 10}" in shortcuts  # the tenth section is Ctrl+0


def test_the_dialogs(qtbot, window):
    window.find_anything()
    assert unnamed_controls(window.search_dialog) == []


def test_the_welcome_page(open_window, empty_path):
    window = open_window(empty_path)
    assert window.welcome is not None
    assert unnamed_controls(window.welcome) == []


def test_the_sign_in_and_first_administrator_pages(open_window, demo_path, empty_path):
    window = open_window(demo_path, user=None)
    assert unnamed_controls(window.session.sign_in_page) == []
    assert clashing_mnemonics(window) == []
    empty = open_window(empty_path, user=None)
    assert unnamed_controls(empty.session.first_admin_page) == []
    assert clashing_mnemonics(empty) == []


def test_the_users_password_and_lock_dialogs(qtbot, window):
    session = window.session
    session.show_users()
    users = session.users_dialog
    qtbot.waitUntil(lambda: users.model.rowCount() > 0 and users.staff != [] and window.ops.pending == 0)
    problems = unnamed_controls(users) + clashing_mnemonics(users) + actions_without_keyboard_route(users)
    users.new_user()
    problems += unnamed_controls(users.form) + clashing_mnemonics(users.form)
    users.form.reject()
    users.edit_user()
    problems += unnamed_controls(users.form) + clashing_mnemonics(users.form)
    users.form.reject()
    users.reset_password()
    problems += unnamed_controls(users.form) + clashing_mnemonics(users.form)
    users.form.reject()
    users.close()
    session.change_password()
    problems += unnamed_controls(session.password_dialog) + clashing_mnemonics(session.password_dialog)
    session.password_dialog.reject()
    session.idle.lock()
    problems += unnamed_controls(session.idle.screen) + clashing_mnemonics(session.idle.screen)
    assert problems == [], "\n".join(problems)


def test_the_agreement_letterhead_and_clause_dialogs(qtbot, window):
    from ui.screens.clause_templates_dialog import ClauseTemplatesDialog
    from ui.screens.letterhead_dialog import LetterheadDialog

    partners = window.partners
    window.sections.setCurrentWidget(partners)
    qtbot.waitUntil(lambda: partners.current_organization() is not None, timeout=10_000)
    problems = []
    for dialog_class in (LetterheadDialog, ClauseTemplatesDialog):
        partners.open_agreement_setup(dialog_class)
        dialog = partners.dialog
        qtbot.waitUntil(lambda: dialog.loaded, timeout=10_000)
        problems += unnamed_controls(dialog) + clashing_mnemonics(dialog) + actions_without_keyboard_route(dialog)
        dialog.reject()
    assert problems == [], "\n".join(problems)


def test_the_agreements_section_its_dialogs_and_the_pdf_preview(qtbot, window):
    from ui.screens.agreement_actions import AmendDialog, RecipientDialog, SignatureDialog, TerminateDialog

    page = window.agreements
    window.sections.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=10_000)
    page.table.setCurrentIndex(page.model.index(0, 0))
    row = page.current
    problems = unnamed_controls(page) + clashing_mnemonics(window) + actions_without_keyboard_route(window)
    for dialog in (SignatureDialog(row, page.today, page), TerminateDialog(row, page.today, page),
                   AmendDialog(row, page), RecipientDialog(row, [(None, "File copy")], "print", page)):
        dialog.show()
        problems += unnamed_controls(dialog) + clashing_mnemonics(dialog)
        dialog.reject()
    page.preview_agreement()
    qtbot.waitUntil(lambda: page.preview is not None, timeout=10_000)
    problems += unnamed_controls(page.preview) + clashing_mnemonics(page.preview)
    page.preview.reject()
    assert problems == [], "\n".join(problems)


def test_the_meetings_section_and_its_schedule_dialog(qtbot, window):
    page = window.meetings
    window.sections.setCurrentWidget(page)
    page.when_filter.setCurrentIndex(2)  # every meeting
    qtbot.waitUntil(lambda: page.model.rowCount() > 0 and page.choices is not None, timeout=10_000)
    problems = []
    for tab in range(page.detail.tabs.count()):
        page.detail.tabs.setCurrentIndex(tab)
        QApplication.processEvents()
        problems += unnamed_controls(page) + clashing_mnemonics(window)
    problems += actions_without_keyboard_route(window)
    page.schedule_action.trigger()
    dialog = page.dialog
    problems += unnamed_controls(dialog) + clashing_mnemonics(dialog)
    dialog.reject()
    assert problems == [], "\n".join(problems)


def test_the_quality_section_and_the_training_dialogs(qtbot, window):
    from ui.screens.training_dialogs import CourseDialog, CredentialDialog, SessionDialog

    section = window.quality
    window.sections.setCurrentWidget(section)
    qtbot.waitUntil(lambda: section.dashboard.board is not None, timeout=10_000)
    problems = unnamed_controls(section) + clashing_mnemonics(window)
    section.setCurrentWidget(section.training)
    page = section.training
    qtbot.waitUntil(lambda: page.data is not None, timeout=10_000)
    problems += unnamed_controls(section) + clashing_mnemonics(window)
    for dialog in (CourseDialog(page), SessionDialog(page.data["choices"], page.data["sessions"][0].held_on, page),
                   CredentialDialog(page.data["choices"], page)):
        dialog.show()
        problems += unnamed_controls(dialog) + clashing_mnemonics(dialog)
        dialog.reject()
    assert problems == [], "\n".join(problems)


def test_the_partnership_section_its_tabs_and_dialogs(qtbot, window):
    section = window.partnership
    window.sections.setCurrentWidget(section)
    qtbot.waitUntil(lambda: section.plans.plan is not None and section.map.map is not None, timeout=10_000)
    problems = []
    for tab in range(section.tabs.count()):
        section.tabs.setCurrentIndex(tab)
        QApplication.processEvents()
        problems += unnamed_controls(section) + clashing_mnemonics(window)
    problems += actions_without_keyboard_route(window)
    section.tabs.setCurrentIndex(0)
    section.plans.edits.new_partnership()
    problems += unnamed_controls(section.plans.edits.dialog) + clashing_mnemonics(section.plans.edits.dialog)
    section.plans.edits.dialog.reject()
    section.plans.edits.new_plan()
    problems += unnamed_controls(section.plans.edits.dialog) + clashing_mnemonics(section.plans.edits.dialog)
    section.plans.edits.dialog.reject()
    assert problems == [], "\n".join(problems)
