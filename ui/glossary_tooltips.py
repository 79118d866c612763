"""The shared glossary on every screen: hovering over a label, a tick box, a radio button, a group box's title
or a form field whose label uses a defined term (or a partner's word for one) shows its plain-language
definition and every partner's word for it, after any tooltip the control already has ("IPE — Individualized
Plan for Employment: … State VR calls it IPE; …"). Whole words only, capitals and accents ignored.

One application-wide event filter, installed by the main window at the first sign-in; it reads the glossary
again whenever a change to it arrives (Changes.glossary) and forgets it at sign-out. Screen readers get the
definition as the label's (and the field's) accessible description, when it has none of its own."""

from __future__ import annotations

import html
import logging

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import Qt, QTextDocumentFragment  # QtGui's Qt has mightBeRichText
from PySide6.QtWidgets import (QAbstractScrollArea, QApplication, QCheckBox, QFormLayout, QGroupBox, QLabel,
                               QRadioButton, QToolTip, QWidget)

from caseteam.services import glossary
from caseteam.services.glossary_rows import TooltipIndex, label_text

log = logging.getLogger(__name__)
LABEL_LENGTH = 120  # longer texts are sentences on a page, not labels: their words are not explained
_TOOLTIP, _FOCUS_IN = QEvent.Type.ToolTip, QEvent.Type.FocusIn


def _form_label(field: QWidget) -> QWidget | None:
    """The label a QFormLayout shows beside `field`, or a QLabel whose buddy it is (looked for near it)."""
    parent = field.parentWidget()
    for _level in range(3):
        if parent is None:
            return None
        for form in parent.findChildren(QFormLayout):
            label = form.labelForField(field)
            if label is not None:
                return label
        for label in parent.findChildren(QLabel):
            if label.buddy() is field:
                return label
        parent = parent.parentWidget()
    return None


def _words(widget: QWidget, pos=None) -> tuple[str, QWidget | None]:
    """The label text that names `widget` and the widget carrying it ("" when none names it)."""
    if isinstance(widget, QLabel):
        text = widget.text()
        if widget.textFormat() != Qt.TextFormat.PlainText and Qt.mightBeRichText(text):
            text = QTextDocumentFragment.fromHtml(text).toPlainText()
        return text, widget
    if isinstance(widget, (QCheckBox, QRadioButton)):
        return widget.text(), widget
    if isinstance(widget, QGroupBox):  # only over its title, not the empty space among its fields
        if pos is None or pos.y() < widget.contentsRect().top():
            return widget.title(), widget
        return "", None
    label = _form_label(widget)
    if label is None:
        return "", None
    return _words(label)[0], label


class GlossaryTooltips(QObject):
    """Made once by the main window; `index` is the glossary read at the last sign-in or change."""

    index_loaded = Signal()

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.index = TooltipIndex()
        self._installed = False
        window.session.signed_in.connect(self._signed_in)
        window.session.signed_out.connect(self._signed_out)
        window.ops.data_changed.connect(lambda changes: self.reload() if changes.glossary else None)

    # --- the glossary -------------------------------------------------------------------------------------
    def _signed_in(self, _actor) -> None:
        if not self._installed:
            QApplication.instance().installEventFilter(self)
            self._installed = True
        self.reload()

    def _signed_out(self) -> None:
        self.stop()

    def stop(self) -> None:
        """Off until the next sign-in: no definitions shown to a locked-out screen, and a closed window's filter
        no longer sees every event of the application."""
        self.index = TooltipIndex()
        if self._installed:
            QApplication.instance().removeEventFilter(self)
            self._installed = False

    def reload(self) -> None:
        actor = self.window.actor
        if actor is None:
            return
        self.window.ops.run(lambda uow: glossary.tooltip_index(uow, actor), on_done=self._put, write=False)

    def _put(self, index: TooltipIndex) -> None:
        if self.window.actor is not None:
            self.index = index
            self.index_loaded.emit()

    # --- explaining ---------------------------------------------------------------------------------------
    def explain(self, widget: QWidget, pos=None) -> tuple[str, QWidget | None]:
        """The definitions for the terms naming `widget`, and the label (or control) that names it."""
        if not len(self.index):
            return "", None
        text, named_by = _words(widget, pos)
        text = label_text(text)
        if not text.strip() or len(text) > LABEL_LENGTH:
            return "", None
        return self.index.explain(text), named_by

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if kind != _TOOLTIP and kind != _FOCUS_IN:
            return False
        try:
            if kind == _TOOLTIP:
                return self._show_tip(obj, event)
            if isinstance(obj, QWidget) and len(self.index):
                self._describe(obj, *self.explain(obj))
        except Exception:  # a definition is help, never a reason to lose the event (or the program)
            log.exception("the glossary could not explain a label")
        return False

    def _show_tip(self, obj, event) -> bool:
        if not isinstance(obj, QWidget) or not len(self.index):
            return False
        widget = obj
        parent = obj.parentWidget()
        if isinstance(parent, QAbstractScrollArea) and parent.viewport() is obj:
            widget = parent  # a text box's or a table's inside: the box is what the label names
        words, named_by = self.explain(widget, event.pos())
        if not words:
            return False
        self._describe(widget, words, named_by)
        own = widget.toolTip()
        paragraphs = ([own if Qt.mightBeRichText(own) else html.escape(own, quote=False)] if own else [])
        paragraphs += [html.escape(part, quote=False) for part in words.split("\n\n")]
        QToolTip.showText(event.globalPos(), "".join(f"<p>{p}</p>" for p in paragraphs), widget)
        return True

    @staticmethod
    def _describe(widget: QWidget, words: str, named_by: QWidget | None) -> None:
        """The definition for screen readers, on the label and the field, where neither says anything yet."""
        if not words:
            return
        for target in {id(w): w for w in (named_by, widget) if w is not None}.values():
            if not target.accessibleDescription():
                target.setAccessibleDescription(words)


__all__ = ["GlossaryTooltips"]
