"""A page that reads its data the first time it is shown (not when the window is built), so a section
nobody opens costs nothing; a change made while it is hidden is read when it is shown again."""

from __future__ import annotations


class ReadWhenShown:
    """Mixed into a QWidget that has `refresh()`: the first showEvent calls it, and so does the first one
    after `refresh_when_seen()` was called while the page was hidden."""

    _read_once = False
    _stale = False

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if not self._read_once or self._stale:
            self._read_once, self._stale = True, False
            self.refresh()

    def refresh_when_seen(self) -> None:
        """Read again now when on screen; otherwise when next shown (never before the first showing)."""
        if not self._read_once:
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True
