"""Signing out while screens still wait for answers leaves no error behind."""

from __future__ import annotations

from caseteam.services.changes import Changes


def test_sign_out_right_after_every_screen_was_told_to_refresh(qtbot, open_window, demo_path, dialogs):
    window = open_window(demo_path)
    everything = Changes(**{name: True for name in Changes.__dataclass_fields__})
    window.ops.data_changed.emit(everything)  # every open screen asks the worker again
    window.refresh_overview()
    assert window.session.sign_out()
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.session.sign_in_page, timeout=20_000)
    qtbot.waitUntil(lambda: window.ops.pending == 0, timeout=20_000)
    assert dialogs.unexpected() == []
