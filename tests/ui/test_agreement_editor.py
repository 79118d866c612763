"""Agreement drafts in the GUI on a real SQLite store: each kind created through New agreement… (an MOU with two
organizations and their signatories, a purchase-of-service agreement whose funder's services become the lines,
an individual agreement from the person's workspace with the person prefilled), refusals shown next to what
they name, the draft editor changing a section and a line and saving (the printable view shows it), a stale
save keeping the typed text, a final agreement refused for editing, and the accessibility walk."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from shiboken6 import isValid

from caseteam.domain.agreements import AgreementKind, AgreementStatus
from caseteam.domain.funding import BillingUnit, FunderKind
from caseteam.domain.organizations import OrganizationKind
from caseteam.domain.people import RepresentativeAuthority
from caseteam.domain.users import Role
from caseteam.services import agreements, funders, organizations, people, users
from ui.operations import Operations
from ui.screens.agreement_create import NewAgreementDialog, open_new_agreement
from ui.screens.agreement_editor import AgreementEditor, open_agreement_editor
from ui.undo import UndoHistory
from ui.widgets.field_row import find_data

from accessibility import clashing_mnemonics, unnamed_controls
from builders import local_actor

WAIT = 20_000
LEFT = Qt.MouseButton.LeftButton
START = date(2026, 1, 1)


@pytest.fixture
def office(sqlite_store):
    """Bridgeway (a CRP) with Lupe, Riverside Mental Health with Kim (CEO), State VR paying job coaching by the
    hour and a placement milestone; José Muñoz at Bridgeway led by Lupe, his mother his guardian."""
    actor = local_actor(sqlite_store)
    with sqlite_store.unit_of_work() as uow:
        crp, _ = organizations.create_organization(uow, actor, name="Bridgeway", kind=OrganizationKind.CRP)
        mh, _ = organizations.create_organization(uow, actor, name="Riverside Mental Health",
                                                  kind=OrganizationKind.MENTAL_HEALTH)
        vr_org, _ = organizations.create_organization(uow, actor, name="State VR", kind=OrganizationKind.VR_OFFICE)
        lupe, _ = organizations.add_staff(uow, actor, crp.id, given_name="Lupe", family_name="Hernández",
                                          title="Director")
        kim, _ = organizations.add_staff(uow, actor, mh.id, given_name="Kim", family_name="Ødegård", title="CEO")
        dana, _ = organizations.add_staff(uow, actor, vr_org.id, given_name="Dana", family_name="Wu",
                                          title="Area manager")
        jose, _ = people.create_person(uow, actor, given_name="José", family_name="Muñoz",
                                       home_organization_id=crp.id, lead_staff_id=lupe.id)
        people.update_person(uow, actor, jose.id, version=jose.version, representative_name="Rosa Muñoz",
                             representative_authority=RepresentativeAuthority.GUARDIAN)
        vr, _ = funders.create_funder(uow, actor, organization_id=vr_org.id, name="State VR", kind=FunderKind.VR)
        coach, _ = funders.add_funder_service(uow, actor, vr.id, code="JC", name="Job coaching",
                                              unit=BillingUnit.HOUR)
        placement, _ = funders.add_funder_service(uow, actor, vr.id, code="M3", name="Job placement milestone",
                                                  unit=BillingUnit.MILESTONE)
        funders.set_rate(uow, actor, coach.id, rate="58.25", effective_from=date(2025, 1, 1))
        funders.set_rate(uow, actor, placement.id, rate="1200.00", effective_from=date(2025, 1, 1))
        supervisor = users.ensure_user(uow, username="sam", display_name="Sam Supervisor", role=Role.SUPERVISOR,
                                       staff_id=lupe.id)
    path = sqlite_store.path
    sqlite_store.close()
    return dict(path=path, actor=actor, crp=crp.id, mh=mh.id, vr_org=vr_org.id, lupe=lupe.id, kim=kim.id,
                dana=dana.id, jose=jose.id, vr=vr.id, supervisor=supervisor)


@pytest.fixture
def ops(qtbot, office, dialogs):
    operations = Operations(None)
    opened = []
    operations.open_store(str(office["path"]), on_done=opened.append)
    qtbot.waitUntil(lambda: bool(opened), timeout=WAIT)
    yield operations
    operations.shutdown()
    assert dialogs.unexpected() == [], "an unexpected error reached the user"


def idle(qtbot, ops) -> None:
    qtbot.waitUntil(lambda: ops.pending == 0, timeout=WAIT)


def read(qtbot, ops, office, job):
    """What the store says now, asked on the worker as a screen would."""
    answers = []
    ops.run(lambda uow: job(uow, office["actor"]), on_done=answers.append, write=False)
    qtbot.waitUntil(lambda: bool(answers), timeout=WAIT)
    return answers[0]


def new_dialog(qtbot, ops, office, created, **kwargs) -> NewAgreementDialog:
    dialog = open_new_agreement(None, ops, office["actor"], UndoHistory(ops), on_created=created.append, **kwargs)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def choose(combo, value) -> None:
    combo.setCurrentIndex(find_data(combo, value))


def submit(qtbot, ops, dialog) -> None:
    qtbot.mouseClick(dialog.ok_button, LEFT)
    idle(qtbot, ops)


def test_an_mou_between_two_organizations_with_their_signatories(qtbot, ops, office):
    created = []
    dialog = new_dialog(qtbot, ops, office, created, kind=AgreementKind.MOU, organization_id=office["mh"])
    parties = dialog.parties
    assert parties.names() == ["Riverside Mental Health"]
    assert dialog.title_box.text() == "Memorandum of understanding: Riverside Mental Health"
    choose(parties.organization_box, office["crp"])
    qtbot.mouseClick(parties.add_party_button, LEFT)
    assert dialog.title_box.text() == "Memorandum of understanding: Riverside Mental Health and Bridgeway"
    assert [parties.staff_box.itemText(i) for i in range(parties.staff_box.count())] == ["Lupe Hernández, Director"]
    qtbot.mouseClick(parties.add_staff_button, LEFT)
    parties.parties_table.setCurrentCell(0, 0)
    qtbot.mouseClick(parties.add_staff_button, LEFT)  # Kim, the only staff member there
    qtbot.mouseClick(parties.add_typed_button, LEFT)
    qtbot.keyClicks(QApplication.focusWidget(), "Ana Board")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: parties.parties_table.item(0, 2).text() == "Kim Ødegård, Ana Board")  # committed queued
    dialog.from_box.setDate(QDate(2026, 1, 1))
    submit(qtbot, ops, dialog)
    assert not dialog.isVisible() and len(created) == 1
    row = read(qtbot, ops, office, lambda uow, actor: agreements.get_agreement(uow, actor, created[0].id))
    assert row.kind is AgreementKind.MOU and row.status is AgreementStatus.DRAFT
    assert [(p.name, [(s.name, s.title, s.staff_id) for s in p.signatories]) for p in row.parties] == [
        ("Riverside Mental Health", [("Kim Ødegård", "CEO", office["kim"]), ("Ana Board", "", None)]),
        ("Bridgeway", [("Lupe Hernández", "Director", office["lupe"])])]
    assert row.effective_from == START


def test_a_purchase_of_service_agreement_takes_its_lines_from_the_funder(qtbot, ops, office):
    created = []
    dialog = new_dialog(qtbot, ops, office, created, kind=AgreementKind.PURCHASE_OF_SERVICE,
                        organization_id=office["crp"])
    assert dialog.funder_box.isVisibleTo(dialog) and dialog.contract_box.isVisibleTo(dialog)
    choose(dialog.funder_box, office["vr"])
    notice = dialog.fields.errors["funder_id"].text()
    assert "JC Job coaching (hour)" in notice and "M3 Job placement milestone" in notice, notice
    parties = dialog.parties
    assert [(p.name, p.role) for p in parties.parties] == [("Bridgeway", "Provider"), ("State VR", "Funder")]
    qtbot.mouseClick(parties.add_staff_button, LEFT)  # Dana Wu, State VR's area manager
    parties.parties_table.setCurrentCell(0, 0)
    qtbot.mouseClick(parties.add_staff_button, LEFT)
    qtbot.keyClicks(dialog.contract_box, "VR-26-114")
    dialog.from_box.setDate(QDate(2026, 1, 1))
    submit(qtbot, ops, dialog)
    assert created, dialog.message.text()
    row = read(qtbot, ops, office, lambda uow, actor: agreements.get_agreement(uow, actor, created[0].id))
    assert row.kind is AgreementKind.PURCHASE_OF_SERVICE and row.funder_id == office["vr"]
    assert row.contract_number == "VR-26-114"
    assert [(l.code, l.service, l.rate) for l in row.service_lines] == [
        ("JC", "Job coaching", Decimal("58.25")), ("M3", "Job placement milestone", Decimal("1200.00"))]
    assert [[s.name for s in p.signatories] for p in row.parties] == [["Lupe Hernández"], ["Dana Wu"]]


def test_an_individual_agreement_from_the_workspace_has_the_person_prefilled(qtbot, ops, office):
    from ui.screens.person.agreements_page import AgreementsPage

    page = AgreementsPage(ops, office["actor"], UndoHistory(ops), office["jose"])
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    qtbot.waitUntil(lambda: "No agreement with this person yet" in page.list.summary.text(), timeout=WAIT)
    qtbot.mouseClick(page.list.new_button, LEFT)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible(), timeout=WAIT)
    dialog = page.dialog
    assert [dialog.kind_box.itemText(i) for i in range(dialog.kind_box.count())] == ["Individual service agreement"]
    assert dialog.title_box.text() == "Individual service agreement: José Muñoz"
    parties = dialog.parties
    assert [(p.name, p.role, [(s.name, s.is_person) for s in p.signers]) for p in parties.parties] == [
        ("José Muñoz", "Job seeker", [("José Muñoz", True)]),
        ("Bridgeway", "Provider", [("Lupe Hernández", False)])]
    assert dialog.prepared_box.currentData() == office["crp"]
    assert not parties.remove_party_button.isEnabled()  # the person stays a party of their own agreement
    qtbot.mouseClick(parties.add_representative_button, LEFT)
    assert parties.signers_table.item(1, 0).text() == "Rosa Muñoz"
    assert parties.signers_table.item(1, 2).text() == "Guardian"
    submit(qtbot, ops, dialog)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT)
    row = read(qtbot, ops, office, lambda uow, actor: agreements.get_agreement(uow, actor, page.list.current().id))
    assert row.person_id == office["jose"] and row.kind is AgreementKind.INDIVIDUAL
    person = row.parties[0]
    assert person.person_id == office["jose"]
    assert [(s.name, s.is_person, s.representative_authority) for s in person.signatories] == [
        ("José Muñoz", True, ""), ("Rosa Muñoz", True, "Guardian")]
    with qtbot.waitSignal(page.agreement_chosen, timeout=WAIT) as chosen:
        qtbot.mouseClick(page.list.open_button, LEFT)
    assert chosen.args == [row.id]


def test_refusals_name_the_end_date_and_the_party_nobody_signs_for(qtbot, ops, office):
    created = []
    dialog = new_dialog(qtbot, ops, office, created, kind=AgreementKind.MOU, organization_id=office["mh"])
    qtbot.mouseClick(dialog.parties.add_staff_button, LEFT)
    choose(dialog.parties.organization_box, office["crp"])
    qtbot.mouseClick(dialog.parties.add_party_button, LEFT)  # Bridgeway, with nobody signing yet
    dialog.from_box.setDate(QDate(2026, 6, 1))
    dialog.to_box.set_value(date(2026, 5, 31))
    submit(qtbot, ops, dialog)
    problem = dialog.fields.errors["effective_to"]
    assert problem.isVisibleTo(dialog) and "before the start date" in problem.text()
    assert dialog.isVisible() and not created
    dialog.to_box.set_value(date(2027, 5, 31))
    submit(qtbot, ops, dialog)
    assert not problem.isVisibleTo(dialog)
    assert dialog.parties.problem.isVisibleTo(dialog)
    assert "Bridgeway has no signatory" in dialog.parties.problem.text()
    assert dialog.parties.current().name == "Bridgeway"  # the party the message names is chosen
    listed = read(qtbot, ops, office, lambda uow, actor: agreements.list_agreements(uow, actor))
    assert listed == [] and not created  # refused: nothing was kept
    qtbot.mouseClick(dialog.parties.add_staff_button, LEFT)
    submit(qtbot, ops, dialog)
    assert len(created) == 1 and not dialog.isVisible()


def write(qtbot, ops, office, job):
    answers = []
    ops.run(lambda uow: job(uow, office["actor"]), on_done=answers.append)
    qtbot.waitUntil(lambda: bool(answers), timeout=WAIT)
    return answers[0]


def posa(qtbot, ops, office):
    """A purchase-of-service draft on State VR's fee schedule, Bridgeway and State VR signing."""
    return write(qtbot, ops, office, lambda uow, actor: agreements.create_draft(
        uow, actor, kind=AgreementKind.PURCHASE_OF_SERVICE, title="Customized Employment services",
        prepared_by_id=office["crp"], funder_id=office["vr"], effective_from=START, effective_to=date(2026, 12, 31),
        parties=[(office["vr_org"], "Funder", [("Dana Wu", "Area manager", office["dana"], False)]),
                 (office["crp"], "Provider", [("Lupe Hernández", "Director", office["lupe"], False)])]))[0]


def open_editor(qtbot, ops, office, row, history=None) -> AgreementEditor:
    saved = []
    editor = open_agreement_editor(None, ops, office["actor"], history or UndoHistory(ops), row, on_saved=saved.append)
    editor.saved_rows = saved
    qtbot.addWidget(editor)
    qtbot.waitUntil(editor.isVisible, timeout=WAIT)
    editor.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)
    return editor


def retype_section(qtbot, editor, title: str, text: str) -> None:
    editor.tabs.setCurrentWidget(editor.sections)
    assert editor.sections.choose(title)
    box = editor.sections.body_box
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(box, Qt.Key.Key_Delete)
    qtbot.keyClicks(box, text)


def test_the_editor_changes_a_section_and_a_line_and_the_printed_view_follows(qtbot, ops, office):
    from ui.screens.agreement_lines import Column

    row = posa(qtbot, ops, office)
    history = UndoHistory(ops)
    editor = open_editor(qtbot, ops, office, row, history)
    assert editor.windowTitle() == f"Edit draft {row.ref}" and not editor.save_button.isEnabled()
    retype_section(qtbot, editor, "Special conditions", "Bridgeway provides Customized Employment to people VR refers.")
    assert editor.has_unsaved_changes() and editor.windowTitle().endswith(" *")
    editor.tabs.setCurrentWidget(editor.lines)
    lines = editor.lines
    lines.set_text(0, Column.UNITS, "10")
    assert lines.text(0, Column.AMOUNT) == "582.50"  # offered as units × rate
    lines.set_text(0, Column.AMOUNT, "580")
    assert lines.warning.isVisibleTo(editor)
    assert "Job coaching: 10 × $58.25 is $582.50, not $580." in lines.warning.text()
    lines.set_text(0, Column.AMOUNT, "582.50")
    assert not lines.warning.isVisibleTo(editor) and lines.total.text() == "Total: $582.50"

    editor.ask = lambda *_a: QMessageBox.StandardButton.Cancel
    editor.close()
    assert editor.isVisible()  # Cancel keeps editing; nothing was dropped
    editor.ask = lambda *_a: QMessageBox.StandardButton.Save
    editor.close()  # Save in the prompt: saved, then closed
    qtbot.waitUntil(lambda: bool(editor.saved_rows), timeout=WAIT)
    assert editor.message.text().startswith(f"Saved {row.ref}") and not editor.has_unsaved_changes()
    qtbot.waitUntil(lambda: not editor.isVisible())
    view = read(qtbot, ops, office, lambda uow, actor: agreements.build_view(uow, actor, row.id))
    special = [s.title for s in view.sections].index("Special conditions")
    assert view.sections[special].body == "Bridgeway provides Customized Employment to people VR refers."
    assert (view.service_lines[0].units, view.service_lines[0].amount) == (Decimal("10.00"), Decimal("582.50"))
    assert view.draft

    with qtbot.waitSignal(ops.data_changed, timeout=WAIT):
        history.stack.undo()
    view = read(qtbot, ops, office, lambda uow, actor: agreements.build_view(uow, actor, row.id))
    assert "Bridgeway provides" not in view.sections[special].body and view.service_lines[0].units is None


def test_a_stale_save_says_so_and_keeps_the_typed_text(qtbot, ops, office):
    from caseteam.storage.store import open_store

    row = posa(qtbot, ops, office)
    editor = open_editor(qtbot, ops, office, row)
    retype_section(qtbot, editor, "Reporting", "Our own wording.")
    store = open_store(office["path"])  # a colleague at another desk edits the same draft first
    try:
        with store.unit_of_work() as uow:
            agreements.update_draft(uow, office["actor"], row.id, version=row.version, title="Changed elsewhere")
    finally:
        store.close()
    qtbot.mouseClick(editor.save_button, LEFT)
    qtbot.waitUntil(lambda: "press Save draft again" in editor.message.text(), timeout=WAIT)
    assert "someone else saved" in editor.message.text() and not editor.saved_rows
    assert editor.sections.body_box.toPlainText() == "Our own wording." and editor.has_unsaved_changes()
    qtbot.mouseClick(editor.save_button, LEFT)  # on top of theirs now
    qtbot.waitUntil(lambda: bool(editor.saved_rows), timeout=WAIT)
    saved = read(qtbot, ops, office, lambda uow, actor: agreements.get_agreement(uow, actor, row.id))
    assert saved.sections[3].body == "Our own wording." and saved.title == "Customized Employment services"
    retype_section(qtbot, editor, "Reporting", "A second thought.")
    editor.ask = lambda *_a: QMessageBox.StandardButton.Discard
    qtbot.keyClick(editor.sections.body_box, Qt.Key.Key_Escape)
    assert not editor.isVisible()


def test_a_final_agreement_does_not_open_for_editing(qtbot, ops, office, dialogs):
    row = posa(qtbot, ops, office)
    final = write(qtbot, ops, office, lambda uow, _actor: agreements.finalize(uow, office["supervisor"], row.id))[0]
    assert final.status is AgreementStatus.FINAL
    editor = open_agreement_editor(None, ops, office["actor"], UndoHistory(ops), row)
    idle(qtbot, ops)
    assert not (isValid(editor) and editor.isVisible())  # never shown; deleted once refused
    assert ("plain", f"Agreement {row.ref} is final and cannot change; amend it to make a new version instead.") \
        in dialogs


def test_the_accessibility_walk_over_both_dialogs_and_both_pages(qtbot, ops, office):
    from ui.screens.partner_agreements import PartnerAgreementsPage
    from ui.screens.person.agreements_page import AgreementsPage

    problems = []
    dialog = new_dialog(qtbot, ops, office, [], kind=AgreementKind.PURCHASE_OF_SERVICE, organization_id=office["mh"])
    problems += unnamed_controls(dialog) + clashing_mnemonics(dialog)
    dialog.reject()
    editor = open_editor(qtbot, ops, office, posa(qtbot, ops, office))
    for number in range(editor.tabs.count()):
        editor.tabs.setCurrentIndex(number)
        problems += unnamed_controls(editor) + clashing_mnemonics(editor)
    editor.close()
    assert not editor.isVisible()  # nothing typed: it just closes
    history = UndoHistory(ops)
    person = AgreementsPage(ops, office["actor"], history, office["jose"])
    partner = PartnerAgreementsPage(ops, office["actor"], history)
    for page in (person, partner):
        qtbot.addWidget(page)
        page.show()
    person.refresh()
    organization = read(qtbot, ops, office, lambda uow, actor: organizations.get_organization_detail(
        uow, actor, office["crp"])).organization
    partner.show_organization(organization)
    qtbot.waitUntil(lambda: partner.model.rowCount() == 1 and ops.pending == 0, timeout=WAIT)
    for page in (person, partner):
        problems += unnamed_controls(page) + clashing_mnemonics(page)
    assert problems == [], "\n".join(problems)
    assert partner.list.edit_button.isEnabled() and "1 agreement, 1 of them draft." == partner.list.summary.text()


def test_in_the_window_a_person_s_new_agreement_opens_in_the_agreements_section(qtbot, open_window, demo_path):
    from ui.models.partner_models import ROW_ROLE

    window = open_window(demo_path)
    person = window.caseload.model.row_at(0)
    window.open_person(person.id)
    ws = window.sections.people[person.id]
    qtbot.waitUntil(lambda: ws.person is not None and window.ops.pending == 0, timeout=WAIT)
    ws.show_tab(ws.tabs.indexOf(ws.funding))
    ws.funding.pages.setCurrentWidget(ws.agreements)  # the Funding part's last page, loaded when first shown
    page = ws.agreements
    qtbot.waitUntil(lambda: window.ops.pending == 0 and "Loading" not in page.list.summary.text(), timeout=WAIT)
    before = page.model.rowCount()
    qtbot.mouseClick(page.list.new_button, LEFT)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible(), timeout=WAIT)
    assert page.dialog.parties.names()[0] == ws.person.display_name
    qtbot.mouseClick(page.dialog.ok_button, LEFT)
    qtbot.waitUntil(lambda: page.model.rowCount() == before + 1, timeout=WAIT)
    created = page.list.current()
    assert created.person_id == person.id and created.status is AgreementStatus.DRAFT
    qtbot.mouseClick(page.list.open_button, LEFT)
    section = window.agreements
    assert window.sections.currentWidget() is section
    qtbot.waitUntil(lambda: section.table.currentIndex().isValid()
                    and section.table.currentIndex().data(ROW_ROLE).id == created.id, timeout=WAIT)
