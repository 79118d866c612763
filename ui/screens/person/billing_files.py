"""Saving an invoice or a progress report the services made (PDF or XLSX bytes) to a file the user picks:
the whole file or nothing (printing.write_whole), and a name that says what it is without the person's name."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from ... import printing
from ...widgets import error_dialog

KINDS = {"pdf": ("Save as PDF", "PDF documents (*.pdf)"), "xlsx": ("Save as XLSX", "Excel workbooks (*.xlsx)")}


def file_name(ref: str, what: str, fmt: str) -> str:
    return f"{ref} {what}.{fmt}"


def save_bytes(parent: QWidget | None, data: bytes, suggested_name: str, fmt: str) -> Path | None:
    """Ask where, then write; None when cancelled or refused (the user is told why)."""
    if fmt == "pdf":
        return printing.save_pdf(parent, data, suggested_name)
    title, filters = KINDS[fmt]
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(Path(folder) / suggested_name), filters)
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() != f".{fmt}":
        path = path.with_name(f"{path.name}.{fmt}")
    try:
        printing.write_whole(path, data)
    except OSError as exc:
        error_dialog.show_plain(parent, f"The file could not be saved to {path}: {exc.strerror or exc}. "
                                        "Choose another folder, or free some space, and try again.", title=title)
        return None
    return path
