"""The fonts printed documents use are the fonts the window can show."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtGui import QFont, QFontMetrics  # noqa: E402

from ui.fonts import FAMILY, register_application_fonts  # noqa: E402


def test_dejavu_sans_is_registered_and_has_the_letters_of_our_names(qapp):
    assert FAMILY in register_application_fonts()
    metrics = QFontMetrics(QFont(FAMILY))
    for letter in "\u1ec5\u1ecb\u00c1\u00f1\u00e7\u00f8\u0142\u016d":  # ễ ị Á ñ ç ø ł ŭ
        assert metrics.inFontUcs4(ord(letter)), letter
