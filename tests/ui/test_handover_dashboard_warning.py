"""A job developer's record closed without handing her work over: the supervisor's quality dashboard says
so in words at the top, and "Inactive staff with work" lists her with what she still holds."""

from __future__ import annotations

from PySide6.QtCore import Qt

from caseteam.services import handovers, organizations, users
from caseteam.services.quality_dashboard import QualityKind as K
from caseteam.storage.store import open_store

from accessibility import unnamed_controls
from test_quality_dashboard_screen import show_quality  # the section opened as a person would


def test_the_dashboard_warns_while_an_inactive_person_still_holds_work(qtbot, open_window, demo_path):
    store = open_store(demo_path)
    try:
        with store.unit_of_work() as uow:
            lupe = organizations.resolve_staff(uow, "Lupe Hernández")
            held = handovers.counts_words(handovers.open_item_counts(uow, lupe.id))
            handovers.hand_over(uow, users.local_actor(uow), lupe.id, deactivate=True)  # nothing handed over
    finally:
        store.close()
    window = open_window(demo_path, user="supervisor")
    page = show_quality(qtbot, window)
    assert page.inactive_warning.isVisible()
    assert page.inactive_warning.text() == ("⚠ 1 inactive staff member still holds open work (see Inactive staff "
                                            "with work): hand it over in Partners ▸ Staff ▸ Hand over and "
                                            "deactivate… (Ctrl+Shift+H).")
    button = page.count_buttons[K.INACTIVE_STAFF_WITH_WORK]
    assert button.text() == "Inactive staff with work: 1"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    [line] = page.shown_lines()
    assert line.words == f"Lupe Hernández (inactive) still holds {held}"
    assert page.model.index(0, 0).data() == f"Staff member {lupe.ref}"
    assert unnamed_controls(page) == []
