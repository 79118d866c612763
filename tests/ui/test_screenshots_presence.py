"""Screenshots of partner presence for the README: `CASETEAM_SCREENSHOTS=DIR uv run pytest
tests/ui/test_screenshots_presence.py` saves the partner directory's Presence tab (VR's Tuesday and Thursday
times at the One-Stop) and the Partnership section's "Who is in the building" week, on the demo store signed in
as the supervisor. Without the variable there is nothing to do."""

from __future__ import annotations

from tests.ui.test_screenshots import WAIT, pytestmark, save  # noqa: F401  (pytestmark: skipped without the variable)

VR = "State VR – Eastside District Office"


def test_presence_screens(qtbot, open_window, demo_path, wait_idle):
    window = open_window(demo_path, user="supervisor")
    window.resize(1366, 768)

    partners = window.partners
    window.sections.setCurrentWidget(partners)
    wait_idle(window)
    qtbot.waitUntil(lambda: partners.model.row_of(partners.model.row_at(0).id) is not None, timeout=WAIT)
    vr = next(partners.model.row_at(n) for n in range(partners.model.rowCount()) if partners.model.row_at(n).name == VR)
    with qtbot.waitSignal(partners.presence.loaded, timeout=WAIT):
        partners.select_organization(vr.id)
        partners.detail.tabs.setCurrentWidget(partners.presence)
    wait_idle(window)
    save(window, "presence-directory")

    partnership = window.partnership
    window.sections.setCurrentWidget(partnership)
    wait_idle(window)
    partnership.tabs.setCurrentWidget(partnership.building)
    wait_idle(window)
    qtbot.waitUntil(lambda: partnership.building.week is not None, timeout=WAIT)
    save(window, "presence-week")
