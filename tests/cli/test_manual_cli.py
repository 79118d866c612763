"""`caseteam manual export`: the resource manual of the demo partnership as a PDF and as CSV, filtered,
written whole and audited; a folder for --out and an unknown domain are usage errors."""

from __future__ import annotations

import csv
import io
import re

import pytest
from pypdf import PdfReader

from command_line import caseteam, exports_logged


def page_texts(data: bytes) -> list[str]:
    return [re.sub(r"\s+", " ", page.extract_text() or "") for page in PdfReader(io.BytesIO(data)).pages]


def test_the_pdf_lists_the_demo_partners_with_page_numbers(capsys, demo_db, tmp_path):
    out = tmp_path / "manual.pdf"
    code, stdout, stderr = caseteam(capsys, "--db", demo_db, "manual", "export", "--out", str(out))
    assert code == 0, stderr
    assert "Wrote the resource manual (All partners) as PDF" in stdout
    text = " ".join(page_texts(out.read_bytes()))
    assert "State VR – Eastside District Office" in text and "Mandated One-Stop partner" in text
    assert "Prairie Fresh Market" not in text  # employers are not in the manual
    pages = page_texts(out.read_bytes())
    assert len(pages) > 1 and all(f"Page {n} of {len(pages)}" in p for n, p in enumerate(pages, start=1))
    assert exports_logged(demo_db, "resource_manual") == ["pdf"]


def test_csv_by_file_name_with_a_domain_filter(capsys, demo_db, tmp_path):
    out = tmp_path / "legal.csv"
    code, _stdout, stderr = caseteam(capsys, "--db", demo_db, "manual", "export", "--out", str(out), "--domain",
                                     "legal")
    assert code == 0, stderr
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    assert rows[0] == ["Resource manual: serving legal"]
    organizations = {r[1] for r in rows[2:]}
    assert organizations == {"Lakes Region Legal Aid",
                             "Client Assistance Program – Disability Rights Center of the Lakes Region"}
    assert all("Legal" in r[9] for r in rows[2:])


def test_usage_mistakes_exit_2(capsys, demo_db, tmp_path):
    code, _out, err = caseteam(capsys, "--db", demo_db, "manual", "export", "--out", str(tmp_path))
    assert code == 2 and "is a folder" in err
    with pytest.raises(SystemExit) as done:  # argparse refuses the value before anyone signs in
        caseteam(capsys, "--db", demo_db, "manual", "export", "--out", str(tmp_path / "x.pdf"), "--domain", "roads")
    err = capsys.readouterr().err
    assert done.value.code == 2 and "unknown life domain 'roads'" in err and "transportation" in err
