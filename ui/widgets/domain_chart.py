"""The resource map's chart, drawn with QPainter (QtCharts is GPL-only): one row per life domain, its bar as
long as the number of people with open needs in it, the serving partners written beside it. A gap (needs,
no partner) is hatched and labelled "GAP", so colour is never the only sign. Up/Down choose a domain,
Enter or Space (or a click) opens it; the figures are in the accessible name and description, and the
screen puts the same data in a table."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget


def line_words(line) -> str:
    partners = len(line.partners)
    people = len(line.people)
    words = (f"{line.label}: {people} {'person' if people == 1 else 'people'} with open needs, "
             f"{partners} partner{'' if partners == 1 else 's'} serving")
    return words + (", a gap" if line.gap else "")


class DomainChart(QWidget):
    domain_chosen = Signal(object)  # LifeDomain: clicked, or Enter/Space on the current row
    current_changed = Signal(object)  # LifeDomain under the keyboard cursor

    ROW, GAP, PAD = 22, 6, 8

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("domainChart")
        self.lines: list = []
        self.current = -1
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.set_lines([])

    # --- data ----------------------------------------------------------------------------------------
    def set_lines(self, lines) -> None:
        """DomainLine rows from caseteam.services.resource_map, in the order shown."""
        chosen = self.current_domain()
        self.lines = list(lines)
        domains = [line.domain for line in self.lines]
        self.current = domains.index(chosen) if chosen in domains else (0 if self.lines else -1)
        gaps = [line.label for line in self.lines if line.gap]
        spoken = "; ".join(line_words(line) for line in self.lines) or "nothing to show"
        self.setAccessibleName("Resource map chart: " + (f"gaps in {', '.join(gaps)}" if gaps else "no gaps"))
        self.setAccessibleDescription("People with open needs per life domain, and the partners serving each. "
                                      "Up and Down choose a domain, Enter lists its people. " + spoken)
        self.setToolTip(spoken.replace("; ", "\n"))
        self.updateGeometry()
        self.update()

    def current_domain(self):
        return self.lines[self.current].domain if 0 <= self.current < len(self.lines) else None

    def set_current(self, index: int) -> None:
        if not self.lines:
            return
        index = max(0, min(index, len(self.lines) - 1))
        if index != self.current:
            self.current = index
            self.update()
            self.current_changed.emit(self.current_domain())

    # --- size and input ------------------------------------------------------------------------------
    def sizeHint(self) -> QSize:
        rows = max(1, len(self.lines))
        return QSize(520, self.PAD * 2 + rows * self.ROW + (rows - 1) * self.GAP)

    def minimumSizeHint(self) -> QSize:
        return QSize(260, self.sizeHint().height())

    def row_at(self, y: float) -> int:
        index = int((y - self.PAD) // (self.ROW + self.GAP))
        return index if 0 <= index < len(self.lines) else -1

    def mousePressEvent(self, event) -> None:
        index = self.row_at(event.position().y())
        if index >= 0:
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            self.set_current(index)
            self.domain_chosen.emit(self.current_domain())
        super().mousePressEvent(event)

    def keyPressEvent(self, event) -> None:
        key = event.key()
        moves = {Qt.Key.Key_Up: self.current - 1, Qt.Key.Key_Down: self.current + 1, Qt.Key.Key_Home: 0,
                 Qt.Key.Key_End: len(self.lines) - 1}
        if key in moves:
            self.set_current(moves[key])
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and self.current_domain() is not None:
            self.domain_chosen.emit(self.current_domain())
        else:
            super().keyPressEvent(event)

    # --- drawing -------------------------------------------------------------------------------------
    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Window))
        metrics = self.fontMetrics()
        if not self.lines:
            painter.setPen(text)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No life domains to show")
            return
        label_width = min(max(metrics.horizontalAdvance(line.label) for line in self.lines) + self.PAD,
                          self.width() // 3)
        notes = [self._note(line) for line in self.lines]
        note_width = max(metrics.horizontalAdvance(n) for n in notes) + self.PAD
        room = max(1, self.width() - label_width - note_width - 3 * self.PAD)
        largest = max(len(line.people) for line in self.lines) or 1
        y = self.PAD
        for index, (line, note) in enumerate(zip(self.lines, notes)):
            row = QRectF(self.PAD, y, label_width - self.PAD, self.ROW)
            painter.setPen(text)
            painter.drawText(row, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                             metrics.elidedText(line.label, Qt.TextElideMode.ElideRight, int(row.width())))
            bar = QRectF(self.PAD + label_width, y + 3, max(2.0, room * len(line.people) / largest), self.ROW - 6)
            if line.gap:  # hatched and outlined: readable in grayscale and high contrast
                painter.fillRect(bar, QBrush(text, Qt.BrushStyle.BDiagPattern))
                painter.setPen(QPen(text, 1.5))
                painter.drawRect(bar)
            else:
                painter.fillRect(bar, highlight)
            painter.setPen(text)
            font = painter.font()
            font.setBold(line.gap)
            painter.setFont(font)
            painter.drawText(QRectF(bar.right() + self.PAD, y, note_width + self.PAD, self.ROW),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, note)
            font.setBold(False)
            painter.setFont(font)
            if index == self.current and self.hasFocus():  # the keyboard cursor, visible
                painter.setPen(QPen(highlight, 2, Qt.PenStyle.DotLine))
                painter.drawRect(QRectF(1, y - 2, self.width() - 2, self.ROW + 4))
            y += self.ROW + self.GAP

    @staticmethod
    def _note(line) -> str:
        people, partners = len(line.people), len(line.partners)
        words = f"{people} · {partners} partner{'' if partners == 1 else 's'}"
        return f"{words} · GAP" if line.gap else words
