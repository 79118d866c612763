"""`caseteam self-test`: prove an installed copy works, on a scratch store that is thrown away.

Each step prints one line, `name: ok (what was checked)` or `name: FAILED: why`; the steps after a
failure print `skipped`, because each builds on the one before. Exit 0 only when every step passed.
The user's own store, settings, window state, logs and backups are never touched: CASETEAM_HOME
points at a new temporary folder for the whole run and CASETEAM_DB_URL is set aside.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence, TextIO

EXIT_OK, EXIT_FAILED = 0, 1
STORE_FILENAME = "self-test.sqlite"
# The variables that say where caseteam keeps its data; all are set aside during the run.
ISOLATED_VARIABLES = ("CASETEAM_HOME", "CASETEAM_DB_URL")
PERSON = {"given_name": "Nguyễn Thị", "family_name": "Ánh"}  # letters the bundled font must carry
SEARCH_TEXT = "nguyen anh"  # found only if the search index folds the diacritics
PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![A-Za-z])")  # a page, not the /Pages tree


@dataclass
class Scratch:
    """What the steps share: the temporary folder, the store and what earlier steps made."""

    parent: Path | None = None
    folder: Path | None = None
    store: object | None = None
    actor: object | None = None
    person_id: object | None = None
    pdf: bytes = b""
    saved_environment: dict[str, str | None] = field(default_factory=dict)

    @property
    def store_path(self) -> Path:
        return self.folder / STORE_FILENAME

    def isolate(self) -> None:
        self.saved_environment = {name: os.environ.get(name) for name in ISOLATED_VARIABLES}
        for name in ISOLATED_VARIABLES:
            os.environ.pop(name, None)
        os.environ["CASETEAM_HOME"] = str(self.folder)

    def close(self, *, keep_folder: bool) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None
        for name, value in self.saved_environment.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        if self.folder is not None and not keep_folder:
            shutil.rmtree(self.folder, ignore_errors=True)  # a log file still open on Windows stays behind


@dataclass(frozen=True)
class Step:
    name: str
    run: Callable[[Scratch], str]  # returns what it checked; raises on failure


def run_steps(steps: Sequence[Step], scratch: Scratch, out: TextIO | None = None) -> int:
    """Run the steps in order, one report line each; stop checking after the first failure."""
    out = out or sys.stdout
    failed: str | None = None
    for step in steps:
        if failed is not None:
            print(f"{step.name}: skipped (needs the steps before it)", file=out, flush=True)
            continue
        try:
            detail = step.run(scratch)
        except Exception as exc:  # any failure is the result, reported in words, never a crash
            failed = step.name
            print(f"{step.name}: FAILED: {describe_failure(exc)}", file=out, flush=True)
        else:
            print(f"{step.name}: ok" + (f" ({detail})" if detail else ""), file=out, flush=True)
    if failed is None:
        print("self-test passed", file=out, flush=True)
        return EXIT_OK
    print(f"self-test FAILED at: {failed}", file=out, flush=True)
    return EXIT_FAILED


def describe_failure(exc: BaseException) -> str:
    """The error and where it came from: in a bundle a missing module or file shows up here."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = f" (at {Path(frames[-1].filename).name}:{frames[-1].lineno})" if frames else ""
    text = str(exc).strip() or "no message"
    return f"{type(exc).__name__}: {text}{where}"


def run(extra_steps: Sequence[Step] = (), *, parent: Path | None = None, out: TextIO | None = None) -> int:
    """The core steps, then `extra_steps` (the launcher adds the window); `parent` holds the scratch folder."""
    scratch = Scratch(parent=parent)
    code = EXIT_FAILED
    try:
        code = run_steps([*CORE_STEPS, *extra_steps], scratch, out)
    finally:
        scratch.close(keep_folder=code != EXIT_OK)
    if code != EXIT_OK and scratch.folder is not None and scratch.folder.exists():
        print(f"the scratch folder (store and log) is kept for a look: {scratch.folder}", file=out or sys.stdout)
    return code


# --- the core steps --------------------------------------------------------------------------------

def temporary_store(scratch: Scratch) -> str:
    from caseteam.storage.store import open_store

    scratch.folder = Path(tempfile.mkdtemp(prefix="caseteam-self-test-", dir=scratch.parent))
    scratch.isolate()
    scratch.store = open_store(scratch.store_path)
    return f"new SQLite store in {scratch.folder}"


def migrations(scratch: Scratch) -> str:
    from caseteam.storage import migrate

    known = migrate.known_revisions()
    current, head = scratch.store.schema_revision(), migrate.head_revision()
    if current != head:
        raise RuntimeError(f"the store is at {current or 'no revision'}, this caseteam's head is {head}")
    problems = scratch.store.integrity_check(full=True)
    if problems:
        raise RuntimeError("integrity check: " + "; ".join(problems))
    return f"schema {migrate.schema_number(head):04d} is the head of {len(known)} migrations; integrity ok"


def record(scratch: Scratch) -> str:
    from caseteam.services import people, plans, records, users

    with scratch.store.unit_of_work() as uow:
        scratch.actor = users.local_actor(uow)
        written, _ = people.create_person(uow, scratch.actor, **PERSON)
        plans.save_plan_revision(uow, scratch.actor, written.id, _plan_draft(), summary="self-test plan")
    scratch.person_id = written.id
    with scratch.store.unit_of_work(write=False) as uow:
        read = people.get_person(uow, scratch.actor, written.id)
        found = [row.id for row in people.caseload(uow, scratch.actor, search=SEARCH_TEXT)]
        report = records.check_store(uow)
    if (read.ref, read.given_name, read.family_name) != (written.ref, PERSON["given_name"], PERSON["family_name"]):
        raise RuntimeError(f"wrote {written.ref} {written.display_name}, read back {read.ref} {read.display_name}")
    if found != [written.id]:
        raise RuntimeError(f'searching "{SEARCH_TEXT}" found {len(found)} people, not the one written')
    if not report.ok:
        raise RuntimeError(f"store check: {'; '.join(report.problems) or report.chain.problem}")
    return (f"person {read.ref} {read.display_name} and a plan written and read back, found by "
            f'"{SEARCH_TEXT}"; audit chain of {report.chain.entries} entries intact')


def _plan_draft():
    from caseteam.domain.plans import StepOwner
    from caseteam.services.plans import GoalDraft, PlanDraft, StepDraft

    step = StepDraft(description="Visit two employers with my job developer", owner_kind=StepOwner.PERSON)
    return PlanDraft(vision="Work in a bakery near home, mornings.", important_to="Being with people I know.",
                     goals=(GoalDraft(description="A paid job in a bakery", steps=(step,)),))


def pdf(scratch: Scratch) -> str:
    from caseteam.services import plan_documents

    with scratch.store.unit_of_work() as uow:  # printing is audited, so it writes
        data = plan_documents.plan_pdf(uow, scratch.actor, scratch.person_id)
    pages = check_pdf(data)
    scratch.pdf = data
    return f"plan, {pages} page{'s' if pages != 1 else ''}, {len(data) // 1024} KB, DejaVu Sans embedded"


def check_pdf(data: bytes) -> int:
    """Page count of a ReportLab PDF, checked without a PDF library (pypdf is a development tool).
    ReportLab writes no object streams, so every page dictionary is plain text in the file."""
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-64:]:
        raise RuntimeError("the output is not a complete PDF file")
    pages = len(PAGE_OBJECT.findall(data))
    if pages < 1:
        raise RuntimeError("the PDF has no pages")
    if b"DejaVuSans" not in data or b"/FontFile2" not in data:
        raise RuntimeError("the DejaVu Sans font is not embedded (assets/fonts missing?)")
    return pages


CORE_STEPS = (Step("temporary store", temporary_store), Step("migrations", migrations),
              Step("write and read a record", record), Step("render a PDF", pdf))
