"""A page that reads its data the first time it is shown (not when the window is built), so a section
nobody opens costs nothing; later changes read it again through apply_changes."""

from __future__ import annotations


class ReadWhenShown:
    """Mixed into a QWidget that has `refresh()`: the first showEvent calls it once."""

    _read_once = False

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if not self._read_once:
            self._read_once = True
            self.refresh()
