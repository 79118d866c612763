"""A horizontal bar chart drawn with QPainter (QtCharts is GPL-only): one labelled bar per item, its figure
written at the bar's end. Colours come from the palette (bars in Highlight, words in WindowText on Window),
so light, dark and high-contrast themes stay readable; the figures are also in the accessible name and
description, so a screen reader says what the bars show."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from ..models.employment_models import dollars


class BarChart(QWidget):
    BAR_HEIGHT, GAP, PAD = 18, 8, 6

    def __init__(self, title: str, parent: QWidget | None = None, *, words=dollars) -> None:
        super().__init__(parent)
        self.title, self.words = title, words
        self.bars: list[tuple[str, Decimal]] = []
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # reached with Tab, so the figures can be read out
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.set_bars([])

    def set_bars(self, bars) -> None:
        """[(label, value)] in the order shown; negative values draw as empty bars (the figure says so)."""
        self.bars = [(label, Decimal(value)) for label, value in bars]
        spoken = "; ".join(f"{label} {self.words(value)}" for label, value in self.bars) or "nothing in the period"
        self.setAccessibleName(f"{self.title}: {spoken}")
        self.setAccessibleDescription(f"Bar chart of {self.title.lower()}, one bar each: {spoken}")
        self.setToolTip(spoken.replace("; ", "\n"))
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        rows = max(1, len(self.bars))
        return QSize(480, self.PAD * 2 + rows * self.BAR_HEIGHT + (rows - 1) * self.GAP)

    def minimumSizeHint(self) -> QSize:
        return QSize(240, self.sizeHint().height())

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Window))
        text = palette.color(QPalette.ColorRole.WindowText)
        metrics = self.fontMetrics()
        if not self.bars:
            painter.setPen(text)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "Nothing in the period")
            return
        label_width = min(max(metrics.horizontalAdvance(label) for label, _ in self.bars) + self.PAD,
                          self.width() // 3)
        figure_width = max(metrics.horizontalAdvance(self.words(value)) for _, value in self.bars) + self.PAD
        room = max(1, self.width() - label_width - figure_width - 2 * self.PAD)
        largest = max((value for _, value in self.bars), default=Decimal(0))
        y = self.PAD
        for label, value in self.bars:
            line = QRectF(self.PAD, y, label_width - self.PAD, self.BAR_HEIGHT)
            painter.setPen(text)
            painter.drawText(line, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                             metrics.elidedText(label, Qt.TextElideMode.ElideRight, int(line.width())))
            share = float(value / largest) if largest > 0 and value > 0 else 0.0  # drawing only, never money
            bar = QRectF(self.PAD + label_width, y + 2, max(1.0, room * share), self.BAR_HEIGHT - 4)
            painter.fillRect(bar, palette.color(QPalette.ColorRole.Highlight))
            painter.setPen(text)
            painter.drawText(QRectF(bar.right() + self.PAD, y, figure_width, self.BAR_HEIGHT),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, self.words(value))
            y += self.BAR_HEIGHT + self.GAP
        if self.hasFocus():  # a visible focus mark for keyboard users
            painter.setPen(palette.color(QPalette.ColorRole.Highlight))
            painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
