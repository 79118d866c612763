"""The self-test's steps and its report: each failure named, later steps skipped, nothing of the user's touched."""

from __future__ import annotations

import io
import os

import pytest
from reportlab.pdfgen import canvas

from caseteam import self_test
from caseteam.self_test import Scratch, Step


def _report(steps, scratch=None) -> tuple[int, list[str]]:
    out = io.StringIO()
    code = self_test.run_steps(steps, scratch or Scratch(), out)
    return code, out.getvalue().splitlines()


def _broken(_scratch):
    raise RuntimeError("the fonts folder is missing")


def test_a_failing_step_is_named_with_its_reason_and_the_later_steps_are_skipped():
    steps = [Step("first", lambda _s: "fine"), Step("second", _broken), Step("third", lambda _s: "never run")]
    code, lines = _report(steps)
    assert code == self_test.EXIT_FAILED
    assert lines[0] == "first: ok (fine)"
    assert lines[1].startswith("second: FAILED: RuntimeError: the fonts folder is missing (at test_self_test_steps.py:")
    assert lines[2] == "third: skipped (needs the steps before it)"
    assert lines[3] == "self-test FAILED at: second"


def test_every_step_passing_exits_0():
    code, lines = _report([Step("only", lambda _s: "")])
    assert (code, lines) == (self_test.EXIT_OK, ["only: ok", "self-test passed"])


def test_the_core_steps_pass_on_a_scratch_store_that_is_then_removed(tmp_path, caseteam_home):
    out = io.StringIO()
    assert self_test.run(parent=tmp_path, out=out) == self_test.EXIT_OK
    lines = out.getvalue().splitlines()
    assert [line.split(":")[0] for line in lines[:-1]] == [step.name for step in self_test.CORE_STEPS]
    assert all(": ok" in line for line in lines[:-1]) and lines[-1] == "self-test passed"
    assert list(tmp_path.glob("caseteam-self-test-*")) == []
    assert os.environ["CASETEAM_HOME"] == str(caseteam_home)  # put back as it was
    assert not caseteam_home.exists()  # the user's folder was never written


def test_a_folder_that_cannot_hold_the_store_fails_the_first_step(tmp_path, caseteam_home):
    not_a_folder = tmp_path / "plain-file"
    not_a_folder.write_text("not a folder\n")
    out = io.StringIO()
    assert self_test.run(parent=not_a_folder, out=out) == self_test.EXIT_FAILED
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("temporary store: FAILED: NotADirectoryError")
    assert all(line.endswith("skipped (needs the steps before it)") for line in lines[1:4])
    assert os.environ["CASETEAM_HOME"] == str(caseteam_home)


def test_a_late_failure_keeps_the_scratch_folder_for_a_look(tmp_path, monkeypatch):
    monkeypatch.setenv("CASETEAM_DB_URL", "postgresql+psycopg://nobody@127.0.0.1:1/office")
    seen = {}

    def look(scratch):
        seen.update(home=os.environ["CASETEAM_HOME"], url=os.environ.get("CASETEAM_DB_URL"))
        raise RuntimeError("window did not open")

    out = io.StringIO()
    assert self_test.run([Step("main window", look)], parent=tmp_path, out=out) == self_test.EXIT_FAILED
    [folder] = tmp_path.glob("caseteam-self-test-*")
    assert seen == {"home": str(folder), "url": None}  # the office database was set aside during the run
    assert (folder / self_test.STORE_FILENAME).exists()
    assert out.getvalue().splitlines()[-1].endswith(str(folder))
    assert os.environ["CASETEAM_DB_URL"] == "postgresql+psycopg://nobody@127.0.0.1:1/office"


def test_the_pdf_check_refuses_what_is_not_a_pdf():
    with pytest.raises(RuntimeError, match="not a complete PDF"):
        self_test.check_pdf(b"<html>error</html>")


def test_the_pdf_check_refuses_a_pdf_without_the_bundled_font():
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, "Helvetica only")
    page.showPage()
    page.save()
    with pytest.raises(RuntimeError, match="DejaVu Sans font is not embedded"):
        self_test.check_pdf(buffer.getvalue())
