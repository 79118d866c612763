"""A PDF on screen before it goes anywhere: Qt's own PDF viewer with page up/down, zoom, and Print / Export
buttons the caller wires to its own (logged) print and export. Esc closes it. The bytes shown are the bytes
the core handed over, so what is seen is what prints."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from .. import printing

ZOOM_STEP, ZOOM_MIN, ZOOM_MAX = 1.25, 0.25, 4.0


def _button(text: str, description: str, keys: str = "") -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(text.replace("&", "").rstrip("…"))
    native = QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText) if keys else ""
    button.setAccessibleDescription(f"{description} ({native})" if native else description)
    if native:
        button.setToolTip(native)
    return button


class PdfPreview(QDialog):
    """`on_print` / `on_export` are called with no argument (None hides the button)."""

    def __init__(self, data: bytes, title: str, parent=None, *, on_print: Callable[[], None] | None = None,
                 on_export: Callable[[], None] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setAccessibleDescription("A preview of the document; Page Up and Page Down turn the pages, "
                                      "Ctrl+plus and Ctrl+minus zoom, Esc closes")
        self.document, self._buffer = printing.open_pdf(data)  # the buffer must live as long as the document
        self.view = QPdfView(self)
        self.view.setAccessibleName("Document pages")
        self.view.setAccessibleDescription(f"{title}, {self.document.pageCount()} pages")
        self.view.setPageMode(QPdfView.PageMode.SinglePage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        self.page_label = QLabel("")
        self.page_label.setAccessibleName("Page shown")
        self.previous_button = _button("P&revious page", "Show the page before", "PgUp")
        self.next_button = _button("&Next page", "Show the page after", "PgDown")
        self.zoom_out_button = _button("Zoom &out", "Smaller", "Ctrl+-")
        self.zoom_in_button = _button("Zoom &in", "Bigger", "Ctrl++")
        self.fit_button = _button("Fit &width", "The page as wide as the window", "Ctrl+0")
        self.print_button = _button("&Print…", "Print this document", "Ctrl+P")
        self.export_button = _button("E&xport PDF…", "Save this document as a PDF file", "Ctrl+Shift+S")
        self.close_button = _button("Close", "Close the preview", "Esc")
        self.print_button.setVisible(on_print is not None)
        self.export_button.setVisible(on_export is not None)

        bar = QHBoxLayout()
        for widget in (self.previous_button, self.next_button, self.page_label, self.zoom_out_button,
                       self.zoom_in_button, self.fit_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        for widget in (self.print_button, self.export_button, self.close_button):
            bar.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

        self.previous_button.clicked.connect(lambda: self.turn(-1))
        self.next_button.clicked.connect(lambda: self.turn(1))
        self.zoom_in_button.clicked.connect(lambda: self.zoom(ZOOM_STEP))
        self.zoom_out_button.clicked.connect(lambda: self.zoom(1 / ZOOM_STEP))
        self.fit_button.clicked.connect(self.fit_width)
        self.close_button.clicked.connect(self.reject)
        if on_print is not None:
            self.print_button.clicked.connect(on_print)
        if on_export is not None:
            self.export_button.clicked.connect(on_export)
        # Keys that work wherever the focus is inside the preview (the view itself only scrolls).
        keys = [("PgUp", lambda: self.turn(-1)), ("PgDown", lambda: self.turn(1)),
                ("Ctrl++", lambda: self.zoom(ZOOM_STEP)), ("Ctrl+=", lambda: self.zoom(ZOOM_STEP)),
                ("Ctrl+-", lambda: self.zoom(1 / ZOOM_STEP)), ("Ctrl+0", self.fit_width)]
        if on_print is not None:
            keys.append(("Ctrl+P", on_print))
        if on_export is not None:
            keys.append(("Ctrl+Shift+S", on_export))
        for sequence, slot in keys:
            QShortcut(QKeySequence(sequence), self, activated=slot)
        self.view.pageNavigator().currentPageChanged.connect(lambda _page: self._show_page())
        self.finished.connect(lambda _result: self._close_document())
        self.resize(820, 900)
        self._show_page()
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    @property
    def current_page(self) -> int:
        """0-based."""
        return self.view.pageNavigator().currentPage()

    def turn(self, by: int) -> None:
        page = min(max(self.current_page + by, 0), self.page_count - 1)
        self.view.pageNavigator().jump(page, QPointF(), self.view.pageNavigator().currentZoom())
        self._show_page()

    def zoom(self, factor: float) -> None:
        current = self.view.zoomFactor()
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(min(max(current * factor, ZOOM_MIN), ZOOM_MAX))

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def _show_page(self) -> None:
        page = self.current_page
        self.page_label.setText(f"Page {page + 1} of {self.page_count}")
        self.previous_button.setEnabled(page > 0)
        self.next_button.setEnabled(page < self.page_count - 1)

    def _close_document(self) -> None:
        self.document.close()
        self._buffer.close()


def preview_pdf(parent, data: bytes, title: str, **callbacks) -> PdfPreview | None:
    """Opened window-modal without blocking (tests find it as the returned dialog); None when Qt cannot
    read the bytes (said to the user)."""
    from .error_dialog import show_plain

    try:
        dialog = PdfPreview(data, title, parent, **callbacks)
    except printing.PdfNotReadable as exc:
        show_plain(parent, str(exc), title=title)
        return None
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.open()
    return dialog


def preview_image(parent, data: bytes, title: str) -> QDialog | None:
    """A scanned page (PNG or JPEG) in a scrolling window; Esc or Close closes it."""
    from PySide6.QtGui import QPixmap
    from PySide6.QtWidgets import QDialogButtonBox, QScrollArea

    from .error_dialog import show_plain

    picture = QPixmap()
    if not picture.loadFromData(data):
        show_plain(parent, "The signed copy could not be shown: the image is damaged.", title=title)
        return None
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setAccessibleName(title)
    image = QLabel()
    image.setPixmap(picture)
    image.setAccessibleName("Scanned page")
    scroll = QScrollArea()
    scroll.setWidget(image)
    scroll.setAccessibleName("Scanned page")
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(scroll, 1)
    layout.addWidget(buttons)
    dialog.resize(820, 900)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.open()
    return dialog


__all__ = ["PdfPreview", "preview_image", "preview_pdf"]
