"""The one database worker: results come back on the GUI thread, errors reach the right place."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication

from caseteam.errors import NotFound, ValidationError
from caseteam.services import people
from ui.diagnostics import describe_exception, log_file, setup_logging
from ui.operations import Operations
from builders import reader  # noqa: E402


@pytest.fixture
def ops(qtbot, empty_path, dialogs):
    operations = Operations()
    opened = []
    with qtbot.waitSignal(operations.idle, timeout=20_000):
        operations.open_store(empty_path, on_done=opened.append)
    assert opened and not opened[0].has_accounts and not opened[0].is_demo  # nobody signed in yet
    yield operations
    operations.shutdown()


def test_op_runs_on_the_worker_and_answers_on_the_gui_thread(qtbot, ops):
    seen = {}

    def op(uow):
        seen["op_thread"] = QThread.currentThread()
        seen["write"] = uow.write
        return people.caseload_count(uow, reader())

    def done(value):
        seen["done_thread"] = QThread.currentThread()
        seen["value"] = value

    with qtbot.waitSignal(ops.idle):
        ops.run(op, on_done=done, write=False)
    gui_thread = QApplication.instance().thread()
    assert seen["value"] == 0
    assert seen["write"] is False
    assert seen["op_thread"] is not gui_thread
    assert seen["done_thread"] is gui_thread


def test_answers_arrive_in_the_order_asked(qtbot, ops):
    answers = []
    with qtbot.waitSignal(ops.idle):
        for n in range(5):
            ops.run(lambda uow, n=n: n, on_done=answers.append, write=False)
        assert ops.pending == 5
    assert answers == [0, 1, 2, 3, 4]
    assert ops.pending == 0


def test_a_caseteam_error_goes_to_on_error(qtbot, ops, dialogs):
    errors, finals = [], []

    def op(uow):
        raise ValidationError("given_name", "Given name is required.")

    with qtbot.waitSignal(ops.idle):
        ops.run(op, on_done=lambda v: pytest.fail("on_done after an error"), on_error=errors.append,
                on_finally=lambda: finals.append(True))
    assert [e.message for e in errors] == ["Given name is required."]
    assert finals == [True]
    assert dialogs == []


def test_a_caseteam_error_without_on_error_shows_its_plain_message(qtbot, ops, dialogs):
    def op(uow):
        raise NotFound("No person matches PE-9999.")

    with qtbot.waitSignal(ops.idle):
        ops.run(op)
    assert dialogs == [("plain", "No person matches PE-9999.")]


def test_an_unexpected_error_is_logged_without_its_message_and_shown_plainly(qtbot, ops, dialogs):
    setup_logging()

    name = "Nguyễn Thị Ánh"

    def op(uow):
        raise KeyError(name)  # a message that may carry a name must not reach the log

    errors = []
    with qtbot.waitSignal(ops.idle):
        ops.run(op, on_error=errors.append)
    assert errors == []  # on_error is for plain-language caseteam errors only
    [details] = dialogs.unexpected()
    assert "builtins.KeyError" in details and "in op" in details
    assert "Nguyễn" not in details
    text = log_file().read_text(encoding="utf-8")
    assert "builtins.KeyError" in text
    assert "Nguyễn" not in text
    dialogs.clear()


def test_a_broken_screen_callback_is_reported_not_raised(qtbot, ops, dialogs):
    with qtbot.waitSignal(ops.idle):
        ops.run(lambda uow: 1, on_done=lambda value: 1 / 0)
    [details] = dialogs.unexpected()
    assert "ZeroDivisionError" in details
    dialogs.clear()


def test_slow_work_shows_busy_then_clears(qtbot, ops):
    release = threading.Event()
    states = []
    ops.busy_changed.connect(lambda busy, text: states.append((busy, text)))
    with qtbot.waitSignal(ops.busy_changed, timeout=5_000) as shown:
        ops.run(lambda uow: release.wait(10), progress_text="Loading the demo partnership…")
    assert shown.args == [True, "Loading the demo partnership…"]
    assert ops.busy and ops.pending == 1
    with qtbot.waitSignal(ops.idle, timeout=5_000):
        release.set()
    assert states[-1] == (False, "")
    assert not ops.busy


def test_quick_work_never_shows_busy(qtbot, ops):
    states = []
    ops.busy_changed.connect(lambda busy, text: states.append(busy))
    with qtbot.waitSignal(ops.idle):
        ops.run(lambda uow: None, write=False)
    assert states == []


def test_store_level_work_gets_the_store(qtbot, ops):
    got = []
    with qtbot.waitSignal(ops.idle):
        ops.run_on_store(lambda store: store.kind, on_done=got.append)
    assert got == ["sqlite"]


def test_shutdown_finishes_queued_work_stops_the_thread_and_ignores_later_requests(qtbot, ops):
    answers = []
    ops.run(lambda uow: "queued before closing", on_done=answers.append, write=False)
    ops.shutdown()
    assert ops._thread.isFinished()
    assert ops._worker.store is None  # the store was closed on the worker
    ops.run(lambda uow: pytest.fail("ran after shutdown"))
    ops.shutdown()  # twice is harmless
    QApplication.processEvents()  # deliver any answer already queued: none may call back into screens
    assert answers == []


def test_describe_exception_keeps_types_and_frames_but_no_messages():
    first, second = "José Muñoz", "Muñoz again"
    try:
        try:
            raise ValueError(first)
        except ValueError as inner:
            raise RuntimeError(second) from inner
    except RuntimeError as exc:
        text = describe_exception(exc)
    assert "builtins.RuntimeError" in text and "builtins.ValueError" in text
    assert "Muñoz" not in text


def test_an_answer_for_a_screen_deleted_meanwhile_is_dropped_not_an_error(qtbot, ops, dialogs):
    """Sign-out removes the screens while their last answers are on the way; those answers are dropped."""
    from PySide6.QtWidgets import QComboBox

    combo = QComboBox()
    combo.addItem("chosen", 1)
    shown = []
    ops.run(lambda uow: 1, on_done=lambda _value: shown.append(combo.currentData()), write=False)
    import shiboken6

    shiboken6.delete(combo)  # as deleteLater would, before the answer is delivered
    with qtbot.waitSignal(ops.idle, timeout=20_000):
        pass
    assert shown == [] and dialogs.unexpected() == []
