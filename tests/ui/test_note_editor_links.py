"""What a case note is about, in the note editor on the demo partnership (as jobdev, Lupe Hernández):
choose a plan goal and an employer with the keyboard, see the person's disclosure decision for that
employer (and the words change when one is recorded), sign, and read the links back through the service
and in words on the signed note."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from caseteam.domain.jobs import DisclosureLevel
from caseteam.services import disclosure_decisions, note_links, notes

from accessibility import clashing_mnemonics, unnamed_controls
from test_notes_tab import ALT, CTRL, WAIT, answer_next_box, focused, in_notes, stored  # noqa: F401

SAID = "That she uses a written task list; nothing about the diagnosis."


def on_worker(qtbot, window, work, *, write=False):
    answers = []
    window.ops.run(work, on_done=answers.append, write=write)
    qtbot.waitUntil(lambda: bool(answers), timeout=WAIT)
    return answers[0]


def test_choose_a_goal_and_an_employer_see_the_disclosure_and_sign(qtbot, in_notes):
    window, ws, tab, person = in_notes
    actor = window.actor
    choices = on_worker(qtbot, window, lambda uow: note_links.link_choices(uow, actor, person.id))
    goal = choices.goals[1]
    market = next(e for e in choices.employers if e.words == "Prairie Fresh Market")
    assert market.id not in dict(choices.disclosures)  # the demo records no decision for this employer

    qtbot.keyClick(tab.table, Qt.Key.Key_N, ALT)  # New note
    qtbot.waitUntil(lambda: tab.editing)
    fields = tab.fields
    fields.body.setFocus()
    qtbot.keyClicks(focused(), "Called the store manager about the produce-stocking proposal.")
    qtbot.keyClick(focused(), Qt.Key.Key_I, ALT)  # Discovery activity …
    qtbot.waitUntil(lambda: focused() is fields.activity)
    qtbot.keyClick(focused(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)  # … and back to Goal
    assert focused() is fields.goal and fields.goal.currentText() == "—"
    qtbot.keyClick(focused(), Qt.Key.Key_Down)
    qtbot.keyClick(focused(), Qt.Key.Key_Down)
    assert fields.goal.currentData() == goal.id and fields.goal.currentText() == goal.label
    qtbot.keyClick(focused(), Qt.Key.Key_Y, ALT)  # Employer
    qtbot.waitUntil(lambda: focused() is fields.employer)
    assert fields.disclosure.isHidden()  # no employer chosen: nothing to show
    qtbot.keyClicks(focused(), "Prairie")  # type-ahead in the list
    assert fields.employer.currentData() == market.id
    assert fields.disclosure.isVisibleTo(tab) and \
        fields.disclosure.text() == "No disclosure decision recorded for this employer"

    # The person decides (on the Job development page, here through its service): the words follow.
    on_worker(qtbot, window, lambda uow: disclosure_decisions.record_disclosure_decision(
        uow, actor, person.id, organization_id=market.id, level=DisclosureLevel.PARTLY, what_may_be_said=SAID),
        write=True)
    qtbot.waitUntil(lambda: SAID in fields.disclosure.text(), timeout=WAIT)
    assert fields.disclosure.text().startswith("Disclosure to Prairie Fresh Market: partly")
    assert fields.employer.currentData() == market.id and fields.goal.currentData() == goal.id  # kept

    def saved():
        drafts = [n for n in stored(qtbot, window, person.id) if n.status.value == "draft"
                  and n.body.startswith("Called the store manager")]
        return drafts[0] if drafts and drafts[0].employer_id == market.id else None
    qtbot.waitUntil(lambda: saved() is not None, timeout=WAIT)
    draft = saved()
    assert draft.goal_key == goal.id

    answer_next_box("Sign")
    qtbot.keyClick(focused(), Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: tab.status.text() == f"Note {draft.ref} signed" and window.ops.pending == 0,
                    timeout=WAIT)
    signed = on_worker(qtbot, window, lambda uow: notes.get_note(uow, actor, draft.id))
    assert signed.status.value == "signed"
    assert (signed.goal_key, signed.employer_id, signed.job_id, signed.discovery_activity_id) == \
        (goal.id, market.id, None, None)
    # Read-only now, and said in words above the locked choices.
    assert not fields.goal.isEnabled() and not fields.employer.isEnabled() and fields.service.isReadOnly()
    assert fields.about_words.isVisibleTo(tab)
    assert fields.about_words.text() == f"About: goal {goal.words}; employer Prairie Fresh Market"
    assert fields.about_words.text().startswith("About: goal 2 — ")
    assert SAID in fields.disclosure.text()  # shown wherever that employer comes up


def test_the_about_group_is_named_and_its_letters_do_not_clash(qtbot, in_notes):
    window, ws, tab, _person = in_notes
    tab.new_note()
    QApplication.processEvents()
    fields = tab.fields
    assert fields.about_box.isVisibleTo(window)
    for combo in (fields.goal, fields.activity, fields.employer, fields.job):
        assert combo.itemText(0) == "—" and combo.count() > 1  # the demo person has all four
    problems = unnamed_controls(ws) + clashing_mnemonics(window)
    assert problems == [], "\n".join(problems)
    assert fields.order[-1] is fields.service  # Tab goes on from Service to Discard draft and Sign
    fields.service.setFocus()
    qtbot.keyClick(fields.service, Qt.Key.Key_Tab)
    assert focused() is tab.discard_button
