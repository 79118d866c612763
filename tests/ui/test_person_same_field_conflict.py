"""Two desks change the same field of a person's profile: the second save is refused, the second user's
typing stays in the field beside a note of what the first saved, and saving again stores it."""

from __future__ import annotations

from caseteam.services import people

# The fixtures are imported by name so pytest finds them here.
from workspace_fixtures import TIMEOUT, desk, ops, person, retype, stored_person, workspace  # noqa: F401


def test_a_colleague_saving_the_same_field_first_keeps_this_users_entry(qtbot, workspace, desk):
    ws, form = workspace, workspace.profile
    opened_version = form.row.version
    desk(lambda uow, actor: people.update_person(uow, actor, ws.person_id, version=opened_version,
                                                 phone="(563) 555-0111"))
    retype(qtbot, form.fields["phone"], "(563) 555-0222")
    with qtbot.waitSignal(form.save_finished, timeout=TIMEOUT) as finished:
        form.save()
    assert finished.args == [False]
    qtbot.waitUntil(lambda: "someone else changed" in form.message.text(), timeout=TIMEOUT)
    assert stored_person(desk, ws.person_id).phone == "(563) 555-0111"  # the colleague's save stands
    assert form.fields["phone"].text() == "(563) 555-0222"  # and this user's entry is still in the field
    assert form.errors["phone"].isVisible()
    assert '"(563) 555-0111"' in form.errors["phone"].text() and "your entry is kept" in form.errors["phone"].text()
    assert ws.has_unsaved_changes()
    with qtbot.waitSignal(form.saved, timeout=TIMEOUT):
        form.save()
    saved = stored_person(desk, ws.person_id)
    assert saved.phone == "(563) 555-0222" and saved.version == opened_version + 2
