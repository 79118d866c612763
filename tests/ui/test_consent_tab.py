"""The Consent tab on the demo partnership, driven from the keyboard: record a release (refused first
for want of a category, the problem shown next to the field), revoke it and undo, attach the signed
copy, read the disclosure log; a refused team addition offers "Record a release…" prefilled; the
expiring list opens the person's Consent tab."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from caseteam.domain.consent import InformationCategory as C
from caseteam.services import consent, organizations, teams
from ui import consent_offer
from ui.models.consent_models import DisclosureColumn, ReleaseColumn
from ui.screens import expiring_releases
from ui.screens.person import consent_tab as consent_tab_module
from ui.screens.person.consent_tab import ConsentTab

from accessibility import clashing_mnemonics, unnamed_controls
from workspace_fixtures import TIMEOUT, desk, ops, person, undo, workspace  # noqa: F401


def with_consent_tab(qtbot, ws) -> ConsentTab:
    """As the main window builds it (ui/main_window.py adds the tab after Tasks)."""
    tab = ConsentTab(ws.ops, ws.actor, ws.history, ws.person_id)
    tab.versions = ws.versions
    ws.consent = tab
    ws.add_tab(tab, "Consent")
    ws.show_tab(ws.tabs.indexOf(tab))
    tab.refresh()
    qtbot.waitUntil(lambda: tab.today is not None and ws.ops.pending == 0, timeout=TIMEOUT)
    return tab


def statuses(tab) -> list[str]:
    return [tab.model.index(r, ReleaseColumn.STATUS).data() for r in range(tab.model.rowCount())]


def open_new_release(qtbot, tab):
    qtbot.keyClick(tab.new_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: tab.dialog is not None and tab.dialog.isVisible(), timeout=TIMEOUT)
    return tab.dialog


def test_record_a_release_then_revoke_it_and_undo(qtbot, workspace, desk):
    tab = with_consent_tab(qtbot, workspace)
    before = tab.model.rowCount()
    dialog = open_new_release(qtbot, tab)
    assert unnamed_controls(dialog) == [] and clashing_mnemonics(dialog) == []
    home_party = dialog.parties()[0]
    assert home_party[1] == "Bridgeway Employment Services"  # the person's organization is listed first
    qtbot.keyClicks(dialog.party_box.lineEdit(), "Dr. Amal Haddad")
    qtbot.keyClick(dialog.add_party_button, Qt.Key.Key_Space)
    assert [p[1] for p in dialog.parties()] == ["Bridgeway Employment Services", "Dr. Amal Haddad"]
    qtbot.keyClicks(dialog.fields.fields["purpose"], "Share work accommodations with my doctor")
    qtbot.keyClick(dialog.ok_button, Qt.Key.Key_Space)  # no category ticked yet
    problem = dialog.fields.errors["categories"]
    qtbot.waitUntil(problem.isVisible, timeout=TIMEOUT)
    assert "all records" in problem.text() and dialog.isVisible()
    qtbot.keyClick(dialog.category_boxes[C.MEDICAL], Qt.Key.Key_Space)
    qtbot.keyClick(dialog.category_boxes[C.EMPLOYMENT], Qt.Key.Key_Space)
    qtbot.keyClick(dialog.ok_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: tab.model.rowCount() == before + 1, timeout=TIMEOUT)
    assert not dialog.isVisible()
    row = tab.current_release()
    assert row.category_labels == ("Job development and employment", "Medical information")
    assert statuses(tab)[tab.table.currentIndex().row()].startswith("Active until ")
    assert "Dr. Amal Haddad" in tab.model.index(tab.table.currentIndex().row(), ReleaseColumn.PARTIES).data()

    qtbot.keyClick(tab.correct_button, Qt.Key.Key_Space)  # a typo, before the signed copy is filed
    qtbot.waitUntil(lambda: tab.dialog is not dialog and tab.dialog is not None and tab.dialog.isVisible(),
                    timeout=TIMEOUT)
    fix = tab.dialog
    assert fix.category_boxes[C.MEDICAL].isChecked() and len(fix.parties()) == 2
    fix.fields.fields["purpose"].selectAll()
    qtbot.keyClicks(fix.fields.fields["purpose"], "Share work accommodations with my physician")
    qtbot.keyClick(fix.ok_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: tab.current_release().purpose.endswith("my physician"), timeout=TIMEOUT)
    assert tab.current_release().ref == row.ref and tab.model.rowCount() == before + 1

    qtbot.keyClick(tab.revoke_button, Qt.Key.Key_Space)
    revoke = tab.dialog
    qtbot.waitUntil(revoke.isVisible, timeout=TIMEOUT)
    assert unnamed_controls(revoke) == []
    qtbot.keyClick(revoke.ok_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: tab.current_release() is not None and tab.current_release().revoked_on is not None,
                    timeout=TIMEOUT)
    assert tab.model.index(tab.table.currentIndex().row(), ReleaseColumn.STATUS).data() == \
        f"Revoked on {tab.today.isoformat()}"
    assert not tab.revoke_button.isEnabled()
    undo(qtbot, workspace)
    qtbot.waitUntil(lambda: tab.current_release().revoked_on is None, timeout=TIMEOUT)
    stored = desk(lambda uow, actor: consent.get_release(uow, actor, row.id), write=False)
    assert stored.revoked_on is None and stored.status.value == "active"


def test_attach_the_signed_copy_and_read_the_disclosure_log(qtbot, workspace, desk, tmp_path, monkeypatch):
    tab = with_consent_tab(qtbot, workspace)
    assert tab.model.rowCount() >= 1, "the demo records a release at intake"
    release = tab.current_release()
    scan = tmp_path / "signed-release.pdf"
    scan.write_bytes(b"%PDF-1.4 scanned signature page")
    monkeypatch.setattr(consent_tab_module, "choose_scan", lambda _parent: str(scan))
    row = tab.table.currentIndex().row()
    qtbot.keyClick(tab.attach_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: tab.model.index(row, ReleaseColumn.COPY).data() == "signed-release.pdf",
                    timeout=TIMEOUT)
    assert not tab.correct_button.isEnabled()  # a filed signed copy: corrections are new releases
    recipient = next(p for p in release.parties if p.organization_id and p.organization_id != tab.home[0])
    desk(lambda uow, actor: consent.record_disclosure(
        uow, actor, release.person_id, recipient_organization_id=recipient.organization_id, categories=[C.PLAN],
        description="Plan revision 2 (PDF)", channel="pdf"))
    tab.refresh()
    qtbot.waitUntil(lambda: tab.log_model.rowCount() == 1, timeout=TIMEOUT)
    assert tab.log_model.index(0, DisclosureColumn.RECIPIENT).data() == recipient.name
    assert tab.log_model.index(0, DisclosureColumn.RELEASE).data() == release.ref
    assert unnamed_controls(tab) == [] and clashing_mnemonics(tab) == []


def test_a_refused_team_addition_offers_to_record_a_release(qtbot, workspace, desk):
    ws = workspace
    tab = with_consent_tab(qtbot, ws)
    covered = {p.organization_id for r in consent_rows(tab) for p in r.parties}
    outsider = desk(lambda uow, actor: next(
        (o, organizations.get_organization_detail(uow, actor, o.id).staff[0])
        for o in organizations.list_organizations(uow, actor)
        if o.id not in covered and organizations.get_organization_detail(uow, actor, o.id).staff), write=False)
    org, staff = outsider
    consent_offer.set_handler(lambda exc: (ws.tabs.setCurrentWidget(tab),
                                           tab.new_release(exc.organization_id, exc.categories)))
    try:
        team = ws.team
        ws.show_tab(1)
        qtbot.keyClick(team.add_staff_button, Qt.Key.Key_Space)
        dialog = team.dialog
        qtbot.waitUntil(dialog.isVisible, timeout=TIMEOUT)
        qtbot.keyClicks(dialog.search_box, staff.family_name)
        qtbot.waitUntil(lambda: dialog.chosen_staff() is not None and dialog.chosen_staff().id == staff.id
                        or any(dialog.results.item(i).data(Qt.ItemDataRole.UserRole).id == staff.id
                               for i in range(dialog.results.count())), timeout=TIMEOUT)
        for i in range(dialog.results.count()):
            if dialog.results.item(i).data(Qt.ItemDataRole.UserRole).id == staff.id:
                dialog.results.setCurrentRow(i)
        qtbot.keyClick(dialog.ok_button, Qt.Key.Key_Space)
        qtbot.waitUntil(lambda: dialog.message.isVisible(), timeout=TIMEOUT)
        assert org.name in dialog.message.text() and "Consent tab" in dialog.message.text()
        offer = dialog.record_release_button
        assert offer.isVisible() and offer.text() == consent_offer.OFFER_TEXT
        tab.dialog = None
        qtbot.keyClick(offer, Qt.Key.Key_Space)
        qtbot.waitUntil(lambda: tab.dialog is not None and tab.dialog.isVisible(), timeout=TIMEOUT)
        assert not dialog.isVisible() and ws.tabs.currentWidget() is tab
        release_dialog = tab.dialog
        assert org.name in [p[1] for p in release_dialog.parties()]
        assert release_dialog.category_boxes[C.PLAN].isChecked() and release_dialog.category_boxes[C.CONTACT].isChecked()
        assert not release_dialog.category_boxes[C.MENTAL_HEALTH].isChecked()
        release_dialog.reject()
    finally:
        consent_offer.set_handler(None)
    assert staff.id not in desk(lambda uow, actor: {line.member.staff_id for line in
                                                    teams.team_view(uow, actor, ws.person_id).lines}, write=False)


def consent_rows(tab):
    return [tab.model.release_at(r) for r in range(tab.model.rowCount())]


class _Window(QWidget):
    """What the expiring list needs of the main window: its worker, account and person tabs."""

    def __init__(self, ops, workspace) -> None:
        super().__init__()
        self.ops, self.actor, self.opened = ops, ops.actor, []
        self.sections = type("Sections", (), {"people": {}})()
        self.workspace = workspace

    def open_person(self, person_id) -> None:
        self.opened.append(person_id)
        self.sections.people[person_id] = self.workspace


def test_expiring_releases_list_opens_the_persons_consent_tab(qtbot, workspace, desk):
    tab = with_consent_tab(qtbot, workspace)
    window = _Window(workspace.ops, workspace)
    qtbot.addWidget(window)
    dialog = expiring_releases.ExpiringReleasesDialog(window)
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.load()
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0, timeout=TIMEOUT)
    rows = [dialog.model.release_at(r) for r in range(dialog.model.rowCount())]
    assert all(r.expires_on is not None and 0 <= (r.expires_on - tab.today).days <= 30 for r in rows)
    assert "expire" in dialog.summary.text() and unnamed_controls(dialog) == []
    dialog.table.setCurrentIndex(dialog.model.index(0, ReleaseColumn.REF))
    qtbot.keyClick(dialog.open_button, Qt.Key.Key_Space)
    assert window.opened == [rows[0].person_id] and not dialog.isVisible()
    assert workspace.tabs.currentWidget() is tab


def test_in_the_window_jobdev_is_refused_riverbend_and_offered_the_consent_tab(qtbot, open_window, demo_path):
    """The issue's done-when through the window: Lupe (jobdev) tries to put a Riverbend case manager on the
    team of someone she leads whose release does not name Riverbend; then View ▸ Expiring releases."""
    from caseteam.services import people
    from caseteam.storage.store import open_store

    window = open_window(demo_path, user="jobdev")
    store = open_store(demo_path)
    try:
        with store.unit_of_work(write=False) as uow:
            lupe = window.actor
            riverbend = next(o for o in organizations.list_organizations(uow, lupe) if o.name.startswith("Riverbend"))
            cm = next(s for s in organizations.get_organization_detail(uow, lupe, riverbend.id).staff if s.active)
            target = next(r for r in people.caseload(uow, lupe)
                          if uow.people.get(r.id).lead_staff_id == lupe.staff_id
                          and C.PLAN not in consent.covered_categories(uow, r.id, riverbend.id))
    finally:
        store.close()
    window.open_person(target.id)
    ws = window.sections.people[target.id]
    qtbot.waitUntil(lambda: ws.person is not None and window.ops.pending == 0, timeout=TIMEOUT)
    ws.show_tab(1)
    qtbot.keyClick(ws.team.add_staff_button, Qt.Key.Key_Space)
    dialog = ws.team.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=TIMEOUT)
    qtbot.keyClicks(dialog.search_box, cm.family_name)
    qtbot.waitUntil(lambda: dialog.chosen_staff() is not None and dialog.chosen_staff().id == cm.id, timeout=TIMEOUT)
    qtbot.keyClick(dialog.ok_button, Qt.Key.Key_Space)
    qtbot.waitUntil(dialog.message.isVisible, timeout=TIMEOUT)
    assert "Riverbend Behavioral Health" in dialog.message.text()
    qtbot.keyClick(dialog.record_release_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: ws.consent.dialog is not None and ws.consent.dialog.isVisible(), timeout=TIMEOUT)
    assert ws.tabs.currentWidget() is ws.consent
    assert "Riverbend Behavioral Health" in [p[1] for p in ws.consent.dialog.parties()]
    ws.consent.dialog.reject()

    window.expiring_action.trigger()
    qtbot.waitUntil(lambda: window.expiring_dialog.isVisible() and window.expiring_dialog.model.rowCount() > 0,
                    timeout=TIMEOUT)
    first = window.expiring_dialog.model.release_at(0)
    qtbot.keyClick(window.expiring_dialog.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: first.person_id in window.sections.people, timeout=TIMEOUT)
    opened = window.sections.people[first.person_id]
    assert window.sections.currentWidget() is opened and opened.tabs.currentWidget() is opened.consent
