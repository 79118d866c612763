"""Screenshots of the shared glossary for the README: `CASETEAM_SCREENSHOTS=DIR uv run pytest
tests/ui/test_screenshots_glossary.py` saves the Partnership section's Glossary tab with the Individualized
Plan for Employment chosen (what each partner calls it: IPE, service plan, IEP transition plan, ISP…) and the
Edit term dialog with its table of partners' words, on the demo store signed in as the supervisor. Without
the variable there is nothing to do."""

from __future__ import annotations

from tests.ui.test_screenshots import WAIT, pytestmark, save  # noqa: F401  (pytestmark: skipped without the variable)


def test_glossary_screens(qtbot, open_window, demo_path, wait_idle):
    window = open_window(demo_path, user="supervisor")
    window.resize(1366, 768)

    partnership = window.partnership
    window.sections.setCurrentWidget(partnership)
    wait_idle(window)
    tab = partnership.glossary
    with qtbot.waitSignal(tab.loaded, timeout=WAIT):
        partnership.tabs.setCurrentWidget(tab)
    wait_idle(window)
    line = next(n for n in range(tab.model.rowCount())
                if tab.model.row_at(n).term == "Individualized Plan for Employment")
    tab.table.setCurrentIndex(tab.model.index(line, 0))
    save(window, "glossary")

    tab.edit_term()
    qtbot.waitUntil(lambda: tab.dialog is not None and tab.dialog.isVisible(), timeout=WAIT)
    save(tab.dialog, "glossary-term")
    tab.dialog.reject()
