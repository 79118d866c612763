"""The shipped DejaVu Sans, registered with Qt as with ReportLab, so names such as "Nguyễn Thị Ánh"
display with the same letters on screen as on the printed page, even where the system font lacks them."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFontDatabase

from caseteam.paths import assets_dir

log = logging.getLogger(__name__)
FAMILY = "DejaVu Sans"


def register_application_fonts() -> list[str]:
    """Register every TTF in assets/fonts; returns the families Qt now knows from them."""
    families: list[str] = []
    for path in sorted((assets_dir() / "fonts").glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("font %s could not be registered", path.name)
            continue
        families += QFontDatabase.applicationFontFamilies(font_id)
    return sorted(set(families))
