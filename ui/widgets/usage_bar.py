"""How much of an authorization is used, drawn with QPainter (QtCharts is GPL-only): a filled bar and
the words beside it ("312 of 500 units used, 188 left (62%)"). The words carry the meaning, so colour is
never the only signal: the bar turns amber from 80% used (the services' warning) and red when used up,
and the words say "nearly used up" / "used up". The same painting serves a table cell (UsageDelegate)."""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QSizePolicy, QStyle, QStyledItemDelegate, QWidget

WARN_SHARE = Decimal("0.8")
# Fills with at least 3:1 contrast against the track (WCAG non-text contrast): darker on a light palette,
# lighter on a dark one.
FILLS = {"normal": QColor("#2b6cb0"), "warning": QColor("#b86e00"), "exhausted": QColor("#b3261e")}
DARK_FILLS = {"normal": QColor("#7cb3f0"), "warning": QColor("#ffb74d"), "exhausted": QColor("#ff8a80")}
USAGE_ROLE = Qt.ItemDataRole.UserRole + 7  # a model's (fraction, level, words) for UsageDelegate


def _count(value: Decimal, dollars: bool) -> str:
    if dollars:
        return f"${value:,.2f}"
    return f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"


def usage_state(used: Decimal, total: Decimal | None, *, dollars: bool = False) -> tuple[float, str, str]:
    """(fraction filled 0..1, level, words) for `used` of `total` units (or dollars)."""
    used = Decimal(used)
    if not total:
        return 0.0, "normal", f"{_count(used, dollars)} used (no limit given)"
    total = Decimal(total)
    share = used / total
    percent = (share * 100).quantize(Decimal(1), rounding=ROUND_DOWN)
    left = total - used
    unit = "" if dollars else " units"
    words = (f"{_count(used, dollars)} of {_count(total, dollars)}{unit} used, "
             f"{_count(max(left, Decimal(0)), dollars)} left ({percent}%)")
    if share >= 1:
        return 1.0, "exhausted", words + ", used up" + (f" ({_count(-left, dollars)} over)" if left < 0 else "")
    if share >= WARN_SHARE:
        return float(share), "warning", words + ", nearly used up"
    return float(max(share, Decimal(0))), "normal", words


def paint_usage(painter: QPainter, rect: QRect, palette: QPalette, fraction: float, level: str, words: str) -> None:
    """The bar in the left part of `rect` (a third, at least 60 px), the words to its right."""
    painter.save()
    bar_width = max(60, min(160, rect.width() // 3))
    height = max(8, min(14, rect.height() - 6))
    bar = QRect(rect.left() + 2, rect.center().y() - height // 2, bar_width, height)
    painter.setPen(QPen(palette.color(QPalette.ColorRole.Text), 1))
    painter.setBrush(palette.color(QPalette.ColorRole.Base))
    painter.drawRect(bar)
    filled = int(round((bar.width() - 1) * max(0.0, min(1.0, fraction))))
    if filled > 0:
        fills = DARK_FILLS if palette.color(QPalette.ColorRole.Base).lightness() < 128 else FILLS
        painter.fillRect(QRect(bar.left() + 1, bar.top() + 1, filled, bar.height() - 1), fills[level])
    painter.setPen(palette.color(QPalette.ColorRole.Text))
    text_rect = QRect(bar.right() + 8, rect.top(), rect.right() - bar.right() - 8, rect.height())
    painter.drawText(text_rect, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), words)
    painter.restore()


class UsageBar(QWidget):
    """One authorization's used and left; its words are also its accessible name and tooltip."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.used, self.total, self.dollars = Decimal(0), None, False
        self.fraction, self.level, self.text = 0.0, "normal", ""
        self.setAccessibleDescription("How much of the authorization is used and how much is left")

    def set_usage(self, used: Decimal, total: Decimal | None, *, dollars: bool = False) -> None:
        self.used, self.total, self.dollars = Decimal(used), total, dollars
        self.fraction, self.level, self.text = usage_state(self.used, total, dollars=dollars)
        self.setAccessibleName(self.text)
        self.setToolTip(self.text)
        self.update()

    def clear(self, words: str = "") -> None:
        self.used, self.total, self.fraction, self.level, self.text = Decimal(0), None, 0.0, "normal", words
        self.setAccessibleName(words or "No authorization chosen")
        self.setToolTip(words)
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(420, self.fontMetrics().height() + 10)

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        paint_usage(painter, self.rect(), self.palette(), self.fraction, self.level, self.text)
        painter.end()


class UsageDelegate(QStyledItemDelegate):
    """A table cell holding USAGE_ROLE (fraction, level, words) drawn as the bar; screen readers read
    the cell's AccessibleTextRole (the same words)."""

    def paint(self, painter: QPainter, option, index) -> None:
        state = index.data(USAGE_ROLE)
        if not state:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        option.text = ""
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        palette = QPalette(option.palette)
        if option.state & QStyle.StateFlag.State_Selected:
            palette.setColor(QPalette.ColorRole.Text, option.palette.color(QPalette.ColorRole.HighlightedText))
        paint_usage(painter, option.rect.adjusted(2, 0, -2, 0), palette, *state)

    def sizeHint(self, option, index) -> QSize:  # noqa: N802 (Qt's name)
        state = index.data(USAGE_ROLE)
        if not state:
            return super().sizeHint(option, index)
        return QSize(option.fontMetrics.horizontalAdvance(state[2]) + 190, option.fontMetrics.height() + 8)
