"""Screenshots of the partnership screens for the README: `CASETEAM_SCREENSHOTS=DIR uv run pytest
tests/ui/test_screenshots_partnership.py` saves the Meetings section with a held meeting's action items, the
Partnership section's strategic plan and resource map (a gap chosen, its people listed), the Quality
dashboard and the Training page, on the demo store signed in as the supervisor. Without the variable there is
nothing to do."""

from __future__ import annotations

from caseteam.domain.meetings import MeetingStatus
from caseteam.domain.partnerships import LifeDomain
from tests.ui.test_screenshots import WAIT, pytestmark, save  # noqa: F401  (pytestmark: skipped without the variable)


def test_partnership_screens(qtbot, open_window, demo_path, wait_idle):
    window = open_window(demo_path, user="supervisor")
    window.resize(1366, 768)

    meetings = window.meetings
    window.sections.setCurrentWidget(meetings)
    wait_idle(window)
    meetings.when_filter.setCurrentIndex(meetings.when_filter.findData(False))  # past meetings
    wait_idle(window)
    qtbot.waitUntil(lambda: meetings.model.rowCount() > 0, timeout=WAIT)
    held = next(n for n in range(meetings.model.rowCount())
                if meetings.model.row_at(n).status is MeetingStatus.HELD and meetings.model.row_at(n).action_items)
    with qtbot.waitSignal(meetings.meeting_shown, timeout=WAIT):
        meetings.table.setCurrentIndex(meetings.model.index(held, 0))
    tabs = meetings.detail.tabs
    tabs.setCurrentIndex(tabs.count() - 1)  # the action items, each a task
    save(window, "meetings")

    partnership = window.partnership
    window.sections.setCurrentWidget(partnership)
    wait_idle(window)
    qtbot.waitUntil(lambda: partnership.plans.plan is not None, timeout=WAIT)
    save(window, "partnership-plan")
    partnership.tabs.setCurrentWidget(partnership.map)
    wait_idle(window)
    qtbot.waitUntil(lambda: partnership.map.map is not None, timeout=WAIT)
    with qtbot.waitSignal(partnership.map.people_listed, timeout=WAIT):
        partnership.map.list_people(LifeDomain.TRANSPORTATION)
    save(window, "resource-map")

    quality = window.quality
    window.sections.setCurrentWidget(quality)
    wait_idle(window)
    qtbot.waitUntil(lambda: quality.dashboard.board is not None, timeout=WAIT)
    save(window, "quality-dashboard")
    quality.setCurrentWidget(quality.training)
    wait_idle(window)
    save(window, "training")

