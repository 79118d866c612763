"""Saving and printing a document the core rendered as PDF bytes.

Printing hands the PDF itself to the printer, page by page (QPdfDocument.render onto the QPrinter),
so the paper matches the file that was logged: same pages, same "Page X of Y", same DEMO marks.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSize, QSizeF, QStandardPaths, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog, QWidget

from ui.widgets import error_dialog

# Rendering at the printer's full resolution (often 1200 dpi) would take ~500 MB per Letter page;
# 300 dpi is sharper than the eye can tell on paper.
MAX_RENDER_DPI = 300


class PdfNotReadable(Exception):
    """The bytes are not a PDF Qt can open (never expected from our own renderers)."""


# --- saving ---------------------------------------------------------------------------------------

def save_pdf(parent: QWidget | None, data: bytes, suggested_name: str) -> Path | None:
    """Ask where to save, then write the file whole (never a half-written PDF). None when cancelled."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
    chosen, _ = QFileDialog.getSaveFileName(parent, "Save as PDF", str(Path(folder) / suggested_name),
                                            "PDF documents (*.pdf)")
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() != ".pdf":
        path = path.with_name(path.name + ".pdf")
    try:
        write_whole(path, data)
    except OSError as exc:
        error_dialog.show_plain(parent, f"The PDF could not be saved to {path}: {exc.strerror or exc}. "
                                        "Choose another folder, or free some space, and try again.",
                                title="Save as PDF")
        return None
    return path


def write_whole(path: Path, data: bytes) -> None:
    """Write beside the target and rename over it, so a full disk leaves no truncated PDF behind."""
    fd, temp = tempfile.mkstemp(prefix=".caseteam-", suffix=".pdf", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


# --- printing -------------------------------------------------------------------------------------

def print_pdf(parent: QWidget | None, data: bytes) -> bool:
    """Let the user choose a printer and pages, then print. False when cancelled or it failed."""
    try:
        document, buffer = open_pdf(data)
    except PdfNotReadable as exc:
        error_dialog.show_plain(parent, str(exc), title="Print")
        return False
    try:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(document.metaData(QPdfDocument.MetaDataField.Title) or "caseteam document")
        _match_first_page(printer, document)
        if not choose_printer(parent, printer, document.pageCount()):
            return False
        first, last = _page_range(printer, document.pageCount())
        if not render_to_printer(document, printer, first=first, last=last):
            error_dialog.show_plain(parent, "The printer could not be started. Check that it is connected "
                                            "and try again, or save the PDF and print it from there.",
                                    title="Print")
            return False
        return True
    finally:
        document.close()
        buffer.close()


def choose_printer(parent: QWidget | None, printer: QPrinter, page_count: int) -> bool:
    """The system print dialog (printer, copies, page range). Tests replace this function."""
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print")
    dialog.setAccessibleName("Print")
    dialog.setMinMax(1, max(1, page_count))
    dialog.setOption(QPrintDialog.PrintDialogOption.PrintToFile, True)
    dialog.setOption(QPrintDialog.PrintDialogOption.PrintPageRange, True)
    return dialog.exec() == QPrintDialog.DialogCode.Accepted


def open_pdf(data: bytes) -> tuple[QPdfDocument, QBuffer]:
    """A loaded QPdfDocument and the buffer it reads from (which must outlive it)."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() < 1:
        error = document.error()
        document.close()
        buffer.close()
        raise PdfNotReadable(f"The document could not be opened for printing ({error.name}).")
    return document, buffer


def render_to_printer(document: QPdfDocument, printer: QPrinter, *, first: int = 0, last: int | None = None) -> bool:
    """Paint pages first..last (0-based, inclusive) onto the printer, each filling the paper as in the file."""
    last = document.pageCount() - 1 if last is None else last
    printer.setFullPage(True)  # the PDF already has its margins; the printer adds none of its own
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        for index in range(first, last + 1):
            if index > first:
                _match_page(printer, document, index)
                printer.newPage()
            target = QRectF(printer.pageLayout().fullRectPixels(printer.resolution()))
            dpi = min(printer.resolution(), MAX_RENDER_DPI)
            points = document.pagePointSize(index)
            size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
            painter.drawImage(target, _on_white(document.render(index, size)))
    finally:
        painter.end()
    return True


def _on_white(image: QImage) -> QImage:
    """The page as opaque paper: a transparent render would reach the printer with an alpha mask."""
    page = QImage(image.size(), QImage.Format.Format_RGB32)
    page.fill(Qt.GlobalColor.white)
    painter = QPainter(page)
    painter.drawImage(0, 0, image)
    painter.end()
    return page


def _page_layout(document: QPdfDocument, index: int) -> QPageLayout:
    points = document.pagePointSize(index)
    landscape = points.width() > points.height()
    size = QSizeF(points.height(), points.width()) if landscape else points
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    return QPageLayout(QPageSize(size, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch),
                       orientation, QMarginsF(0, 0, 0, 0))


def _match_first_page(printer: QPrinter, document: QPdfDocument) -> None:
    printer.setPageLayout(_page_layout(document, 0))


def _match_page(printer: QPrinter, document: QPdfDocument, index: int) -> None:
    """Takes effect from the next page: a mixed Letter/Legal document prints each on its own paper."""
    layout = _page_layout(document, index)
    if not layout.isEquivalentTo(printer.pageLayout()):
        printer.setPageLayout(layout)


def _page_range(printer: QPrinter, page_count: int) -> tuple[int, int]:
    """The dialog's 1-based range as 0-based indexes; everything when no range was chosen."""
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = printer.fromPage() - 1
        last = (printer.toPage() or page_count) - 1
        return max(0, first), min(page_count - 1, last)
    return 0, page_count - 1
