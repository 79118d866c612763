"""Printing and saving documents: the printer gets the stored PDF page by page, and a saved copy is the file."""

from __future__ import annotations

import dataclasses
import io
from datetime import date

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog

from caseteam.documents.release_form import render_release
from caseteam.documents.views import ReleasePartyView, ReleaseView
from ui import printing


@pytest.fixture
def release_bytes() -> bytes:
    view = ReleaseView(
        reference="RL-0007", version=1, person_name="José Muñoz García", parties=(
            ReleasePartyView("Bridgeway Employment Services", "Community rehabilitation provider"),
            ReleasePartyView("Riverside Mental Health Center", "Mental-health center")),
        categories=tuple(f"Category {n} of information" for n in range(30)), purpose="To plan supported work.",
        effective_from=date(2026, 11, 2), expires_on=date(2027, 11, 1), generated_on=date(2026, 11, 2),
        signer_name="José Muñoz García", demo=True)
    data = render_release(dataclasses.replace(view))
    assert len(PdfReader(io.BytesIO(data)).pages) >= 3
    return data


@pytest.fixture
def printer_to_file(monkeypatch, tmp_path):
    """Stands in for the print dialog: the user picks 'Print to file' (and maybe a page range)."""
    chosen = {"out": tmp_path / "printed.pdf", "range": None, "offered_pages": None}

    def choose(parent, printer: QPrinter, page_count: int) -> bool:
        chosen["offered_pages"] = page_count
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(chosen["out"]))
        if chosen["range"]:
            printer.setPrintRange(QPrinter.PrintRange.PageRange)
            printer.setFromTo(*chosen["range"])
        return True

    monkeypatch.setattr(printing, "choose_printer", choose)
    return chosen


def test_every_page_of_the_pdf_reaches_the_printer_on_letter_paper(qapp, release_bytes, printer_to_file):
    source = PdfReader(io.BytesIO(release_bytes))
    assert printing.print_pdf(None, release_bytes) is True
    printed = PdfReader(printer_to_file["out"])
    assert printer_to_file["offered_pages"] == len(source.pages)
    assert len(printed.pages) == len(source.pages)
    for page in printed.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(width - 612) < 2 and abs(height - 792) < 2          # US Letter, as rendered
        [picture] = [img.get_object() for img in page["/Resources"]["/XObject"].values()]
        assert picture["/Width"] >= 2000 and "/SMask" not in picture   # the whole page, opaque, at print resolution
        assert 0.003 < ink_share(picture) < 0.3                          # text on white paper, not a blank sheet


def ink_share(picture) -> float:
    """The share of dark pixels in a printed page image, sampled on a grid."""
    image = QImage.fromData(picture.get_data())   # Qt writes page images as JPEG (/DCTDecode)
    assert not image.isNull()
    samples = [image.pixelColor(x, y).lightness() for x in range(0, image.width(), 7)
               for y in range(0, image.height(), 7)]
    return sum(1 for v in samples if v < 128) / len(samples)


def test_a_page_range_prints_only_those_pages(qapp, release_bytes, printer_to_file):
    printer_to_file["range"] = (2, 3)
    assert printing.print_pdf(None, release_bytes) is True
    assert len(PdfReader(printer_to_file["out"]).pages) == 2


def test_cancelling_the_print_dialog_prints_nothing(qapp, release_bytes, monkeypatch, tmp_path):
    monkeypatch.setattr(printing, "choose_printer", lambda *_: False)
    assert printing.print_pdf(None, release_bytes) is False
    assert list(tmp_path.iterdir()) == []


def test_bytes_that_are_not_a_pdf_get_a_plain_message(qapp, dialogs, printer_to_file):
    assert printing.print_pdf(None, b"%PDF-1.4 truncated") is False
    assert len(dialogs) == 1 and dialogs[0][0] == "plain" and "could not be opened" in dialogs[0][1]
    assert printer_to_file["offered_pages"] is None and not printer_to_file["out"].exists()


def test_save_writes_the_same_bytes_and_adds_pdf(qapp, release_bytes, monkeypatch, tmp_path):
    asked = {}

    def ask(parent, caption, start, filters):
        asked.update(caption=caption, start=start, filters=filters)
        return str(tmp_path / "RL-0007 release"), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", ask)
    saved = printing.save_pdf(None, release_bytes, "RL-0007.pdf")
    assert saved == tmp_path / "RL-0007 release.pdf"
    assert saved.read_bytes() == release_bytes
    assert asked["start"].endswith("RL-0007.pdf") and "*.pdf" in asked["filters"]
    assert [p.name for p in tmp_path.iterdir()] == ["RL-0007 release.pdf"]   # no temporary left behind


def test_save_cancelled_or_refused(qapp, release_bytes, monkeypatch, tmp_path, dialogs):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: ("", ""))
    assert printing.save_pdf(None, release_bytes, "RL-0007.pdf") is None
    missing = tmp_path / "no-such-folder" / "copy.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(missing), ""))
    assert printing.save_pdf(None, release_bytes, "RL-0007.pdf") is None
    assert len(dialogs) == 1 and "could not be saved" in dialogs[0][1]
    assert not missing.exists()
